import Foundation
import Testing
@testable import WWCIntake

/// Issue 13, cases 5–7: UTF-8 under a Latin-1 declaration, impossible values, and JSON
/// `null` / `[]` / `{}` — each either read faithfully or rejected, never coerced or dropped.
@Suite struct ValueSafetyTests {
    static let schema = JSONSchemaCheck.fixtures.appendingPathComponent("schemas/canonical-application.schema.json")

    // Case 5: mojibake.
    @Test func utf8UnderASingleByteDeclarationIsReadAsUTF8WithAWarning() throws {
        // curitiba.xml is declared and encoded ISO-8859-1; the same text saved as UTF-8 with the
        // declaration left alone must give the same values.
        let url = TestCatalogs.samples.appendingPathComponent("pt/curitiba.xml")
        let latin1 = try Data(contentsOf: url)
        let text = try #require(String(data: latin1, encoding: .isoLatin1))
        #expect(text.contains("encoding=\"ISO-8859-1\""))
        let original = TestCatalogs.converter.convert(latin1, file: "curitiba.xml")
        let resaved = TestCatalogs.converter.convert(Data(text.utf8), file: "curitiba.xml")
        let record = try #require(resaved.record, "\(resaved.diagnostics)")
        #expect(record.applicant.region == "Paraná")
        #expect(record.applicant.city == original.record?.applicant.city)
        #expect(record.applicant == original.record?.applicant)
        let mismatch = try #require(resaved.diagnostics.first { $0.code == .encodingMismatch })
        #expect(mismatch.severity == .warning)
        #expect(mismatch.line == 1 && mismatch.column == 1)
        #expect(!original.diagnostics.contains { $0.code == .encodingMismatch })
        for language in ["en", "es", "pt", "fr"] {
            let message = TestCatalogs.shared.render(mismatch, language: language)
            #expect(message.contains("ISO-8859-1") && message.contains("UTF-8"), "\(language): \(message)")
        }
        // Windows-1252 too (ICU: one byte per character); invalid UTF-8 stays an error.
        let windows = text.replacingOccurrences(of: "ISO-8859-1", with: "windows-1252")
        #expect(TestCatalogs.converter.convert(Data(windows.utf8), file: "c.xml").diagnostics
            .contains { $0.code == .encodingMismatch })
        let ascii = Array("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<a>".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(XMLFormReader().read(Data(ascii)).diagnostics.map(\.code) == [.encodingInvalid])
    }

    static let outOfRange = """
        {"submission": {"locale": "en-US", "date": "2024-03-15"},
         "applicant": {"city": "Austin", "country": "US", "population": POPULATION, "populationYear": YEAR,
                       "contact": {"name": "Ana", "email": "ana@example.gov"}},
         "criteria": {"DM1": "Met"},
         "outcomes": [{"indicator": "air_quality_pm25", "value": PM25, "sdg": SDG},
                      {"indicator": "broadband_households", "value": "SHARE"}]}
        """

    static func form(population: String = "974447", year: String = "2022", pm25: String = "12.5", sdg: String = "3",
                     share: String = "81 %") -> String {
        outOfRange.replacingOccurrences(of: "POPULATION", with: population).replacingOccurrences(of: "YEAR", with: year)
            .replacingOccurrences(of: "PM25", with: pm25).replacingOccurrences(of: "SDG", with: sdg)
            .replacingOccurrences(of: "SHARE", with: share)
    }

