/// One input node bound to one field, with the criterion or outcome item it belongs to.
struct FieldAssignment: Sendable {
    var field: MappingSchema.FieldIndex
    var nodes: [FormNode]
    var criterion: MappingSchema.CriterionIndex?
    var outcome: Int?
}

/// How the leaves of the input were accounted for: the "nothing is lost" property is
/// `mapped + unmapped + rejected == leaves`.
public struct LeafStatistics: Sendable, Hashable {
    /// Scalar values (attributes included) in the input.
    public var leaves = 0
    /// Values bound to a field (parsed into the record, or rejected by the value rules).
    public var mapped = 0
    /// Values no field took, listed in `unmapped`.
    public var unmapped = 0
    /// Values under a key that was an error (`field.ambiguous`, `criterion.unknown`).
    public var rejected = 0

    public init() {}
}

/// The map stage: one walk over the form tree binds every key to a field, criterion or
/// section, without parsing any value yet (the region, and so the number conventions, may
/// depend on the country field found on the way).
struct FormWalker {
    let resolver: KeyResolver
    private(set) var assignments: [FieldAssignment] = []
    /// The first node of each criterion, by the criterion's position.
    private(set) var criteriaSeen: [FormNode?]
    private(set) var outcomeItems: [FormNode] = []
    /// The raw text of the first value bound to `applicant.country`: the region stage reads
    /// the region from it.
    var country: String? {
        guard let field = schema.countryField else { return nil }
        return assignments.first(where: { $0.field == field })?.nodes.first?.scalar?.text
    }

    /// The first node that opened each section (by the section's position), so a missing
    /// field can be located at it.
    private(set) var sectionNodes: [FormNode?]
    /// The document's root, where a missing field of an absent section is located.
    private(set) var root: FormNode?
    private(set) var unmapped: [CanonicalApplication.Unmapped] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The fate of every value this stage decided: counted, unmapped, rejected, and consumed
    /// as structure (ids, empty groups, export metadata). Values bound to a field are not in
    /// it: the assembler decides theirs (parsed, or kept in `unmapped` when the record has no
    /// place for the field) and completes these accounts.
    private(set) var accounts = LeafStatistics()
    /// Values bound to fields (in `assignments`).
    private(set) var boundLeaves = 0

    /// The accounts as this stage sees them, every bound value mapped: what a form rejected
    /// before assembly reports.
    var statistics: LeafStatistics {
        var statistics = accounts
        statistics.mapped += boundLeaves
        return statistics
    }
    /// Unknown keys that look like a misspelled label, by the field they name
    /// (`applicant.population`, `criteria.DM1.status`, `outcomes[].value@` + the item's path): the first such
    /// key of each, where a missing field's `field.required` error points.
    private(set) var misspellings: [String: FormNode] = [:]
    /// The assignment (index in `assignments`) of each slot outside outcome items, at
    /// `(criterion + 1) × fields + field`, -1 while empty: every bound value looks its slot up,
    /// and hashing a `Slot` into a dictionary for each was a cost per value. Outcome items,
    /// whose number the form decides, are in `outcomeSlots`.
    private var formSlots: [Int32]
    private var outcomeSlots: [Slot: Int] = [:]

    /// Where a value lands: one field, of one criterion or outcome item (or of the form; -1).
    private struct Slot: Hashable {
        let field: Int
        let criterion: Int
        let outcome: Int

        init(field: MappingSchema.FieldIndex, criterion: MappingSchema.CriterionIndex?, outcome: Int?) {
            self.field = field.position
            self.criterion = criterion?.position ?? -1
            self.outcome = outcome ?? -1
        }
    }

    /// The session's memory of earlier resolutions (nil: resolve every key afresh).
    private let cache: ResolutionCache?

    init(resolver: KeyResolver, cache: ResolutionCache? = nil) {
        self.resolver = resolver
        self.cache = cache
        criteriaSeen = Array(repeating: nil, count: resolver.schema.criteria.count)
        sectionNodes = Array(repeating: nil, count: resolver.schema.sectionIDs.count)
        formSlots = Array(repeating: -1, count: (resolver.schema.criteria.count + 1) * resolver.schema.fields.count)
        // A filled form binds a few hundred values: grow once, not seven times.
        assignments.reserveCapacity(256)
    }

    var schema: MappingSchema { resolver.schema }

