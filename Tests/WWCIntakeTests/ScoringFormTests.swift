import Foundation
import Testing
@testable import WWCIntake

/// `intake score` takes a form (converted on the fly) or its canonical record: both must score
/// identically, for every shipped sample in every language and format.
@Suite struct ScoringFormTests {
    static let samples = [
        "en/austin.json", "en/winnipeg.xml", "es/bogota.xml", "es/monterrey.json", "fr/montreal.xml",
        "fr/port-au-prince.json", "pt/curitiba.xml", "pt/recife.json",
    ]

    @Test(arguments: samples)
    func scoringAFormAndItsRecordGiveIdenticalResults(sample: String) throws {
        let rubric = try ScoringFixtures.defaultRubric()
        let url = TestCatalogs.samples.appendingPathComponent(sample)
        let converted = TestCatalogs.converter.convert(try Data(contentsOf: url), file: sample)
        let record = try #require(converted.record, "\(converted.diagnostics)")
        let text = record.json { _ in "" }.serialized(pretty: true)
        let parsed = JSONValue.parse(Data(text.utf8))
        let readBack = try CanonicalApplication(json: try #require(parsed.value))
        let fromForm = rubric.score(record, file: sample)
        let fromRecord = rubric.score(readBack, file: sample)
        #expect(fromForm == fromRecord)
        #expect(fromForm.json { code, _ in code.rawValue }.serialized()
                == fromRecord.json { code, _ in code.rawValue }.serialized())
        #expect(fromForm.possible == 43)
        #expect(fromForm.city != nil)
    }
}
