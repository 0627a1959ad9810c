import Foundation
import Testing
@testable import WWCIntake

/// Custom rubric files: what they can express, and how a bad one is rejected with its line.
@Suite struct ScoringRubricTests {
    typealias F = ScoringFixtures
    static let customIDs = ["A1", "A2", "A3", "B1", "B2", "B3"]

    func customRubric() throws -> Rubric {
        let loaded = F.loadRubric(F.customRubric)
        #expect(loaded.diagnostics.isEmpty)
        return try #require(loaded.rubric)
    }

    func custom(_ met: Set<String>, country: String = "CA") -> CanonicalApplication {
        F.application(met: met, ids: Self.customIDs, country: country, population: 1000, outcomes: [])
    }

    @Test func defaultRubricLoadsCleanly() {
        let loaded = Rubric.load(contentsOf: F.defaultRubricURL)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.rubric?.file == F.defaultRubricURL.path)
    }

    @Test func customRubricFromAFile() throws {
        let rubric = try customRubric()
        #expect(rubric.id == "test-rubric")
        #expect(rubric.possiblePoints == 7)  // B3 is worth 2
        #expect(rubric.levels.map(\.neededPoints) == [4, 5])  // ceil(3.5), ceil(4.9)
        #expect(rubric.levels[0].areaMinimums == [.init(area: "BB", minimum: 2)])
        #expect(rubric.outcomesMinimumMet == 0)
        let all = rubric.score(custom(Set(Self.customIDs)))
        #expect(all.points == 7 && all.possible == 7 && all.percent == "100")
        #expect(all.level == .gold)
        #expect(all.outcomeMet)
        #expect(all.reasons == [.init(.scoreLevel, ["level": "gold"])])
        #expect(rubric.score(custom(Set(Self.customIDs), country: "US")).level == .none)
    }

    @Test func prerequisiteChainStopsEverythingAfterTheMissingLink() throws {
        let rubric = try customRubric()
        let report = rubric.score(custom(["A2", "A3", "B1", "B2", "B3"]))
        #expect(report.points == 4)
        #expect(report.areas == [.init(area: "AA", met: 0, total: 3), .init(area: "BB", met: 3, total: 3)])
        #expect(report.level == .silver)
        #expect(report.reasons == [
            .init(.scoreLevel, ["level": "silver"]),
            .init(.scorePrerequisiteUnmet, ["criterion": "A2", "prerequisite": "A1"]),
            .init(.scorePrerequisiteUnmet, ["criterion": "A3", "prerequisite": "A2"]),
            .init(.scoreBelowThreshold, ["points": 4, "needed": 5, "level": "gold"]),
        ])
        let middle = rubric.score(custom(["A1", "A3", "B1", "B2", "B3"]))
        #expect(middle.points == 5 && middle.level == .gold)
        #expect(middle.reasons.dropFirst() == [.init(.scorePrerequisiteUnmet, ["criterion": "A3", "prerequisite": "A2"])])
        let whole = rubric.score(custom(["A1", "A2", "A3", "B1"]))
        #expect(whole.areas[0].met == 3)
        #expect(!whole.reasonCodes.contains(.scorePrerequisiteUnmet))
    }

    @Test func areaMinimumBlocksALevelThePointsReach() throws {
        let rubric = try customRubric()
        let report = rubric.score(custom(["A1", "A2", "A3", "B1"]))
        #expect(report.points == 4)  // enough for silver (4) …
        #expect(report.level == .none)  // … but only 1 of the 2 BB criteria silver needs
        #expect(report.reasons == [
            .init(.scoreLevel, ["level": "none"]),
            .init(.scoreAreaMinimum, ["area": "BB", "met": 1, "minimum": 2, "level": "silver"]),
        ])
        let enough = rubric.score(custom(["A1", "A2", "B1", "B2"]))
        #expect(enough.level == .silver)
    }

    @Test func aLowerLevelsAreaMinimumAlsoBindsTheHigherLevel() throws {
        let text = F.customRubric.replacingOccurrences(
            of: #"{"level": "gold", "minimumPercent": 70}"#,
            with: #"{"level": "gold", "minimumPercent": 70, "areaMinimums": {"AA": 3}}"#)
        let rubric = try #require(F.loadRubric(text).rubric)
        let report = rubric.score(custom(["A1", "A2", "B1", "B2", "B3"]))  // 6 points, AA 2/3
        #expect(report.level == .silver)
        #expect(report.reasons.dropFirst() == [.init(.scoreAreaMinimum, ["area": "AA", "met": 2, "minimum": 3,
                                                                         "level": "gold"])])
    }

    @Test func coreCriterionInACustomRubric() throws {
        let report = try customRubric().score(custom(["A1", "A2", "A3", "B2", "B3"]))
        #expect(report.points == 6 && report.level == .none && !report.coreMet)
        #expect(report.reasons[1] == .init(.scoreCoreUnmet, ["criteria": "B1", "count": 1]))
    }

    /// ceil(percent × possible / 100) must be exact: in `Double`, 0.7 × 10 = 7.000000000000001.
    @Test(arguments: [
        ("70", 10, 7), ("51", 43, 22), ("68", 43, 30), ("85", 43, 37), ("33.33", 3, 1), ("66.67", 3, 3),
        ("50", 3, 2), ("100", 3, 3), ("0.1", 10, 1), ("60", 5, 3), ("57.5", 40, 23), ("29", 100, 29),
    ])
    func thresholdsAreComputedExactly(percent: String, criteria: Int, needed: Int) throws {
        let ids = (1...criteria).map { "\"X\($0)\"" }.joined(separator: ", ")
        let text = """
            {"rubric": "t", "version": "1",
             "practiceAreas": [{"id": "X", "name": "X", "criteria": [\(ids)]}],
             "levels": [{"level": "silver", "minimumPercent": \(percent)}],
             "eligibility": {"minimumPopulation": 0, "countries": ["CA"]}}
            """
        let loaded = F.loadRubric(text)
        #expect(loaded.diagnostics.isEmpty)
        let rubric = try #require(loaded.rubric)
        #expect(rubric.levels.first?.neededPoints == needed)
        let met = Set((1...criteria).map { "X\($0)" }.prefix(needed))
        let scored = rubric.score(F.application(met: met, ids: (1...criteria).map { "X\($0)" }, country: "CA",
                                                outcomes: []))
        #expect(scored.level == .silver)
        let below = rubric.score(F.application(met: Set(met.sorted().dropLast()), ids: (1...criteria).map { "X\($0)" },
                                               country: "CA", outcomes: []))
        #expect(below.level == .none)
    }

    @Test func malformedRubricIsRejectedWithItsLine() throws {
        let text = F.customRubric.replacingOccurrences(of: #""version": "0.1","#, with: #""version": "0.1""#)
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map(\.code) == [.rubricMalformed])
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.file == loaded.url.path)
        #expect(diagnostic.location == SourceLocation(line: 4, column: 3))
        #expect(diagnostic.arguments == ["expected": ", }", "found": "\""])
    }

    @Test func unreadableRubricFileIsReported() {
        let loaded = Rubric.load(contentsOf: URL(fileURLWithPath: "/nonexistent/rubric.json"))
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map(\.code) == [.inputUnreadable])
        #expect(loaded.diagnostics.first?.file == "/nonexistent/rubric.json")
    }

    @Test func duplicateKeyInARubricIsRejected() {
        let text = F.customRubric.replacingOccurrences(of: #""version": "0.1","#,
                                                       with: #""version": "0.1", "rubric": "again","#)
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map(\.code) == [.rubricMalformed])
        #expect(loaded.diagnostics.first?.line == 3)
    }

    @Test(arguments: [
        (#""core": ["B1"]"#, #""core": ["B1", "ZZ9"]"#, "ZZ9", "/core/1", 11, 18),
        (#""criterionPoints": {"B3": 2}"#, #""criterionPoints": {"Q7": 2}"#, "Q7", "/criterionPoints/Q7", 9, 23),
        (#""A3": ["A2"]"#, #""A3": ["A9"]"#, "A9", "/prerequisites/A3/0", 10, 42),
        (#""A2": ["A1"]"#, #""C2": ["A1"]"#, "C2", "/prerequisites/C2", 10, 21),
    ])
    func unknownCriterionIsRejectedWithItsLine(find: String, replace: String, criterion: String, path: String,
                                               line: Int, column: Int) throws {
        let text = F.customRubric.replacingOccurrences(of: find, with: replace)
        #expect(text != F.customRubric)
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map(\.code) == [.rubricUnknownCriterion])
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.arguments == ["criterion": .text(criterion), "member": .text(path)])
        #expect(diagnostic.path == path)
        #expect(diagnostic.file == loaded.url.path)
        #expect(diagnostic.location == SourceLocation(line: line, column: column))
    }

    @Test(arguments: [
        (#""level": "gold""#, #""level": "bronze""#, "unknown", "/levels/1/level", 14),
        (#""level": "gold""#, #""level": "none""#, "unknown", "/levels/1/level", 14),
        (#""minimumPercent": 70"#, #""minimumPercent": 45"#, "order", "/levels/1/minimumPercent", 14),
        (#""minimumPercent": 70"#, #""minimumPercent": 50"#, "order", "/levels/1/minimumPercent", 14),
        (#""level": "silver""#, #""level": "platinum""#, "order", "/levels/1/level", 14),
        (#""level": "gold""#, #""level": "silver""#, "duplicate", "/levels/1/level", 14),
        (#""minimumPercent": 50"#, #""minimumPercent": 0"#, "range", "/levels/0/minimumPercent", 13),
        (#""minimumPercent": 70"#, #""minimumPercent": 100.5"#, "range", "/levels/1/minimumPercent", 14),
        (#""minimumPercent": 50"#, #""minimumPercent": 5e1"#, "format", "/levels/0/minimumPercent", 13),
        (#""minimumPercent": 50"#, #""minimumPercent": "50""#, "type", "/levels/0/minimumPercent", 13),
        (#""BB": 2"#, #""CC": 2"#, "unknown", "/levels/0/areaMinimums/CC", 13),
        (#""BB": 2"#, #""BB": 4"#, "range", "/levels/0/areaMinimums/BB", 13),
        (#""A2": ["A1"]"#, #""A2": ["A3"]"#, "cycle", "/prerequisites/A2", 10),
        (#""A2": ["A1"]"#, #""A2": ["A2"]"#, "cycle", "/prerequisites/A2", 10),
        (#""B3": 2"#, #""B3": -1"#, "range", "/criterionPoints/B3", 9),
        (#""B3": 2"#, #""B3": 1.5"#, "type", "/criterionPoints/B3", 9),
        (#""minimumPopulation": 1000"#, #""minimumPopulation": "1000""#, "type", "/eligibility/minimumPopulation", 16),
        (#"["CA", "MX"]"#, #"["CA", "Mexico"]"#, "format", "/eligibility/countries/1", 16),
        (#"["CA", "MX"]"#, #"["CA", "CA"]"#, "duplicate", "/eligibility/countries/1", 16),
        (#"["CA", "MX"]"#, #"[]"#, "empty", "/eligibility/countries", 16),
        (#"["B1", "B2", "B3"]"#, #"["B1", "B2", "A3"]"#, "duplicate", "/practiceAreas/1/criteria/2", 7),
        (#"["B1", "B2", "B3"]"#, #"["B1", "B2", "b3"]"#, "format", "/practiceAreas/1/criteria/2", 7),
        (#""id": "BB""#, #""id": "AA""#, "duplicate", "/practiceAreas/1/id", 7),
        (#""version": "0.1","#, #""versoin": "0.1","#, "unknown", "/versoin", 3),
        (#""sources": [{"title": "made up for tests"}]"#, #""sources": [{"name": "x"}]"#, "unknown",
         "/sources/0/name", 4),
    ])
    func invalidRubricIsRejectedWithItsLine(find: String, replace: String, problem: String, path: String,
                                            line: Int) throws {
        let text = F.customRubric.replacingOccurrences(of: find, with: replace)
        #expect(text != F.customRubric)
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        // A renamed member is also a missing one: look for the finding at `path`.
        let diagnostic = try #require(loaded.diagnostics.first { $0.path == path })
        #expect(diagnostic.code == .rubricInvalid)
        #expect(diagnostic.arguments["problem"] == .text(problem))
        #expect(diagnostic.arguments["member"] == .text(path))
        #expect(diagnostic.line == line)
        #expect(diagnostic.column != nil)
        #expect(diagnostic.file == loaded.url.path)
    }

    @Test func missingMembersAreReportedAtTheirParent() {
        let text = F.customRubric.replacingOccurrences(of: #""version": "0.1","#, with: "")
            .replacingOccurrences(of: #""minimumPopulation": 1000, "#, with: "")
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map { [$0.arguments["member"]?.description, $0.arguments["problem"]?.description,
                                          $0.line.map(String.init)] } == [
            ["/version", "missing", "1"],
            ["/eligibility/minimumPopulation", "missing", "16"],
        ])
    }

    @Test(arguments: [
        (#"{"indicator": "noise_db", "atMost": 55}"#, "unknown", "/outcomes/standards/0/indicator"),
        (#"{"indicator": "air_quality_pm25", "atMost": 15, "atLeast": 1}"#, "duplicate", "/outcomes/standards/0/atLeast"),
        (#"{"indicator": "priority_sdg", "improvedTowardTarget": false}"#, "type",
         "/outcomes/standards/0/improvedTowardTarget"),
        (#"{"indicator": "air_quality_pm25", "atMost": "15"}"#, "type", "/outcomes/standards/0/atMost"),
        (#"{"indicator": "air_quality_pm25"}"#, "missing", "/outcomes/standards/0/atMost|atLeast|improvedTowardTarget"),
    ])
    func invalidOutcomeStandards(standard: String, problem: String, path: String) throws {
        let text = F.customRubric.replacingOccurrences(
            of: #""eligibility": {"minimumPopulation": 1000, "countries": ["CA", "MX"]}"#,
            with: #""eligibility": {"minimumPopulation": 1000, "countries": ["CA", "MX"]},"#
                + "\n  \"outcomes\": {\"standards\": [\(standard)]}")
        let loaded = F.loadRubric(text)
        #expect(loaded.rubric == nil)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.code == .rubricInvalid)
        #expect(diagnostic.arguments["problem"] == .text(problem))
        #expect(diagnostic.path == path)
        #expect(diagnostic.line == 17)
    }

    @Test func outcomeRequirementInACustomRubric() throws {
        let text = F.customRubric.replacingOccurrences(
            of: #""eligibility": {"minimumPopulation": 1000, "countries": ["CA", "MX"]}"#,
            with: #""eligibility": {"minimumPopulation": 1000, "countries": ["CA", "MX"]},"#
                + #" "outcomes": {"minimumMet": 2, "standards": [{"indicator": "broadband_households", "atLeast": 0.75}]}"#)
        let rubric = try #require(F.loadRubric(text).rubric)
        #expect(rubric.outcomesMinimumMet == 2)
        var application = custom(Set(Self.customIDs))
        application.outcomes = [.init(indicator: .broadbandHouseholds, value: "0.8"),
                                .init(indicator: .airQualityPM25, value: "3")]
        let one = rubric.score(application)
        #expect(one.outcomeMet == false && one.level == .none)
        #expect(one.reasons[1] == .init(.scoreOutcomeUnmet, ["count": 1, "minimum": 2]))
        application.outcomes.append(.init(indicator: .broadbandHouseholds, value: "0.75", year: 2024))
        #expect(rubric.score(application).level == .gold)
    }

    // MARK: Locating the default rubric

    @Test func locateFollowsExplicitThenEnvironmentThenTheFolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-locate-\(UUID().uuidString)")
        let deep = folder.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rubrics"),
                                                withIntermediateDirectories: true)
        let shipped = folder.appendingPathComponent("rubrics/wwc-2022.json")
        try Data(contentsOf: F.defaultRubricURL).write(to: shipped)
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        #expect(Rubric.locate(explicit: "/x/r.json", environment: ["WWC_INTAKE_RUBRIC": "/y/r.json"],
                              executableURL: nil, currentDirectory: elsewhere)?.path == "/x/r.json")
        #expect(Rubric.locate(explicit: nil, environment: ["WWC_INTAKE_RUBRIC": "/y/r.json"],
                              executableURL: nil, currentDirectory: elsewhere)?.path == "/y/r.json")
        #expect(Rubric.locate(explicit: nil, environment: [:], executableURL: deep.appendingPathComponent("intake"),
                              currentDirectory: elsewhere)?.standardizedFileURL.path == shipped.standardizedFileURL.path)
        #expect(Rubric.locate(explicit: nil, environment: [:], executableURL: nil,
                              currentDirectory: deep)?.standardizedFileURL.path == shipped.standardizedFileURL.path)
        #expect(Rubric.locate(explicit: nil, environment: [:], executableURL: nil, currentDirectory: elsewhere) == nil)

        let found = Rubric.loadDefault(explicit: nil, environment: [:], executableURL: nil, currentDirectory: deep)
        #expect(found.rubric?.id == "wwc-certification")
        let missing = Rubric.loadDefault(explicit: nil, environment: [:], executableURL: nil,
                                         currentDirectory: elsewhere)
        #expect(missing.rubric == nil)
        #expect(missing.diagnostics.map(\.code) == [.rubricNotFound])
        let typo = Rubric.loadDefault(explicit: "no-such-rubric.json", environment: [:], executableURL: nil,
                                      currentDirectory: deep)
        #expect(typo.rubric == nil)
        #expect(typo.diagnostics.map(\.code) == [.rubricNotFound])
    }

    // MARK: Exact decimals

    @Test(arguments: [
        ("15", "15.0", 0), ("15.1", "15", 1), ("0.59", "0.6", -1), ("0.60", "0.6", 0), ("-0", "0", 0),
        ("-1.5", "-1.25", -1), ("-2", "1", -1), ("100", "99.999", 1), ("007.50", "7.5", 0), ("0.000001", "0", 1),
        ("123456789012345678901234567890.5", "123456789012345678901234567890.49", 1),
    ])
    func decimalsCompareExactly(lhs: String, rhs: String, order: Int) throws {
        let left = try #require(DecimalText(plain: lhs))
        let right = try #require(DecimalText(plain: rhs))
        #expect((left < right ? -1 : (left == right ? 0 : 1)) == order)
    }

    @Test(arguments: ["", "-", "1e3", "+1", "1.", ".5", "1,5", "1.2.3", " 1", "1 ", "0x10", "١٢"])
    func decimalsRejectAnythingButPlainNotation(text: String) {
        #expect(DecimalText(plain: text) == nil)
    }
}
