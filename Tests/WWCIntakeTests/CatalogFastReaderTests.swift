import Foundation
import Testing
@testable import WWCIntake

/// The one-pass catalog reader must give exactly the `CatalogFile` of the general path, and
/// leave to the general path every file that has something to report.
@Suite struct CatalogFastReaderTests {
    static let names = ["en", "es", "es-CO", "es-MX", "fr", "fr-CA", "pt", "pt-PT"]

    @Test(arguments: names)
    func shippedCatalogsReadAlike(name: String) throws {
        let url = TestCatalogs.locales.appendingPathComponent(name + ".json")
        let data = try Data(contentsOf: url)
        let fast = try #require(CatalogFastReader.read(data, url: url))
        let (general, diagnostics) = CatalogFile.parseReportingFindings(data, url: url)
        #expect(diagnostics.isEmpty)
        #expect(fast == general)
        #expect(!fast.entries.isEmpty)
    }

    static let url = URL(fileURLWithPath: "/tmp/catalogs/fr-CA.json")

    /// Lines and columns where keys share lines, follow non-ASCII text, and lines end in CRLF.
    @Test func positionsMatchTheGeneralPath() throws {
        let text = "\r\n  {\"catalog\": \"wwc-intake-catalog/1\", \"locale\": \"fr-CA\",\r\n\"version\":\"2023\",\n"
            + "\"identical\": [\"labels.budget\"],\n"
            + "\t\"labels\": {\"applicant.city\": [\"Municipalité\", \"Ville\"], \"applicant.région\": [\"Région\"],\n"
            + "   \"budget\" : [ \"Budget\" ]},\n"
            + "\"criteria\": {}, \"areas\": {\"DM\": \"Données — œuvre 😀\", \"LC\": \"x\"},\n"
            + "\"answers\": {\"status\": {\"met\": [\"Oui\"], \"not_met\": [\"Non\",\"Pas encore\"]}, \"indicator\": {}},\n"
            + "\"countries\": {\"É.-U.\": \"US\"}, \"messages\": {\"date.invalid\": \"« {value} » n’est pas une date\"}}\n  "
        let data = Data(text.utf8)
        let fast = try #require(CatalogFastReader.read(data, url: Self.url))
        let (general, diagnostics) = CatalogFile.parseReportingFindings(data, url: Self.url)
        #expect(diagnostics.isEmpty)
        #expect(fast == general)
        #expect(fast.entries.map(\.key) == [
            "labels.applicant.city", "labels.applicant.région", "labels.budget", "areas.DM", "areas.LC",
            "answers.status.met", "answers.status.not_met", "countries.É.-U.", "messages.date.invalid",
        ])
        #expect(fast.entry("areas.LC")?.line == 7)
        #expect(fast.entry("areas.LC")?.column == 54)
        #expect(fast.headerLines["version"] == 3)
        #expect(fast.sections == ["labels", "criteria", "areas", "answers", "countries", "messages"])
    }

    /// Each of these has something the general path reports (or decodes), so the fast reader
    /// must hand it over.
    @Test(arguments: [
        ("escape", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "areas": {"DM": "a\"b"}}"#),
        ("unicode escape", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "areas": {"D\u004d": "a"}}"#),
        ("duplicate", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "areas": {"DM": "a", "DM": "b"}}"#),
        ("equivalent keys", "{\"catalog\": \"wwc-intake-catalog/1\", \"locale\": \"fr-CA\", \"version\": \"2023\", \"areas\": {\"\u{E9}\": \"a\", \"e\u{301}\": \"b\"}}"),
        ("number", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": 2023}"#),
        ("empty list", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "labels": {"budget": []}}"#),
        ("text for list", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "labels": {"budget": "Budget"}}"#),
        ("list for text", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "areas": {"DM": ["a"]}}"#),
        ("country code", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "countries": {"USA": "usa"}}"#),
        ("obsolete member", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "notes": {}}"#),
        ("wrong locale", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr", "version": "2023"}"#),
        ("wrong format", #"{"catalog": "wwc-intake-catalog/2", "locale": "fr-CA", "version": "2023"}"#),
        ("no version", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA"}"#),
        ("trailing comma", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023",}"#),
        ("trailing text", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023"} x"#),
        ("not an object", #"["catalog"]"#),
        ("truncated", #"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023""#),
        ("control character", "{\"catalog\": \"wwc-intake-catalog/1\", \"locale\": \"fr-CA\", \"version\": \"20\t23\"}"),
        ("byte order mark", "\u{FEFF}{\"catalog\": \"wwc-intake-catalog/1\", \"locale\": \"fr-CA\", \"version\": \"2023\"}"),
        ("NUL", "{\"catalog\": \"wwc-intake-catalog/1\", \"locale\": \"fr-CA\", \"version\": \"2023\"}\u{0}"),
        ("empty", ""),
    ])
    func anythingToReportTakesTheGeneralPath(_ name: String, text: String) {
        #expect(CatalogFastReader.read(Data(text.utf8), url: Self.url) == nil)
        // What the public entry returns is the general path's answer.
        let (file, diagnostics) = CatalogFile.parse(Data(text.utf8), url: Self.url)
        let (general, generalDiagnostics) = CatalogFile.parseReportingFindings(Data(text.utf8), url: Self.url)
        #expect(file == general)
        #expect(diagnostics == generalDiagnostics)
    }

    /// Invalid UTF-8 of every kind: a bad continuation, overlong forms, a surrogate, beyond
    /// U+10FFFF, a truncated sequence, a lone continuation byte, an invalid lead byte.
    @Test(arguments: [[0xC3, 0x28], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                      [0xE2, 0x82], [0x80], [0xFF], [0xF0, 0x9F, 0x98]] as [[UInt8]])
    func invalidUTF8TakesTheGeneralPath(sequence: [UInt8]) {
        var bytes = Array(#"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023", "areas": {"DM": "a"#.utf8)
        bytes += sequence
        bytes += Array(#""}}"#.utf8)
        #expect(CatalogFastReader.read(Data(bytes), url: Self.url) == nil)
        let (file, diagnostics) = CatalogFile.parse(Data(bytes), url: Self.url)
        #expect(file == nil)
        #expect(diagnostics.map(\.code) == [.encodingInvalid])
    }

    /// The smallest valid catalog: header only.
    @Test func headerOnly() throws {
        let data = Data(#"{"catalog": "wwc-intake-catalog/1", "locale": "fr-CA", "version": "2023"}"#.utf8)
        let fast = try #require(CatalogFastReader.read(data, url: Self.url))
        #expect(fast == CatalogFile.parseReportingFindings(data, url: Self.url).file)
        #expect(fast.entries.isEmpty)
        #expect(fast.sections.isEmpty)
    }
}
