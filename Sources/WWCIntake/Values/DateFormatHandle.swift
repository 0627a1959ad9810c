internal import CICU

/// Owns one strict (non-lenient, Gregorian, UTC) ICU date parser and closes it in `deinit`.
///
/// Not thread-safe; a `ValueParser` owns its handles.
final class DateFormatHandle {
    enum Style: Int32 {
        case iso = -1, full = 0, long = 1, medium = 2, short = 3
    }

    enum Outcome {
        case parsed(year: Int, month: Int, day: Int)
        /// The text matched the pattern but a field is out of range (31 February).
        case outOfRange
        case rejected
    }

    private let raw: OpaquePointer
    let style: Style
    /// The ICU pattern in use, e.g. `d/MM/y`.
    let pattern: String
    /// Whether the month is written as a name (`MMM`, `MMMM`), not as a number: numeric
    /// day/month orders can be ambiguous (decided once here, not per parsed date).
    let hasMonthName: Bool

    init(locale: String, style: Style, fourDigitYear: Bool) throws(ICUStatus) {
        var status: Int32 = 0
        guard let handle = wwc_datefmt_open(locale, style.rawValue, fourDigitYear ? 1 : 0, &status) else {
            throw ICUStatus(rawValue: status)
        }
        self.raw = handle
        self.style = style
        self.pattern = (try? ICUCall.string(initialCapacity: 64) { wwc_datefmt_pattern(handle, $0, $1) }.get()) ?? ""
        self.hasMonthName = pattern.contains("MMM")
    }

    deinit { wwc_datefmt_close(raw) }

    func parse(_ text: String) -> Outcome {
        var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, offset: Int32 = 0
        let status = ICUCall.withUTF8(text) { pointer, length in
            wwc_datefmt_parse(raw, pointer, length, &year, &month, &day, &offset)
        }
        switch status {
        case Int32(WWC_OK): return .parsed(year: Int(year), month: Int(month), day: Int(day))
        case Int32(WWC_ERR_RANGE): return .outOfRange
        default: return .rejected
        }
    }

    func format(year: Int, month: Int, day: Int) -> String? {
        try? ICUCall.string(initialCapacity: 64) { out, capacity in
            wwc_datefmt_format(raw, Int32(year), Int32(month), Int32(day), out, capacity)
        }.get()
    }
}

/// The date parsers a locale tries, in order: ISO first, then short, medium, long and full,
/// each also with a 4-digit year (entries whose pattern an earlier one has are skipped).
enum DateFormatPlan {
    struct Entry {
        let style: DateFormatHandle.Style
        let fourDigitYear: Bool
    }

    static let entries: [Entry] = [
        Entry(style: .iso, fourDigitYear: false), Entry(style: .short, fourDigitYear: false),
        Entry(style: .short, fourDigitYear: true), Entry(style: .medium, fourDigitYear: false),
        Entry(style: .medium, fourDigitYear: true), Entry(style: .long, fourDigitYear: false),
        Entry(style: .long, fourDigitYear: true), Entry(style: .full, fourDigitYear: false),
    ]

    /// The pattern of the ISO entry (`WWC_DATE_ISO` in wwc_date.c).
    static let isoPattern = "yyyy-MM-dd"
}
