import Foundation
import Testing
@testable import WWCIntake
@testable import WWCReview
import WWCRegister

/// The review pages' templates: every language, every state, escaping of hostile content,
/// diagnostics marked at their line and column, and the message for the city.
@Suite struct ReviewPagesTests {
    static let pages = try! ReviewPages(catalogs: TestCatalogs.shared)
    static let rubric = Rubric.load(contentsOf: TestCatalogs.repository.appendingPathComponent("rubrics/wwc-2022.json")).rubric!
    static let when = Date(timeIntervalSince1970: 1_765_000_000)  // 2025-12-06 05:46:40 UTC

    static func context(_ language: String, user: String? = "ana") -> PageContext {
        PageContext(text: PageText(catalogs: TestCatalogs.shared, language: language), user: user,
                    csrf: "csrf-token-123", path: "/ui/applications?state=received")
    }

    static func row(_ id: Int64, city: String, state: ReviewState, locale: String = "es-CO", country: String = "CO",
                    level: CertificationLevel? = .silver, points: Int = 40, errors: Int = 0) -> ApplicationRow {
        ApplicationRow(id: id, city: city, country: country, locale: locale, level: level, points: points,
                           state: state, receivedAt: when.addingTimeInterval(Double(id) * 60), errors: errors, warnings: 1)
    }

    /// A version of a sample form as the register would hold it.
    static func version(sample: String, number: Int = 1) throws -> ApplicationVersion {
        let url = TestCatalogs.samples.appendingPathComponent(sample)
        let data = try Data(contentsOf: url)
        let result = TestCatalogs.converter.convert(data, file: url.lastPathComponent)
        let score = result.record.map { rubric.score($0) }
        let json = result.record.map { $0.serialized(pretty: true) { TestCatalogs.shared.render($0, language: "en") } }
        return ApplicationVersion(number: number, file: url.lastPathComponent, receivedAt: when, receivedBy: "ana",
                                  source: data, locale: result.record?.source.locale ?? localeOfName(sample),
                                  recordJSON: json, diagnostics: result.diagnostics, score: score)
    }

    static func localeOfName(_ sample: String) -> String {
        String(sample.split(separator: "/").last!.prefix(2))
    }

    static func detail(_ version: ApplicationVersion, city: String, state: ReviewState = .received,
                       timeline: [TimelineEvent] = []) -> ApplicationDetail {
        ApplicationDetail(summary: row(7, city: city, state: state, locale: version.locale ?? "en"),
                          versionNumbers: [version.number], shown: version,
                          timeline: [TimelineEvent(kind: .version(number: 1, file: version.file), at: when, who: "ana")] + timeline,
                          comparison: nil)
    }

