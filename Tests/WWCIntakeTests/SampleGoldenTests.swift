import Foundation
import Testing
@testable import WWCIntake

/// Every bundled sample converts to exactly its committed record (`NAME.expected.json`), and
/// every committed record validates against the normative schema.
@Suite struct SampleGoldenTests {
    /// Valid samples: `samples/<language>/NAME.(xml|json)` (the `invalid/` folder is the
    /// validators' and has its own tests).
    static let samples: [String] = {
        let (files, _) = InputFiles.collect(["en", "es", "fr", "pt"].map {
            TestCatalogs.samples.appendingPathComponent($0).path
        })
        return files.map { String($0.dropFirst(TestCatalogs.repository.path.count + 1)) }
    }()

    @Test func thereAreSamplesInEveryLanguageAndFormat() {
        for language in ["en", "es", "fr", "pt"] {
            let mine = Self.samples.filter { $0.hasPrefix("samples/\(language)/") }
            #expect(mine.count >= 2, "\(language)")
            #expect(mine.contains { $0.hasSuffix(".xml") } || language == "none")
        }
        #expect(Self.samples.contains { $0.hasSuffix(".json") })
    }

    @Test(arguments: samples)
    func sampleConvertsToItsExpectedRecord(relativePath: String) throws {
        let data = try Data(contentsOf: TestCatalogs.repository.appendingPathComponent(relativePath))
        let result = TestCatalogs.converter.convert(data, file: relativePath)
        let record = try #require(result.record, "\(result.diagnostics)")
        let actual = record.serialized(pretty: true) { TestCatalogs.shared.render($0, language: "en") } + "\n"
        let expectedURL = TestCatalogs.repository.appendingPathComponent(
            (relativePath as NSString).deletingPathExtension + ".expected.json")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
        #expect(result.statistics.leaves == result.statistics.mapped + result.statistics.unmapped)
        #expect(result.statistics.unmapped == record.unmapped.count)
    }

    @Test func conversionIsByteIdenticalOnReRuns() throws {
        let path = try #require(Self.samples.first)
        let data = try Data(contentsOf: TestCatalogs.repository.appendingPathComponent(path))
        let render: (Diagnostic) -> String = { TestCatalogs.shared.render($0, language: "en") }
        let first = TestCatalogs.converter.convert(data, file: path).record?.serialized(message: render)
        let second = Converter(catalogs: TestCatalogs.shared).convert(data, file: path).record?.serialized(message: render)
        #expect(first != nil && first == second)
    }

    @Test func expectedRecordsValidateAgainstTheSchema() throws {
        let documents = try Self.samples.map { path in
            try String(contentsOf: TestCatalogs.repository.appendingPathComponent(
                (path as NSString).deletingPathExtension + ".expected.json"), encoding: .utf8)
        }
        let schema = JSONSchemaCheck.fixtures.appendingPathComponent("schemas/canonical-application.schema.json")
        #expect(try JSONSchemaCheck.errors(schema: schema, documents: documents) == [])
    }
}
