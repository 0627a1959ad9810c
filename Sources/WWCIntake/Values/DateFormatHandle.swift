internal import CICU

/// Owns one strict (non-lenient, Gregorian, UTC) ICU date parser and closes it in `deinit`.
///
/// Not thread-safe; a `ValueParser` owns its handles.
final class DateFormatHandle {
    enum Style: Int32 {
        case iso = -1, full = 0, long = 1, medium = 2, short = 3
    }

    enum Outcome: Equatable {
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
    /// Set when the pattern is all-numeric (`dd/MM/y`, `M/d/yy`, `y-MM-dd`): the common dates
    /// of that shape are then read without ICU (see `NumericDateShape`).
    let numericShape: NumericDateShape?

    init(locale: String, style: Style, fourDigitYear: Bool) throws(ICUStatus) {
        var status: Int32 = 0
        guard let handle = wwc_datefmt_open(locale, style.rawValue, fourDigitYear ? 1 : 0, &status) else {
            throw ICUStatus(rawValue: status)
        }
        self.raw = handle
        self.style = style
        self.pattern = (try? ICUCall.string(initialCapacity: 64) { wwc_datefmt_pattern(handle, $0, $1) }.get()) ?? ""
        self.hasMonthName = pattern.contains("MMM")
        self.numericShape = NumericDateShape(pattern: pattern)
    }

    deinit { wwc_datefmt_close(raw) }

    func parse(_ text: String) -> Outcome {
        if let shape = numericShape, let date = shape.read(text) {
            return .parsed(year: date.year, month: date.month, day: date.day)
        }
        return parseViaICU(text)
    }

    /// `parse` by ICU alone.
    func parseViaICU(_ text: String) -> Outcome {
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
        /// The language's own form (`fr` for fr-CA), used only where the region's numeric form
        /// is year-first and the language's is day-first: French never puts the month first, so
        /// Quebec's everyday `15/03/2024` is read; en-CA is left as it is (English writes both
        /// orders, and `en` is month-first).
        var ofLanguage = false
    }

    static let entries: [Entry] = [
        Entry(style: .iso, fourDigitYear: false), Entry(style: .short, fourDigitYear: false),
        Entry(style: .short, fourDigitYear: true),
        Entry(style: .short, fourDigitYear: true, ofLanguage: true),
        Entry(style: .short, fourDigitYear: false, ofLanguage: true),
        Entry(style: .medium, fourDigitYear: false),
        Entry(style: .medium, fourDigitYear: true), Entry(style: .long, fourDigitYear: false),
        Entry(style: .long, fourDigitYear: true), Entry(style: .full, fourDigitYear: false),
    ]

    /// The pattern of the ISO entry (`WWC_DATE_ISO` in wwc_date.c).
    static let isoPattern = "yyyy-MM-dd"
}

/// An all-numeric date pattern: day, month and year fields (`d`/`dd`, `M`/`MM`, `y`/`yy`/`yyyy`)
/// in some order, one ASCII `/`, `.` or `-` between them (the short patterns of the form
/// locales, and ISO).
///
/// `read` accepts only text that ICU's strict parser of that pattern certainly reads the same
/// way: ASCII digits, two for day and month (one or two where the pattern has `d` or `M`), exactly four for the year (so ICU's
/// two-digit-year century rule, which depends on today's date, never applies), the pattern's
/// separators, nothing else; a real Gregorian date of a plausible year. Everything else —
/// including every text it could get wrong — is left to ICU (pinned in `ValueFastPathTests`).
struct NumericDateShape {
    enum Field { case day, month, year }

    let fields: [Field]
    /// Pattern letters per field (`dd` → 2): ICU's strict parser wants exactly two digits for
    /// `dd` and `MM`, one or two for `d` and `M`.
    let widths: [Int]
    let separators: [UInt8]

    init?(pattern: String) {
        var fields: [Field] = []
        var widths: [Int] = []
        var separators: [UInt8] = []
        var expectField = true
        var bytes = Array(pattern.utf8)[...]
        while let first = bytes.first {
            if expectField {
                let field: Field
                switch first {
                case UInt8(ascii: "d"): field = .day
                case UInt8(ascii: "M"): field = .month
                case UInt8(ascii: "y"): field = .year
                default: return nil
                }
                let run = bytes.prefix { $0 == first }.count
                guard field == .year ? [1, 2, 4].contains(run) : run <= 2, !fields.contains(field) else { return nil }
                fields.append(field)
                widths.append(run)
                bytes = bytes.dropFirst(run)
            } else {
                guard [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")].contains(first) else { return nil }
                separators.append(first)
                bytes = bytes.dropFirst()
            }
            expectField.toggle()
        }
        guard fields.count == 3, separators.count == 2 else { return nil }
        self.fields = fields
        self.widths = widths
        self.separators = separators
    }

    func read(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var year = 0, month = 0, day = 0
        var fieldIndex = 0
        var digits = 0
        var value = 0
        func finish() -> Bool {
            switch fields[fieldIndex] {
            case .day: guard digits == 2 || (digits == 1 && widths[fieldIndex] == 1) else { return false }; day = value
            case .month: guard digits == 2 || (digits == 1 && widths[fieldIndex] == 1) else { return false }; month = value
            case .year: guard digits == 4 else { return false }; year = value
            }
            return true
        }
        for byte in text.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
                guard digits <= 4 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                guard fieldIndex < 2, byte == separators[fieldIndex], finish() else { return nil }
                fieldIndex += 1
                digits = 0
                value = 0
            }
        }
        guard fieldIndex == 2, finish() else { return nil }
        guard ValueParser.plausibleYears.contains(year), (1...12).contains(month), day >= 1,
            day <= ValueParser.daysInGregorianMonth(month, year: year)
        else { return nil }
        return (year, month, day)
    }
}
