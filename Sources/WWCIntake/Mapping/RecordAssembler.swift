/// Values and assembly: runs every bound value through its value rule and builds the record.
///
/// Values were bound by `FormWalker`; here each goes through `ValueParser` for the form's
/// regional locale (or, for JSON numbers, through `PlainNumber`, since JSON writes numbers
/// the same in every locale). A value that fails its rule is an error naming the field,
/// path and position; a required field that is missing is `field.required`.
struct RecordAssembler {
    let schema: MappingSchema
    let layout: RecordLayout
    let labels: LabelIndex
    let parser: ValueParser
    /// Whether the region whose day/month order reads numeric dates was declared or comes
    /// from the country (trusted: no warning), rather than guessed from the language.
    let trustsRegion: Bool
    private(set) var record: CanonicalApplication
    private(set) var diagnostics: [Diagnostic] = []
    /// The walker's accounts, completed with the fate of every bound value.
    private(set) var statistics = LeafStatistics()
    /// Numeric dates that the other day/month order would read differently, in form order.
    private var swappableDates: [(warning: ValueError, node: FormNode, field: String)] = []

    init(layout: RecordLayout, labels: LabelIndex, parser: ValueParser, source: CanonicalApplication.Source,
         trustsRegion: Bool = true) {
        self.schema = layout.schema
        self.layout = layout
        self.labels = labels
        self.parser = parser
        self.trustsRegion = trustsRegion
        self.record = CanonicalApplication(source: source)
    }

    mutating func assemble(_ walker: FormWalker) {
        statistics = walker.accounts
        record.unmapped = walker.unmapped
        var criteria: [MappingSchema.CriterionIndex: CanonicalApplication.Criterion] = [:]
        var outcomes = walker.outcomeItems.map { _ in CanonicalApplication.Outcome() }
        // Outcome values are parsed after the indicator is known (percent for broadband).
        var measures: [FieldAssignment] = []
        for assignment in walker.assignments {
            if let index = assignment.outcome {
                if schema[assignment.field].type == .measure {
                    measures.append(assignment)
                } else {
                    account(assignment) { $0.assignOutcome(assignment, into: &outcomes[index]) }
                }
            } else if let id = assignment.criterion {
                let schema = self.schema
                account(assignment) {
                    $0.assignCriterion(assignment, into: &criteria[id, default: CanonicalApplication.Criterion(id: schema[id].id)])
                }
            } else {
                account(assignment) { $0.assignTopLevel(assignment) }
            }
        }
        for assignment in measures {
            guard let index = assignment.outcome else { continue }
            account(assignment) { $0.assignMeasure(assignment, into: &outcomes[index]) }
        }
        // A criterion or outcome item whose values are all empty (an unfilled line of a blank
        // template) says nothing: it is left out rather than reported as missing its status.
        record.criteria = criteria.filter { id, criterion in
            criterion.status != nil || criterion.since != nil || criterion.evidence != nil || criterion.narrative != nil
                || !bound(criterion: id, in: walker).allSatisfy(isEmpty)
        }.sorted { $0.key < $1.key }.map(\.value)
        let keptOutcomes = outcomes.indices.filter { index in
            !walker.assignments.filter { $0.outcome == index }.flatMap(\.nodes).allSatisfy(isEmpty)
        }
        record.outcomes = keptOutcomes.map { outcomes[$0] }
        checkRequired(walker: walker, outcomeItems: keptOutcomes.map { walker.outcomeItems[$0] })
        reportSwappableDates()
    }

    /// Places one assignment and accounts for its values: mapped, or in `unmapped` when the
    /// record has no place for them.
    private mutating func account(_ assignment: FieldAssignment, _ place: (inout RecordAssembler) -> Void) {
        let before = record.unmapped.count
        place(&self)
        let kept = record.unmapped.count - before
        statistics.mapped += assignment.nodes.reduce(0) { $0 + $1.leafCount } - kept
        statistics.unmapped += kept
    }

