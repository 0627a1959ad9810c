import Foundation

/// The form definition (`locales/form.json`): which sections and fields a form of this
/// version has, their value types, which are required, and the criteria of the standard.
///
/// Why data and not code: the standard is revised every three years; a new form version
/// should be a data change reviewed by people who know the standard, not a code change.
struct FormDefinition: Sendable, Hashable {
    /// The form version, e.g. `"2023"`. Every catalog must declare the same version.
    let version: String
    let sections: [SectionDefinition]
    let fields: [FieldDefinition]
    /// The practice areas in the standard's order (`DM`, `LC`, …).
    let areas: [String]
    /// The criteria in the standard's order.
    let criteria: [CriterionDefinition]
    /// Enumerations by name (`status`, `indicator`): their canonical values in order.
    let enums: [String: [String]]

    init(
        version: String, sections: [SectionDefinition], fields: [FieldDefinition], areas: [String],
        criteria: [CriterionDefinition], enums: [String: [String]]
    ) {
        self.version = version
        self.sections = sections
        self.fields = fields
        self.areas = areas
        self.criteria = criteria
        self.enums = enums
    }

    func section(_ id: String) -> SectionDefinition? { sections.first { $0.id == id } }
    func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }
    func criterion(_ id: String) -> CriterionDefinition? { criteria.first { $0.id == id } }

    /// Every id that carries labels in a catalog: sections first, then fields, in form order.
    var labelledIDs: [String] { sections.map(\.id) + fields.map(\.id) }

    /// The fields of one section (`criteria` gives the per-criterion fields `criteria.*.…`).
    func fields(in section: String) -> [FieldDefinition] { fields.filter { $0.section == section } }

    /// The sections nested directly inside `parent` (`nil` for top-level sections).
    func sections(in parent: String?) -> [SectionDefinition] { sections.filter { $0.parent == parent } }
}

/// A section of the form. `group` sections hold fields; `map` sections (`criteria`) hold one
/// group per key (the criterion id); `list` sections (`outcomes`) hold repeated items.
struct SectionDefinition: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable {
        case group
        case map
        case list
    }

    let id: String
    let kind: Kind

    init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The enclosing section: `applicant` for `applicant.contact`, `nil` at top level.
    var parent: String? {
        guard let dot = id.lastIndex(of: ".") else { return nil }
        return String(id[..<dot])
    }
}

/// A field of the form, such as `applicant.population` (type `integer`) or
/// `criteria.*.status` (type `status`, one per criterion) or `outcomes[].value`.
struct FieldDefinition: Sendable, Hashable {
    let id: String
    /// The value type: `locale`, `date`, `text`, `narrative`, `country`, `integer`, `year`,
    /// `url`, `email`, `phone`, `money`, `status`, `indicator`, `decimalOrPercent`, `sdg`,
    /// `urlList`, or `title` (a criterion's title repeated for readers; accepted and ignored).
    let type: String
    let required: Bool
    /// The section the field belongs to (`criteria` for `criteria.*.status`).
    let section: String
    /// The plausible values (`"range": {"minimum": 1}`): outside it a value is
    /// `number.out_of_range`, with the range in the message.
    let range: ValueRange?
    /// Ranges that depend on the outcome's indicator (`"rangeByIndicator"`: PM2.5 ≥ 0,
    /// broadband shares 0–1), for `value`, `baseline` and `target`.
    let indicatorRanges: [String: ValueRange]

    init(id: String, type: String, required: Bool, section: String, range: ValueRange? = nil,
                indicatorRanges: [String: ValueRange] = [:]) {
        self.id = id
        self.type = type
        self.required = required
        self.section = section
        self.range = range
        self.indicatorRanges = indicatorRanges
    }

    /// The field's own name within its section or item: `status` for `criteria.*.status`.
    var name: String {
        guard let dot = id.lastIndex(of: ".") else { return id }
        return String(id[id.index(after: dot)...])
    }

    /// Where its label is matched: the id without its last component
    /// (`criteria.*` for `criteria.*.status`, `outcomes[]` for `outcomes[].value`).
    var scope: String {
        guard let dot = id.lastIndex(of: ".") else { return "" }
        return String(id[..<dot])
    }
}

/// One criterion of the standard: stable id, practice area, and whether it is core.
struct CriterionDefinition: Sendable, Hashable {
    let id: String
    let area: String
    let core: Bool

    init(id: String, area: String, core: Bool) {
        self.id = id
        self.area = area
        self.core = core
    }
}

/// The plausible values of a numeric field, from `form.json` (data people edit, not code):
/// inclusive bounds as exact decimal text, either may be absent.
struct ValueRange: Sendable, Hashable {
    let minimum: String?
    let maximum: String?

    /// Nil unless both bounds (those present) are plain decimal numbers.
    init?(minimum: String?, maximum: String?) {
        guard minimum != nil || maximum != nil,
              minimum.map({ DecimalText(json: $0) != nil }) ?? true, maximum.map({ DecimalText(json: $0) != nil }) ?? true
        else { return nil }
        self.minimum = minimum.flatMap { DecimalText(json: $0)?.description }
        self.maximum = maximum.flatMap { DecimalText(json: $0)?.description }
        low = self.minimum.flatMap { DecimalText(icu: $0) }
        high = self.maximum.flatMap { DecimalText(icu: $0) }
    }

    /// The bounds read once, not for every value checked.
    private let low: DecimalText?
    private let high: DecimalText?

    /// Whether a decimal (`"-5"`, `"0.734"`, `"2023"`) lies within the bounds.
    func contains(_ decimal: String) -> Bool {
        guard let value = DecimalText(icu: decimal) else { return false }
        if let low, DecimalText.compare(value, low) < 0 { return false }
        if let high, DecimalText.compare(value, high) > 0 { return false }
        return true
    }

    /// The message arguments that state the range (`number.out_of_range`).
    var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = [:]
        arguments["minimum"] = minimum.map { .text($0) }
        arguments["maximum"] = maximum.map { .text($0) }
        arguments["bounds"] = .text(minimum != nil && maximum != nil ? "both" : minimum != nil ? "minimum" : "maximum")
        return arguments
    }
}
