import Foundation

/// Resolves the keys of a form to sections, criteria and fields, for one language.
///
/// Keys may be field ids (`applicant.population`), local ids within their section
/// (`population`), labels or aliases in the form's language, criterion ids in any spelling
/// (`DM1`, `dm-1`, `DM 1`) or localized criterion titles. All comparisons go through
/// `MatchKey`, so case, accents, width, punctuation and spacing do not matter.
/// A label outside its section is accepted only when it names one field; otherwise the
/// answer is `.ambiguous` and the mapper reports it, never guesses.
/// A class shared by the worker threads (see `MappingSchema`: one reference, one retain).
final class KeyResolver: Sendable {
    let schema: MappingSchema
    let labels: LabelIndex
    let ids: IDIndex

    /// Known keys without their spaces → the spaced key (`submissiondate` → `submission date`),
    /// for XML element names written in camel case (`<SubmissionDate>`), which cannot contain
    /// spaces. A compact form two known keys share is left out: never a guess.
    let compactForms: [String: String]

    init(schema: MappingSchema, labels: LabelIndex, ids: IDIndex) {
        self.schema = schema
        self.labels = labels
        self.ids = ids
        var forms: [String: String] = [:]
        var clashes: Set<String> = []
        // Every known key once or more (a key seen twice is no clash with itself), without
        // building their union first. In ASCII a space byte is a space character; otherwise
        // the Character test stays (a space before a spacing mark is one grapheme, no space).
        func add(_ key: String) {
            let isASCII = key.utf8.allSatisfy { $0 < 0x80 }
            guard isASCII ? key.utf8.contains(0x20) : key.contains(" ") else { return }
            let compact = MatchKey.removingSpaces(key)
            if let existing = forms[compact], existing != key { clashes.insert(compact) }
            forms[compact] = key
        }
        labels.vocabulary.forEach(add)
        ids.sections.keys.forEach(add)
        ids.fullFieldIDs.keys.forEach(add)
        ids.localFieldIDs.keys.forEach(add)
        for compact in clashes { forms[compact] = nil }
        compactForms = forms
    }

    func resolve(_ key: String, in scope: MappingScope) -> Resolution {
        let match = MatchKey.make(key)
        let resolution = resolve(match: match, in: scope)
        // Byte test: Foundation's `contains(" ")` searched like NSString (~5,000 instructions),
        // and a matching key has plain single spaces only.
        if case .unknown = resolution, !match.utf8.contains(0x20), let spaced = compactForms[match] {
            return resolve(match: spaced, in: scope)
        }
        return resolution
    }

    private func resolve(match: String, in scope: MappingScope) -> Resolution {
        guard !match.isEmpty else { return .unknown }
        switch scope {
        case .criteria:
            if let id = criterion(match) { return .target(.criterion(id)) }
            return looksLikeCriterionID(match) ? .unknownCriterion(match) : .unknown
        case .criterion:
            return scopedField(match, scope: .criterion).map { .target(.field($0)) } ?? .unknown
        case .outcome:
            return scopedField(match, scope: .outcome).map { .target(.field($0)) } ?? .unknown
        case .outcomes:
            return .unknown
        case .section(let section):
            if let field = scopedField(match, scope: .section(section)) { return .target(.field(field)) }
            if let sub = ids.subsections[section.position][match] ?? uniqueSubsection(of: section, match) {
                return .target(.section(sub))
            }
            return general(match)
        case .root:
            return general(match)
        }
    }

