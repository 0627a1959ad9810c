import Foundation
import Testing
@testable import WWCIntake

/// The default rubric applied at every boundary of the standard.
@Suite struct ScoringEngineTests {
    typealias F = ScoringFixtures

    @Test func defaultRubricHasTheStandardsNumbers() throws {
        let rubric = try F.defaultRubric()
        #expect(rubric.id == "wwc-certification")
        #expect(rubric.version == "2022.1")
        #expect(rubric.criteria == F.allCriteria)
        #expect(rubric.practiceAreas.map(\.id) == ["DM", "LC", "OD", "PA", "BF", "RDC", "CI", "EVAL"])
        #expect(rubric.practiceAreas.map(\.criteria.count) == [9, 7, 4, 5, 3, 8, 3, 4])
        #expect(rubric.possiblePoints == 43)
        #expect(rubric.core == ["LC1", "DM1", "PA1"])
        #expect(rubric.levels.map(\.level) == [.silver, .gold, .platinum])
        #expect(rubric.levels.map(\.minimumPercent) == ["51", "68", "85"])
        #expect(rubric.levels.map(\.neededPoints) == [22, 30, 37])
        #expect(rubric.eligibility.minimumPopulation == 30_000)
        #expect(rubric.eligibility.countries.count == 57)
        #expect(rubric.prerequisites.isEmpty)
        #expect(rubric.outcomesMinimumMet == 1)
        #expect(rubric.outcomeStandards == [
            .init(indicator: .airQualityPM25, rule: .atMost("15")),
            .init(indicator: .broadbandHouseholds, rule: .atLeast("0.6")),
            .init(indicator: .prioritySDG, rule: .improvedTowardTarget),
        ])
        #expect(rubric.sources.count == 5)
        #expect(rubric.sources.contains { $0.url == "https://whatworkscities.bloomberg.org/assessment" })
    }

    @Test(arguments: [
        (21, CertificationLevel.none, "48.83", [DiagnosticCode.scoreLevel, .scoreBelowThreshold], 22, "silver"),
        (22, .silver, "51.16", [.scoreLevel, .scoreBelowThreshold], 30, "gold"),
        (29, .silver, "67.44", [.scoreLevel, .scoreBelowThreshold], 30, "gold"),
        (30, .gold, "69.76", [.scoreLevel, .scoreBelowThreshold], 37, "platinum"),
        (36, .gold, "83.72", [.scoreLevel, .scoreBelowThreshold], 37, "platinum"),
        (37, .platinum, "86.04", [.scoreLevel], 0, ""),
        (43, .platinum, "100", [.scoreLevel], 0, ""),
    ])
    func levelBoundaries(met: Int, level: CertificationLevel, percent: String, codes: [DiagnosticCode], needed: Int,
                         next: String) throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(met)))
        #expect(report.points == met)
        #expect(report.possible == 43)
        #expect(report.percent == percent)
        #expect(report.level == level)
        #expect(report.eligible && report.coreMet && report.outcomeMet)
        #expect(report.reasonCodes == codes)
        #expect(report.reasons.first?.arguments == ["level": .text(level.rawValue)])
        if needed > 0 {
            #expect(report.reasons.last?.arguments == [
                "points": .number(met), "needed": .number(needed), "level": .text(next),
            ])
        }
    }

    @Test func aMissingCoreCriterionBlocksEveryLevelEvenWith40Met() throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(40, excluding: ["LC1"])))
        #expect(report.points == 40)
        #expect(report.percent == "93.02")
        #expect(report.coreMet == false)
        #expect(report.level == .none)
        #expect(report.reasonCodes == [.scoreLevel, .scoreCoreUnmet])
        #expect(report.reasons[1].arguments == ["criteria": "LC1", "count": 1])
        #expect(report.areas.first { $0.area == "LC" } == .init(area: "LC", met: 6, total: 7))
    }

    @Test func allCoreMissingAreListedInTheRubricsOrder() throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(40, excluding: Set(F.core))))
        #expect(report.reasons[1] == .init(.scoreCoreUnmet, ["criteria": "LC1, DM1, PA1", "count": 3]))
    }

    @Test(arguments: [(29_999, false), (30_000, true), (7_181_469, true)])
    func populationBoundary(population: Int, eligible: Bool) throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(37), population: population))
        #expect(report.eligible == eligible)
        #expect(report.level == (eligible ? .platinum : .none))
        if eligible {
            #expect(report.reasonCodes == [.scoreLevel])
        } else {
            #expect(report.reasons.dropFirst().first == .init(.scoreIneligiblePopulation, [
                "population": .number(population), "minimum": 30_000,
            ]))
        }
    }

    @Test(arguments: ["ES", "FR", "PT", "GB", "JP"])
    func countriesOutsideTheAmericasAreIneligible(country: String) throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(43), country: country))
        #expect(report.eligible == false)
        #expect(report.level == .none)
        #expect(report.points == 43)
        #expect(report.reasonCodes == [.scoreLevel, .scoreIneligibleCountry])
        #expect(report.reasons[1].arguments == ["country": .text(country)])
    }

    @Test(arguments: ["US", "CA", "MX", "GT", "CO", "BR", "AR", "HT", "JM", "PR", "GF", "GL"])
    func countriesOfTheAmericasAreEligible(country: String) throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(22), country: country))
        #expect(report.eligible)
        #expect(report.level == .silver)
    }

    @Test func missingPopulationAndCountryAreReasonsNotCrashes() throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(43), country: nil, population: nil))
        #expect(report.level == .none)
        #expect(report.reasons.dropFirst() == [
            .init(.scoreApplicantIncomplete, ["field": "applicant.population"]),
            .init(.scoreApplicantIncomplete, ["field": "applicant.country"]),
        ])
    }

    typealias Outcome = CanonicalApplication.Outcome

    @Test(arguments: [
        (Outcome(indicator: .airQualityPM25, value: "15"), true),
        (Outcome(indicator: .airQualityPM25, value: "15.0"), true),
        (Outcome(indicator: .airQualityPM25, value: "14.99"), true),
        (Outcome(indicator: .airQualityPM25, value: "15.1"), false),
        (Outcome(indicator: .airQualityPM25, value: "15.000001"), false),
        (Outcome(indicator: .broadbandHouseholds, value: "0.6"), true),
        (Outcome(indicator: .broadbandHouseholds, value: "0.60"), true),
        (Outcome(indicator: .broadbandHouseholds, value: "0.734"), true),
        (Outcome(indicator: .broadbandHouseholds, value: "0.59"), false),
        (Outcome(indicator: .broadbandHouseholds, value: "0.5999999"), false),
        (Outcome(indicator: .prioritySDG, value: "12", baseline: "10", target: "20", sdg: 11), true),
        (Outcome(indicator: .prioritySDG, value: "10", baseline: "10", target: "20", sdg: 11), false),
        (Outcome(indicator: .prioritySDG, value: "9.5", baseline: "10", target: "20", sdg: 11), false),
        (Outcome(indicator: .prioritySDG, value: "0.15", baseline: "0.2", target: "0.1", sdg: 3), true),
        (Outcome(indicator: .prioritySDG, value: "0.25", baseline: "0.2", target: "0.1", sdg: 3), false),
        (Outcome(indicator: .prioritySDG, value: "30", baseline: "10", target: "20"), true),
        (Outcome(indicator: .prioritySDG, value: "12", baseline: "10", target: "10"), false),
        (Outcome(indicator: .prioritySDG, value: "12", target: "20"), false),
        (Outcome(indicator: .prioritySDG, value: "12", baseline: "10"), false),
        (Outcome(indicator: .airQualityPM25, value: nil), false),
        (Outcome(indicator: .airQualityPM25, value: "abc"), false),
        (Outcome(indicator: nil, value: "1"), false),
    ])
    func outcomeStandards(outcome: Outcome, meets: Bool) throws {
        let rubric = try F.defaultRubric()
        #expect(rubric.meetsStandard(outcome) == meets)
        let report = rubric.score(F.application(met: F.metCriteria(30), outcomes: [outcome]))
        #expect(report.outcomeMet == meets)
        #expect(report.level == (meets ? .gold : .none))
        #expect(report.reasonCodes.contains(.scoreOutcomeUnmet) == !meets)
    }

    @Test func noOutcomeMeetingItsStandardBlocksTheLevel() throws {
        let outcomes = [
            Outcome(indicator: .airQualityPM25, value: "15.1", year: 2023),
            Outcome(indicator: .broadbandHouseholds, value: "0.59", year: 2023),
            Outcome(indicator: .prioritySDG, value: "10", baseline: "10", target: "20", sdg: 11),
        ]
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(43), outcomes: outcomes))
        #expect(report.outcomeMet == false)
        #expect(report.level == .none)
        #expect(report.reasons == [
            .init(.scoreLevel, ["level": "none"]),
            .init(.scoreOutcomeUnmet, ["count": 0, "minimum": 1]),
        ])
        let none = try F.defaultRubric().score(F.application(met: F.metCriteria(43), outcomes: []))
        #expect(none.level == .none && none.outcomeMet == false)
        var oneGood = outcomes
        oneGood.append(Outcome(indicator: .broadbandHouseholds, value: "0.6"))
        #expect(try F.defaultRubric().score(F.application(met: F.metCriteria(43), outcomes: oneGood)).level == .platinum)
    }

    @Test func everyBlockerIsReportedTogether() throws {
        let report = try F.defaultRubric().score(F.application(
            met: F.metCriteria(25, excluding: ["PA1"]), country: "ES", population: 12_000, outcomes: []))
        #expect(report.reasonCodes == [
            .scoreLevel, .scoreIneligiblePopulation, .scoreIneligibleCountry, .scoreCoreUnmet, .scoreOutcomeUnmet,
            .scoreBelowThreshold,
        ])
        #expect(report.reasons.last?.arguments == ["points": 25, "needed": 30, "level": "gold"])
    }

    @Test func areaCountsFollowTheRubricOrder() throws {
        let met: Set<String> = ["DM1", "DM2", "DM3", "DM4", "DM5", "DM6", "DM7", "LC1", "LC2", "LC3", "LC4", "LC5", "PA1"]
        let report = try F.defaultRubric().score(F.application(met: met))
        #expect(report.areas.map { "\($0.area) \($0.met)/\($0.total)" } == [
            "DM 7/9", "LC 5/7", "OD 0/4", "PA 1/5", "BF 0/3", "RDC 0/8", "CI 0/3", "EVAL 0/4",
        ])
    }

    @Test func reportJSONHasTheSpecsMembersInOrder() throws {
        let report = try F.defaultRubric().score(F.application(met: F.metCriteria(22)), file: "in/bogota.json")
        let json = report.json { code, arguments in "\(code.rawValue)|\(arguments.count)" }
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == [
            "file", "city", "country", "population", "rubric", "points", "possible", "percent", "level", "eligible",
            "coreMet", "outcomeMet", "thresholds", "areas", "reasons",
        ])
        #expect(json["file"] == .string("in/bogota.json"))
        #expect(json["percent"] == .string("51.16"))
        #expect(json["level"] == .string("silver"))
        #expect(json["thresholds"]?.serialized() == #"{"silver":22,"gold":30,"platinum":37}"#)
        #expect(json["reasons"]?.serialized() == """
            [{"code":"score.level","message":"score.level|1","arguments":{"level":"silver"}},\
            {"code":"score.below_threshold","message":"score.below_threshold|3",\
            "arguments":{"level":"gold","needed":30,"points":22}}]
            """)
    }

    /// `intake score` on a record file reads it back with `CanonicalApplication(json:)`: the
    /// written-and-read record must score exactly like the record in memory.
    @Test func aRecordReadBackFromJSONScoresTheSame() throws {
        let rubric = try F.defaultRubric()
        let outcomes = [
            Outcome(indicator: .airQualityPM25, value: "15.1", year: 2023),
            Outcome(indicator: .prioritySDG, value: "0.41", year: 2023, baseline: "0.35", baselineYear: 2019,
                    target: "0.5", sdg: 11),
        ]
        let record = F.application(met: F.metCriteria(31, excluding: ["OD1"]), outcomes: outcomes)
        let text = record.serialized(pretty: true) { _ in "" }
        let parsed = JSONValue.parse(Data(text.utf8))
        let readBack = try CanonicalApplication(json: try #require(parsed.value))
        let direct = rubric.score(record, file: "x.json")
        #expect(rubric.score(readBack, file: "x.json") == direct)
        #expect(direct.level == .gold && direct.outcomeMet)
    }

    @Test(arguments: [
        (22, 43, "51.16"), (43, 43, "100"), (0, 43, "0"), (1, 3, "33.33"), (2, 3, "66.66"), (1, 8, "12.5"),
        (1, 20, "5"), (1, 200, "0.5"), (1, 400, "0.25"), (1, 1000, "0.1"), (1, 10_000, "0.01"), (7, 1, "700"),
    ])
    func percentIsTruncatedExactly(points: Int, possible: Int, percent: String) {
        #expect(DecimalText.percent(points, of: possible) == percent)
    }
}
