extension ValueParser {
    /// A calendar date → `YYYY-MM-DD`.
    ///
    /// ISO `2024-03-15` is always accepted; then the locale's short, medium, long and full
    /// forms, each also with a 4-digit year (`15/03/24` and `15/03/2024` in es-CO,
    /// `03/15/2024` en-US, `2024-03-15` fr-CA, `15 de março de 2024` pt-BR). Parsing is strict
    /// (non-lenient ICU): no calendar rollover, so `31/02/2024` is `date.invalid` rather than
    /// 2 March, and `15/03/2024` in en-US is `date.invalid` rather than a date in 2025.
    /// The error carries `example`: 15 March 2024 in the locale's short form with a 4-digit year.
    ///
    /// Years outside 1800…2200 are `date.invalid` (`reason: out_of_range`).
    ///
    /// Warning `date.ambiguous` when a numeric (non-ISO) form has day and month both ≤ 12 and
    /// different (`03/04/2024`): the value is read in the locale's order, but a writer used to
    /// the other order would have meant the `alternative` (ISO) date.
    public func date(_ raw: String) throws(ValueError) -> Parsed<String> {
        let text = try self.text(raw)
        let formats = try dateFormats()
        // ICU's date parser, like its number parser, is superlinear on long digit runs; the
        // longest full-style date of any locale is far below this.
        guard text.utf8.count <= Self.maxDateTextBytes else {
            throw failure(.dateInvalid, raw, example: dateExample(formats))
        }
        let isISOShaped = Self.isISOShaped(text)
        for format in formats {
            // The ISO parser only for ISO-shaped text (ICU would take "2024-3-5" too).
            if format.style == .iso && !isISOShaped { continue }
            switch format.parse(text) {
            case .parsed(let year, let month, let day):
                guard Self.plausibleYears.contains(year) else {
                    throw failure(.dateInvalid, raw, example: dateExample(formats), ["reason": "out_of_range"])
                }
                let iso = Self.isoDate(year: year, month: month, day: day)
                var warnings: [ValueError] = []
                // All-numeric day and month that could be swapped (03/04/2024): the form is read
                // with its locale's order, but a writer used to the other order is flagged.
                if format.style != .iso, !format.pattern.contains("MMM"), day <= 12, month <= 12, day != month {
                    warnings.append(failure(.dateAmbiguous, raw, example: dateExample(formats), [
                        "interpretation": .text(iso),
                        "alternative": .text(Self.isoDate(year: year, month: day, day: month)),
                    ]))
                }
                return Parsed(iso, warnings: warnings)
            case .outOfRange:
                throw failure(.dateInvalid, raw, example: dateExample(formats), ["reason": "out_of_range"])
            case .rejected:
                continue
            }
        }
        throw failure(.dateInvalid, raw, example: dateExample(formats))
    }

    /// Longest date text handed to ICU, in UTF-8 bytes.
    static let maxDateTextBytes = 256

    /// Years an application date can have (the same bounds as `year`): `1/1/1` is not 0001-01-01.
    static let plausibleYears = 1800...2200

    /// 15 March 2024 written the locale's short way with a 4-digit year.
    func dateExample(_ formats: [DateFormatHandle]) -> String? {
        let preferred = formats.first { $0.style == .short && !$0.pattern.contains("yy") }
            ?? formats.first { $0.style == .short }
        return preferred?.format(year: 2024, month: 3, day: 15)
    }

    static func isISOShaped(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    static func isoDate(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
