import Foundation
@testable import WWCIntake

/// Shared builders for the scoring tests: the shipped rubric, custom rubric files, records.
enum ScoringFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let defaultRubricURL = repositoryRoot.appendingPathComponent("rubrics/wwc-2022.json")

    static func defaultRubric() throws -> Rubric {
        let loaded = Rubric.load(contentsOf: defaultRubricURL)
        guard let rubric = loaded.rubric else { throw FixtureError.rubric(loaded.diagnostics) }
        return rubric
    }

    enum FixtureError: Error {
        case rubric([Diagnostic])
    }

    /// The 43 ids in the standard's order.
    static let allCriteria: [String] =
        (1...9).map { "DM\($0)" } + (1...7).map { "LC\($0)" } + (1...4).map { "OD\($0)" } + (1...5).map { "PA\($0)" }
        + (1...3).map { "BF\($0)" } + (1...8).map { "RDC\($0)" } + (1...3).map { "CI\($0)" }
        + (1...4).map { "EVAL\($0)" }

    static let core = ["LC1", "DM1", "PA1"]

    /// `count` criteria met, the core ones first unless excluded; the rest `not_met` or
    /// `in_progress` alternately (neither scores).
    static func metCriteria(_ count: Int, excluding excluded: Set<String> = []) -> Set<String> {
        let order = core + allCriteria.filter { !core.contains($0) }
        return Set(order.filter { !excluded.contains($0) }.prefix(count))
    }

    static func application(
        met: Set<String>, ids: [String] = allCriteria, city: String = "Bogotá", country: String? = "CO",
        population: Int? = 7_181_469,
        outcomes: [CanonicalApplication.Outcome] = [.init(indicator: .airQualityPM25, value: "14.2", year: 2023)]
    ) -> CanonicalApplication {
        let criteria = ids.enumerated().map { index, id in
            CanonicalApplication.Criterion(
                id: id, status: met.contains(id) ? .met : (index.isMultiple(of: 2) ? .notMet : .inProgress))
        }
        return CanonicalApplication(
            source: .init(file: "bogota.xml", format: .xml, sha256: "", declaredLocale: "es", locale: "es-CO",
                          localeSource: .declared),
            applicant: .init(city: city, country: country, population: population),
            criteria: criteria, outcomes: outcomes)
    }

    /// Writes `text` to a fresh temporary file and loads it as a rubric.
    static func loadRubric(_ text: String, name: String = "custom.json") -> (rubric: Rubric?, diagnostics: [Diagnostic],
                                                                            url: URL) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("wwc-scoring-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        let loaded = Rubric.load(contentsOf: url)
        return (loaded.rubric, loaded.diagnostics, url)
    }

    /// A small rubric: two areas of three, a chain A1 → A2 → A3, silver needing 2 in BB.
    static let customRubric = """
        {
          "rubric": "test-rubric",
          "version": "0.1",
          "sources": [{"title": "made up for tests"}],
          "practiceAreas": [
            {"id": "AA", "name": "Area A", "criteria": ["A1", "A2", "A3"]},
            {"id": "BB", "name": "Area B", "criteria": ["B1", "B2", "B3"]}
          ],
          "criterionPoints": {"B3": 2},
          "prerequisites": {"A2": ["A1"], "A3": ["A2"]},
          "core": ["B1"],
          "levels": [
            {"level": "silver", "minimumPercent": 50, "areaMinimums": {"BB": 2}},
            {"level": "gold", "minimumPercent": 70}
          ],
          "eligibility": {"minimumPopulation": 1000, "countries": ["CA", "MX"]}
        }
        """
}