    /// Numeric dates are read in the region's day/month order. A declared region, or one from
    /// the country, is trusted: a date only the other order could read is `date.invalid`
    /// anyway. Only a guessed region (the language's likely one) makes the day-≤-12 dates one
    /// `date.ambiguous` warning per form, at the first of them, listing them all (`count`,
    /// `dates`: "02/04/2024 → 2024-04-02, …").
    private mutating func reportSwappableDates() {
        guard !trustsRegion, let first = swappableDates.first else { return }
        var warning = first.warning
        warning.arguments["count"] = .number(swappableDates.count)
        warning.arguments["dates"] = .text(swappableDates.map { entry in
            let raw = entry.node.scalar?.text ?? ""
            return "\(raw) → \(entry.warning.arguments["interpretation"]?.description ?? "")"
        }.joined(separator: ", "))
        report(warning, first.node, field: first.field, severity: .warning)
    }

    // MARK: Sections

    /// Where each section field lands in the record, by field id. The value rule comes from
    /// the field's type in the form definition; these tables only say where the result goes.
    /// (Immutable; key paths are not `Sendable`, hence `nonisolated(unsafe)`.)
    nonisolated(unsafe) static let textSlots: [String: WritableKeyPath<CanonicalApplication, String?>] = [
        "submission.date": \.submissionDate,
        "applicant.city": \.applicant.city,
        "applicant.region": \.applicant.region,
        "applicant.country": \.applicant.country,
        "applicant.website": \.applicant.website,
        "applicant.contact.name": \.applicant.contact.name,
        "applicant.contact.title": \.applicant.contact.title,
        "applicant.contact.email": \.applicant.contact.email,
        "applicant.contact.phone": \.applicant.contact.phone,
        "submission.locale": \.source.declaredLocale,
    ]
    nonisolated(unsafe) static let integerSlots: [String: WritableKeyPath<CanonicalApplication, Int?>] = [
        "applicant.population": \.applicant.population,
        "applicant.populationYear": \.applicant.populationYear,
    ]
    nonisolated(unsafe) static let moneySlots: [String: WritableKeyPath<CanonicalApplication, CanonicalApplication.Money?>] = [
        "budget.dataAnnual": \.budgetDataAnnual,
    ]

    private mutating func assignTopLevel(_ assignment: FieldAssignment) {
        let field = schema[assignment.field]
        switch layout.placement(of: assignment.field) {
        case .integer(let slot):
            record[keyPath: slot] = inRange(field.type == .year ? parseYear(assignment) : parseInteger(assignment), assignment)
        case .money(let slot):
            record[keyPath: slot] = parse(assignment, parser.money).map {
                CanonicalApplication.Money(amount: $0.amount, currency: $0.currency)
            }
        case .text(let slot):
            guard let kind = Self.valueKind(field.type) else {
                keepInUnmapped(assignment)
                return
            }
            // A declared locale from the XML root wins over a `submission.locale` field.
            // So does `--locale`: the resolver already warned (`locale.overridden`) about a
            // declaration it replaced, with its value and position.
            guard assignment.field != schema.localeField
                || (record.source.declaredLocale == nil && record.source.localeSource != .option) else { return }
            let parser = self.parser
            let value = parse(assignment) { (raw: String) throws(ValueError) -> Parsed<JSONValue> in
                try parser.json(kind, raw)
            }
            record[keyPath: slot] = value?.stringValue
        case nil:
            keepInUnmapped(assignment)
        }
    }

    /// A field the form definition has but the record does not model (a newer form version):
    /// its values are kept, never dropped.
    private mutating func keepInUnmapped(_ assignment: FieldAssignment) {
        for node in assignment.nodes {
            record.unmapped += FormWalker.unmappedEntries(of: node)
        }
        diagnostics.append(.warning(.fieldUnknown, arguments: ["key": .text(assignment.nodes[0].key)],
                                    path: assignment.nodes[0].path, field: schema[assignment.field].id,
                                    location: assignment.nodes[0].location))
    }

    /// The value layer's rule for a text-valued field type.
    static func valueKind(_ type: MappingSchema.FieldType) -> ValueKind? {
        switch type {
        case .text: .text
        case .narrative: .narrative
        case .date: .date
        case .country: .country
        case .url: .url
        case .email: .email
        case .phone: .phone
        case .locale: .locale
        default: nil
        }
    }

    private mutating func assignCriterion(_ assignment: FieldAssignment, into criterion: inout CanonicalApplication.Criterion) {
        switch schema[assignment.field].type {
        case .status: criterion.status = parseEnum(assignment, labels.statuses, CanonicalApplication.Status.init(rawValue:),
                                          examples: labels.answerExamples["status"] ?? "")
        case .date: criterion.since = parse(assignment, parser.date)
        case .urlList: criterion.evidence = parseURLs(assignment)
        case .title: checkTitle(assignment)
        case .narrative: criterion.narrative = parse(assignment, parser.narrative)
        default: keepInUnmapped(assignment)
        }
    }

