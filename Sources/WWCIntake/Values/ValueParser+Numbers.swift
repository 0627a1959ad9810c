internal import CICU

extension ValueParser {
    /// A whole number written the locale's way: grouping allowed (`7,181,469` en-US,
    /// `7.181.469` es-CO, `7 181 469` fr with U+0020, U+00A0 or U+202F), no fraction, no
    /// exponent, nothing after it. `1.234` in en-US is `number.invalid` (`.` is a decimal
    /// separator there, so it is not 1234), as is misplaced grouping (`12,34`).
    public func integer(_ raw: String) throws(ValueError) -> Parsed<Int> {
        let text = try numericText(raw)
        if let value = Self.plainDigitsValue(text) { return Parsed(value) }
        return try integerViaICU(text, raw: raw)
    }

    /// `integer` on the cleaned text through ICU (every text `plainDigitsValue` leaves).
    func integerViaICU(_ text: String, raw: String) throws(ValueError) -> Parsed<Int> {
        guard case .parsed(let decimal, _) = try numberFormat(.integer).parse(text) else {
            throw numberInvalid(raw, example: exampleNumber(integer: true))
        }
        guard let value = decimal.integerValue else {
            throw failure(.numberOutOfRange, raw, example: exampleNumber(integer: true))
        }
        return Parsed(value)
    }

    /// An exact decimal in plain notation (`"12500000.5"`, `"14.2"`, `"0.734"`): parsed by
    /// ICU strictly, never through a binary float. Exponents (`1e3`), misplaced grouping and
    /// trailing text are `number.invalid`.
    ///
    /// Warning `number.ambiguous` (the value is still accepted) when another region would read
    /// the same text differently: the number holds exactly one `.` or `,`, it is this locale's
    /// grouping or decimal separator, it is followed by exactly three digits and preceded by
    /// one to three digits not starting with 0. So `1,234` in en-US is 1234 with a warning (es-CO
    /// would read 1.234), and `1.500` in es-MX is 1.5 with a warning (es-CO would read 1500);
    /// `1,234.5`, `12,345,678`, `0.125` and `1 234` are not ambiguous. Also applied to percent
    /// and money amounts. Arguments: `value`, `locale`, `interpretation` (our reading),
    /// `alternative` (the other reading).
    public func decimal(_ raw: String) throws(ValueError) -> Parsed<String> {
        let text = try numericText(raw)
        // Plain ASCII digits: ICU reads them as that integer and, with no `.` or `,`, there
        // is nothing ambiguous.
        if Self.plainDigitsValue(text) != nil, let decimal = DecimalText(icu: text) {
            return Parsed(decimal.description)
        }
        return try decimalViaICU(text, raw: raw)
    }

    /// `decimal` on the cleaned text through ICU.
    func decimalViaICU(_ text: String, raw: String) throws(ValueError) -> Parsed<String> {
        guard case .parsed(let decimal, _) = try numberFormat(.decimal).parse(text) else {
            throw numberInvalid(raw, example: exampleNumber(integer: false))
        }
        return Parsed(decimal.description, warnings: try groupingWarnings(raw, text: text, reading: decimal))
    }

    /// A percentage as a fraction: `73,4 %` (fr) → `"0.734"`, `73.4%` (en) → `"0.734"`.
    /// The locale's percent sign may be written with or without the space before it.
    /// A bare number (no `%`) ≤ 1 is taken as a fraction (`0.734` → `"0.734"`) and one > 1 as a
    /// percent (`73.4` → `"0.734"`). A bare number in (0, 1] could be either (0.5 % or 50 %),
    /// so it carries warning `percent.ambiguous` with `interpretation` = the fraction chosen.
    public func percent(_ raw: String) throws(ValueError) -> Parsed<String> {
        let text = try numericText(raw)
        if case .parsed(let fraction, _) = try numberFormat(.percent).parse(text) {
            return Parsed(fraction.description, warnings: try groupingWarnings(raw, text: text, reading: fraction.shifted(by: 2)))
        }
        guard case .parsed(let bare, _) = try numberFormat(.decimal).parse(text) else {
            throw numberInvalid(raw, example: try numberFormat(.percent).format("0.734"))
        }
        var warnings = try groupingWarnings(raw, text: text, reading: bare)
        if bare.magnitudeComparedToOne <= 0 {
            if !bare.isZero {
                warnings.append(failure(.percentAmbiguous, raw, example: try numberFormat(.percent).format(bare.description), [
                    "interpretation": .text(bare.description),
                    "alternative": .text(bare.shifted(by: -2).description),
                ]))
            }
            return Parsed(bare.description, warnings: warnings)
        }
        return Parsed(bare.shifted(by: -2).description, warnings: warnings)
    }

