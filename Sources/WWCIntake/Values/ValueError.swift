/// The failure of one value parse: a stable code plus named message arguments.
///
/// No message text lives here: the command line and the pipeline render it from the locale
/// catalogs (`code` is the message key), so arguments are named for translators:
/// `value` (the offending raw text), `locale`, and where useful `example` (an accepted value
/// written the way this locale writes it, e.g. `15/03/2024` for es-CO).
public struct ValueError: Error, Sendable, Hashable {
    public var code: DiagnosticCode
    public var arguments: [String: MessageArgument]

    public init(_ code: DiagnosticCode, arguments: [String: MessageArgument] = [:]) {
        self.code = code
        self.arguments = arguments
    }

    public init(code: DiagnosticCode, arguments: [String: MessageArgument] = [:]) {
        self.init(code, arguments: arguments)
    }

    /// This finding as a diagnostic of the given severity (for the pipeline).
    public func diagnostic(_ severity: Severity = .error) -> Diagnostic {
        Diagnostic(severity, code, arguments: arguments, value: arguments["value"]?.description)
    }
}

/// A parsed value plus non-fatal findings (e.g. `number.ambiguous`, `percent.ambiguous`,
/// `money.currency_assumed`), which the pipeline reports as warnings.
public struct Parsed<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var warnings: [ValueError]

    public init(_ value: Value, warnings: [ValueError] = []) {
        self.value = value
        self.warnings = warnings
    }

    public init(value: Value, warnings: [ValueError] = []) {
        self.init(value, warnings: warnings)
    }
}

/// An amount of money: exact decimal text in plain notation plus its ISO 4217 code.
public struct MoneyValue: Sendable, Hashable {
    /// e.g. `"1234.56"`: no exponent, no `+`, no trailing fractional zeros.
    public var amount: String
    /// e.g. `"BRL"`.
    public var currency: String

    public init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}
