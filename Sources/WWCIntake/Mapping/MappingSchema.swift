/// The form's structure as the mapper needs it: which fields exist, where they live, what
/// type of value each takes, and which criteria the standard has.
///
/// Built once from the catalogs' form definition (`locales/form.json`), so the form version
/// can change without touching Swift.
final class MappingSchema: Sendable {
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
        case section(String)
        /// Inside one criterion (`criteria.*.status`).
        case criterion
        /// Inside one outcome item (`outcomes[].value`).
        case outcome
    }

    struct Field: Sendable, Hashable {
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
        var id: String
        var area: String
    }

    /// Section ids in nesting order (`submission`, `applicant`, `applicant.contact`, `budget`).
    let sections: [String]
    let fields: [Field]
    let criteria: [Criterion]
    /// The section ids that hold criteria and outcome items.
    let criteriaSection: String
    let outcomesSection: String

    /// A class, not a struct: one schema is read by every worker thread, and copying a struct
    /// of dictionaries retained each one, atomically, on every use from two cores.
    init(sections: [String], fields: [Field], criteria: [Criterion],
         criteriaSection: String = "criteria", outcomesSection: String = "outcomes") {
        self.sections = sections
        self.fields = fields
        self.criteria = criteria
        self.criteriaSection = criteriaSection
        self.outcomesSection = outcomesSection
        self.fieldsByID = Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.criterionOrder = Dictionary(criteria.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.areas = Set(criteria.map { $0.area.lowercased() })
    }

    let fieldsByID: [String: Field]
    let criterionOrder: [String: Int]
    /// Practice-area prefixes, lower-cased (`dm`, `lc`, …), to tell an unknown criterion id
    /// (`DM12`: error) from an unrelated key.
    let areas: Set<String>

    func field(_ id: String) -> Field? { fieldsByID[id] }

    /// The section a field id belongs to: the longest section id that prefixes it.
    static func section(ofFieldID id: String, sections: [String]) -> String? {
        sections.filter { id.hasPrefix($0 + ".") }.max { $0.count < $1.count }
    }

    /// The last dotted part of an id (`outcomes[].value` → `value`). Called for every value
    /// assigned, hence by the last dot rather than splitting the whole id into an array.
    static func localName(ofFieldID id: String) -> String {
        if let dot = id.utf8.lastIndex(of: UInt8(ascii: ".")), dot != id.utf8.index(before: id.utf8.endIndex) {
            return String(id[id.utf8.index(after: dot)...])
        }
        return String(id.split(separator: ".").last ?? Substring(id))  // no dot, or a trailing one
    }

    /// The parent section of a section id (`applicant.contact` → `applicant`), nil at top level.
    func parent(ofSection id: String) -> String? {
        Self.section(ofFieldID: id, sections: sections)
    }
}

extension MappingSchema {
    /// The mapper's view of the catalogs' form definition (`locales/form.json`).
    convenience init(definition: FormDefinition) {
        let groups = definition.sections.filter { $0.kind == .group }.map(\.id)
        let criteriaSection = definition.sections.first { $0.kind == .map }?.id ?? "criteria"
        let outcomesSection = definition.sections.first { $0.kind == .list }?.id ?? "outcomes"
        let fields: [Field] = definition.fields.compactMap { field in
            let type: FieldType? = field.type == "decimalOrPercent" ? .measure : FieldType(rawValue: field.type)
            guard let type else { return nil }
            let scope: Scope = switch field.section {
            case criteriaSection: .criterion
            case outcomesSection: .outcome
            default: .section(field.section)
            }
            return Field(id: field.id, type: type, required: field.required, scope: scope, localName: field.name,
                         range: field.range, indicatorRanges: field.indicatorRanges)
        }
        self.init(sections: groups, fields: fields,
                  criteria: definition.criteria.map { Criterion(id: $0.id, area: $0.area) },
                  criteriaSection: criteriaSection, outcomesSection: outcomesSection)
    }
}
