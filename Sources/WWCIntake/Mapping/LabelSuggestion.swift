/// "Did you mean": the one label of the form's language that an unknown key is most likely a
/// misspelling of (`Popluation` → `Population`, `Pobalción` → `Población`).
///
/// Compared on matching keys (case, accents and punctuation already folded), so only real
/// typing slips count. The distance is the optimal string alignment distance (insertions,
/// deletions, substitutions and transpositions of two neighbours cost 1): swapped letters are
/// the commonest slip. Allowed: 1 for keys of 4 to 7 characters, 2 from 8 on; shorter keys get
/// no suggestion (too many words are one letter from a short label). A suggestion is made only
/// when the labels within reach name exactly one field: never a guess between two.
struct LabelSuggestion: Sendable, Hashable {
    /// The field the key was probably meant for.
    let field: MappingSchema.FieldIndex
    /// The label as the catalog writes it (the nearest spelling of that field).
    let label: String

    static func maximumDistance(forLength length: Int) -> Int? {
        switch length {
        case ..<4: nil
        case 4...7: 1
        default: 2
        }
    }

    /// Optimal string alignment distance, or nil once it must exceed `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousRow: [Int] = []
        var row = Array(0...b.count)
        for i in 1...a.count {
            var next = [Int](repeating: 0, count: b.count + 1)
            next[0] = i
            var rowMinimum = next[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousRow[j - 2] + 1)
                }
                next[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            previousRow = row
            row = next
        }
        return row[b.count] <= limit ? row[b.count] : nil
    }
}

extension KeyResolver {
    /// The label an unknown key in this scope was probably meant to be, if exactly one field
    /// of the scope has a label within reach.
    func suggestion(for key: String, in scope: MappingScope) -> LabelSuggestion? {
        let match = Array(MatchKey.make(key))
        guard let limit = LabelSuggestion.maximumDistance(forLength: match.count) else { return nil }
        var nearest: [MappingSchema.FieldIndex: (distance: Int, label: String)] = [:]
        for spelling in labels.fieldSpellings {
            guard Self.fits(schema[spelling.field], scope),
                  let distance = LabelSuggestion.distance(match, spelling.match, limit: limit), distance > 0
            else { continue }
            if let known = nearest[spelling.field], known.distance <= distance { continue }
            nearest[spelling.field] = (distance, spelling.label)
        }
        guard nearest.count == 1, let (field, found) = nearest.first else { return nil }
        return LabelSuggestion(field: field, label: found.label)
    }

    /// Which fields a key in this scope could have been meant for: outside criteria and
    /// outcome items any section field (flat exports put them anywhere), inside them theirs.
    private static func fits(_ field: MappingSchema.Field, _ scope: MappingScope) -> Bool {
        switch scope {
        case .root, .section: field.isInSection
        case .criterion: field.scope == .criterion
        case .outcome: field.scope == .outcome
        case .criteria, .outcomes: false
        }
    }
}
