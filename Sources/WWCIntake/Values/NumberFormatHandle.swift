internal import CICU

/// Owns one strict ICU number parser (`wwc_numfmt`) and closes it in `deinit`.
///
/// Not thread-safe (ICU formatters keep parse state); a `ValueParser` owns its handles.
final class NumberFormatHandle {
    enum Style: Int32 {
        case decimal = 0, integer, percent, currency, currencySwapped, plainInteger
    }

    enum Outcome {
        /// ICU's decimal text (possibly E notation) and, for currency styles, the ISO code.
        case parsed(DecimalText, currency: String?)
        /// Nothing parsed, or not all of the text (`offset` in UTF-16 units).
        case rejected(offset: Int)
    }

    private let raw: OpaquePointer
    let style: Style

    init(locale: String, style: Style) throws(ICUStatus) {
        var status: Int32 = 0
        guard let handle = wwc_numfmt_open(locale, style.rawValue, &status) else {
            throw ICUStatus(rawValue: status)
        }
        self.raw = handle
        self.style = style
    }

    deinit { wwc_numfmt_close(raw) }

    func parse(_ text: String) -> Outcome {
        var offset: Int32 = 0
        var currency = [CChar](repeating: 0, count: 4)
        let result = ICUCall.withUTF8(text) { pointer, length in
            ICUCall.string(initialCapacity: 64) { out, capacity in
                wwc_numfmt_parse(raw, pointer, length, out, capacity, &currency, &offset)
            }
        }
        guard case .success(let decimalText) = result, let decimal = DecimalText(icu: decimalText) else {
            return .rejected(offset: Int(offset))
        }
        let code = currency[0] == 0 ? nil : String(decoding: currency.prefix(3).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .parsed(decimal, currency: code)
    }

    /// A number written by the locale's own pattern, for `example` arguments.
    func format(_ decimal: String, currency: String? = nil) -> String? {
        let result = ICUCall.string(initialCapacity: 64) { out, capacity in
            if let currency {
                return wwc_numfmt_format(raw, decimal, currency, out, capacity)
            }
            return wwc_numfmt_format(raw, decimal, nil, out, capacity)
        }
        return try? result.get()
    }

    func symbol(_ which: Int32) -> String {
        (try? ICUCall.string(initialCapacity: 16) { out, capacity in
            wwc_numfmt_symbol(raw, which, out, capacity)
        }.get()) ?? ""
    }

    var decimalSeparator: String { symbol(Int32(WWC_SYMBOL_DECIMAL)) }
    var groupingSeparator: String { symbol(Int32(WWC_SYMBOL_GROUPING)) }
}
