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

    init(locale: String, style: Style, fourDigitYear: Bool) throws(ICUStatus) {
        var status: Int32 = 0
        guard let handle = wwc_datefmt_open(locale, style.rawValue, fourDigitYear ? 1 : 0, &status) else {
            throw ICUStatus(rawValue: status)
        }
        self.raw = handle
        self.style = style
        self.pattern = (try? ICUCall.string(initialCapacity: 64) { wwc_datefmt_pattern(handle, $0, $1) }.get()) ?? ""
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
