/// Every key one language's catalog lets a form use, by matching key.
///
/// Built once per language from the catalog (official labels, aliases, criterion titles and
/// answer synonyms) so that resolving a key is a dictionary look-up on `MatchKey.make(key)`.
/// A class shared by the worker threads (see `MappingSchema`: one reference, one retain).
final class LabelIndex: Sendable {
    let language: String
    /// Section labels → sections (`criteria` and `outcomes` included).
    let sections: [String: [MappingSchema.SectionIndex]]
    /// Field labels and aliases → fields, over every scope.
    let fields: [String: [MappingSchema.FieldIndex]]
    /// Localized criterion titles → criterion.
    let criterionTitles: [String: MappingSchema.CriterionIndex]
    /// Title match keys of each criterion, by its position (base and regional wordings), to
    /// accept `DM1 — <title>` keys and titles repeated beside a criterion.
    let titleKeys: [Set<String>]
    let statuses: [String: CanonicalApplication.Status]
    let indicators: [String: CanonicalApplication.Indicator]
    /// One spelling per answer, in the language's own words, for messages
    /// (`status` → `Sí, En proceso, No`).
    let answerExamples: [String: String]
    /// All keys this language knows (for locale detection).
    let vocabulary: Set<String>
    /// Every field label and alias as written in the catalogs, with its matching key as
    /// characters: what "did you mean" compares an unknown key with.
    let fieldSpellings: [FieldSpelling]

    struct FieldSpelling: Sendable {
        let label: String
        let field: MappingSchema.FieldIndex
        let match: [Character]
    }

    /// - Parameter catalogs: the language's base catalog first, then its regional variants
    ///   (`fr`, `fr-CA`, …). Keys are resolved before the region is known, and a regional
    ///   spelling (`Province ou territoire`) is a valid spelling of the language anywhere.
    init(catalogs: [LocaleCatalog], schema: MappingSchema) {
        let catalog = catalogs[0]
        language = catalog.language
        var sections: [String: [MappingSchema.SectionIndex]] = [:]
        var fields: [String: [MappingSchema.FieldIndex]] = [:]
        var titles: [String: MappingSchema.CriterionIndex] = [:]
        var titleKeys = Array(repeating: Set<String>(), count: schema.criteria.count)
        var spellings: [FieldSpelling] = []
        var seenSpellings: Set<String> = []
        for variant in catalogs {
            for (position, id) in schema.sectionIDs.enumerated() {
                for label in variant.labels(for: id) {
                    sections[MatchKey.make(label), default: []].appendUnique(MappingSchema.SectionIndex(position: position))
                }
            }
            for field in schema.fields {
                for label in variant.labels(for: field.id) {
                    let match = MatchKey.make(label)
                    fields[match, default: []].appendUnique(field.index)
                    if seenSpellings.insert(field.id + "\u{0}" + match).inserted {
                        spellings.append(FieldSpelling(label: label, field: field.index, match: Array(match)))
                    }
                }
            }
            for criterion in schema.criteria {
                guard let title = variant.criterionTitle(criterion.id) else { continue }
                let key = MatchKey.make(title)
                titles[key] = criterion.index
                titleKeys[criterion.index.position].insert(key)
            }
        }
        self.sections = sections
        self.fields = fields
        self.fieldSpellings = spellings
        self.criterionTitles = titles
        self.titleKeys = titleKeys
        statuses = catalogs.reduce(into: [:]) { table, variant in
            table.merge(Self.answers(variant.synonyms(enum: "status"), CanonicalApplication.Status.init(rawValue:))) { a, _ in a }
        }
        indicators = catalogs.reduce(into: [:]) { table, variant in
            table.merge(Self.answers(variant.synonyms(enum: "indicator"), CanonicalApplication.Indicator.init(rawValue:))) { a, _ in a }
        }
        answerExamples = ["status", "indicator"].reduce(into: [:]) { examples, name in
            let synonyms = catalog.synonyms(enum: name)
            examples[name] = synonyms.keys.sorted().compactMap { synonyms[$0]?.first }.joined(separator: ", ")
        }
        vocabulary = Set(sections.keys).union(fields.keys).union(titles.keys)
    }

    private static func answers<Value>(_ synonyms: [String: [String]], _ make: (String) -> Value?) -> [String: Value] {
        var table: [String: Value] = [:]
        for (raw, spellings) in synonyms {
            guard let value = make(raw) else { continue }
            for spelling in spellings + [raw] { table[MatchKey.make(spelling)] = value }
        }
        return table
    }
}

extension Array where Element: Equatable {
    mutating func appendUnique(_ element: Element) {
        if !contains(element) { append(element) }
    }
}
