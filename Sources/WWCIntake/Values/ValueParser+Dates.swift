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
        // A valid ISO date of a plausible year, the most common writing: exactly what ICU's
        // ISO parser returns for it, without ICU (~30,000 instructions per parse).
        if let iso = Self.plainISODate(text) { return Parsed(iso) }
        return try dateViaICU(text, raw: raw)
    }

    /// `date` on the cleaned text through ICU's parsers (every text `plainISODate` leaves).
    func dateViaICU(_ text: String, raw: String) throws(ValueError) -> Parsed<String> {
        // ICU's date parser, like its number parser, is superlinear on long digit runs; the
        // longest full-style date of any locale is far below this.
        guard text.utf8.count <= Self.maxDateTextBytes else {
            throw failure(.dateInvalid, raw, example: try dateExample())
        }
        let isISOShaped = Self.isISOShaped(text)
        for index in DateFormatPlan.entries.indices {
            // The ISO parser only for ISO-shaped text (ICU would take "2024-3-5" too).
            if DateFormatPlan.entries[index].style == .iso && !isISOShaped { continue }
            guard let format = try dateFormat(at: index) else { continue }
            switch format.parse(text) {
            case .parsed(let year, let month, let day):
                guard Self.plausibleYears.contains(year) else {
                    throw failure(.dateInvalid, raw, example: try dateExample(), ["reason": "out_of_range"])
                }
                let iso = Self.isoDate(year: year, month: month, day: day)
                var warnings: [ValueError] = []
                // All-numeric day and month that could be swapped (03/04/2024): the form is read
                // with its locale's order, but a writer used to the other order is flagged.
                if format.style != .iso, !format.hasMonthName, day <= 12, month <= 12, day != month {
                    warnings.append(failure(.dateAmbiguous, raw, example: try dateExample(), [
                        "interpretation": .text(iso),
                        "alternative": .text(Self.isoDate(year: year, month: day, day: month)),
                    ]))
                }
                return Parsed(iso, warnings: warnings)
            case .outOfRange:
                throw failure(.dateInvalid, raw, example: try dateExample(), ["reason": "out_of_range"])
            case .rejected:
                continue
            }
        }
        throw failure(.dateInvalid, raw, example: try dateExample())
    }

    /// `YYYY-MM-DD` in ASCII digits naming a real Gregorian date with a year in
    /// `plausibleYears`, returned as it is; nil for any other text (ICU decides those: other
    /// digits, out-of-range fields, implausible years, other shapes).
    static func plainISODate(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var digits = (0, 0, 0)  // year, month, day
        for (index, byte) in utf8.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch index {
            case 0..<4: digits.0 = digits.0 * 10 + digit
            case 5..<7: digits.1 = digits.1 * 10 + digit
            default: digits.2 = digits.2 * 10 + digit
            }
        }
        let (year, month, day) = digits
        guard plausibleYears.contains(year), (1...12).contains(month), day >= 1,
            day <= daysInGregorianMonth(month, year: year)
        else { return nil }
        return text
    }

    /// Days of a month in the Gregorian calendar (ICU's for every plausible year, all after
    /// its 1582 Julian cut-over).
    static func daysInGregorianMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Longest date text handed to ICU, in UTF-8 bytes.
    static let maxDateTextBytes = 256

    /// Years an application date can have (the same bounds as `year`): `1/1/1` is not 0001-01-01.
    static let plausibleYears = 1800...2200

    /// 15 March 2024 written the locale's short way with a 4-digit year (computed once).
    func dateExample() throws(ValueError) -> String? {
        if let cachedDateExample { return cachedDateExample }
        var shortFormats: [DateFormatHandle] = []
        for index in DateFormatPlan.entries.indices where DateFormatPlan.entries[index].style == .short {
            if let format = try dateFormat(at: index) { shortFormats.append(format) }
        }
        let preferred = shortFormats.first { !$0.pattern.contains("yy") } ?? shortFormats.first
        let example = preferred?.format(year: 2024, month: 3, day: 15)
        cachedDateExample = .some(example)
        return example
    }

    static func isISOShaped(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    static func isoDate(year: Int, month: Int, day: Int) -> String {
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            let bytes: [UInt8] = [
                zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10),
                zero + UInt8(year % 10), dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash,
                zero + UInt8(day / 10), zero + UInt8(day % 10),
            ]
            return String(decoding: bytes, as: UTF8.self)
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
