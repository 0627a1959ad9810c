import Foundation

/// Checks a rubric file member by member and builds the `Rubric`.
///
/// It walks the position-tracking `FormNode` tree (not a plain JSON value) so that every
/// finding carries the file, the JSON Pointer of the offending member and its line and column:
/// program staff edit this file by hand and must be able to go straight to the mistake.
/// All findings are collected, not just the first. `rubric.invalid` carries a `problem`
/// keyword that the catalog message selects on:
/// `missing` · `type` (with `expected`) · `format` · `range` · `order` · `duplicate` ·
/// `unknown` · `cycle` · `empty`.
struct RubricLoader {
    let file: String?
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String?) {
        self.file = file
    }

    /// Keys that are comments for people and never an error, at any level.
    private static func isComment(_ key: String) -> Bool { key == "notes" || key.hasPrefix("$") }

    mutating func load(_ data: Data) -> (rubric: Rubric?, diagnostics: [Diagnostic]) {
        let read = JSONFormReader().read(data)
        let readErrors = read.diagnostics.filter { $0.severity == .error }
        guard let root = read.document?.root, readErrors.isEmpty else {
            let mapped = read.diagnostics.map { diagnostic -> Diagnostic in
                var diagnostic = diagnostic
                if diagnostic.code == .jsonMalformed { diagnostic.code = .rubricMalformed }
                if diagnostic.code == .fieldDuplicate {
                    // A key given twice in the rubric is a fault of the file, not of a form.
                    diagnostic.code = .rubricMalformed
                    diagnostic.arguments = ["expected": "a key used once", "found": .text("“\(diagnostic.arguments["key"]?.description ?? "")” again")]
                }
                diagnostic.file = file
                return diagnostic
            }
            return (nil, mapped)
        }
        let rubric = build(root)
        // In document order, so staff can fix the file top to bottom.
        let ordered = diagnostics.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.line ?? 0, lhs.element.column ?? 0, lhs.offset)
            let right = (rhs.element.line ?? 0, rhs.element.column ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
        return (ordered.contains { $0.severity == .error } ? nil : rubric, ordered)
    }

    // MARK: The rubric

    private mutating func build(_ root: FormNode) -> Rubric? {
        guard let top = section(root, allowed: [
            "rubric", "version", "standard", "sources", "pointsPerCriterion", "practiceAreas", "criterionPoints",
            "prerequisites", "core", "levels", "eligibility", "outcomes",
        ]) else { return nil }
        let id = required("rubric", in: root, top).flatMap { string($0) }
        let version = required("version", in: root, top).flatMap { string($0) }
        let standard = top["standard"].flatMap { string($0) }
        let sources = top["sources"].map { readSources($0) } ?? []
        let defaultPoints = top["pointsPerCriterion"].flatMap { integer($0, minimum: 0) } ?? 1

        let areas = required("practiceAreas", in: root, top).map { readAreas($0) } ?? []
        let known = Set(areas.flatMap(\.criteria))
        var points: [String: Int] = [:]
        for criterion in areas.flatMap(\.criteria) { points[criterion] = defaultPoints }
        if let overrides = top["criterionPoints"], let members = section(overrides, allowed: nil) {
            for member in members.values.sorted(by: Self.inputOrder) where !Self.isComment(member.key) {
                guard criterionKnown(member.key, at: member, known: known) else { continue }
                if let value = integer(member, minimum: 0) { points[member.key] = value }
            }
        }
        let prerequisites = top["prerequisites"].map { readPrerequisites($0, known: known) } ?? [:]
        let core = top["core"].map { criterionList($0, known: known) } ?? []
        let possible = areas.flatMap(\.criteria).reduce(0) { $0 + (points[$1] ?? 0) }
        if !areas.isEmpty, possible == 0, let node = top["practiceAreas"] {
            invalid(node, .range, value: "0")
        }
        let levels = required("levels", in: root, top).map { readLevels($0, areas: areas, possible: possible) } ?? []
        let eligibility = required("eligibility", in: root, top).flatMap { readEligibility($0) }
        var minimumMet = 0
        var standards: [Rubric.OutcomeStandard] = []
        if let outcomes = top["outcomes"] { (minimumMet, standards) = readOutcomes(outcomes) }

        guard let id, let version, let eligibility else { return nil }
        return Rubric(id: id, version: version, standard: standard, sources: sources, file: file,
                      practiceAreas: areas, points: points, prerequisites: prerequisites, core: core, levels: levels,
                      eligibility: eligibility, outcomesMinimumMet: minimumMet, outcomeStandards: standards)
    }

    private mutating func readSources(_ node: FormNode) -> [Rubric.Source] {
        list(node).compactMap { item in
            guard let members = section(item, allowed: ["title", "url", "supports"]),
                  let title = required("title", in: item, members).flatMap({ string($0) }) else { return nil }
            return Rubric.Source(title: title, url: members["url"].flatMap { string($0) },
                                 supports: members["supports"].flatMap { string($0) })
        }
    }

    private mutating func readAreas(_ node: FormNode) -> [Rubric.PracticeArea] {
        let items = nonEmptyList(node)
        var areaIDs: Set<String> = []
        var criterionIDs: Set<String> = []
        var areas: [Rubric.PracticeArea] = []
        for item in items {
            guard let members = section(item, allowed: ["id", "name", "criteria"]) else { continue }
            let id = required("id", in: item, members).flatMap { string($0, pattern: Self.isAreaID) }
            let name = required("name", in: item, members).flatMap { string($0) }
            var criteria: [String] = []
            if let criteriaNode = required("criteria", in: item, members) {
                for entry in nonEmptyList(criteriaNode) {
                    guard let criterion = string(entry, pattern: Self.isCriterionID) else { continue }
                    if !criterionIDs.insert(criterion).inserted {
                        invalid(entry, .duplicate, value: criterion)
                        continue
                    }
                    criteria.append(criterion)
                }
            }
            guard let id, let name else { continue }
            if !areaIDs.insert(id).inserted {
                invalid(members["id"] ?? item, .duplicate, value: id)
                continue
            }
            areas.append(Rubric.PracticeArea(id: id, name: name, criteria: criteria))
        }
        return areas
    }

    private mutating func readPrerequisites(_ node: FormNode, known: Set<String>) -> [String: [String]] {
        guard let members = section(node, allowed: nil) else { return [:] }
        var prerequisites: [String: [String]] = [:]
        var nodes: [String: FormNode] = [:]
        for member in members.values.sorted(by: Self.inputOrder) where !Self.isComment(member.key) {
            let keyKnown = criterionKnown(member.key, at: member, known: known)
            let required = criterionList(member, known: known)
            guard keyKnown else { continue }
            if required.contains(member.key) {
                invalid(member, .cycle, value: member.key)
                continue
            }
            prerequisites[member.key] = required
            nodes[member.key] = member
        }
        // A cycle (A needs B, B needs A) would make both unscorable forever: reject it.
        var state: [String: Bool] = [:]  // false: on the current path, true: done
        var reported: Set<String> = []
        func visit(_ criterion: String, _ loader: inout RubricLoader) -> Bool {
            if let done = state[criterion] { return done }
            state[criterion] = false
            for next in prerequisites[criterion] ?? [] where !visit(next, &loader) {
                if reported.insert(criterion).inserted, let node = nodes[criterion] {
                    loader.invalid(node, .cycle, value: criterion)
                }
                return false
            }
            state[criterion] = true
            return true
        }
        for criterion in prerequisites.keys.sorted() { _ = visit(criterion, &self) }
        return reported.isEmpty ? prerequisites : [:]
    }

    private mutating func readLevels(_ node: FormNode, areas: [Rubric.PracticeArea], possible: Int)
        -> [Rubric.LevelRule]
    {
        let items = nonEmptyList(node)
        let areaSizes = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.criteria.count) })
        var levels: [Rubric.LevelRule] = []
        for item in items {
            guard let members = section(item, allowed: ["level", "minimumPercent", "areaMinimums"]) else { continue }
            var level: CertificationLevel?
            if let levelNode = required("level", in: item, members), let name = string(levelNode) {
                level = CertificationLevel(rawValue: name).flatMap { $0 == .none ? nil : $0 }
                if level == nil { invalid(levelNode, .unknown, value: name) }
            }
            var percent: DecimalText?
            if let percentNode = required("minimumPercent", in: item, members), let value = decimal(percentNode) {
                if value.isZero || value.isNegative || value > DecimalText(100) {
                    invalid(percentNode, .range, value: value.description)
                } else {
                    percent = value
                }
            }
            var minimums: [Rubric.AreaMinimum] = []
            if let minimumsNode = members["areaMinimums"], let entries = section(minimumsNode, allowed: nil) {
                for entry in entries.values.sorted(by: Self.inputOrder) where !Self.isComment(entry.key) {
                    guard let size = areaSizes[entry.key] else {
                        invalid(entry, .unknown, value: entry.key)
                        continue
                    }
                    guard let minimum = integer(entry, minimum: 0) else { continue }
                    if minimum > size {
                        invalid(entry, .range, value: String(minimum))
                        continue
                    }
                    minimums.append(Rubric.AreaMinimum(area: entry.key, minimum: minimum))
                }
            }
            guard let level, let percent else { continue }
            if let previous = levels.last {
                if previous.level == level {
                    invalid(members["level"] ?? item, .duplicate, value: level.rawValue)
                    continue
                }
                if previous.level > level || DecimalText(plain: previous.minimumPercent)! >= percent {
                    invalid(previous.level > level ? (members["level"] ?? item) : (members["minimumPercent"] ?? item),
                            .order, value: previous.level > level ? level.rawValue : percent.description)
                    continue
                }
            }
            guard let needed = percent.ceilingOfProduct(with: possible, dividedBy: 100) else {
                invalid(members["minimumPercent"] ?? item, .range, value: percent.description)
                continue
            }
            levels.append(Rubric.LevelRule(level: level, minimumPercent: percent.description, neededPoints: needed,
                                           areaMinimums: minimums))
        }
        return levels
    }

    private mutating func readEligibility(_ node: FormNode) -> Rubric.Eligibility? {
        guard let members = section(node, allowed: ["minimumPopulation", "countries"]) else { return nil }
        let population = required("minimumPopulation", in: node, members).flatMap { integer($0, minimum: 0) }
        var countries: Set<String> = []
        if let countriesNode = required("countries", in: node, members) {
            for entry in nonEmptyList(countriesNode) {
                guard let code = string(entry, pattern: Self.isCountryCode) else { continue }
                if !countries.insert(code).inserted { invalid(entry, .duplicate, value: code) }
            }
        }
        guard let population else { return nil }
        return Rubric.Eligibility(minimumPopulation: population, countries: countries)
    }

    private mutating func readOutcomes(_ node: FormNode) -> (Int, [Rubric.OutcomeStandard]) {
        guard let members = section(node, allowed: ["minimumMet", "standards"]) else { return (0, []) }
        var standards: [Rubric.OutcomeStandard] = []
        var seen: Set<CanonicalApplication.Indicator> = []
        let items = members["standards"].map { list($0) } ?? []
        for item in items {
            let rules = ["atMost", "atLeast", "improvedTowardTarget"]
            guard let entry = section(item, allowed: Set(["indicator"] + rules)) else { continue }
            var indicator: CanonicalApplication.Indicator?
            if let indicatorNode = required("indicator", in: item, entry), let name = string(indicatorNode) {
                indicator = CanonicalApplication.Indicator(rawValue: name)
                if indicator == nil {
                    invalid(indicatorNode, .unknown, value: name)
                } else if !seen.insert(indicator!).inserted {
                    invalid(indicatorNode, .duplicate, value: name)
                    indicator = nil
                }
            }
            let given = rules.compactMap { entry[$0] }
            guard given.count == 1, let ruleNode = given.first else {
                if given.isEmpty {
                    missing(rules.joined(separator: "|"), in: item)
                } else {
                    given.dropFirst().forEach { invalid($0, .duplicate, value: $0.key) }
                }
                continue
            }
            var rule: Rubric.OutcomeRule?
            switch ruleNode.key {
            case "atMost": rule = decimal(ruleNode).map { .atMost($0.description) }
            case "atLeast": rule = decimal(ruleNode).map { .atLeast($0.description) }
            default:
                if ruleNode.scalar == FormScalar("true", kind: .bool) {
                    rule = .improvedTowardTarget
                } else {
                    invalid(ruleNode, .type, expected: "true")
                }
            }
            if let indicator, let rule { standards.append(Rubric.OutcomeStandard(indicator: indicator, rule: rule)) }
        }
        let minimumMet = members["minimumMet"].flatMap { integer($0, minimum: 0) } ?? (standards.isEmpty ? 0 : 1)
        if minimumMet > 0, items.isEmpty {
            if let standardsNode = members["standards"] {
                if case .list = standardsNode.content { invalid(standardsNode, .empty) }
            } else {
                missing("standards", in: node)
            }
        }
        return (minimumMet, standards)
    }

    // MARK: Members

    /// Criterion ids look like the standard's: letters then digits (`DM1`, `EVAL4`).
    private static func isCriterionID(_ text: String) -> Bool {
        let letters = text.prefix { ("A"..."Z").contains($0) }
        let digits = text.dropFirst(letters.count)
        return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
            && digits.first != "0"
    }

    private static func isAreaID(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { ("A"..."Z").contains($0) }
    }

    private static func isCountryCode(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { ("A"..."Z").contains($0) }
    }

    private static func inputOrder(_ lhs: FormNode, _ rhs: FormNode) -> Bool {
        let left = lhs.location ?? SourceLocation(line: 0)
        let right = rhs.location ?? SourceLocation(line: 0)
        return (left.line, left.column ?? 0) < (right.line, right.column ?? 0)
    }

    /// The members of an object by key, reporting keys outside `allowed` (nil: any key).
    private mutating func section(_ node: FormNode, allowed: Set<String>?) -> [String: FormNode]? {
        guard case .section(let children) = node.content else {
            invalid(node, .type, expected: "object")
            return nil
        }
        var members: [String: FormNode] = [:]
        for child in children {
            if let allowed, !allowed.contains(child.key), !Self.isComment(child.key) {
                invalid(child, .unknown, value: child.key)
                continue
            }
            members[child.key] = child
        }
        return members
    }

    private mutating func list(_ node: FormNode) -> [FormNode] {
        guard case .list(let items) = node.content else {
            invalid(node, .type, expected: "array")
            return []
        }
        return items
    }

    /// A list that must hold something (`empty` otherwise).
    private mutating func nonEmptyList(_ node: FormNode) -> [FormNode] {
        let items = list(node)
        if items.isEmpty, case .list = node.content { invalid(node, .empty) }
        return items
    }

    private mutating func required(_ key: String, in parent: FormNode, _ members: [String: FormNode]) -> FormNode? {
        if let member = members[key] { return member }
        missing(key, in: parent)
        return nil
    }

    private mutating func string(_ node: FormNode, pattern: ((String) -> Bool)? = nil) -> String? {
        guard let scalar = node.scalar, scalar.kind == .string else {
            invalid(node, .type, expected: "string")
            return nil
        }
        if let pattern, !pattern(scalar.text) {
            invalid(node, .format, value: scalar.text)
            return nil
        }
        return scalar.text
    }

    private mutating func integer(_ node: FormNode, minimum: Int) -> Int? {
        guard let scalar = node.scalar, scalar.kind == .number, let value = Int(scalar.text) else {
            invalid(node, .type, expected: "integer", value: node.scalar?.text)
            return nil
        }
        if value < minimum {
            invalid(node, .range, value: scalar.text)
            return nil
        }
        return value
    }

    /// A JSON number in plain notation, read exactly.
    private mutating func decimal(_ node: FormNode) -> DecimalText? {
        guard let scalar = node.scalar, scalar.kind == .number else {
            invalid(node, .type, expected: "number", value: node.scalar?.text)
            return nil
        }
        guard let value = DecimalText(plain: scalar.text) else {
            invalid(node, .format, value: scalar.text)
            return nil
        }
        return value
    }

    private mutating func criterionKnown(_ criterion: String, at node: FormNode, known: Set<String>) -> Bool {
        if known.contains(criterion) { return true }
        diagnostics.append(Diagnostic(
            .error, .rubricUnknownCriterion,
            arguments: ["criterion": .text(criterion), "member": .text(Self.pointer(node))],
            file: file, path: Self.pointer(node), location: node.location, value: criterion))
        return false
    }

    /// A list of known criterion ids (`core`, a prerequisite's requirements), duplicates reported.
    private mutating func criterionList(_ node: FormNode, known: Set<String>) -> [String] {
        var result: [String] = []
        for entry in list(node) {
            guard let criterion = string(entry), criterionKnown(criterion, at: entry, known: known) else { continue }
            if result.contains(criterion) {
                invalid(entry, .duplicate, value: criterion)
                continue
            }
            result.append(criterion)
        }
        return result
    }

    // MARK: Findings

    enum Problem: String {
        case missing, type, format, range, order, duplicate, unknown, cycle, empty
    }

    private static func pointer(_ node: FormNode) -> String { node.path.isEmpty ? "/" : node.path }

    mutating func invalid(_ node: FormNode, _ problem: Problem, expected: String? = nil, value: String? = nil) {
        var arguments: [String: MessageArgument] = ["member": .text(Self.pointer(node)), "problem": .text(problem.rawValue)]
        if let expected { arguments["expected"] = .text(expected) }
        diagnostics.append(Diagnostic(.error, .rubricInvalid, arguments: arguments, file: file,
                                      path: Self.pointer(node), location: node.location, value: value))
    }

    private mutating func missing(_ key: String, in parent: FormNode) {
        let member = parent.path + "/" + key
        diagnostics.append(Diagnostic(
            .error, .rubricInvalid, arguments: ["member": .text(member), "problem": .text(Problem.missing.rawValue)],
            file: file, path: member, location: parent.location))
    }
}
