/// The value types of the spec's value rules, by the names `intake value --type` uses.
public enum ValueKind: String, CaseIterable, Sendable, Hashable {
    case text, narrative, integer, number, percent, money, date, year, country, email, url, phone, locale
}

extension ValueParser {
    /// Parses `raw` as `kind` and returns its canonical JSON, as the canonical record writes it:
    /// strings for text, decimals (`"1234.5"`), percents (`"0.734"`), dates, codes; bare
    /// integers for `integer` and `year`; `{"amount": "…", "currency": "…"}` for money.
    /// Lets the command line and the pipeline share one mapping from kinds to JSON.
    public func json(_ kind: ValueKind, _ raw: String) throws(ValueError) -> Parsed<JSONValue> {
        switch kind {
        case .text: return Parsed(.string(try text(raw)))
        case .narrative: return Parsed(.string(try narrative(raw)))
        case .integer:
            let parsed = try integer(raw)
            return Parsed(.integer(parsed.value), warnings: parsed.warnings)
        case .number:
            let parsed = try decimal(raw)
            return Parsed(.string(parsed.value), warnings: parsed.warnings)
        case .percent:
            let parsed = try percent(raw)
            return Parsed(.string(parsed.value), warnings: parsed.warnings)
        case .money:
            let parsed = try money(raw)
            let object = JSONValue.object([
                .init("amount", .string(parsed.value.amount)), .init("currency", .string(parsed.value.currency)),
            ])
            return Parsed(object, warnings: parsed.warnings)
        case .date:
            let parsed = try date(raw)
            return Parsed(.string(parsed.value), warnings: parsed.warnings)
        case .year: return Parsed(.integer(try year(raw)))
        case .country: return Parsed(.string(try country(raw)))
        case .email: return Parsed(.string(try email(raw)))
        case .url: return Parsed(.string(try url(raw)))
        case .phone: return Parsed(.string(try phone(raw)))
        case .locale: return Parsed(.string(try Self.locale(raw)))
        }
    }
}