    @Test func noTemplateUsesUnescapedOutput() throws {
        let folder = ReviewPages.bundledWebDirectory.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 5)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("{{{"), "\(name) uses {{{…}}}")
            #expect(!text.contains("{{&"), "\(name) uses {{&…}}")
        }
    }

    @Test(arguments: ["en", "es", "pt", "fr"])
    func listInEveryLanguageShowsEveryState(language: String) throws {
        let rows = ReviewState.allCases.enumerated().map { Self.row(Int64($0.offset + 1), city: "City \($0.offset)", state: $0.element) }
        let html = Self.pages.list(Self.context(language), all: rows, filter: ListFilter())
        #expect(html.contains("<html lang=\"\(language)\">"))
        let expected: [String: [String]] = [
            "en": ["Received", "Needs changes", "Accepted", "Rejected", "4 applications", "Apply filters"],
            "es": ["Recibida", "Requiere cambios", "Aceptada", "Rechazada", "4 solicitudes", "Aplicar filtros"],
            "pt": ["Recebida", "Requer alterações", "Aceita", "Rejeitada", "4 candidaturas", "Aplicar filtros de busca"],
            "fr": ["Reçue", "Modifications demandées", "Acceptée", "Refusée", "4 candidatures", "Appliquer les filtres"],
        ]
        for text in expected[language]! { #expect(html.contains(text), "\(language): \(text)") }
        // Every state appears as a filter choice and, with its class, in the table.
        for state in ReviewState.allCases {
            #expect(html.contains("value=\"\(state.rawValue)\""))
            #expect(html.contains("class=\"state state-\(state.rawValue)\""))
        }
        // Every form that changes something carries the CSRF token.
        let posts = html.components(separatedBy: "method=\"post\"").count - 1
        let tokens = html.components(separatedBy: "name=\"csrf\" value=\"csrf-token-123\"").count - 1
        #expect(posts == 2 && tokens == posts)
    }

    @Test func pluralsFollowEachLanguage() {
        let one = [Self.row(1, city: "Recife", state: .received)]
        #expect(Self.pages.list(Self.context("en"), all: one, filter: ListFilter()).contains("1 application<"))
        #expect(Self.pages.list(Self.context("fr"), all: one, filter: ListFilter()).contains("1 candidature<"))
        let text = PageText(catalogs: TestCatalogs.shared, language: "es")
        #expect(text.format("ui.list.count", ["count": 1_000_000]) == "1.000.000 de solicitudes")
        #expect(text.format("ui.list.count", ["count": 2]) == "2 solicitudes")
        let fr = PageText(catalogs: TestCatalogs.shared, language: "fr")
        #expect(fr.format("ui.list.count", ["count": 0]) == "0 candidature")
        #expect(fr.format("ui.list.count", ["count": 1_000_000]) == "1\u{202F}000\u{202F}000 de candidatures")
    }

    @Test func filterSortsAndSelects() {
        let rows = [Self.row(1, city: "b", state: .received, locale: "pt-BR", country: "BR"),
                    Self.row(2, city: "a", state: .accepted, locale: "es-MX", country: "MX"),
                    Self.row(3, city: "c", state: .needsChanges, locale: "es-CO", country: "CO")]
        var filter = ListFilter(query: [("state", "received"), ("state", "needs_changes"), ("sort", "city"),
                                               ("order", "asc"), ("state", "bogus")])
        #expect(filter.apply(to: rows).map(\.id) == [1, 3])
        filter = ListFilter(query: [("language", "es"), ("sort", "id"), ("order", "desc")])
        #expect(filter.apply(to: rows).map(\.id) == [3, 2])
        filter = ListFilter(query: [("country", "mx")])
        #expect(filter.apply(to: rows).map(\.id) == [2])
        let html = Self.pages.list(Self.context("en"), all: rows, filter: ListFilter(query: [("state", "accepted")]))
        #expect(html.contains("<input type=\"checkbox\" name=\"state\" value=\"accepted\" checked>"))
        #expect(html.contains("/ui/export.csv?state=accepted&amp;sort=received&amp;order=desc"))
        #expect(html.contains("Brazil") && html.contains("Mexico"))
    }

    @Test func hostileContentIsText() throws {
        let city = "<script>alert(1)</script>\"' onmouseover=x \u{202E}evil\u{202C}"
        let rows = [Self.row(1, city: city, state: .received)]
        let list = Self.pages.list(Self.context("en"), all: rows, filter: ListFilter())
        #expect(!list.contains("<script>alert"))
        #expect(list.contains("<bdi>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=x [U+202E]evil[U+202C]</bdi>"))
        #expect(!list.contains("\u{202E}"))

        // A form whose key, city and narrative hold markup: the source, the record and the
        // messages show it as text.
        let form = """
        {"Language": "en", "Applicant": {"City": "<script>alert('c')</script>", "Country": "US", "<img src=x onerror=alert(2)>": "\u{202E}x"}}
        """
        let result = TestCatalogs.convert(form, file: "hostile")
        let version = ApplicationVersion(number: 1, file: "<b>hostile</b>.json", receivedAt: Self.when, receivedBy: "<i>me</i>",
                                         source: Data(form.utf8), locale: "en", recordJSON: "{\"city\": \"<script>\"}",
                                         diagnostics: result.diagnostics, score: nil)
        let note = TimelineEvent(kind: .stateChange(from: .received, to: .needsChanges), at: Self.when, who: "ana",
                                 text: "<script>note()</script>")
        let html = Self.pages.detail(Self.context("en"), Self.detail(version, city: city, timeline: [note]))
        for raw in ["<script>alert", "<img src=x", "<b>hostile", "<i>me", "<script>note", "<script>\""] {
            #expect(!html.contains(raw), "raw markup: \(raw)")
        }
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        // The bidirectional override in the source is shown as its code point, not obeyed.
        #expect(html.contains("<span class=\"ctl\">[U+202E]</span>"))
        #expect(!result.diagnostics.isEmpty)
    }

    @Test func diagnosticIsMarkedAtItsLineAndColumn() throws {
        // pt-country-unknown.json: country.unknown at a known line and column.
        let version = try Self.version(sample: "invalid/pt-country-unknown.json")
        let diagnostic = try #require(version.diagnostics.first { $0.code.rawValue == "country.unknown" })
        let line = try #require(diagnostic.line)
        let column = try #require(diagnostic.column)
        let sourceLine = String(decoding: version.source, as: UTF8.self).components(separatedBy: "\n")[line - 1]
        let before = String(sourceLine.unicodeScalars.prefix(column - 1))
        let html = Self.pages.detail(Self.context("en"), Self.detail(version, city: "Recife"))
        // The flagged line, its number, the text before the column and then the mark.
        let start = try #require(html.range(of: "<span class=\"line flagged error\" id=\"L\(line)\">"))
        let lineHTML = String(html[start.upperBound...].prefix { $0 != "\n" })
        #expect(lineHTML.hasPrefix("<span class=\"ln\" aria-hidden=\"true\">\(line)</span><span class=\"code\">"))
        let code = lineHTML.dropFirst("<span class=\"ln\" aria-hidden=\"true\">\(line)</span><span class=\"code\">".count)
        let escapedBefore = before.replacingOccurrences(of: "\"", with: "&quot;")
        #expect(code.hasPrefix(escapedBefore + "<mark class=\"error\">"), "\(code)")
        // Only that line is flagged, and the message follows it in the interface language.
        #expect(html.components(separatedBy: "class=\"line flagged").count == 2)
        #expect(html.contains("line \(line), column \(column)"))
        let es = Self.pages.detail(Self.context("es"), Self.detail(version, city: "Recife"))
        #expect(es.contains("línea \(line), columna \(column)"))
    }

    @Test func markCoversTheTokenAtTheColumn() {
        func marked(_ line: String, _ column: Int) -> String {
            SourceView.segments(Array(line.unicodeScalars), markAt: [column], severity: "warning")
                .filter(\.marked).map(\.text).joined()
        }
        let json = #"    "LC1": {"Estado": "Sí", "Desde": "10/01/2022"},"#
        #expect(marked(json, 29) == #""Desde": "10/01/2022""#)
        #expect(marked(json, 5) == #""LC1""#)  // a key whose value is an object: the key alone
        #expect(marked(#"  "Población": 1142994,"#, 3) == #""Población": 1142994"#)
        #expect(marked("    <poblacion>7.181.469 hab.</poblacion>", 16) == "7.181.469 hab.")
        #expect(marked("x", 9) == "x")  // a column past the end marks the last character
    }

    @Test func cityMessageIsInTheFormsLanguage() throws {
        let version = try Self.version(sample: "invalid/fr-date-invalid.json")
        #expect(version.locale?.hasPrefix("fr") == true)
        let diagnostic = try #require(version.diagnostics.first)
        let summary = Self.row(3, city: "Québec", state: .needsChanges, locale: version.locale!)
        let text = Self.pages.cityMessage(summary: summary, version: version, note: "Merci de vérifier la date.")
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == "Votre candidature à What Works Cities\u{00A0}: modifications nécessaires")
        #expect(lines[2] == "Chère équipe de Québec,")
        #expect(text.contains("1 problème demande votre attention"))
        #expect(text.contains("1. Ligne \(diagnostic.line!), colonne \(diagnostic.column!)\u{00A0}: "
                              + TestCatalogs.shared.render(diagnostic, language: version.locale!)))
        #expect(text.contains("Note du réviseur\u{00A0}: Merci de vérifier la date."))
        // The page shows the same message, whatever the interface language.
        let html = Self.pages.detail(Self.context("en"), Self.detail(version, city: "Québec", state: .needsChanges))
        #expect(html.contains("lang=\"\(version.locale!)\""))
        #expect(html.contains("Chère équipe de Québec,"))
    }

    @Test(arguments: ["en", "es", "pt", "fr"])
    func detailInEveryLanguage(language: String) throws {
        let version = try Self.version(sample: "es/bogota.xml")
        let html = Self.pages.detail(Self.context(language), Self.detail(version, city: "Bogotá"))
        let score = try #require(version.score)
        // One SVG bar per practice area, its width proportional to the criteria met.
        #expect(html.components(separatedBy: "<g class=\"bar\">").count - 1 == score.areas.count)
        for area in score.areas where area.total > 0 {
            let width = Int((Double(area.met) / Double(area.total) * 180).rounded())
            #expect(html.contains("width=\"\(width)\" height=\"14\""), "\(area.area)")
        }
        let headings = ["en": "Submitted form", "es": "Formulario enviado", "pt": "Formulário enviado", "fr": "Formulaire soumis"]
        #expect(html.contains(headings[language]!))
        #expect(html.contains("<html lang=\"\(language)\">"))
        #expect(!html.contains("ui."), "a message key shown instead of its text")
    }

    @Test func languageNegotiation() {
        let available = ["en", "es", "fr", "pt"]
        #expect(PageLanguage.choose(cookie: nil, acceptLanguage: "pt-BR,pt;q=0.9,en;q=0.8", available: available) == "pt")
        #expect(PageLanguage.choose(cookie: nil, acceptLanguage: "de-DE, fr;q=0.5, es;q=0.7", available: available) == "es")
        #expect(PageLanguage.choose(cookie: nil, acceptLanguage: "es;q=0, de", available: available) == "en")
        #expect(PageLanguage.choose(cookie: "fr", acceptLanguage: "es", available: available) == "fr")
        #expect(PageLanguage.choose(cookie: "xx", acceptLanguage: nil, available: available) == "en")
        let html = Self.pages.signIn(Self.context("es", user: nil), next: "/ui/applications")
        #expect(html.contains("href=\"/ui/language?lang=fr&amp;back=/ui/applications%3Fstate%3Dreceived\""))
        #expect(html.contains(">Español</a>") && html.contains(">Français</a>") && html.contains(">Português</a>"))
        #expect(html.contains("Acceso del personal"))
    }

    @Test func passwordsAndSessions() async throws {
        var accounts = StaffAccounts()
        accounts.setPassword("correct horse", for: "ana", cost: 4)
        #expect(accounts.hashes["ana"]?.hasPrefix("$2b$04$") == true)
        #expect(accounts.verify(user: "ana", password: "correct horse"))
        #expect(!accounts.verify(user: "ana", password: "correct hors"))
        #expect(!accounts.verify(user: "bob", password: "correct horse"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("staff-\(UUID().uuidString).json")
        try accounts.save(to: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try StaffAccounts.load(from: file).verify(user: "ana", password: "correct horse"))

        let store = SessionStore(idleLimit: 60)
        let (id, session) = await store.create(user: "ana", now: Self.when)
        #expect(id.count == 64 && session.csrf.count == 64 && id != session.csrf)
        #expect(await store.session(id, now: Self.when.addingTimeInterval(30))?.user == "ana")
        #expect(await store.session(id, now: Self.when.addingTimeInterval(200)) == nil)
        #expect(SessionStore.tokensMatch(session.csrf, session.csrf))
        #expect(!SessionStore.tokensMatch(session.csrf, String(session.csrf.dropLast()) + "x"))
        #expect(!SessionStore.tokensMatch("", ""))
        #expect(SessionStore.cookie("abc") == "intake_session=abc; Path=/ui; HttpOnly; SameSite=Strict")
    }
}
