import Foundation

/// Builds a SARIF 2.1.0 log from a validation run, so code-scanning tools (GitHub code
/// scanning, VS Code's SARIF viewer, …) can show submission problems beside the files.
///
/// One run; `tool.driver` is `intake` with its version and one rule per diagnostic code that
/// occurs (its descriptions rendered from the catalogs in the chosen language); one result per
/// shown diagnostic with its rule, level, message, physical location (relative URI, line and
/// column where the reader knew them) and logical location (the path inside the form). Only
/// the diagnostics `--max-errors` shows are results; when some were left out, the invocation
/// carries a notification that says so.
///
/// Returns a `JSONValue` (ordered members, so the log is byte-stable); it never writes.
package struct SARIFLog: Sendable {
    package static let version = "2.1.0"
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The base id of relative artifact URIs: the folder `intake` ran in.
    static let sourceRootID = "SRCROOT"

    /// What a rule says about its code, in the chosen language.
    package struct RuleText: Sendable, Hashable {
        package var short: String
        var full: String
        package init(short: String, full: String) {
            self.short = short
            self.full = full
        }
    }

    var toolName = "intake"
    package var toolVersion: String
    /// The folder relative URIs are resolved against (normally the current directory).
    package var baseDirectory: URL
    /// The language of the messages (BCP 47), recorded as `run.language`.
    package var language: String

    package init(toolVersion: String, baseDirectory: URL, language: String) {
        self.toolVersion = toolVersion
        self.baseDirectory = URL(fileURLWithPath: baseDirectory.standardizedFileURL.path, isDirectory: true)
        self.language = language
    }

    /// The log for the entries of one run.
    /// - Parameters:
    ///   - rule: the descriptions of a code's rule (from the catalogs).
    ///   - message: a diagnostic's rendered message.
    ///   - truncation: the localized "only N of M shown" text when `--max-errors` cut the run.
    package func log(entries: [ReportEntry], rule: (DiagnosticCode) -> RuleText,
                    message: (Diagnostic) -> String, truncation: String? = nil) -> JSONValue {
        var codes: [DiagnosticCode] = []
        for entry in entries {
            for diagnostic in entry.shown where !codes.contains(diagnostic.code) { codes.append(diagnostic.code) }
        }
        codes.sort()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [JSONValue] = codes.map { code in
            let text = rule(code)
            return .object([
                "id": .string(code.rawValue),
                "name": .string(Self.ruleName(code)),
                "shortDescription": .object(["text": .string(text.short)]),
                "fullDescription": .object(["text": .string(text.full)]),
                "defaultConfiguration": .object(["level": .string(Self.defaultLevel(code))]),
            ])
        }
        var results: [JSONValue] = []
        for entry in entries {
            for diagnostic in entry.shown {
                results.append(result(diagnostic, file: entry.file, ruleIndex: ruleIndex[diagnostic.code] ?? 0,
                                      message: message(diagnostic)))
            }
        }
        var invocation: [JSONValue.Member] = [JSONValue.Member("executionSuccessful", .bool(true))]
        if let truncation {
            invocation.append(JSONValue.Member("toolExecutionNotifications", .array([
                .object(["level": .string("note"), "message": .object(["text": .string(truncation)])]),
            ])))
        }
        var baseURI = baseDirectory.absoluteString
        if !baseURI.hasSuffix("/") { baseURI += "/" }
        let run: JSONValue = .object([
            "tool": .object([
                "driver": .object([
                    "name": .string(toolName),
                    "version": .string(toolVersion),
                    "semanticVersion": .string(toolVersion),
                    "language": .string(language),
                    "rules": .array(rules),
                ]),
            ]),
            "invocations": .array([.object(invocation)]),
            "originalUriBaseIds": .object([
                JSONValue.Member(Self.sourceRootID, .object(["uri": .string(baseURI)])),
            ]),
            "language": .string(language),
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(results),
        ])
        return .object([
            "$schema": .string(Self.schemaURI),
            "version": .string(Self.version),
            "runs": .array([run]),
        ])
    }

    private func result(_ diagnostic: Diagnostic, file: String, ruleIndex: Int, message: String) -> JSONValue {
        var region: JSONValue?
        if let line = diagnostic.line, line >= 1 {
            region = .object([
                "startLine": .integer(line),
                "startColumn": diagnostic.column.flatMap { $0 >= 1 ? JSONValue.integer($0) : nil },
            ])
        }
        let (uri, isRelative) = artifactURI(file)
        let physical: JSONValue = .object([
            "artifactLocation": .object([
                "uri": .string(uri),
                "uriBaseId": isRelative ? .string(Self.sourceRootID) : nil,
            ]),
            "region": region,
        ])
        var location: [JSONValue.Member] = [JSONValue.Member("physicalLocation", physical)]
        if let path = diagnostic.path, !path.isEmpty {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            location.append(JSONValue.Member("logicalLocations", .array([
                .object([
                    "name": .string(name),
                    "fullyQualifiedName": .string(path),
                    "kind": .string(file.lowercased().hasSuffix(".xml") ? "element" : "object"),
                ]),
            ])))
        }
        var properties: [JSONValue.Member] = []
        if let field = diagnostic.field { properties.append(JSONValue.Member("field", .string(field))) }
        if let value = diagnostic.value { properties.append(JSONValue.Member("value", .string(value))) }
        return .object([
            "ruleId": .string(diagnostic.code.rawValue),
            "ruleIndex": .integer(ruleIndex),
            "level": .string(diagnostic.severity == .error ? "error" : "warning"),
            "message": .object(["text": .string(message)]),
            "locations": .array([.object(location)]),
            "properties": properties.isEmpty ? nil : .object(properties),
        ])
    }

    /// The artifact's URI: relative to the base folder when the file is inside it (so the log
    /// is portable between checkouts), else an absolute `file:` URI. Percent-encoded per
    /// RFC 3986 (a space is `%20`).
    func artifactURI(_ file: String) -> (uri: String, isRelative: Bool) {
        let url = URL(fileURLWithPath: file, relativeTo: baseDirectory).standardizedFileURL
        let base = baseDirectory.path.hasSuffix("/") ? baseDirectory.path : baseDirectory.path + "/"
        if url.path.hasPrefix(base) {
            let relative = String(url.path.dropFirst(base.count))
            return (Self.percentEncoded(relative), true)
        }
        return ("file://" + Self.percentEncoded(url.path), false)
    }

    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;?#[]@")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// A rule's name in SARIF's PascalCase convention: `number.invalid` → `NumberInvalid`.
    static func ruleName(_ code: DiagnosticCode) -> String {
        code.rawValue.split { $0 == "." || $0 == "_" }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The codes the pipeline reports as warnings (the form is still converted).
    static let warningCodes: Set<DiagnosticCode> = [
        .fieldUnknown, .numberAmbiguous, .percentAmbiguous, .dateAmbiguous, .moneyCurrencyAssumed,
        .localeOverridden,
    ]

    /// A rule's default level: `warning` for the codes the pipeline reports as warnings, else
    /// `error`. (A result's own level can differ: `--strict` makes every result an error.)
    static func defaultLevel(_ code: DiagnosticCode) -> String {
        warningCodes.contains(code) ? "warning" : "error"
    }
}
