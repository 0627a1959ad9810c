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
        if let iso = Self.isoDateTimeDate(text) { return Parsed(iso) }
        return try dateViaICU(text, raw: raw)
    }

    /// `date` on the cleaned text through ICU's parsers (every text `plainISODate` leaves):
    /// as written, then with the everyday spellings the locale's patterns lack rewritten to
    /// what they have (`everydayDateText`).
    func dateViaICU(_ text: String, raw: String) throws(ValueError) -> Parsed<String> {
        // ICU's date parser, like its number parser, is superlinear on long digit runs; the
        // longest full-style date of any locale is far below this.
        guard text.utf8.count <= Self.maxDateTextBytes else {
            throw failure(.dateInvalid, raw, example: try dateExample())
        }
        if let parsed = try dateByPlan(text, raw: raw) { return parsed }
        if let isoDate = Self.isoDateTimeDate(text) { return Parsed(isoDate) }
        if let everyday = try everydayDateText(text), let parsed = try dateByPlan(everyday, raw: raw) { return parsed }
        throw failure(.dateInvalid, raw, example: try dateExample())
    }

    /// The first reading of `text` by the plan's parsers, nil when none reads it.
    private func dateByPlan(_ text: String, raw: String) throws(ValueError) -> Parsed<String>? {
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
                // All-numeric day and month that could be swapped (03/04/2024): read in the
                // locale's order. Whether that order can be trusted is the form's business (a
                // declared region or one from the country is trusted; see `RecordAssembler`),
                // so the warning says what the other reading would be.
                if format.style != .iso, !format.hasMonthName, day <= 12, month <= 12, day != month {
                    warnings.append(failure(.dateAmbiguous, raw, example: try dateExample(), [
                        "interpretation": .text(iso),
                        "alternative": .text(Self.isoDate(year: year, month: day, day: month)),
                        "count": 1,
                        "dates": .text("\(raw) → \(iso)"),
                    ]))
                }
                return Parsed(iso, warnings: warnings)
            case .outOfRange:
                throw failure(.dateInvalid, raw, example: try dateExample(), ["reason": "out_of_range"])
            case .rejected:
                continue
            }
        }
        return nil
    }

    /// The calendar date of an ISO 8601 date-time as written (`2024-03-15T14:02:11Z`,
    /// `2024-03-15 10:00`, `2024-03-15T23:30:00-05:00`): the date part, with a valid time of
    /// day after `T` or one space, optional seconds and fraction, and an optional `Z` or
    /// `±hh[:mm]` offset. An offset never moves the day: the writer's calendar date is the
    /// date meant. Nil for anything else.
    static func isoDateTimeDate(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count > 11, let date = plainISODate(String(decoding: bytes[..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
        else { return nil }
        var index = 11
        func number(_ digits: Int, max: Int) -> Bool {
            guard index + digits <= bytes.count else { return false }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value <= max
        }
        func skip(_ byte: Character) -> Bool {
            guard index < bytes.count, bytes[index] == byte.asciiValue else { return false }
            index += 1
            return true
        }
        guard number(2, max: 23), skip(":"), number(2, max: 59) else { return nil }
        if skip(":") {
            guard number(2, max: 60) else { return nil }
            if skip(".") || skip(",") {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
        }
        if skip("Z") {
        } else if skip("+") || skip("-") {
            guard number(2, max: 23) else { return nil }
            if skip(":") {
                guard number(2, max: 59) else { return nil }
            } else if index < bytes.count {
                guard number(2, max: 59) else { return nil }
            }
        }
        return index == bytes.count ? date : nil
    }

    /// `text` with the everyday spellings the locale's ICU patterns do not have rewritten to
    /// ones they have, nil when there is none:
    /// - ordinal days as the locale's (or its language's) ordinal rule-based number format
    ///   writes them → the plain day: `1er mars` → `1 mars`, `1.º de marzo`, `1º de março`,
    ///   `March 1st` (the degree sign, which Portuguese keyboards offer for `º`, counts as `º`);
    /// - `del` before the year where the pattern has `de` (`15 de marzo del 2024`, es);
    /// - the comma the pattern puts between day and year left out (`march 15 2024`, en).
    func everydayDateText(_ text: String) throws(ValueError) -> String? {
        var scalars = Array(text.unicodeScalars)
        let original = scalars
        replaceOrdinalDays(&scalars)
        let patterns = try datePatterns()
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        if patterns.contains(where: { $0.contains("'de' y") }) {
            // "del" + space + a digit → "de".
            var index = 0
            while index + 4 < scalars.count {
                if index > 0, scalars[index - 1] == " ", String(String.UnicodeScalarView(scalars[index..<(index + 3)])).lowercased() == "del",
                    scalars[index + 3] == " ", isDigit(scalars[index + 4]) {
                    scalars.remove(at: index + 2)
                }
                index += 1
            }
        }
        if patterns.contains(where: { $0.contains("d, y") }), !scalars.contains(",") {
            // "… 15 2024" → "… 15, 2024": one or two digits, a space, then the 4-digit year at the end.
            let count = scalars.count
            if count >= 7, scalars[(count - 4)...].allSatisfy(isDigit), scalars[count - 5] == " ", isDigit(scalars[count - 6]) {
                scalars.insert(",", at: count - 5)
            }
        }
        guard scalars != original else { return nil }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Rewrites every ordinal day (`1er`, `22nd`) that stands alone as a word to its digits.
    private func replaceOrdinalDays(_ scalars: inout [Unicode.Scalar]) {
        let forms = ordinalDayForms
        var index = 0
        while index < scalars.count {
            guard ("0"..."9").contains(scalars[index]), index == 0 || !("0"..."9").contains(scalars[index - 1]) else {
                index += 1
                continue
            }
            for (form, day) in forms {
                let end = index + form.count
                guard end <= scalars.count,
                    zip(scalars[index..<end], form).allSatisfy({ $0 == $1 || ($0 == "\u{00B0}" && $1 == "\u{00BA}") })
                else { continue }
                if end < scalars.count, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) { continue }
                scalars.replaceSubrange(index..<end, with: String(day).unicodeScalars)
                break
            }
            index += 1
        }
    }

    /// The patterns of every date parser of the plan (opening those not open yet).
    private func datePatterns() throws(ValueError) -> [String] {
        var patterns: [String] = []
        for index in DateFormatPlan.entries.indices {
            if let format = try dateFormat(at: index) { patterns.append(format.pattern) }
        }
        return patterns
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