    /// Money → exact amount + ISO 4217 code: `R$ 1.234,56` (pt-BR) → 1234.56 BRL.
    ///
    /// The currency sign is read by ICU for this locale, so `$` is the region's dollar/peso
    /// (MXN in es-MX, COP in es-CO, ARS in es-AR, CAD in en-CA/fr-CA, USD in en-US); ISO codes
    /// are accepted on either side (`USD 1,200.50`, `1 200,50 EUR`), with or without a space.
    /// Other symbols come from ICU's currency data (`currencySymbolTable`): the locale's, its
    /// language's, root's and English symbols, so `US$`, `CA$`, `MX$`, `R$` and `$ CA` (fr-CA)
    /// are read anywhere. A symbol and a code together (`$2,500.00 USD`) must agree: the code
    /// decides a generic `$`; `€2,500 USD` is `money.currency_conflict` naming both.
    /// A bare number takes the region's currency with warning `money.currency_assumed`
    /// (argument `currency`). A currency ICU does not know → `money.currency_unknown`.
    ///
    /// A reading with more fraction digits than its currency has (`R$ 1,250` read as 1.250
    /// BRL) is never chosen: the other reading (1250) would need a grouping separator the
    /// locale does not use, so the value is `money.ambiguous`, an error that shows both readings
    /// and how to write each (see `checkFractionDigits`).
    public func money(_ raw: String) throws(ValueError) -> Parsed<MoneyValue> {
        let text = try numericText(raw)
        for style in [NumberFormatHandle.Style.currency, .currencySwapped] {
            if case .parsed(let amount, let currency?) = try numberFormat(style).parse(text) {
                return try moneyReading(raw, text: text, amount: amount, currency: currency)
            }
        }
        if let (amount, currency) = try symbolReading(raw, text: text) {
            return try moneyReading(raw, text: text, amount: amount, currency: currency)
        }
        if case .parsed(let amount, _) = try numberFormat(.decimal).parse(text) {
            guard let currency = regionCurrency else {
                throw failure(.moneyCurrencyUnknown, raw, example: exampleMoney(), ["currency": ""])
            }
            var reading = try moneyReading(raw, text: text, amount: amount, currency: currency)
            reading.warnings.append(failure(.moneyCurrencyAssumed, raw, ["currency": .text(currency)]))
            return reading
        }
        // Tell an unknown currency apart from a bad number: strip the non-numeric ends and see
        // whether what is left is a number of this locale.
        let (prefix, core, suffix) = splitCurrencyToken(text)
        let token = [prefix, suffix].first { !$0.isEmpty && currencies(forSymbol: $0).isEmpty }
        if let token, looksLikeCurrency(token), !core.isEmpty, case .parsed = try numberFormat(.decimal).parse(core) {
            throw failure(.moneyCurrencyUnknown, raw, example: exampleMoney(), ["currency": .text(token)])
        }
        throw numberInvalid(raw, example: exampleMoney())
    }

    /// A money reading that passed the fraction-digit rule, with its grouping warnings.
    private func moneyReading(
        _ raw: String, text: String, amount: DecimalText, currency: String
    ) throws(ValueError) -> Parsed<MoneyValue> {
        try checkFractionDigits(raw, text: text, amount: amount, currency: currency)
        let warnings = try groupingWarnings(raw, text: text, reading: amount, currency: currency)
        return Parsed(MoneyValue(amount: amount.description, currency: currency), warnings: warnings)
    }

