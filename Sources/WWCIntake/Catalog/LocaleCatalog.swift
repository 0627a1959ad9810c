/// The catalog of one locale: a base catalog (`es.json`) merged with its regional overlay
/// (`es-MX.json`) when there is one. An overlay entry replaces the base entry with the same
/// key; everything else comes from the base.
package struct LocaleCatalog: Sendable {
    /// `es` or `es-MX`: the most specific catalog merged in.
    package let locale: String
    /// `es`.
    package let language: String
    /// Entries by key, overlay applied.
    let entries: [String: CatalogEntry.Value]

    init(locale: String, language: String, entries: [String: CatalogEntry.Value]) {
        self.locale = locale
        self.language = language
        self.entries = entries
    }

    /// Labels of a section or field id (`applicant.city`, `criteria.*.status`,
    /// `outcomes[].value`): the official label first, then aliases. Empty when unknown.
    package func labels(for id: String) -> [String] {
        entries["labels." + id]?.strings ?? []
    }

    /// Every labelled id with its labels.
    var labelsByID: [String: [String]] {
        var result: [String: [String]] = [:]
        let prefix = "labels.".utf8
        for (key, value) in entries where key.utf8.starts(with: prefix) {
            result[String(key.dropFirst(prefix.count))] = value.strings
        }
        return result
    }

    /// The localized title of a criterion (`DM1`).
    func criterionTitle(_ id: String) -> String? {
        entries["criteria." + id]?.strings.first
    }

    /// The localized name of a practice area (`DM`).
    package func areaTitle(_ id: String) -> String? {
        entries["areas." + id]?.strings.first
    }

    /// Answer synonyms of an enumeration: `"status"` → `["met": ["Cumple", "Sí", …], …]`.
    package func synonyms(enum name: String) -> [String: [String]] {
        let prefix = "answers." + name + "."
        var result: [String: [String]] = [:]
        // Byte comparison: every entry is tested, and `hasPrefix` compares by characters.
        for (key, value) in entries where key.utf8.starts(with: prefix.utf8) {
            result[String(key.dropFirst(prefix.count))] = value.strings
        }
        return result
    }

    /// Country spellings ICU does not know, mapped to ISO 3166-1 alpha-2: `"EE. UU."` → `"US"`.
    package var countrySynonyms: [String: String] {
        var result: [String: String] = [:]
        let prefix = "countries.".utf8
        for (key, value) in entries where key.utf8.starts(with: prefix) {
            result[String(key.dropFirst(prefix.count))] = value.strings.first
        }
        return result
    }

    /// The ICU MessageFormat pattern of a message key (a diagnostic code or a UI key).
    package func message(_ key: String) -> String? {
        entries["messages." + key]?.strings.first
    }
}