    /// A criterion's title repeated beside it (blank templates do this) carries nothing new
    /// when it is the catalog's title; any other text is kept in `unmapped`, never dropped.
    private mutating func checkTitle(_ assignment: FieldAssignment) {
        let node = assignment.nodes[0]
        guard let raw = rawText(node), let criterion = assignment.criterion,
              !labels.titleKeys[criterion.position].contains(MatchKey.make(raw)) else { return }
        record.unmapped.append(CanonicalApplication.Unmapped(path: node.path, key: node.key, value: raw,
                                                             location: node.location))
        diagnostics.append(.warning(.fieldUnknown, arguments: ["key": .text(node.key)], path: node.path,
                                    field: schema[assignment.field].id, location: node.location))
    }

    private mutating func assignOutcome(_ assignment: FieldAssignment, into outcome: inout CanonicalApplication.Outcome) {
        switch schema[assignment.field].localName {
        case "indicator":
            outcome.indicator = parseEnum(assignment, labels.indicators, CanonicalApplication.Indicator.init(rawValue:),
                                          examples: labels.answerExamples["indicator"] ?? "")
        case "year": outcome.year = inRange(parseYear(assignment), assignment)
        case "baselineYear": outcome.baselineYear = inRange(parseYear(assignment), assignment)
        case "sdg": outcome.sdg = inRange(parseInteger(assignment), assignment)
        case "description": outcome.description = parse(assignment, parser.text)
        default: keepInUnmapped(assignment)
        }
    }

    /// value / baseline / target: a percent (→ fraction) for broadband, a decimal otherwise.
    private mutating func assignMeasure(_ assignment: FieldAssignment, into outcome: inout CanonicalApplication.Outcome) {
        let asPercent = outcome.indicator == .broadbandHouseholds
        let value = asPercent ? parseNumber(assignment, kind: .percent, parser.percent)
            : parseNumber(assignment, kind: .number, parser.decimal)
        let range = outcome.indicator.flatMap { schema[assignment.field].indicatorRanges[$0.rawValue] }
        let checked = value.flatMap { inRange($0, range: range, assignment) }
        switch schema[assignment.field].localName {
        case "baseline": outcome.baseline = checked
        case "target": outcome.target = checked
        default: outcome.value = checked
        }
    }

    // MARK: Value rules

