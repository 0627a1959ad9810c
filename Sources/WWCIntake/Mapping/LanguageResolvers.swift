
/// The key resolvers of every catalog language, each built on first use.
///
/// Building a language's `LabelIndex` and `KeyResolver` means a match key for every label,
/// alias, title and answer of its catalogs: about a quarter of the instructions of a one-form
/// run when done for all four languages up front. Intake staff convert one form at a time and
/// validators run the tool once per file, and a form declaring its language needs only that
/// language (plus, for a declaration by field, the languages sorted before it). Built once per
/// language under a lock, so worker threads share one copy; a built index never changes.
final class LanguageResolvers: Sendable {
    /// The languages with a base catalog, sorted (`["en", "es", "fr", "pt"]`).
    let languages: [String]
    /// The language-free ids, the same in every language (cheap, built up front).
    let ids: IDIndex
    private let schema: MappingSchema
    /// Where each language's catalogs come from, merged when the language is first needed.
    private let catalogs: CatalogSet
    private let built = Locked<Built>(Built())

    private struct Built {
        var labels: [String: LabelIndex] = [:]
        var resolvers: [String: KeyResolver] = [:]
    }

    init(catalogs: CatalogSet, schema: MappingSchema) {
        self.languages = catalogs.languages
        self.catalogs = catalogs
        self.schema = schema
        self.ids = IDIndex(schema: schema)
    }

    /// The label index of a language (all locale detection needs), nil for an unknown one.
    func labels(for language: String) -> LabelIndex? {
        guard languages.contains(language) else { return nil }
        return built.withLock { built in
            labels(language, &built)
        }
    }

    /// The key resolver of a language, nil for an unknown one.
    func resolver(for language: String) -> KeyResolver? {
        guard languages.contains(language) else { return nil }
        return built.withLock { built in
            if let resolver = built.resolvers[language] { return resolver }
            let labels = labels(language, &built)
            let resolver = KeyResolver(schema: schema, labels: labels, ids: ids)
            built.resolvers[language] = resolver
            return resolver
        }
    }

    /// The languages whose resolver has been built so far, sorted (for tests).
    var builtResolverLanguages: [String] {
        built.withLock { $0.resolvers.keys.sorted() }
    }

    /// The languages whose label index has been built so far, sorted (for tests).
    var builtLabelLanguages: [String] {
        built.withLock { $0.labels.keys.sorted() }
    }

    /// Each language's base catalog first, then its regional variants.
    private func labels(_ language: String, _ built: inout Built) -> LabelIndex {
        if let labels = built.labels[language] { return labels }
        let variants = ([language] + catalogs.overlays.filter { $0.hasPrefix(language + "-") })
            .compactMap { catalogs.catalog(for: $0) }
        let labels = LabelIndex(catalogs: variants, schema: schema)
        built.labels[language] = labels
        return labels
    }
}
