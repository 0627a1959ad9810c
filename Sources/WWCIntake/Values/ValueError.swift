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
