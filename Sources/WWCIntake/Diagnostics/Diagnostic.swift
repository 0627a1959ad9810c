/// How bad a finding is. An `error` rejects the form (no canonical record is written);
/// a `warning` is reported beside a record that is still written.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// One finding about an input, a catalog or a rubric, returned as data.
///
/// The library never prints: it hands diagnostics to the caller, and only the command line
/// renders them. The human message is not written here but rendered from the catalogs
/// (`DiagnosticCode.rawValue` is the message key) with `arguments`, so every message exists in
/// every language and carries plural-correct wording.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    public var code: DiagnosticCode
    /// Named arguments for the catalog message, e.g. `["value": "12,34", "locale": "en-US"]`.
    public var arguments: [String: MessageArgument]
    /// The input file, when the caller knows it.
    public var file: String?
    /// Where in the input: an XPath-like path for XML, a JSON Pointer for JSON.
    public var path: String?
    /// The field id once the key was resolved (`applicant.population`).
    public var field: String?
    /// 1-based line and column, where the reader can know them.
    public var line: Int?
    public var column: Int?
    /// The offending raw value, when there is one.
    public var value: String?

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        arguments: [String: MessageArgument] = [:],
        file: String? = nil,
        path: String? = nil,
        field: String? = nil,
        location: SourceLocation? = nil,
        value: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.arguments = arguments
        self.file = file
        self.path = path
        self.field = field
        self.line = location?.line
        self.column = location?.column
        self.value = value
    }

    public static func error(
        _ code: DiagnosticCode, arguments: [String: MessageArgument] = [:], path: String? = nil,
        field: String? = nil, location: SourceLocation? = nil, value: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, arguments: arguments, path: path, field: field, location: location, value: value)
    }

    public static func warning(
        _ code: DiagnosticCode, arguments: [String: MessageArgument] = [:], path: String? = nil,
        field: String? = nil, location: SourceLocation? = nil, value: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, arguments: arguments, path: path, field: field, location: location, value: value)
    }

    public var location: SourceLocation? {
        line.map { SourceLocation(line: $0, column: column) }
    }
}

/// A value handed to a catalog message pattern. Numbers stay numbers so that ICU can choose
/// the plural form (`{count, plural, one {# error} other {# errors}}`).
public enum MessageArgument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case text(String)
    case number(Int)
    /// A decimal number as text (`"88.37"`), formatted exactly by ICU in the message's
    /// locale (`{percent, number, ::percent .00}` → `88,37 %` in French).
    case decimal(String)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    public var description: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .decimal(let text): text
        }
    }
}

/// A 1-based position in an input file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int?

    public init(line: Int, column: Int? = nil) {
        self.line = line
        self.column = column
    }

    public var description: String {
        column.map { "\(line):\($0)" } ?? "\(line)"
    }
}

/// A diagnostic can end a step (`Result<…, Diagnostic>`, `throws(Diagnostic)`).
extension Diagnostic: Error {}