    /// The number between a currency symbol or code before it and/or after it, read with the
    /// locale's decimal pattern; the currency from ICU's symbols (`currencySymbolTable`).
    /// Nil when the text is not shaped so, or a symbol is not a known one (the caller reports).
    /// Two signs must name one currency: a code decides a symbol several currencies share
    /// (`$` … `USD`); none in common → `money.currency_conflict`. A sign shared by several
    /// currencies on its own means the region's currency, else it is not read here.
    func symbolReading(_ raw: String, text: String) throws(ValueError) -> (DecimalText, String)? {
        let (prefix, core, suffix) = splitCurrencyToken(text)
        let signs = [prefix, suffix].flatMap(currencySigns(in:))
        guard !signs.isEmpty, !core.isEmpty, case .parsed(let amount, _) = try numberFormat(.decimal).parse(core) else {
            return nil
        }
        var candidates: Set<String>?
        for sign in signs {
            let codes = currencies(forSymbol: sign, narrow: signs.count > 1)
            if codes.isEmpty { return nil }
            let common = candidates.map { $0.intersection(codes) } ?? codes
            if common.isEmpty {
                throw failure(.moneyCurrencyConflict, raw, example: exampleMoney(currency: codes.count == 1 ? codes.first : nil), [
                    "symbol": .text(signs[0]), "code": .text(sign),
                ])
            }
            candidates = common
        }
        guard let candidates else { return nil }
        if candidates.count == 1, let only = candidates.first { return (amount, only) }
        if let regionCurrency, candidates.contains(regionCurrency) { return (amount, regionCurrency) }
        return nil
    }

    /// The currency signs on one side of a number: the whole run when it is one sign (`$ CA`
    /// is fr's `$CA`), else two signs separated by white space (`€ CAD`), else the whole run
    /// (an unknown sign, reported by the caller).
    func currencySigns(in side: String) -> [String] {
        guard !side.isEmpty else { return [] }
        if !currencies(forSymbol: side, narrow: true).isEmpty { return [side] }
        let scalars = Array(side.unicodeScalars)
        for index in scalars.indices where scalars[index].properties.isWhitespace {
            let left = String(String.UnicodeScalarView(scalars[..<index])).trimmingSpaces
            let right = String(String.UnicodeScalarView(scalars[(index + 1)...])).trimmingSpaces
            if !left.isEmpty, !right.isEmpty, !currencies(forSymbol: left, narrow: true).isEmpty,
                !currencies(forSymbol: right, narrow: true).isEmpty {
                return [left, right]
            }
        }
        return [side]
    }

    /// ISO codes a currency sign can stand for in this locale: itself when it is an ISO code
    /// ICU knows, and every currency whose symbol it is (spaces ignored: `$ CA` = `$CA`).
    ///
    /// Narrow symbols are CLDR's for contexts where the currency is already clear: they count
    /// when `narrow` (a code stands beside the sign) or for the region's own currency. A sign
    /// that is the narrow symbol of several currencies (`$`, `£`, `¥`) is generic: alone it
    /// means only the region's currency (so `$` in pt-BR is no guess at US dollars). `C$`, only
    /// the córdoba's narrow symbol, alone in en-CA names no currency rather than a NIO amount.
    func currencies(forSymbol sign: String, narrow: Bool = false) -> Set<String> {
        let key = Self.symbolKey(sign)
        let table = currencySymbolTable
        let symbolCodes = table.symbols[key] ?? []
        let narrowCodes = table.narrow[key] ?? []
        if narrow { return symbolCodes.union(narrowCodes) }
        if narrowCodes.count > 1 {
            guard let regionCurrency, symbolCodes.contains(regionCurrency) || narrowCodes.contains(regionCurrency) else {
                return []
            }
            return [regionCurrency]
        }
        if let regionCurrency, narrowCodes.contains(regionCurrency) { return symbolCodes.union([regionCurrency]) }
        return symbolCodes
    }

