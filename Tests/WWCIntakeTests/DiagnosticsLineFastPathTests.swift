import Testing
@testable import WWCIntake

/// `DiagnosticFormatter.line` skips the `Character` walk when a message has no line break;
/// both paths must give what `split(whereSeparator: \.isNewline).joined(separator: " ")` gives.
/// And `CatalogSet.genericFieldID` has an ASCII fast path that must agree with the general one.
@Suite struct DiagnosticsLineFastPathTests {
    static func reference(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// (message, one-line form).
    static let messages: [(String, String)] = [
        ("", ""),
        ("plain", "plain"),
        ("   ", "   "),
        ("a\nb", "a b"),
        ("a\r\nb", "a b"),
        ("a\n\n\nb", "a b"),
        ("\nlead and trail\n", "lead and trail"),
        ("v\u{B}f\u{C}r\rx", "v f r x"),
        ("nel\u{85}x", "nel x"),
        ("ls\u{2028}ps\u{2029}x", "ls ps x"),
        ("tab\tstays", "tab\tstays"),
        ("é, ©, ¨, “quotes” — dash…", "é, ©, ¨, “quotes” — dash…"),
        ("e\u{301}\ncombining", "e\u{301} combining"),
        ("\u{2027}\u{202A}\u{2000}", "\u{2027}\u{202A}\u{2000}"),
        ("Opening and ending tag mismatch: a line 3 and b\n", "Opening and ending tag mismatch: a line 3 and b"),
        (String(repeating: "long text ", count: 500) + "\nend", String(repeating: "long text ", count: 500) + " end"),
    ]

    @Test(arguments: messages.indices)
    func oneLineMessages(index: Int) {
        let (message, expected) = Self.messages[index]
        #expect(DiagnosticFormatter.singleLine(message) == expected)
        #expect(Self.reference(message) == expected)
        let diagnostic = Diagnostic(.warning, .fieldRequired, file: "f.xml", location: SourceLocation(line: 3, column: 7))
        #expect(DiagnosticFormatter.line(diagnostic, message: message) == "f.xml:3:7: warning: \(expected) [field.required]")
    }

    @Test func lineShapes() {
        let noLine = Diagnostic(.error, .fieldRequired, file: "f.json", path: "/applicant/city")
        #expect(DiagnosticFormatter.line(noLine, message: "m") == "f.json: error: m [field.required] (at /applicant/city)")
        let lineOnly = Diagnostic(.error, .fieldRequired, path: "/x", location: SourceLocation(line: 9))
        #expect(DiagnosticFormatter.line(lineOnly, message: "m") == "<input>:9: error: m [field.required]")
    }

    @Test(arguments: [
        ("applicant.population", "applicant.population"),
        ("criteria.DM1.status", "criteria.*.status"),
        ("criteria.DM1", "criteria.DM1"),
        ("criteria.DM1.status.extra", "criteria.DM1.status.extra"),
        ("criteria..status", "criteria.*.status"),
        ("criteria", "criteria"),
        ("outcomes[2].value", "outcomes[].value"),
        ("outcomes[12]", "outcomes[]"),
        ("outcomes[x.value", "outcomes[x.value"),
        ("outcomes[", "outcomes["),
        ("criteria.DMé.status", "criteria.*.status"),
        ("outcomes[é].value", "outcomes[].value"),
        ("criteria.e\u{301}.x", "criteria.*.x"),
    ])
    func genericFieldIDs(field: String, expected: String) {
        #expect(CatalogSet.genericFieldID(field) == expected)
        if let fast = CatalogSet.genericFieldIDOfASCII(field) { #expect(fast == expected) }
    }

    /// Tags the catalogs have are looked up precomputed; others are resolved as before.
    @Test(arguments: [("es-CO", "es-CO"), ("es", "es"), ("es_co", "es-CO"), ("ES-mx", "es-MX"), ("es-419", "es"),
                      ("fr-CA", "fr-CA"), ("pt-BR", "pt"), ("en", "en")])
    func catalogForTag(tag: String, locale: String) {
        #expect(TestCatalogs.shared.catalog(for: tag)?.locale == locale)
    }

    @Test func unknownLanguageHasNoCatalog() {
        #expect(TestCatalogs.shared.catalog(for: "de") == nil)
    }
}
