/// Coverage of one catalog section in one locale, for `intake catalog stats`.
package struct CatalogCoverage: Sendable, Hashable {
    package let locale: String
    package let isOverlay: Bool
    /// `labels`, `criteria`, `areas`, `answers`, `messages`, or `all`.
    package let section: String
    /// Entries the reference (`en`) has in this section.
    package let total: Int
    /// Of those, entries the locale has (overlay merged over its base).
    package let present: Int
    /// Of those, entries that differ from English or are listed as intentionally identical.
    package let translated: Int
    /// Entries the overlay itself overrides (0 for a base catalog).
    package let overridden: Int

    /// Percent translated, 0…100.
    package var percent: Double { total == 0 ? 100 : Double(translated) * 100 / Double(total) }
}

package enum CatalogStatistics {
    static let sections = ["labels", "criteria", "areas", "answers", "messages"]

    /// One row per locale (bases and overlays, sorted) and section, plus an `all` row each.
    package static func coverage(_ set: CatalogSet) -> [CatalogCoverage] {
        guard let reference = set.file(for: CatalogSet.referenceLanguage) else { return [] }
        var rows: [CatalogCoverage] = []
        for file in set.files {
            guard let catalog = set.catalog(for: file.locale) else { continue }
            let base = set.files.first { !$0.isOverlay && $0.locale == file.language }
            let intended = Set((base?.identical ?? []) + file.identical)
            var totals = (0, 0, 0, 0)
            for section in sections {
                let keys = reference.entries.filter { $0.section == section }
                var present = 0
                var translated = 0
                for entry in keys {
                    guard let value = catalog.entries[entry.key] else { continue }
                    present += 1
                    if file.locale == reference.locale || intended.contains(entry.key)
                        || value.strings.first != entry.value.strings.first {
                        translated += 1
                    }
                }
                let overridden = file.isOverlay ? file.entries.filter { $0.section == section }.count : 0
                rows.append(CatalogCoverage(locale: file.locale, isOverlay: file.isOverlay, section: section,
                                            total: keys.count, present: present, translated: translated,
                                            overridden: overridden))
                totals = (totals.0 + keys.count, totals.1 + present, totals.2 + translated, totals.3 + overridden)
            }
            rows.append(CatalogCoverage(locale: file.locale, isOverlay: file.isOverlay, section: "all", total: totals.0,
                                        present: totals.1, translated: totals.2, overridden: totals.3))
        }
        return rows
    }
}