    /// A sign without its white space (`$ CA` and `$CA` are one symbol).
    static func symbolKey(_ sign: String) -> String {
        String(String.UnicodeScalarView(sign.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// Never lets a reading give an amount more fraction digits than its currency has
    /// (ICU's `ucurr_getDefaultFractionDigits`): `US$ 250,000` in es-CO is not 250 dollars.
    ///
    /// The other reading takes the decimal separator as grouping (250000). That needs a
    /// grouping separator the locale does not use (es-CO groups with `.`), so there is no
    /// reading to choose: `money.ambiguous` (an error) with `interpretation` and `alternative`
    /// (both readings), `example` (the alternative written the locale's way) and
    /// `interpretationExample` (the first reading written the locale's way), `currency` and
    /// `digits`. A fraction that is not three-digit grouping either (`R$ 1,2500`) is
    /// `number.invalid`.
    func checkFractionDigits(_ raw: String, text: String, amount: DecimalText, currency: String) throws(ValueError) {
        let allowed = Self.fractionDigits(of: currency)
        let (_, decimalSeparator) = try separators()
        let (_, core, _) = splitCurrencyToken(text)
        let scalars = Array(core.unicodeScalars)
        // Two different ASCII scalars are never canonically equivalent, so an ASCII scalar
        // against an ASCII separator is one comparison, not a `String` made and compared.
        let asciiSeparator = decimalSeparator.unicodeScalars.count == 1 && decimalSeparator.unicodeScalars.first!.isASCII
            ? decimalSeparator.unicodeScalars.first : nil
        guard let mark = scalars.lastIndex(where: { scalar in
            if let asciiSeparator, scalar.isASCII { return scalar == asciiSeparator }
            return String(scalar) == decimalSeparator
        }) else { return }
        let written = scalars[(mark + 1)...].prefix { Self.isDecimalDigit($0) }.count
        guard written > allowed else { return }
        let integerPart = scalars[..<mark].filter { $0.properties.numericType == .decimal }
        let groups = scalars[..<mark].split { $0.properties.numericType != .decimal }
        let isGrouping = written == 3 && groups.count == 1 && (1...3).contains(integerPart.count)
            && integerPart.first != "0"
        guard isGrouping else {
            throw numberInvalid(raw, example: exampleMoney(currency: currency))
        }
        let digits = String(String.UnicodeScalarView(integerPart + scalars[(mark + 1)..<(mark + 1 + written)]))
        let alternative = DecimalText(icu: digits).map { amount.isNegative ? "-\($0)" : $0.description } ?? digits
        let currencyFormat = try numberFormat(.currency)
        throw failure(.moneyAmbiguous, raw, example: currencyFormat.format(alternative, currency: currency), [
            "interpretation": .text(amount.description),
            "alternative": .text(alternative),
            "interpretationExample": .text(currencyFormat.format(amount.description, currency: currency) ?? amount.description),
            "currency": .text(currency),
            "digits": .number(allowed),
        ])
    }

    /// A year 1800…2200 written as plain digits (no grouping: `2,023` is not a year).
    /// Not a whole number → `number.invalid`; outside the range → `number.out_of_range`
    /// with `min` and `max`.
    public func year(_ raw: String) throws(ValueError) -> Int {
        let text = try numericText(raw)
        return try year(Self.plainDigitsValue(text), text: text, raw: raw)
    }

    /// `year` with the value of plain ASCII digits already read (nil: ask ICU).
    func year(_ plainValue: Int?, text: String, raw: String) throws(ValueError) -> Int {
        let parsedValue: Int?
        if let plainValue {
            parsedValue = plainValue
        } else if case .parsed(let decimal, _) = try numberFormat(.plainInteger).parse(text) {
            parsedValue = decimal.integerValue
        } else {
            parsedValue = nil
        }
        guard let value = parsedValue else {
            throw numberInvalid(raw, example: "2024")
        }
        guard (1800...2200).contains(value) else {
            throw failure(.numberOutOfRange, raw, example: "2024", ["min": 1800, "max": 2200])
        }
        return value
    }

    // MARK: Helpers

    /// The value of 1 to 18 ASCII digits and nothing else (`"2023"`, `"007"`): ICU's strict
    /// integer, decimal and plain-integer parsers read such text as exactly that integer (pinned
    /// against ICU in `ValueFastPathTests`), so it is read without ICU; nil for anything else
    /// (signs, separators, other digits and longer runs go to ICU).
    static func plainDigitsValue(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard (1...18).contains(utf8.count) else { return nil }
        var value = 0
        for byte in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Longest number text handed to ICU, in UTF-8 bytes. ICU's number parser appends each
    /// digit in O(digits) (`DecimalQuantity::shiftLeft`), so one 1 MB run of digits took about
    /// a minute; no number a form can hold (`DecimalText.maxPlainLength` digits, with grouping
    /// and a currency) is longer.
    static let maxNumberTextBytes = 4 * DecimalText.maxPlainLength

    /// The value cleaned as one-line text (NFC, trimmed, spaces collapsed); empty → `text.empty`;
    /// longer than `maxNumberTextBytes` → `number.invalid`.
    func numericText(_ raw: String) throws(ValueError) -> String {
        let text = try text(raw)
        guard text.utf8.count <= Self.maxNumberTextBytes else { throw numberInvalid(raw, example: nil) }
        return text
    }

    func numberInvalid(_ raw: String, example: String?) -> ValueError {
        failure(.numberInvalid, raw, example: example)
    }

    func exampleNumber(integer: Bool) -> String? {
        try? numberFormat(.decimal).format(integer ? "1234567" : "1234.5")
    }

    /// 1234.56 (1234 for a currency without minor units, such as CLP) written the locale's
    /// way, in `currency` or the locale's own.
    func exampleMoney(currency: String? = nil) -> String? {
        let digits = (currency ?? regionCurrency).map(Self.fractionDigits(of:)) ?? 2
        return try? numberFormat(.currency).format(digits == 0 ? "1234" : "1234.56", currency: currency)
    }

    /// The `number.ambiguous` rule (see `decimal`), applied to the digits span of `text`.
    ///
    /// For money (`currency` given), the reading of a grouping separator as a decimal point is
    /// not offered when it would give more decimals than the currency has (ICU's minor units):
    /// `$850,000` in en-CA cannot mean 850.000 dollars, so it is not ambiguous.
    func groupingWarnings(
        _ raw: String, text: String, reading: DecimalText, currency: String? = nil
    ) throws(ValueError) -> [ValueError] {
        let (grouping, decimalSeparator) = try separators()
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { Self.isDecimalDigit(scalar) }
        guard let first = scalars.firstIndex(where: isDigit), let last = scalars.lastIndex(where: isDigit) else {
            return []
        }
        let span = scalars[first...last]
        let marks = span.indices.filter { span[$0] == "." || span[$0] == "," }
        guard marks.count == 1, let mark = marks.first else { return [] }
        let before = span[..<mark], after = span[(mark + 1)...]
        guard after.count == 3, after.allSatisfy(isDigit), (1...3).contains(before.count), before.allSatisfy(isDigit),
            before.first != "0"
        else { return [] }
        let beforeText = String(String.UnicodeScalarView(before))
        let afterText = String(String.UnicodeScalarView(after))
        let alternativeText: String
        switch String(span[mark]) {
        case grouping:   // could be a decimal point
            if let currency, Self.fractionDigits(of: currency) < 3 { return [] }
            alternativeText = beforeText + "." + afterText
        case decimalSeparator: alternativeText = beforeText + afterText  // could be grouping
        default: return []
        }
        let alternative = DecimalText(icu: alternativeText).map { reading.isNegative ? "-\($0)" : $0.description }
        return [
            failure(.numberAmbiguous, raw, example: nil, [
                "interpretation": .text(reading.description),
                "alternative": .text(alternative ?? alternativeText),
            ])
        ]
    }

    /// `numericType == .decimal`, answered without the Unicode property look-up for ASCII
    /// (where exactly 0–9 are decimal digits: pinned by `ValueFastPathTests`).
    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x30...0x39).contains(scalar.value) : scalar.properties.numericType == .decimal
    }

    /// Minor-unit digits of an ISO 4217 currency (2 when ICU does not say).
    static func fractionDigits(of currency: String) -> Int {
        let digits = wwc_currency_fraction_digits(currency)
        return digits >= 0 ? Int(digits) : 2
    }

    /// A currency-looking token: three ASCII capitals (an ISO-style code) or containing a
    /// currency symbol (Unicode category Sc), as opposed to stray trailing text.
    func looksLikeCurrency(_ token: String) -> Bool {
        let scalars = token.unicodeScalars
        if scalars.count == 3, scalars.allSatisfy({ ("A"..."Z").contains($0) }) { return true }
        return scalars.contains { $0.properties.generalCategory == .currencySymbol }
    }

    /// Splits `XYZ 1,234` / `1.234 XYZ` into the non-numeric ends and the numeric core.
    func splitCurrencyToken(_ text: String) -> (String, String, String) {
        let scalars = text.unicodeScalars
        func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
            Self.isDecimalDigit(scalar) || scalar == "-" || scalar == "\u{2212}"
        }
        guard let first = scalars.firstIndex(where: isNumeric), let last = scalars.lastIndex(where: isNumeric) else {
            return (text, "", "")
        }
        let end = scalars.index(after: last)
        // Scalar slices, not `text[…]`: a String subscript rounds to Character boundaries.
        return (String(scalars[..<first]).trimmingSpaces, String(scalars[first..<end]).trimmingSpaces,
                String(scalars[end...]).trimmingSpaces)
    }
}