    private func resolve(_ key: String, in scope: MappingScope) -> Resolution {
        cache?.resolve(key, in: scope, with: resolver) ?? resolver.resolve(key, in: scope)
    }

    /// - Parameter export: the exporting system's metadata, already taken out of `document`:
    ///   its values in `source.export` count as mapped, the rest is kept in `unmapped` (first,
    ///   in input order) without a warning.
    mutating func walk(_ document: FormDocument, export: ExportFindings? = nil) {
        accounts.leaves = document.root.leafCount
        let root = document.root
        self.root = root
        if let export {
            accounts.leaves += export.takenLeaves
            accounts.mapped += export.takenLeaves
            for node in export.metadata {
                accounts.leaves += node.leafCount
                appendLeaves(of: node)
            }
        }
        if root.isScalar {
            // A root that is a bare value (`"x"`, `<form>text</form>`) holds no fields.
            keepUnmapped(root)
            return
        }
        if consumeEmpty(root) { return }
        visitChildren(of: root, in: .root)
    }

    private mutating func visitChildren(of node: FormNode, in scope: MappingScope) {
        for child in node.attributesAndChildren {
            visit(child, in: scope)
        }
    }

    /// `<criterion id="DM1" status="Met"/>`: an element with no text but with attributes is a
    /// group whose members are its attributes. Its empty text counts as consumed.
    private mutating func grouped(_ node: FormNode) -> FormNode {
        guard node.hasAttributes, let scalar = node.scalar, scalar.text.isBlank else {
            return node
        }
        accounts.mapped += 1
        return node.asGroup()
    }

    private mutating func visit(_ node: FormNode, in scope: MappingScope) {
        let node = grouped(node)
        switch resolve(node.key, in: scope) {
        case .target(.section(let id)):
            if consumeEmpty(node) { return }
            if node.isList {
                node.children.forEach { visit($0, in: scope) }
            } else if node.isScalar {
                keepUnmapped(node)
            } else {
                if sectionNodes[id.position] == nil { sectionNodes[id.position] = node }
                visitChildren(of: node, in: .section(id))
            }
        case .target(.criteria):
            if consumeEmpty(node) { return }
            for child in node.attributesAndChildren { visitInCriteria(child) }
        case .target(.outcomes):
            visitOutcomes(node)
        case .target(.criterion(let id)):
            visitCriterion(node, id: id)
        case .target(.field(let id)):
            bind(id, node, criterion: nil, outcome: nil)
        case .ambiguous(let candidates):
            reject(node, .error(.fieldAmbiguous, arguments: [
                "key": .text(node.key), "candidates": .text(candidates.joined(separator: ", ")),
                "count": .number(candidates.count),
            ], path: node.path, location: node.location))
        case .unknownCriterion:
            reject(node, .error(.criterionUnknown, arguments: ["key": .text(node.key), "criterion": .text(node.key)],
                                path: node.path, location: node.location))
        case .unknown:
            keepUnmapped(node, suggesting: scope, slot: { $0 })
        }
    }

    /// A child of `criteria` is a criterion, whatever its name: by its key (`DM1`, a title,
    /// `<criterio id="DM1">`), else by an `id` member inside it. Anything else is an error,
    /// never dropped.
    private mutating func visitInCriteria(_ node: FormNode) {
        let node = grouped(node)
        switch resolve(node.key, in: .criteria) {
        case .target(.criterion(let id)):
            visitCriterion(node, id: id)
            return
        default:
            break
        }
        if node.isList, case let items = node.children, !items.isEmpty {  // `"XYZ": []` is rejected below, as `{}` is
            items.forEach { visitInCriteria($0) }
            return
        }
        if let idNode = node.children.first(where: { MatchKey.make($0.key) == "id" }),
           let text = idNode.scalar?.text, let id = resolver.criterion(MatchKey.make(text))
        {
            consumeID(idNode)
            visitCriterion(node.excluding(idNode), id: id)
            return
        }
        reject(node, .error(.criterionUnknown, arguments: ["key": .text(idText(node)), "criterion": .text(idText(node))],
                            path: node.path, location: node.location))
    }

    private func idText(_ node: FormNode) -> String {
        node.children.first { MatchKey.make($0.key) == "id" }?.scalar?.text ?? node.key
    }