    /// Resolution outside any section: full field ids, section ids, section labels, criteria,
    /// then labels that name exactly one field anywhere.
    private func general(_ match: String) -> Resolution {
        // Ids are exact and language-free, so they win over any label that happens to match.
        if let field = ids.fullFieldIDs[match] { return .target(.field(field)) }
        if let sectionIDs = ids.sections[match], sectionIDs.count == 1 { return .target(sectionTarget(sectionIDs[0])) }
        var sections = ids.sections[match] ?? []
        for id in labels.sections[match] ?? [] { sections.appendUnique(id) }
        if sections.count == 1 { return .target(sectionTarget(sections[0])) }
        if let id = criterion(match) { return .target(.criterion(id)) }
        var candidates = labels.fields[match] ?? []
        for id in ids.localFieldIDs[match] ?? [] { candidates.appendUnique(id) }
        // Outside any criterion or outcome item, only section fields can be meant: `Estado`
        // at the top of a flat Spanish export is the region, not a criterion's status. When no
        // section field fits but several scoped ones do (`Description`), that is ambiguous.
        let sectionFields = candidates.filter { schema[$0].isInSection }
        if sectionFields.count == 1 { return .target(.field(sectionFields[0])) }
        if candidates.count > 1 || sections.count > 1 {
            return .ambiguous((sections.map { schema[$0] } + candidates.map { schema[$0].id }).sorted())
        }
        return looksLikeCriterionID(match) ? .unknownCriterion(match) : .unknown
    }

    private func sectionTarget(_ section: MappingSchema.SectionIndex) -> MappingTarget {
        if section == schema.criteriaSection { return .criteria }
        if section == schema.outcomesSection { return .outcomes }
        return .section(section)
    }

    /// A field of this scope by local id, full id or label.
    private func scopedField(_ match: String, scope: MappingSchema.Scope) -> MappingSchema.FieldIndex? {
        if let field = ids.scopedFieldIDs[scope]?[match] { return field }
        if let field = ids.fullFieldIDs[match], schema[field].scope == scope { return field }
        let inScope = (labels.fields[match] ?? []).filter { schema[$0].scope == scope }
        return inScope.count == 1 ? inScope[0] : nil
    }

    private func uniqueSubsection(of section: MappingSchema.SectionIndex, _ match: String) -> MappingSchema.SectionIndex? {
        let found = (labels.sections[match] ?? []).filter { schema.parent(of: $0) == section }
        return found.count == 1 ? found[0] : nil
    }

    /// A criterion by id in any spelling, by localized title, or as `<id> <title>`.
    func criterion(_ match: String) -> MappingSchema.CriterionIndex? {
        // One word (most keys, and the empty key of a text with no letter or digit, which
        // made `1...0` below trap): only the id itself or a title can match.
        if !match.utf8.contains(0x20) {
            return ids.criteria[match] ?? labels.criterionTitles[match]
        }
        let tokens = Self.words(of: match)
        if let id = ids.criteria[Self.joined(tokens[...])] { return id }
        if let id = labels.criterionTitles[match] { return id }
        for count in 1...min(2, tokens.count) {
            guard let id = ids.criteria[Self.joined(tokens.prefix(count))] else { continue }
            let rest = Self.joined(tokens.dropFirst(count), separator: " ")
            if labels.titleKeys[id.position].contains(rest) { return id }
        }
        return nil
    }

    /// `match.split(separator: " ")`. Every key unknown to the session's cache with a space in
    /// it comes here, where splitting by `Character` and `joined()` was most of the cost. An
    /// ASCII match is split by bytes: there a `Character` is one byte (or CR LF), so a
    /// space byte is a space character (pinned by `MappingByteFastPathTests`).
    static func words(of match: String) -> [Substring] {
        guard match.utf8.allSatisfy({ $0 < 0x80 }) else { return match.split(separator: " ") }
        return match.utf8.split(separator: 0x20).map { Substring($0) }
    }

    /// `tokens.joined(separator:)`, with one allocation.
    static func joined(_ tokens: ArraySlice<Substring>, separator: String = "") -> String {
        var result = ""
        result.reserveCapacity(tokens.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
        for (position, token) in tokens.enumerated() {
            if position > 0 { result += separator }
            result += token
        }
        return result
    }

    /// `dm12`, `eval 9`: a practice-area prefix and a number, but not a criterion.
    func looksLikeCriterionID(_ match: String) -> Bool {
        let compact = MatchKey.removingSpaces(match)
        if compact.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every key): one byte is one `Character`, and only 0-9 are numbers.
            let bytes = Array(compact.utf8)
            guard let firstDigit = bytes.firstIndex(where: { (0x30...0x39).contains($0) }), firstDigit > 0,
                  bytes[firstDigit...].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            return schema.areas.contains(String(decoding: bytes[..<firstDigit], as: UTF8.self))
        }
        guard let firstDigit = compact.firstIndex(where: \.isNumber), firstDigit != compact.startIndex else {
            return false
        }
        let prefix = compact[..<firstDigit]
        let number = compact[firstDigit...]
        return schema.areas.contains(String(prefix)) && number.allSatisfy(\.isNumber)
    }
}

