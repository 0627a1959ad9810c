extension Rubric {
    /// Scores one canonical application.
    ///
    /// A criterion scores when its status is `met` and every prerequisite scores (so in a
    /// chain A → B → C, an unmet A stops both B and C). The level is the highest one whose
    /// points and practice-area minimums (its own and those of every lower level) are reached,
    /// and `none` unless the city is eligible, every core criterion scores and enough outcomes
    /// meet their standard. `in_progress` and `not_met` score nothing.
    public func score(_ application: CanonicalApplication, file: String? = nil) -> ScoreReport {
        var statuses: [String: CanonicalApplication.Status] = [:]
        for criterion in application.criteria where statuses[criterion.id] == nil {
            statuses[criterion.id] = criterion.status
        }
        var scoring = ScoringMemo(statuses: statuses, prerequisites: prerequisites)
        var reasons: [ScoreReport.Reason] = []

        // Points and practice areas.
        let points = criteria.reduce(0) { $0 + (scoring.scores($1) ? self.points[$1] ?? 0 : 0) }
        let areas = practiceAreas.map { area in
            ScoreReport.AreaCount(area: area.id, met: area.criteria.filter { scoring.scores($0) }.count,
                                  total: area.criteria.count)
        }
        let metByArea = Dictionary(uniqueKeysWithValues: areas.map { ($0.area, $0.met) })

        // Gates: eligibility, core criteria, outcomes.
        var eligible = true
        if let population = application.applicant.population {
            if population < eligibility.minimumPopulation {
                eligible = false
                reasons.append(.init(.scoreIneligiblePopulation, [
                    "population": .number(population), "minimum": .number(eligibility.minimumPopulation),
                ]))
            }
        } else {
            eligible = false
            reasons.append(.init(.scoreApplicantIncomplete, ["field": "applicant.population"]))
        }
        if let country = application.applicant.country {
            if !eligibility.countries.contains(country.uppercased()) {
                eligible = false
                reasons.append(.init(.scoreIneligibleCountry, ["country": .text(country)]))
            }
        } else {
            eligible = false
            reasons.append(.init(.scoreApplicantIncomplete, ["field": "applicant.country"]))
        }
        let coreUnmet = core.filter { !scoring.scores($0) }
        if !coreUnmet.isEmpty {
            reasons.append(.init(.scoreCoreUnmet, [
                "criteria": .text(coreUnmet.joined(separator: ", ")), "count": .number(coreUnmet.count),
            ]))
        }
        let outcomesMeeting = application.outcomes.filter(meetsStandard).count
        let outcomeMet = outcomesMeeting >= outcomesMinimumMet
        if !outcomeMet {
            reasons.append(.init(.scoreOutcomeUnmet, [
                "count": .number(outcomesMeeting), "minimum": .number(outcomesMinimumMet),
            ]))
        }

        // Criteria met but not scoring because a prerequisite does not score.
        for criterion in criteria where statuses[criterion] == .met {
            for prerequisite in prerequisites[criterion] ?? [] where !scoring.scores(prerequisite) {
                reasons.append(.init(.scorePrerequisiteUnmet, [
                    "criterion": .text(criterion), "prerequisite": .text(prerequisite),
                ]))
            }
        }

        // The level the points and area minimums reach, and what stops the next one.
        var reached = CertificationLevel.none
        var areasHoldSoFar = true
        var next: LevelRule?
        for rule in levels {
            areasHoldSoFar = areasHoldSoFar && rule.areaMinimums.allSatisfy { (metByArea[$0.area] ?? 0) >= $0.minimum }
            if points >= rule.neededPoints && areasHoldSoFar {
                reached = rule.level
            } else {
                next = rule
                break
            }
        }
        if let next {
            let failing = levels.prefix { $0.level <= next.level }.flatMap(\.areaMinimums)
                .filter { (metByArea[$0.area] ?? 0) < $0.minimum }
            var reported: Set<String> = []
            for minimum in failing where reported.insert(minimum.area).inserted {
                let strictest = failing.filter { $0.area == minimum.area }.map(\.minimum).max()!
                reasons.append(.init(.scoreAreaMinimum, [
                    "area": .text(minimum.area), "met": .number(metByArea[minimum.area] ?? 0),
                    "minimum": .number(strictest), "level": .text(next.level.rawValue),
                ]))
            }
            if points < next.neededPoints {
                reasons.append(.init(.scoreBelowThreshold, [
                    "points": .number(points), "needed": .number(next.neededPoints), "level": .text(next.level.rawValue),
                ]))
            }
        }
        let level = eligible && coreUnmet.isEmpty && outcomeMet ? reached : .none
        reasons.insert(.init(.scoreLevel, ["level": .text(level.rawValue)]), at: 0)

        let possible = possiblePoints
        return ScoreReport(
            file: file ?? application.source.file, city: application.applicant.city,
            country: application.applicant.country, population: application.applicant.population,
            rubric: id, rubricVersion: version, points: points, possible: possible,
            percent: DecimalText.percent(points, of: possible), level: level, eligible: eligible,
            coreMet: coreUnmet.isEmpty, outcomeMet: outcomeMet,
            thresholds: levels.map { ScoreReport.Threshold(level: $0.level, points: $0.neededPoints) },
            areas: areas, reasons: reasons)
    }

    /// Whether one outcome item meets the rubric's standard for its indicator.
    public func meetsStandard(_ outcome: CanonicalApplication.Outcome) -> Bool {
        guard let indicator = outcome.indicator,
              let standard = outcomeStandards.first(where: { $0.indicator == indicator }),
              let value = outcome.value.flatMap(DecimalText.init(plain:))
        else { return false }
        switch standard.rule {
        case .atMost(let limit):
            return DecimalText(plain: limit).map { value <= $0 } ?? false
        case .atLeast(let limit):
            return DecimalText(plain: limit).map { value >= $0 } ?? false
        case .improvedTowardTarget:
            guard let baseline = outcome.baseline.flatMap(DecimalText.init(plain:)),
                  let target = outcome.target.flatMap(DecimalText.init(plain:)) else { return false }
            return (target > baseline && value > baseline) || (target < baseline && value < baseline)
        }
    }
}

/// Which criteria score, computed once each. A prerequisite cycle (only possible in a rubric
/// built in code; the loader rejects one) makes the criteria on it not score.
private struct ScoringMemo {
    let statuses: [String: CanonicalApplication.Status]
    let prerequisites: [String: [String]]
    var known: [String: Bool] = [:]
    var visiting: Set<String> = []

    init(statuses: [String: CanonicalApplication.Status], prerequisites: [String: [String]]) {
        self.statuses = statuses
        self.prerequisites = prerequisites
    }

    mutating func scores(_ criterion: String) -> Bool {
        if let result = known[criterion] { return result }
        guard statuses[criterion] == .met, visiting.insert(criterion).inserted else { return false }
        var result = true
        for prerequisite in prerequisites[criterion] ?? [] where !scores(prerequisite) {
            result = false
            break
        }
        visiting.remove(criterion)
        known[criterion] = result
        return result
    }
}