    private mutating func visitCriterion(_ node: FormNode, id: MappingSchema.CriterionIndex) {
        let node = grouped(node)
        if criteriaSeen[id.position] == nil { criteriaSeen[id.position] = node }
        if consumeEmpty(node) { return }
        // By kind, not `content`, which would make the scalar's text or the members for nothing.
        if node.isScalar {
            if let status = schema.criterionStatusField {
                bind(status, node, criterion: id, outcome: nil)
            } else {
                keepUnmapped(node)
            }
        } else if node.isList {
            node.children.forEach { visitCriterion($0, id: id) }
        } else {
            for child in node.attributesAndChildren {
                if case .target(.field(let field)) = resolve(child.key, in: .criterion(id)) {
                    bind(field, child, criterion: id, outcome: nil)
                } else if MatchKey.make(child.key) == "id", let text = child.scalar?.text,
                          resolver.criterion(MatchKey.make(text)) == id {
                    consumeID(child)  // the criterion's own id, repeated inside it
                } else {
                    let criterion = schema[id].id
                    keepUnmapped(child, suggesting: .criterion(id)) { field in
                        field.replacingOccurrences(of: "criteria.*.", with: "criteria.\(criterion).")
                    }
                }
            }
        }
    }

    /// The children of `outcomes` are outcome items, whatever their names.
    /// An `outcomes` group holding values rather than items is itself the one item: an ODK or
    /// KoboToolbox repeat group writes each instance as an element of the repeat's name
    /// (`<resultados><indicador>…</indicador><valor>…</valor></resultados>`), and with one
    /// instance there is no list to hold it.
    private mutating func visitOutcomes(_ node: FormNode) {
        if consumeEmpty(node) { return }
        if case .section(let children) = node.content, !children.isEmpty, children.allSatisfy(\.isScalar),
           children.contains(where: {
               if case .target(.field) = resolve($0.key, in: .outcome) { true } else { false }
           })
        {
            visitOutcomeItem(node)
            return
        }
        node.attributes.forEach { keepUnmapped($0) }
        for child in node.children {
            if consumeEmpty(child) { continue }
            if child.isList {
                child.children.forEach { visitOutcomeItem($0) }
            } else {
                visitOutcomeItem(child)
            }
        }
    }

    private mutating func visitOutcomeItem(_ item: FormNode) {
        let item = grouped(item)
        guard !item.isScalar else {
            keepUnmapped(item)
            return
        }
        if consumeEmpty(item) { return }
        let index = outcomeItems.count
        outcomeItems.append(item)
        for child in item.attributesAndChildren {
            if case .target(.field(let field)) = resolve(child.key, in: .outcome) {
                bind(field, child, criterion: nil, outcome: index)
            } else {
                keepUnmapped(child, suggesting: .outcome) { field in field + "@" + item.path }
            }
        }
    }

    /// Binds a node to a field. A second value for a single-valued field is `field.duplicate`;
    /// list fields (evidence) gather every value.
    private mutating func bind(_ field: MappingSchema.FieldIndex, _ node: FormNode,
                               criterion: MappingSchema.CriterionIndex?, outcome: Int?) {
        let takesEveryValue = schema[field].type == .urlList  // evidence: a list field
        if node.isEmptyContainer, !takesEveryValue {
            keepUnmapped(node)  // `"Population": []`: not a value of the field, and not dropped
            return
        }
        if node.isSection, !takesEveryValue {
            keepUnmapped(node)  // a group where one value was expected: keep every value of it
            return
        }
        if node.isList, !takesEveryValue {
            node.children.forEach { bind(field, $0, criterion: criterion, outcome: outcome) }
            return
        }
        // `<Población unidad="hab">7181469</Población>`: the value is the field's; its
        // attributes are values no field takes, so they go to `unmapped`.
        let node = detachingAttributes(node)
        let slot = Slot(field: field, criterion: criterion, outcome: outcome)
        if let index = assignment(at: slot) {
            if takesEveryValue {
                assignments[index].nodes.append(node)
                boundLeaves += node.leafCount
                return
            }
            let first = assignments[index].nodes[0]
            reject(node, .error(.fieldDuplicate, arguments: [
                "key": .text(node.key), "field": .text(schema[field].id), "line": .number(node.location?.line ?? 0),
                "firstKey": .text(first.key), "firstLine": .number(first.location?.line ?? 0),
            ], path: node.path, field: schema[field].id, location: node.location, value: node.scalar?.text))
            return
        }
        if slot.outcome >= 0 {
            outcomeSlots[slot] = assignments.count
        } else {
            formSlots[formSlotIndex(slot)] = Int32(assignments.count)
        }
        assignments.append(FieldAssignment(field: field, nodes: [node], criterion: criterion, outcome: outcome))
        boundLeaves += node.leafCount
    }

