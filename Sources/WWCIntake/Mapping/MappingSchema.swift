/// The form's structure as the mapper needs it: which fields exist, where they live, what
/// type of value each takes, and which criteria the standard has.
///
/// Built once from the catalogs' form definition (`locales/form.json`), so the form version
/// can change without touching Swift.
///
/// Sections, fields and criteria are known by their position here (`SectionIndex`,
/// `FieldIndex`, `CriterionIndex`): what keys resolve to and what the walker and the assembler
/// pass around, compare and hash. The ids (`applicant.city`, `DM1`) are for messages and the
/// record.
final class MappingSchema: Sendable {
    /// A section's position in `sections` (the criteria and outcomes sections included).
    struct SectionIndex: Hashable, Sendable {
        let position: Int
    }

    /// A field's position in `fields`.
    struct FieldIndex: Hashable, Sendable {
        let position: Int
    }

    /// A criterion's position in `criteria`, which is the standard's order.
    struct CriterionIndex: Hashable, Sendable, Comparable {
        let position: Int

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.position < rhs.position }
    }

    /// The value rule a field's raw text goes through.
    enum FieldType: String, Sendable, Hashable {
        case text, narrative, locale, date, country, integer, year, url, email, phone, money
        case status, indicator, sdg, urlList
        /// A criterion's title repeated for readers (templates): checked, not stored.
        case title
        /// An outcome's value/baseline/target: a percent for broadband, a number otherwise.
        case measure
    }

    /// Where a field is looked for.
    enum Scope: Sendable, Hashable {
        /// A fixed section such as `applicant` or `applicant.contact`.
        case section(SectionIndex)
        /// Inside one criterion (`criteria.*.status`).
        case criterion
        /// Inside one outcome item (`outcomes[].value`).
        case outcome
    }

    struct Field: Sendable, Hashable {
        var index: FieldIndex
        var id: String
        var type: FieldType
        var required: Bool
        var scope: Scope
        /// The last component of the id (`population`, `status`), accepted as a key in scope.
        var localName: String
        /// Plausible values (`form.json`), and those that depend on an outcome's indicator.
        var range: ValueRange? = nil
        var indicatorRanges: [String: ValueRange] = [:]

        /// A field of a fixed section (not one of a criterion or an outcome item).
        var isInSection: Bool {
            if case .section = scope { return true }
            return false
        }
    }

    struct Criterion: Sendable, Hashable {
        var index: CriterionIndex
        var id: String
        var area: String
    }

    /// Section ids in nesting order (`submission`, `applicant`, `applicant.contact`, `budget`),
    /// then the criteria and the outcomes sections.
    let sectionIDs: [String]
    let fields: [Field]
    let criteria: [Criterion]
    let criteriaSection: SectionIndex
    let outcomesSection: SectionIndex

    /// A class, not a struct: one schema is read by every worker thread, and copying a struct
    /// of dictionaries retained each one, atomically, on every use from two cores.
    /// - Parameters:
    ///   - sections: the fixed sections' ids, in nesting order.
    ///   - fields: each field with its section's id (`applicant.contact`, or the criteria or
    ///     outcomes section's), in form order.
    init(sections: [String], fields: [(field: FieldDefinition, section: String)], criteria: [(id: String, area: String)],
         criteriaSection: String = "criteria", outcomesSection: String = "outcomes") {
        let sectionIDs = sections + [criteriaSection, outcomesSection]
        self.sectionIDs = sectionIDs
        self.criteriaSection = SectionIndex(position: sections.count)
        self.outcomesSection = SectionIndex(position: sections.count + 1)
        var sectionIndex: [String: SectionIndex] = [:]
        for (position, id) in sectionIDs.enumerated() where sectionIndex[id] == nil {
            sectionIndex[id] = SectionIndex(position: position)
        }
        let fields = fields.enumerated().map { position, entry in
            let scope: Scope = switch entry.section {
            case criteriaSection: .criterion
            case outcomesSection: .outcome
            default: .section(sectionIndex[entry.section] ?? SectionIndex(position: 0))
            }
            return Field(index: FieldIndex(position: position), id: entry.field.id, type: entry.field.type,
                         required: entry.field.required, scope: scope, localName: entry.field.localName,
                         range: entry.field.range, indicatorRanges: entry.field.indicatorRanges)
        }
        self.fields = fields
        self.criteria = criteria.enumerated().map {
            Criterion(index: CriterionIndex(position: $0.offset), id: $0.element.id, area: $0.element.area)
        }
        self.fieldIndex = Dictionary(fields.map { ($0.id, $0.index) }, uniquingKeysWith: { first, _ in first })
        self.criterionIndex = Dictionary(self.criteria.map { ($0.id, $0.index) }, uniquingKeysWith: { first, _ in first })
        self.areas = Set(criteria.map { $0.area.lowercased() })
        self.parents = sectionIDs.map { id in
            Self.section(ofFieldID: id, sections: sections).flatMap { sectionIndex[$0] }
        }
        self.countryField = fieldIndex["applicant.country"]
        self.localeField = fieldIndex["submission.locale"]
        self.criterionStatusField = fieldIndex["criteria.*.status"]
    }

    private let fieldIndex: [String: FieldIndex]
    private let criterionIndex: [String: CriterionIndex]
    private let parents: [SectionIndex?]
    /// Practice-area prefixes, lower-cased (`dm`, `lc`, …), to tell an unknown criterion id
    /// (`DM12`: error) from an unrelated key.
    let areas: Set<String>
    /// The fields other stages read by name: the region comes from the country, the language
    /// may be declared by a field, and a criterion's status is required.
    let countryField: FieldIndex?
    let localeField: FieldIndex?
    let criterionStatusField: FieldIndex?

    /// A field, lent rather than copied (its id, name and ranges would be retained and released).
    subscript(field: FieldIndex) -> Field {
        _read { yield fields[field.position] }
    }
    subscript(criterion: CriterionIndex) -> Criterion { criteria[criterion.position] }
    subscript(section: SectionIndex) -> String { sectionIDs[section.position] }

    func field(_ id: String) -> Field? { fieldIndex[id].map { self[$0] } }
    func criterion(_ id: String) -> CriterionIndex? { criterionIndex[id] }

    /// The section a field id belongs to: the longest section id that prefixes it.
    static func section(ofFieldID id: String, sections: [String]) -> String? {
        sections.filter { id.hasPrefix($0 + ".") }.max { $0.count < $1.count }
    }

    /// The last dotted part of an id (`outcomes[].value` → `value`).
    static func localName(ofFieldID id: String) -> String {
        if let dot = id.utf8.lastIndex(of: UInt8(ascii: ".")), dot != id.utf8.index(before: id.utf8.endIndex) {
            return String(id[id.utf8.index(after: dot)...])
        }
        return String(id.split(separator: ".").last ?? Substring(id))  // no dot, or a trailing one
    }

    /// The parent section of a section (`applicant.contact` → `applicant`), nil at top level.
    func parent(of section: SectionIndex) -> SectionIndex? {
        parents[section.position]
    }

    /// What the schema needs of one field of the form definition.
    struct FieldDefinition {
        var id: String
        var type: FieldType
        var required: Bool
        var localName: String
        var range: ValueRange? = nil
        var indicatorRanges: [String: ValueRange] = [:]
    }
}

extension MappingSchema {
    /// The mapper's view of the catalogs' form definition (`locales/form.json`).
    convenience init(definition: FormDefinition) {
        let groups = definition.sections.filter { $0.kind == .group }.map(\.id)
        let criteriaSection = definition.sections.first { $0.kind == .map }?.id ?? "criteria"
        let outcomesSection = definition.sections.first { $0.kind == .list }?.id ?? "outcomes"
        let fields: [(field: FieldDefinition, section: String)] = definition.fields.compactMap { field in
            let type: FieldType? = field.type == "decimalOrPercent" ? .measure : FieldType(rawValue: field.type)
            guard let type else { return nil }
            return (FieldDefinition(id: field.id, type: type, required: field.required, localName: field.name,
                                    range: field.range, indicatorRanges: field.indicatorRanges), field.section)
        }
        self.init(sections: groups, fields: fields,
                  criteria: definition.criteria.map { ($0.id, $0.area) },
                  criteriaSection: criteriaSection, outcomesSection: outcomesSection)
    }
}