    /// The trimmed raw text of a bound scalar; nil (and nothing reported) when empty, since an
    /// empty value gives no information — a required one is reported as missing instead.
    private func rawText(_ node: FormNode) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null else { return nil }
        return scalar.text.isBlank ? nil : scalar.text
    }

    private mutating func parse<Value>(_ assignment: FieldAssignment, _ rule: (String) throws(ValueError) -> Value) -> Value? {
        let node = assignment.nodes[0]
        guard let raw = rawText(node) else { return nil }
        do {
            return try rule(raw)
        } catch {
            report(error, node, field: schema[assignment.field].id)
            return nil
        }
    }

    private mutating func parse<Value>(_ assignment: FieldAssignment,
                                       _ rule: (String) throws(ValueError) -> Parsed<Value>) -> Value? {
        let node = assignment.nodes[0]
        guard let raw = rawText(node) else { return nil }
        do {
            let parsed = try rule(raw)
            for warning in parsed.warnings {
                if warning.code == .dateAmbiguous {
                    swappableDates.append((warning, node, schema[assignment.field].id))
                } else {
                    report(warning, node, field: schema[assignment.field].id, severity: .warning)
                }
            }
            return parsed.value
        } catch {
            report(error, node, field: schema[assignment.field].id)
            return nil
        }
    }

    /// JSON numbers are JSON grammar, not the locale's writing (`14.2` in an es-CO file is
    /// fourteen point two), so they go through the value layer's JSON rule; strings follow
    /// the locale.
    private mutating func parseNumber(_ assignment: FieldAssignment, kind: ValueKind,
                                      _ rule: (String) throws(ValueError) -> Parsed<String>) -> String? {
        guard assignment.nodes[0].scalarKind == .number else { return parse(assignment, rule) }
        return parseJSONNumber(assignment, kind: kind)?.stringValue
    }

    private mutating func parseInteger(_ assignment: FieldAssignment) -> Int? {
        guard assignment.nodes[0].scalarKind == .number else { return parse(assignment, parser.integer) }
        return parseJSONNumber(assignment, kind: .integer)?.integerValue
    }

    private mutating func parseYear(_ assignment: FieldAssignment) -> Int? {
        guard assignment.nodes[0].scalarKind == .number else { return parse(assignment, parser.year) }
        return parseJSONNumber(assignment, kind: .year)?.integerValue
    }

    private mutating func parseJSONNumber(_ assignment: FieldAssignment, kind: ValueKind) -> JSONValue? {
        let node = assignment.nodes[0]
        guard let scalar = node.scalar else { return nil }
        let parser = self.parser
        return parse(assignment) { (_: String) throws(ValueError) in try parser.json(kind, scalar: scalar) }
    }

    private mutating func parseEnum<Value>(_ assignment: FieldAssignment, _ synonyms: [String: Value],
                                           _ canonical: (String) -> Value?, examples: String) -> Value? {
        let node = assignment.nodes[0]
        if node.scalarKind == .bool, let value = canonical(node.scalar?.text == "true" ? "met" : "not_met") {
            return value
        }
        guard let raw = rawText(node) else { return nil }
        let key = MatchKey.make(raw)
        if let value = synonyms[key] ?? canonical(raw) ?? canonical(key.replacingOccurrences(of: " ", with: "_")) {
            return value
        }
        report(ValueError(code: .enumUnknown, arguments: ["value": .text(raw), "candidates": .text(examples),
                                                         "expected": .text(examples)]),
               node, field: schema[assignment.field].id)
        return nil
    }

    private mutating func parseURLs(_ assignment: FieldAssignment) -> [String]? {
        var urls: [String] = []
        for node in assignment.nodes {
            for leaf in Self.scalarLeaves(of: node) {
                guard let raw = rawText(leaf) else { continue }
                for part in Self.listParts(raw) {
                    do {
                        urls.append(try parser.url(part.text))
                    } catch {
                        report(error, leaf, field: schema[assignment.field].id,
                               location: Self.location(of: part, in: leaf, json: record.source.format == .json),
                               value: part.text)
                    }
                }
            }
        }
        return urls.isEmpty ? nil : urls
    }

    /// One part of a list value: its text and where it starts in the value (`offset` in
    /// characters; `linesBefore` and `column`: line breaks before it and its column on that line).
    struct ListPart: Equatable {
        var text: String
        var offset: Int
        var linesBefore: Int
        var column: Int
    }

    /// The entries of one list value that holds several (evidence links pasted into one box):
    /// separated by white space or line breaks, or by `;` at the end of an entry or before the
    /// next `http`. A `;` inside a link (`/x;y=1`) stays. One entry → one part.
    static func listParts(_ raw: String) -> [ListPart] {
        // One link alone (the usual value): ASCII with no white space and no `;` is one part
        // as written. Walking it by `Character` and searching it for `;http` through
        // Foundation cost ~60,000 instructions per link.
        if !raw.isEmpty, raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }) {
            return [ListPart(text: raw, offset: 0, linesBefore: 0, column: 0)]
        }
        return splitParts(raw)
    }

    /// `listParts` character by character.
    static func splitParts(_ raw: String) -> [ListPart] {
        var parts: [ListPart] = []
        var current: [Character] = []
        var offset = 0, line = 0, column = 0
        var start = (offset: 0, line: 0, column: 0)
        func flush() {
            var text = String(current)
            var skipped = 0
            while text.hasPrefix(";") { text.removeFirst(); skipped += 1 }
            while text.hasSuffix(";") { text.removeLast() }
            // "…/x;https://…": a second link glued on by a semicolon.
            var pieces: [(String, Int)] = []
            var rest = Substring(text), restOffset = skipped
            while let range = rest.range(of: ";http", options: .caseInsensitive) {
                pieces.append((String(rest[..<range.lowerBound]), restOffset))
                restOffset += rest.distance(from: rest.startIndex, to: range.lowerBound) + 1
                rest = rest[rest.index(after: range.lowerBound)...]
            }
            pieces.append((String(rest), restOffset))
            for (piece, pieceOffset) in pieces where !piece.isEmpty {
                parts.append(ListPart(text: piece, offset: start.offset + pieceOffset, linesBefore: start.line,
                                      column: start.column + pieceOffset))
            }
            current = []
        }
        for character in raw {
            defer { offset += 1 }
            if character.isWhitespace {
                if !current.isEmpty { flush() }
                if character.isNewline {
                    line += 1
                    column = 0
                } else {
                    column += 1
                }
                continue
            }
            if current.isEmpty { start = (offset, line, column) }
            current.append(character)
            column += 1
        }
        if !current.isEmpty { flush() }
        return parts
    }

    /// Where a list part starts in the source. XML: the value's line plus the line breaks
    /// before the part (XML nodes have no column). JSON list items: the string is on one line,
    /// so the value's column, one for the opening quote, and the characters before the part,
    /// a line break, tab, quote or backslash counted as its two-character escape (`\u` escapes
    /// are not counted).
    static func location(of part: ListPart, in leaf: FormNode, json: Bool) -> SourceLocation? {
        guard var location = leaf.location, part.offset > 0 else { return leaf.location }
        if json {
            // A list item's location is its value; an object member's is its key, and how far
            // its value starts after the key is not known here: the key's location stays.
            guard leaf.path.split(separator: "/").last?.allSatisfy(\.isNumber) == true,
                let column = location.column, let raw = leaf.scalar?.text
            else { return location }
            let before = raw.prefix(part.offset)
            let escapes = before.filter { $0.isNewline || $0 == "\t" || $0 == "\"" || $0 == "\\" }.count
            location.column = column + 1 + part.offset + escapes
        } else {
            location.line += part.linesBefore
        }
        return location
    }

    /// By `scalarKind`, not `content`: `content` makes each scalar's text, which the caller
    /// makes again.
    private static func scalarLeaves(of node: FormNode) -> [FormNode] {
        node.scalarKind != nil ? [node] : node.children.flatMap(scalarLeaves(of:))
    }

    // MARK: Ranges

    /// The value when it lies in the field's range from `form.json`; otherwise nil and
    /// `number.out_of_range` stating the range, so no record ever holds an impossible value.
    private mutating func inRange(_ value: Int?, _ assignment: FieldAssignment) -> Int? {
        guard let value else { return nil }
        return inRange(String(value), range: schema[assignment.field].range, assignment).map { _ in value }
    }

    private mutating func inRange(_ decimal: String, range: ValueRange?, _ assignment: FieldAssignment) -> String? {
        guard let range, !range.contains(decimal) else { return decimal }
        report(ValueError(code: .numberOutOfRange, arguments: range.messageArguments), assignment.nodes[0],
               field: schema[assignment.field].id, range: range)
        return nil
    }

    private mutating func report(_ error: ValueError, _ node: FormNode, field: String, severity: Severity = .error,
                                 range: ValueRange? = nil, location: SourceLocation?? = nil, value: String? = nil) {
        var arguments = error.arguments
        // The value layer's own limits (years 1800–2200, integers that fit) are stated as
        // the field's range when the form definition gives one.
        if error.code == .numberOutOfRange, let range = range ?? schema.field(field)?.range {
            arguments.merge(range.messageArguments) { _, declared in declared }
        }
        arguments["field"] = arguments["field"] ?? .text(field)
        arguments["value"] = arguments["value"] ?? .text(value ?? node.scalar?.text ?? "")
        arguments["locale"] = arguments["locale"] ?? .text(parser.locale)
        diagnostics.append(Diagnostic(severity, error.code, arguments: arguments, path: node.path, field: field,
                                      location: location ?? node.location, value: value ?? node.scalar?.text))
    }

    // MARK: Required fields

    private func bound(criterion id: MappingSchema.CriterionIndex, in walker: FormWalker) -> [FormNode] {
        walker.assignments.filter { $0.criterion == id && schema[$0.field].type != .title }.flatMap(\.nodes)
    }

    /// Empty text, JSON null, or a group of nothing but those.
    private func isEmpty(_ node: FormNode) -> Bool {
        node.scalarKind != nil ? rawText(node) == nil : node.children.allSatisfy(isEmpty)
    }

    private mutating func checkRequired(walker: FormWalker, outcomeItems: [FormNode]) {
        var bound = Array(repeating: false, count: schema.fields.count)
        for assignment in walker.assignments where assignment.criterion == nil && assignment.outcome == nil {
            bound[assignment.field.position] = true
        }
        for field in schema.fields where field.required {
            guard case .section(var section) = field.scope else { continue }
            if !bound[field.index.position] || !hasValue(field.index), !hasError(for: field.id) {
                // Located at the section that should hold it, else at the top of the form.
                var opened = walker.sectionNodes[section.position]
                while opened == nil, let parent = schema.parent(of: section) {
                    section = parent
                    opened = walker.sectionNodes[section.position]
                }
                let place = opened ?? walker.root
                required(field.id, arguments: ["field": .text(field.id)], at: place, walker: walker)
            }
        }
        for criterion in record.criteria where criterion.status == nil {
            let node = schema.criterion(criterion.id).flatMap { walker.criteriaSeen[$0.position] }
            if !hasError(for: "criteria.*.status", within: node) {
                required("criteria.\(criterion.id).status", arguments: [
                    "field": .text("criteria.\(criterion.id).status"), "criterion": .text(criterion.id),
                ], at: node, walker: walker)
            }
        }
        for (index, outcome) in record.outcomes.enumerated() {
            let item = outcomeItems[index]
            for (name, present) in [("indicator", outcome.indicator != nil), ("value", outcome.value != nil)]
            where !present && !hasError(for: "outcomes[].\(name)", within: item) {
                required("outcomes[].\(name)", arguments: ["field": .text("outcomes[].\(name)")], at: item,
                         walker: walker, misspellingSlot: "outcomes[].\(name)@\(item.path)")
            }
        }
    }

    /// A `field.required` error, located at `place`; when an unknown key looked like a
    /// misspelling of this field's label, at that key instead, which the message names.
    private mutating func required(
        _ field: String, arguments: [String: MessageArgument], at place: FormNode?, walker: FormWalker,
        misspellingSlot: String? = nil
    ) {
        var arguments = arguments
        var place = place
        if let typo = walker.misspellings[misspellingSlot ?? field] {
            arguments["hint"] = "typo"
            arguments["key"] = .text(typo.key)
            place = typo
        }
        diagnostics.append(.error(.fieldRequired, arguments: arguments, path: place?.path, field: field,
                                  location: place?.location))
    }

    /// Whether a value of this field was already rejected (then "missing" would say it twice),
    /// anywhere or, given a node, within that criterion or outcome item.
    private func hasError(for field: String, within node: FormNode? = nil) -> Bool {
        diagnostics.contains { diagnostic in
            guard diagnostic.severity == .error, diagnostic.field == field else { return false }
            guard let node, let path = diagnostic.path else { return node == nil }
            return path == node.path || path.hasPrefix(node.path + "/")
        }
    }

    private func hasValue(_ field: MappingSchema.FieldIndex) -> Bool {
        switch layout.placement(of: field) {
        case .text(let slot): record[keyPath: slot] != nil
        case .integer(let slot): record[keyPath: slot] != nil
        case .money(let slot): record[keyPath: slot] != nil
        case nil: false
        }
    }
}

/// Where each field of a schema lands in the record, by the field's position: worked out once
/// per schema from `RecordAssembler`'s tables, so placing a value is an array access.
/// Immutable (key paths are not `Sendable`, hence `@unchecked`).
final class RecordLayout: @unchecked Sendable {
    enum Placement {
        case text(WritableKeyPath<CanonicalApplication, String?>)
        case integer(WritableKeyPath<CanonicalApplication, Int?>)
        case money(WritableKeyPath<CanonicalApplication, CanonicalApplication.Money?>)
    }

    let schema: MappingSchema
    private let placements: [Placement?]

    init(schema: MappingSchema) {
        self.schema = schema
        placements = schema.fields.map { field in
            if let slot = RecordAssembler.integerSlots[field.id] { return .integer(slot) }
            if let slot = RecordAssembler.moneySlots[field.id] { return .money(slot) }
            if let slot = RecordAssembler.textSlots[field.id] { return .text(slot) }
            return nil
        }
    }

    /// Where a field of the form's sections goes; nil for one the record does not model.
    func placement(of field: MappingSchema.FieldIndex) -> Placement? {
        placements[field.position]
    }
}