    private func formSlotIndex(_ slot: Slot) -> Int {
        (slot.criterion + 1) * schema.fields.count + slot.field
    }

    private func assignment(at slot: Slot) -> Int? {
        if slot.outcome >= 0 { return outcomeSlots[slot] }
        let index = formSlots[formSlotIndex(slot)]
        return index >= 0 ? Int(index) : nil
    }

    /// A criterion's `id` member: its text is the criterion itself (mapped); any attribute on it
    /// is a value no field takes.
    private mutating func consumeID(_ node: FormNode) {
        _ = detachingAttributes(node)
        accounts.mapped += 1
    }

    /// The node without XML attributes anywhere below it; each attribute is kept as unmapped.
    private mutating func detachingAttributes(_ node: FormNode) -> FormNode {
        guard node.tree.format == .xml else { return node }
        keepAttributesUnmapped(node)
        return node.withoutAttributes()
    }

    private mutating func keepAttributesUnmapped(_ node: FormNode) {
        node.attributes.forEach { keepUnmapped($0) }
        guard !node.isScalar else { return }  // nothing below (most bound values)
        for child in node.children { keepAttributesUnmapped(child) }
    }

    /// Lists every value below the node in `unmapped`, with one `field.unknown` warning.
    private mutating func keepUnmapped(_ node: FormNode) {
        diagnostics.append(.warning(.fieldUnknown, arguments: ["key": .text(node.key)],
                                    path: node.path, location: node.location))
        appendLeaves(of: node)
    }

    /// An unknown key of this scope: kept in `unmapped`, and when it looks like a misspelled
    /// label, its warning names that label ("did you mean") and it is remembered under the
    /// field's concrete id (`slot` turns `criteria.*.status` into `criteria.DM1.status`).
    private mutating func keepUnmapped(_ node: FormNode, suggesting scope: MappingScope, slot: (String) -> String) {
        guard let suggestion = resolver.suggestion(for: node.key, in: scope) else {
            keepUnmapped(node)
            return
        }
        diagnostics.append(.warning(.fieldUnknown, arguments: [
            "key": .text(node.key), "hint": "typo", "suggestion": .text(suggestion.label),
        ], path: node.path, location: node.location))
        appendLeaves(of: node)
        let field = slot(schema[suggestion.field].id)
        if misspellings[field] == nil { misspellings[field] = node }
    }

    private mutating func appendLeaves(of node: FormNode) {
        let entries = Self.unmappedEntries(of: node)
        unmapped += entries
        accounts.unmapped += entries.count
    }

    /// A section, criterion, outcome item or list with nothing in it (`{}`, `[]`): consumed as
    /// it is (counted as mapped, like the structure it stands for). False for anything else.
    private mutating func consumeEmpty(_ node: FormNode) -> Bool {
        guard node.isEmptyContainer else { return false }
        accounts.mapped += 1
        return true
    }

    /// Every value below the node as `unmapped` entries, attributes first. A scalar keeps its
    /// text as written; JSON `null`, `[]` and `{}` are kept as those literals — the schema's
    /// `unmapped[].value` is a string, so they are spelled as JSON writes them (as numbers
    /// and booleans already are), never turned into `""` or dropped.
    static func unmappedEntries(of node: FormNode) -> [CanonicalApplication.Unmapped] {
        var entries = node.attributes.flatMap(unmappedEntries(of:))
        switch node.content {
        case .scalar(let scalar):
            entries.append(CanonicalApplication.Unmapped(path: node.path, key: node.key,
                                                         value: scalar.kind == .null ? "null" : scalar.text,
                                                         location: node.location))
        case .section(let children), .list(let children):
            if children.isEmpty {
                let literal = if case .list = node.content { "[]" } else { "{}" }
                entries.append(CanonicalApplication.Unmapped(path: node.path, key: node.key, value: literal,
                                                             location: node.location))
            }
            entries += children.flatMap(unmappedEntries(of:))
        }
        return entries
    }

    private mutating func reject(_ node: FormNode, _ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        accounts.rejected += node.leafCount
    }
}
