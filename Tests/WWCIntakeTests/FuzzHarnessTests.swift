import Foundation
import IntakeFuzz
import Testing
@testable import WWCIntake

/// The fuzz targets' logic (`FuzzHarness`) runs in the normal test build over the committed
/// corpus — the samples, the value seeds and every regression input — so it cannot stop
/// compiling or start failing unseen; and its in-process schema check agrees with the
/// reference validator.
@Suite struct FuzzHarnessTests {
    static let repository = TestCatalogs.repository
    static let schema = JSONSchemaCheck.fixtures.appendingPathComponent("schemas/canonical-application.schema.json")

    static func corpus(_ target: FuzzHarness.Target) -> [URL] {
        let manager = FileManager.default
        func files(_ folder: String, _ keep: (String) -> Bool) -> [URL] {
            let url = repository.appendingPathComponent(folder)
            return ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).filter(keep).sorted()
                .map { url.appendingPathComponent($0) }
        }
        let forms = ["en", "es", "fr", "pt"].flatMap { language in
            files("samples/" + language) { !$0.hasSuffix(".expected.json") }
        }
        let regressions = files("Tests/WWCIntakeTests/Fixtures/fuzz") { $0.hasPrefix(target.rawValue + "-") }
        switch target {
        case .xml: return forms.filter { $0.pathExtension == "xml" } + regressions
        case .json: return forms.filter { $0.pathExtension == "json" } + regressions
        case .value: return files("Fuzz/seeds/value") { !$0.hasPrefix(".") } + regressions
        case .convert: return forms + files("samples/invalid") { !$0.hasSuffix(".expected.json") } + regressions
        }
    }

    @Test(arguments: FuzzHarness.Target.allCases)
    func everyTargetRunsItsCommittedCorpus(target: FuzzHarness.Target) throws {
        let harness = try FuzzHarness(target: target, locales: TestCatalogs.locales, schema: Self.schema)
        let inputs = Self.corpus(target)
        #expect(inputs.count >= 3)
        for input in inputs { harness.run(try Data(contentsOf: input)) }
    }

    @Test func theInProcessSchemaCheckAgreesWithTheReferenceValidator() throws {
        let check = try RecordSchemaCheck(contentsOf: Self.schema)
        var documents: [String] = []
        for sample in ["en/austin", "es/bogota", "fr/montreal", "pt/recife"] {
            documents.append(try String(contentsOf: TestCatalogs.samples.appendingPathComponent(sample + ".expected.json"),
                                        encoding: .utf8))
        }
        // Broken records: each breaks one rule of the schema.
        let good = documents[0]
        let broken = [
            good.replacingOccurrences(of: "\"population\": 974447", with: "\"population\": -5"),
            good.replacingOccurrences(of: "\"country\": \"US\"", with: "\"country\": \"usa\""),
            good.replacingOccurrences(of: "\"schema\": \"wwc-application/1\"", with: "\"schema\": \"wwc-application/2\""),
            good.replacingOccurrences(of: "\"city\": \"Austin\"", with: "\"city\": \"\""),
            good.replacingOccurrences(of: "\"city\": \"Austin\",", with: "\"city\": \"Austin\", \"mayor\": \"x\","),
            good.replacingOccurrences(of: "\"populationYear\": 2022", with: "\"populationYear\": 2300"),
            good.replacingOccurrences(of: "\"status\": \"met\"", with: "\"status\": \"done\""),
        ]
        #expect(Set(broken).count == broken.count && !broken.contains(good), "each replacement must apply")
        let reference = try JSONSchemaCheck.errors(schema: Self.schema, documents: documents + broken)
        for (index, document) in (documents + broken).enumerated() {
            let value = try #require(JSONValue.parse(Data(document.utf8)).value)
            let inProcess = check.violations(of: value)
            let byReference = reference.contains { $0.contains("/doc\(index).json:") }
            #expect(inProcess.isEmpty == !byReference, "document \(index): \(inProcess) vs reference")
            #expect(inProcess.isEmpty == (index < documents.count))
        }
        // A keyword it does not implement makes it refuse the schema, not pass everything.
        #expect(throws: FuzzHarness.SetupError.self) {
            try RecordSchemaCheck(schema: .object([.init("type", .string("object")), .init("oneOf", .array([]))]))
        }
    }
}
