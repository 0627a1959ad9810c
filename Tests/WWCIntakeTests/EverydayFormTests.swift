import Foundation
import Testing
@testable import WWCIntake

/// Issue 14 at the form level: the day/month order of a trusted region, language names as
/// the declared locale, `--locale` over a declaration, several links in one evidence value.
@Suite struct EverydayFormTests {
    /// Monterrey's sample (es, country México) with some values changed.
    static func monterrey(_ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: TestCatalogs.samples.appendingPathComponent("es/monterrey.json"))
        var form = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&form)
        return String(decoding: try JSONSerialization.data(withJSONObject: form, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    static func setCriterion(_ form: inout [String: Any], _ id: String, _ value: Any) {
        var criteria = form["Criterios"] as! [String: Any]
        criteria[id] = value
        form["Criterios"] = criteria
    }

    // MARK: Date order

    @Test func aRegionFromTheCountryIsTrustedForNumericDates() throws {
        let text = try Self.monterrey { form in
            form["Fecha de envío"] = "02/04/2024"
            Self.setCriterion(&form, "LC1", ["Estado": "Sí", "Desde": "10/01/2022"])
        }
        let result = TestCatalogs.convert(text)
        #expect(result.record?.submissionDate == "2024-04-02")
        #expect(result.record?.source.localeSource == .country)
        #expect(!result.diagnostics.contains { $0.code == .dateAmbiguous })
    }

    @Test func aDateOnlyTheOtherOrderReadsStaysInvalid() throws {
        let text = try Self.monterrey { form in form["Fecha de envío"] = "04/13/2024" }
        let result = TestCatalogs.convert(text)
        #expect(result.record == nil)
        #expect(result.diagnostics.map(\.code) == [.dateInvalid])
    }

    @Test(arguments: [("es", "es-ES"), ("pt", "pt-BR"), ("fr", "fr-FR"), ("en", "en-US")])
    func aGuessedRegionGivesOneWarningListingTheDates(language: String, guessed: String) throws {
        // No country: the region is CLDR's likely one for the language.
        let labels: [String: (date: String, criteria: String, status: String, since: String, yes: String)] = [
            "es": ("Fecha de envío", "Criterios", "Estado", "Desde", "Sí"),
            "pt": ("Data de envio", "Critérios", "Situação", "Desde", "Sim"),
            "fr": ("Date d’envoi", "Critères", "Statut", "Depuis", "Oui"),
            "en": ("Submission date", "Criteria", "Status", "Since", "Yes"),
        ]
        let label = try #require(labels[language])
        let text = """
            {"\(label.date)": "02/04/2024", "\(label.criteria)": {"DM1": {"\(label.status)": "\(label.yes)", "\(label.since)": "03/05/2022"},
             "LC1": {"\(label.status)": "\(label.yes)", "\(label.since)": "13/05/2022"}}}
            """
        let result = TestCatalogs.convert(text, locale: language)
        #expect(result.diagnostics.first { $0.code == .localeUndetermined } == nil)
        let warnings = result.diagnostics.filter { $0.code == .dateAmbiguous }
        if guessed == "en-US" {
            // Month first: 13/05/2022 is not a date there, and the others read month first.
            #expect(warnings.count == 1)
            #expect(warnings.first?.arguments["dates"] == "02/04/2024 → 2024-02-04, 03/05/2022 → 2022-03-05")
        } else {
            #expect(warnings.count == 1)
            #expect(warnings.first?.arguments["count"] == 2)
            #expect(warnings.first?.arguments["dates"] == "02/04/2024 → 2024-04-02, 03/05/2022 → 2022-05-03")
            #expect(warnings.first?.arguments["locale"] == .text(guessed))
            #expect(warnings.first?.line == 1)
        }
    }

    @Test func noShippedSampleCarriesDateAmbiguous() throws {
        let folders = ["en", "es", "fr", "pt"].map { TestCatalogs.samples.appendingPathComponent($0) }
        var checked = 0
        for folder in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !file.contains(".expected.") {
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                let result = TestCatalogs.converter.convert(data, file: file)
                #expect(result.record != nil, "\(file)")
                #expect(!result.diagnostics.contains { $0.code == .dateAmbiguous }, "\(file)")
                checked += 1
            }
        }
        #expect(checked >= 9)
    }

    // MARK: The declared locale

    @Test(arguments: [
        ("Español", "es"), ("Spanish", "es"), ("espagnol", "es"), ("espanhol", "es"), ("ESPANOL", "es"),
        ("Português", "pt"), ("Portuguese", "pt"), ("portugais", "pt"), ("portugués", "pt"),
        ("Français", "fr"), ("French", "fr"), ("francés", "fr"), ("francês", "fr"),
        ("English", "en"), ("inglés", "en"), ("anglais", "en"), ("inglês", "en"),
    ])
    func languageNamesInTheFourLanguages(name: String, language: String) throws {
        #expect(TestCatalogs.converter.localeResolver.languageNamed(name) == language)
    }

    @Test func notALanguageName() throws {
        #expect(TestCatalogs.converter.localeResolver.languageNamed("Deutsch") == nil)
        #expect(TestCatalogs.converter.localeResolver.languageNamed("Esperanto") == nil)
        #expect(TestCatalogs.converter.localeResolver.languageNamed("") == nil)
    }

    @Test func aLanguageNameDeclaresTheForm() throws {
        let result = TestCatalogs.convert(try Self.monterrey { $0["Idioma"] = "Español" })
        #expect(result.record?.source.declaredLocale == "es")
        #expect(result.record?.source.locale == "es-MX")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func theLocaleOptionWinsOverADeclarationItCannotRead() throws {
        let text = try Self.monterrey { $0["Idioma"] = "Deutsch" }
        #expect(TestCatalogs.convert(text).diagnostics.map(\.code) == [.localeInvalid])
        let result = TestCatalogs.convert(text, locale: "es-MX")
        #expect(result.record?.source.locale == "es-MX")
        #expect(result.record?.source.localeSource == .option)
        #expect(result.diagnostics.map(\.code) == [.localeOverridden])
        #expect(result.diagnostics.first?.arguments["value"] == "Deutsch")
        #expect(result.diagnostics.first?.severity == .warning)
    }

    @Test func theLocaleOptionWinsOverADeclarationItCanRead() throws {
        let text = try Self.monterrey { $0["Idioma"] = "pt-BR" }
        let result = TestCatalogs.convert(text, locale: "es-MX")
        #expect(result.record?.source.locale == "es-MX")
        #expect(result.diagnostics.map(\.code) == [.localeOverridden])
        // Saying no more than the declaration (its region added) is not an override.
        let same = TestCatalogs.convert(try Self.monterrey { $0["Idioma"] = "es" }, locale: "es-MX")
        #expect(same.diagnostics.isEmpty)
    }

    @Test func aLocaleWithoutACatalogIsAUsageError() throws {
        for command in ["convert", "validate", "score"] {
            let run = try IntakeExecutable.run([command, "samples/es", "--locale", "de-DE"])
            #expect(run.status == 2, "\(command)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("available: en, es, fr, pt"), "\(command)")
        }
    }

    // MARK: Several links in one evidence value

    @Test(arguments: [
        "https://a.example/x; https://a.example/y",
        "https://a.example/x https://a.example/y",
        "https://a.example/x\nhttps://a.example/y",
        "https://a.example/x;https://a.example/y;",
    ])
    func severalLinksInOneValue(value: String) throws {
        let text = try Self.monterrey { Self.setCriterion(&$0, "PA1", ["Estado": "En proceso", "Evidencia": value]) }
        let result = TestCatalogs.convert(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.record?.criteria.first { $0.id == "PA1" }?.evidence == ["https://a.example/x", "https://a.example/y"])
    }

    @Test func eachPartIsCheckedWhereItStands() throws {
        let value = "https://a.example/x; https://a.example/y\\nftp:bad"
        // A list item: the part's own column (the \n escape is two characters in the file).
        let item = "{\"Ciudad\": \"Monterrey\", \"Criterios\": {\"PA1\": {\"Estado\": \"Sí\", \"Evidencia\": [\"\(value)\"]}}}"
        let itemError = try #require(TestCatalogs.convert(item, locale: "es-MX").diagnostics.first { $0.code == .urlInvalid })
        #expect(itemError.value == "ftp:bad")
        #expect(itemError.line == 1)
        #expect(itemError.column == 120)
        // A member: the key's position (where the value starts after it is not known), with the part as value.
        let member = item.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
        let memberError = try #require(TestCatalogs.convert(member, locale: "es-MX").diagnostics.first { $0.code == .urlInvalid })
        #expect(memberError.value == "ftp:bad")
        #expect(memberError.column == 63)
        // A semicolon inside a link stays.
        #expect(RecordAssembler.listParts("https://a.example/x;y=1").map(\.text) == ["https://a.example/x;y=1"])
        // One link alone takes a shortcut; it must split exactly as the character walk does.
        for raw in ["https://a.example/x", "http://b.example/a?b=c&d=e#f", "https://a.example/x;y=1", "x",
                    "https://a.example/x https://b.example/y", "https://a.example/x;https://b.example/y",
                    ";https://a.example/x;", "https://a.example/\u{00E9}t\u{00E9}", "https://a.example/x\t",
                    "https://a.example/x\u{7F}y", "https://a.example/\u{1}x", "HTTPS://A.EXAMPLE/X;HTTP://B"] {
            #expect(RecordAssembler.listParts(raw) == RecordAssembler.splitParts(raw), "\(raw)")
        }
        #expect(RecordAssembler.listParts("https://a.example/x") == [
            RecordAssembler.ListPart(text: "https://a.example/x", offset: 0, linesBefore: 0, column: 0),
        ])
    }
}