/// The language-free keys: ids of sections, fields and criteria, by matching key.
/// A class shared by the worker threads (see `MappingSchema`: one reference, one retain).
final class IDIndex: Sendable {
    /// `applicant contact` and `contact` → `applicant.contact`; `criteria`, `outcomes`.
    let sections: [String: [MappingSchema.SectionIndex]]
    /// Subsections of each section (by its position) by local id: `applicant` → [`contact`: `applicant.contact`].
    let subsections: [[String: MappingSchema.SectionIndex]]
    /// Full field ids: `applicant population` → `applicant.population`.
    let fullFieldIDs: [String: MappingSchema.FieldIndex]
    /// Local ids within their scope: `.section(applicant)` → [`population`: …].
    let scopedFieldIDs: [MappingSchema.Scope: [String: MappingSchema.FieldIndex]]
    /// Local ids anywhere (`populationyear` → [`applicant.populationYear`]).
    let localFieldIDs: [String: [MappingSchema.FieldIndex]]
    /// Compact criterion ids: `dm1` → `DM1`.
    let criteria: [String: MappingSchema.CriterionIndex]

    /// A space between an ASCII lower-case letter and the upper-case one after it
    /// (`populationYear` → `population year`): what the regular expression `([a-z])([A-Z])` →
    /// `$1 $2` did (matches cannot overlap: each ends on an upper-case letter), without
    /// compiling an NSRegularExpression at start-up (12 M instructions, 9 % of a one-form run).
    static func spacedCamelCase(_ name: String) -> String {
        var out = ""
        var previousIsLower = false
        for scalar in name.unicodeScalars {
            if previousIsLower && (0x41...0x5A).contains(scalar.value) { out.unicodeScalars.append(" ") }
            out.unicodeScalars.append(scalar)
            previousIsLower = (0x61...0x7A).contains(scalar.value)
        }
        return out
    }

    /// Whether a matching key is a language-free id (field, section or criterion).
    func isID(_ match: String) -> Bool {
        fullFieldIDs[match] != nil || sections[match] != nil || criteria[MatchKey.removingSpaces(match)] != nil
    }

    init(schema: MappingSchema) {
        var sections: [String: [MappingSchema.SectionIndex]] = [:]
        var subsections = Array(repeating: [String: MappingSchema.SectionIndex](), count: schema.sectionIDs.count)
        for (position, id) in schema.sectionIDs.enumerated() {
            let section = MappingSchema.SectionIndex(position: position)
            sections[MatchKey.make(id), default: []].appendUnique(section)
            let local = MatchKey.make(MappingSchema.localName(ofFieldID: id))
            sections[local, default: []].appendUnique(section)
            if let parent = schema.parent(of: section) { subsections[parent.position][local] = section }
        }
        var full: [String: MappingSchema.FieldIndex] = [:]
        var scoped: [MappingSchema.Scope: [String: MappingSchema.FieldIndex]] = [:]
        var local: [String: [MappingSchema.FieldIndex]] = [:]
        for field in schema.fields {
            full[MatchKey.make(field.id)] = field.index
            let name = MatchKey.make(field.localName)
            scoped[field.scope, default: [:]][name] = field.index
            local[name, default: []].appendUnique(field.index)
            // The spelled-out camel case of a local id (`populationYear` → `population year`).
            let spaced = MatchKey.make(Self.spacedCamelCase(field.localName))
            scoped[field.scope, default: [:]][spaced] = field.index
            local[spaced, default: []].appendUnique(field.index)
        }
        var criteria: [String: MappingSchema.CriterionIndex] = [:]
        for criterion in schema.criteria {
            criteria[MatchKey.removingSpaces(MatchKey.make(criterion.id))] = criterion.index
        }
        self.sections = sections
        self.subsections = subsections
        self.fullFieldIDs = full
        self.scopedFieldIDs = scoped
        self.localFieldIDs = local
        self.criteria = criteria
    }
}