    // Case 6: impossible values.
    @Test func valuesOutsideTheFormDefinitionsRangesAreErrorsThatStateTheRange() throws {
        let good = TestCatalogs.convert(Self.form())
        let record = try #require(good.record, "\(good.diagnostics)")
        #expect(record.outcomes.map(\.value) == ["12.5", "0.81"])
        let cases: [(form: String, field: String, value: String, english: String)] = [
            (Self.form(population: "-5"), "applicant.population", "-5", "the smallest value accepted is 1"),
            (Self.form(population: "0"), "applicant.population", "0", "the smallest value accepted is 1"),
            (Self.form(year: "1850"), "applicant.populationYear", "1850", "values from 1900 to 2100 are accepted"),
            (Self.form(year: "1700"), "applicant.populationYear", "1700", "values from 1900 to 2100 are accepted"),
            (Self.form(pm25: "-0.1"), "outcomes[].value", "-0.1", "the smallest value accepted is 0"),
            (Self.form(sdg: "18"), "outcomes[].sdg", "18", "values from 1 to 17 are accepted"),
            (Self.form(share: "150 %"), "outcomes[].value", "150 %", "values from 0 to 1 are accepted"),
        ]
        for (form, field, value, english) in cases {
            let result = TestCatalogs.convert(form)
            #expect(result.record == nil, "\(field) \(value)")
            let errors = result.diagnostics.filter { $0.severity == .error }
            #expect(errors.map(\.code) == [.numberOutOfRange], "\(field) \(value): \(errors)")
            guard let error = errors.first else { continue }
            #expect(error.field == field)
            #expect(error.value == value)
            #expect(TestCatalogs.shared.render(error, language: "en").hasSuffix(english + "."))
            let numbers = english.split(separator: " ").filter { $0.allSatisfy(\.isNumber) }
            for language in ["es", "pt", "fr"] {
                let message = TestCatalogs.shared.render(error, language: language)
                #expect(numbers.allSatisfy { message.contains($0) }, "\(language): \(message)")
            }
        }
        // The ranges are data: form.json declares them.
        let definition = TestCatalogs.shared.definition
        #expect(definition.field("applicant.population")?.range == ValueRange(minimum: "1", maximum: nil))
        #expect(definition.field("outcomes[].value")?.indicatorRanges["broadband_households"]
                == ValueRange(minimum: "0", maximum: "1"))
    }

    @Test(arguments: [("1", "1", 0), ("-5", "1", -1), ("0.734", "1", -1), ("1.5", "1", 1), ("100", "99.99", 1),
                      ("-0.1", "0", -1), ("-2", "-10", 1), ("0", "0", 0), ("2100", "2100", 0)])
    func decimalsCompareExactly(lhs: String, rhs: String, order: Int) throws {
        let (left, right) = (try #require(DecimalText(icu: lhs)), try #require(DecimalText(icu: rhs)))
        #expect(DecimalText.compare(left, right) == order)
        #expect(DecimalText.compare(right, left) == -order)
    }

    // Case 7: JSON null, [] and {}.
    @Test func nullEmptyArraysAndEmptyObjectsAreKeptInUnmapped() throws {
        let form = """
            {"submission": {"locale": "en-US", "date": "2024-03-15"},
             "applicant": {"city": "Austin", "country": "US", "population": 974447, "region": null,
                           "contact": {"name": "Ana", "email": "ana@example.gov"}},
             "criteria": {"DM1": {"status": "Met", "evidence": []}},
             "outcomes": [],
             "Notes": null, "Attachments": [], "Validation": {}, "Geo": {"lat": null, "tags": [[], {}]}}
            """
        let result = TestCatalogs.convert(form)
        let record = try #require(result.record, "\(result.diagnostics)")
        let entries = record.unmapped.map { "\($0.path)=\($0.value)" }
        #expect(entries == ["/Notes=null", "/Attachments=[]", "/Validation={}", "/Geo/lat=null", "/Geo/tags/0=[]",
                            "/Geo/tags/1={}"])
        #expect(record.applicant.region == nil)
        let stats = result.statistics
        #expect(stats.unmapped == 6)
        #expect(stats.mapped + stats.unmapped + stats.rejected == stats.leaves)
        let json = record.serialized(pretty: true) { TestCatalogs.shared.render($0, language: "en") }
        #expect(json.contains("\"value\": \"null\""))
        #expect(try JSONSchemaCheck.errors(schema: Self.schema, documents: [json]) == [])
        // A field given an empty array or object keeps it too (not a value of the field).
        let population = TestCatalogs.convert(form.replacingOccurrences(of: "\"region\": null", with: "\"region\": []"))
        #expect(population.record?.unmapped.first?.value == "[]")
        #expect(population.record?.unmapped.first?.path == "/applicant/region")
    }
}
