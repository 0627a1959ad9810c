import Foundation

/// The form definition (`locales/form.json`): which sections and fields a form of this
/// version has, their value types, which are required, and the criteria of the standard.
///
/// Why data and not code: the standard is revised every three years; a new form version
/// should be a data change reviewed by people who know the standard, not a code change.
public struct FormDefinition: Sendable, Hashable {
    /// The form version, e.g. `"2023"`. Every catalog must declare the same version.
    public let version: String
    public let sections: [SectionDefinition]
    public let fields: [FieldDefinition]
    /// The practice areas in the standard's order (`DM`, `LC`, …).
    public let areas: [String]
    /// The criteria in the standard's order.
    public let criteria: [CriterionDefinition]
    /// Enumerations by name (`status`, `indicator`): their canonical values in order.
    public let enums: [String: [String]]

    public init(
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

    public func section(_ id: String) -> SectionDefinition? { sections.first { $0.id == id } }
    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }
    public func criterion(_ id: String) -> CriterionDefinition? { criteria.first { $0.id == id } }

    /// Every id that carries labels in a catalog: sections first, then fields, in form order.
    public var labelledIDs: [String] { sections.map(\.id) + fields.map(\.id) }

    /// The fields of one section (`criteria` gives the per-criterion fields `criteria.*.…`).
    public func fields(in section: String) -> [FieldDefinition] { fields.filter { $0.section == section } }

    /// The sections nested directly inside `parent` (`nil` for top-level sections).
    public func sections(in parent: String?) -> [SectionDefinition] { sections.filter { $0.parent == parent } }
}

/// A section of the form. `group` sections hold fields; `map` sections (`criteria`) hold one
/// group per key (the criterion id); `list` sections (`outcomes`) hold repeated items.
public struct SectionDefinition: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case group
        case map
        case list
    }

    public let id: String
    public let kind: Kind

    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The enclosing section: `applicant` for `applicant.contact`, `nil` at top level.
    public var parent: String? {
        guard let dot = id.lastIndex(of: ".") else { return nil }
        return String(id[..<dot])
    }
}

/// A field of the form, such as `applicant.population` (type `integer`) or
/// `criteria.*.status` (type `status`, one per criterion) or `outcomes[].value`.
public struct FieldDefinition: Sendable, Hashable {
    public let id: String
    /// The value type: `locale`, `date`, `text`, `narrative`, `country`, `integer`, `year`,
    /// `url`, `email`, `phone`, `money`, `status`, `indicator`, `decimalOrPercent`, `sdg`,
    /// `urlList`, or `title` (a criterion's title repeated for readers; accepted and ignored).
    public let type: String
    public let required: Bool
    /// The section the field belongs to (`criteria` for `criteria.*.status`).
    public let section: String
    /// The plausible values (`"range": {"minimum": 1}`): outside it a value is
    /// `number.out_of_range`, with the range in the message.
    public let range: ValueRange?
    /// Ranges that depend on the outcome's indicator (`"rangeByIndicator"`: PM2.5 ≥ 0,
    /// broadband shares 0–1), for `value`, `baseline` and `target`.
    public let indicatorRanges: [String: ValueRange]

    public init(id: String, type: String, required: Bool, section: String, range: ValueRange? = nil,
                indicatorRanges: [String: ValueRange] = [:]) {
        self.id = id
        self.type = type
        self.required = required
        self.section = section
        self.range = range
        self.indicatorRanges = indicatorRanges
    }

    /// The field's own name within its section or item: `status` for `criteria.*.status`.
    public var name: String {
        guard let dot = id.lastIndex(of: ".") else { return id }
        return String(id[id.index(after: dot)...])
    }

    /// Where its label is matched: the id without its last component
    /// (`criteria.*` for `criteria.*.status`, `outcomes[]` for `outcomes[].value`).
    public var scope: String {
        guard let dot = id.lastIndex(of: ".") else { return "" }
        return String(id[..<dot])
    }
}

/// One criterion of the standard: stable id, practice area, and whether it is core.
public struct CriterionDefinition: Sendable, Hashable {
    public let id: String
    public let area: String
    public let core: Bool

    public init(id: String, area: String, core: Bool) {
        self.id = id
        self.area = area
        self.core = core
    }
}

/// The plausible values of a numeric field, from `form.json` (data people edit, not code):
/// inclusive bounds as exact decimal text, either may be absent.
public struct ValueRange: Sendable, Hashable {
    public let minimum: String?
    public let maximum: String?

    /// Nil unless both bounds (those present) are plain decimal numbers.
    public init?(minimum: String?, maximum: String?) {
        guard minimum != nil || maximum != nil,
              minimum.map({ DecimalText(json: $0) != nil }) ?? true, maximum.map({ DecimalText(json: $0) != nil }) ?? true
        else { return nil }
        self.minimum = minimum.flatMap { DecimalText(json: $0)?.description }
        self.maximum = maximum.flatMap { DecimalText(json: $0)?.description }
    }

    /// Whether a decimal (`"-5"`, `"0.734"`, `"2023"`) lies within the bounds.
    public func contains(_ decimal: String) -> Bool {
        guard let value = DecimalText(icu: decimal) else { return false }
        if let minimum, let low = DecimalText(icu: minimum), DecimalText.compare(value, low) < 0 { return false }
        if let maximum, let high = DecimalText(icu: maximum), DecimalText.compare(value, high) > 0 { return false }
        return true
    }

    /// The message arguments that state the range (`number.out_of_range`).
    public var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = [:]
        arguments["minimum"] = minimum.map { .text($0) }
        arguments["maximum"] = maximum.map { .text($0) }
        arguments["bounds"] = .text(minimum != nil && maximum != nil ? "both" : minimum != nil ? "minimum" : "maximum")
        return arguments
    }
}
