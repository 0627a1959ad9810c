extension ValueParser {
    /// Parses a scalar from the form tree as `kind`, to canonical JSON.
    ///
    /// Strings go through the locale's rules (`json(_:_:)`). JSON numbers are different: their
    /// text is JSON grammar, not the locale's writing (`14.2` in an es-CO JSON file is fourteen
    /// point two), so they are taken exactly — exponent allowed (`1.5e3` → `"1500"`) — and only
    /// checked for the kind: whole and in range for `integer`/`year`; a bare number for
    /// `percent` (≤ 1 fraction with `percent.ambiguous`, > 1 percent) and for `money` (the
    /// region's currency with `money.currency_assumed`). Booleans and null are not numbers
    /// (`number.invalid`); for text kinds every scalar is its text.
    package func json(_ kind: ValueKind, scalar: FormScalar) throws(ValueError) -> Parsed<JSONValue> {
        switch scalar.kind {
        case .string:
            return try json(kind, scalar.text)
        case .number, .bool, .null:
            break
        }
        switch kind {
        case .integer, .number, .percent, .money, .year:
            guard scalar.kind == .number, let decimal = DecimalText(json: scalar.text) else {
                throw failure(.numberInvalid, scalar.text, example: kind == .year ? "2024" : "1234.5")
            }
            return try jsonNumber(kind, decimal, raw: scalar.text)
        case .date:
            throw failure(.dateInvalid, scalar.text, example: try dateExample())
        case .text, .narrative, .country, .email, .url, .phone, .locale:
            return try json(kind, scalar.text)
        }
    }

    private func jsonNumber(_ kind: ValueKind, _ decimal: DecimalText, raw: String) throws(ValueError) -> Parsed<JSONValue> {
        switch kind {
        case .integer, .year:
            guard let value = decimal.integerValue else {
                throw failure(decimal.hasFraction ? .numberInvalid : .numberOutOfRange, raw)
            }
            if kind == .year && !(1800...2200).contains(value) {
                throw failure(.numberOutOfRange, raw, example: "2024", ["min": 1800, "max": 2200])
            }
            return Parsed(.integer(value))
        case .percent:
            if decimal.magnitudeComparedToOne <= 0 {
                let warnings = decimal.isZero ? [] : [
                    failure(.percentAmbiguous, raw, [
                        "interpretation": .text(decimal.description),
                        "alternative": .text(decimal.shifted(by: -2).description),
                    ])
                ]
                return Parsed(.string(decimal.description), warnings: warnings)
            }
            return Parsed(.string(decimal.shifted(by: -2).description))
        case .money:
            guard let currency = regionCurrency else {
                throw failure(.moneyCurrencyUnknown, raw, ["currency": ""])
            }
            let object = JSONValue.object([.init("amount", .string(decimal.description)), .init("currency", .string(currency))])
            return Parsed(object, warnings: [failure(.moneyCurrencyAssumed, raw, ["currency": .text(currency)])])
        default:
            return Parsed(.string(decimal.description))
        }
    }
}
