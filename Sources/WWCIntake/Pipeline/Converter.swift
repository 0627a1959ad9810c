import Foundation

/// Converts submitted forms into canonical records: read → locale → mapping → values → model.
///
/// A `Converter` holds what is the same for every form (catalogs, the form schema, the label
/// indexes of every language, each built when a form first needs it) and is safe to share
/// between threads. The ICU-backed value parsers are not thread-safe, so each thread converts
/// through its own `ConversionSession`.
public final class Converter: Sendable {
    public let catalogs: CatalogSet
    public let options: ConversionOptions
    let schema: MappingSchema
    /// Key resolvers by language, built lazily: a one-form run builds one language, not four.
    let resolvers: LanguageResolvers
    let localeResolver: LocaleResolver
    /// Country synonyms of every catalog: a Spanish form may well write `USA`.
    let countrySynonyms: [String: String]
    let valueExamples: ValueExamples
    /// Recognizes KoboToolbox and ODK exports by their metadata (`exports.json`).
    let exportRecognizer: ExportRecognizer

    public init(catalogs: CatalogSet, options: ConversionOptions = ConversionOptions()) {
        self.catalogs = catalogs
        self.options = options
        let schema = MappingSchema(definition: catalogs.definition)
        let resolvers = LanguageResolvers(catalogs: catalogs, schema: schema)
        var synonyms: [String: String] = [:]
        for language in resolvers.languages {
            let variants = ([language] + catalogs.overlays.filter { $0.hasPrefix(language + "-") })
                .compactMap { catalogs.catalog(for: $0) }
            for variant in variants { synonyms.merge(variant.countrySynonyms) { first, _ in first } }
        }
        self.schema = schema
        self.resolvers = resolvers
        self.localeResolver = LocaleResolver(resolvers: resolvers)
        self.countrySynonyms = synonyms
        self.valueExamples = catalogs.valueExamples
        self.exportRecognizer = ExportRecognizer(systems: catalogs.exportSystems)
    }

    /// Whether a JSON key containing `/` names something as it stands, in some language
    /// (`State/Province`), so `GroupPaths` must not read it as a group path.
    func isWholeKey(_ key: String) -> Bool {
        let match = MatchKey.make(key)
        return resolvers.ids.isID(match) || resolvers.languages.contains {
            resolvers.labels(for: $0)?.vocabulary.contains(match) == true
        }
    }

    /// A session for the calling thread. Keep one per worker thread and reuse it: it caches
    /// the ICU formatters of every locale it meets.
    public func makeSession() -> ConversionSession {
        ConversionSession(converter: self)
    }

    /// Converts one input (convenience for a single form; batches should reuse a session).
    public func convert(_ data: Data, file: String? = nil, format: SourceFormat? = nil) -> ConversionResult {
        makeSession().convert(data, file: file, format: format)
    }
}

/// One thread's conversions: owns the ICU value parsers, which must not be shared.
public final class ConversionSession {
    let converter: Converter
    private var parsers: [String: ValueParser] = [:]
    /// Keys resolved by earlier forms of this session (see `ResolutionCache`).
    private let resolutions = ResolutionCache()

    init(converter: Converter) {
        self.converter = converter
    }

    /// What a JSON top level is when it is not an object (`array`, `string`, `number`,
    /// `boolean`, `null`); nil for an object.
    static func nonObjectKind(_ root: FormNode) -> String? {
        switch root.content {
        case .section: return nil
        case .list: return "array"
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return "string"
            case .number: return "number"
            case .bool: return "boolean"
            case .null: return "null"
            }
        }
    }

    public func convert(_ data: Data, file: String? = nil, format: SourceFormat? = nil) -> ConversionResult {
        var statistics = LeafStatistics()
        func finish(_ record: CanonicalApplication?, _ diagnostics: [Diagnostic]) -> ConversionResult {
            let sorted = diagnostics.enumerated().sorted { lhs, rhs in
                let (l, r) = (lhs.element, rhs.element)
                if l.severity != r.severity { return l.severity < r.severity }
                let lineOrder = (l.line ?? .max, l.column ?? 0)
                let rightOrder = (r.line ?? .max, r.column ?? 0)
                if lineOrder != rightOrder { return lineOrder < rightOrder }
                return lhs.offset < rhs.offset
            }.map { diagnostic in
                var diagnostic = diagnostic.element
                diagnostic.file = file
                return diagnostic
            }
            let accepted = !sorted.contains { $0.severity == .error }
            var record = accepted ? record : nil
            record?.diagnostics = sorted
            return ConversionResult(file: file, record: record, diagnostics: sorted, statistics: statistics)
        }

        // Reading
        let sourceFormat = format ?? FormReader.format(forPath: file ?? "", data: data) ?? .json
        let read = FormReader.read(data, format: sourceFormat, limits: converter.options.limits)
        guard var document = read.document, !read.diagnostics.contains(where: { $0.severity == .error }) else {
            return finish(nil, read.diagnostics)
        }
        if let record = Self.canonicalRecordMark(document) {
            return finish(nil, read.diagnostics + [record])
        }
        if document.format == .json, let found = Self.nonObjectKind(document.root) {
            return finish(nil, read.diagnostics + [.error(.jsonNotObject, arguments: ["found": .text(found)],
                                                          path: "", location: document.root.location)])
        }
        // Exports of form systems: group-path keys are sections; the system's metadata is no field.
        if document.format == .json {
            GroupPaths.split(document.root, isWholeKey: converter.isWholeKey)
        }
        let export = converter.exportRecognizer.recognize(&document)
        // Locale: the language first; the region may come from the country field.
        let resolution: LocaleResolver.Resolution
        switch converter.localeResolver.resolve(document, option: converter.options.locale, cache: resolutions) {
        case .success(let value): resolution = value
        case .failure(let diagnostic): return finish(nil, read.diagnostics + [diagnostic])
        }
        guard let resolver = converter.resolvers.resolver(for: resolution.language) else {
            return finish(nil, read.diagnostics + [.error(.localeUndetermined, arguments: [
                "candidates": .text(converter.resolvers.languages.joined(separator: ", ")),
            ])])
        }
        // Mapping, pass 1: bind keys.
        var walker = FormWalker(resolver: resolver, cache: resolutions)
        walker.walk(document, export: export)
        statistics = walker.statistics
        var diagnostics = read.diagnostics + resolution.warnings + walker.diagnostics

        let (locale, localeSource, trustsRegion) = regionalLocale(resolution, walker: walker)
        let parser: ValueParser
        do {
            parser = try valueParser(for: locale)
        } catch {
            return finish(nil, diagnostics + [.error(error.code, arguments: error.arguments.merging(["value": .text(locale)]) { a, _ in a })])
        }
        // Values and model.
        let source = CanonicalApplication.Source(
            file: file, format: sourceFormat, sha256: SHA256.hex(data), declaredLocale: resolution.declared,
            locale: parser.locale, localeSource: localeSource, export: export?.export)
        var assembler = RecordAssembler(schema: converter.schema, labels: resolver.labels, parser: parser, source: source,
                                        trustsRegion: trustsRegion)
        assembler.assemble(walker)
        var record = assembler.record
        // Values the assembler moved to `unmapped` (fields the record does not model) were
        // counted as mapped by the walker.
        statistics.mapped -= record.unmapped.count
        statistics.unmapped += record.unmapped.count
        record.unmapped = walker.unmapped + record.unmapped
        diagnostics += assembler.diagnostics
        return finish(record, diagnostics)
    }

    /// `input.canonical_record` when the document is a record `intake` wrote (a JSON object
    /// whose `schema` is `wwc-application/…`), not a form: converting it again would read its
    /// own field names as labels and bury the record's values in `unmapped`. `intake score`
    /// takes records; it tells them apart before converting.
    static func canonicalRecordMark(_ document: FormDocument) -> Diagnostic? {
        guard document.format == .json, case .section(let members) = document.root.content,
              let schema = members.first(where: { $0.key == "schema" }), let scalar = schema.scalar,
              scalar.kind == .string, scalar.text.hasPrefix("wwc-application/") else { return nil }
        return .error(.inputCanonicalRecord, arguments: ["schema": .text(scalar.text)], path: schema.path,
                      location: schema.location, value: scalar.text)
    }

    /// The effective regional locale: as requested when it has a region; else the language
    /// with the region of `applicant.country` (`es` + Mexico → `es-MX`, since number, date and
    /// currency conventions differ by region); else the language's likely region from CLDR.
    /// The last element says whether the region was given (requested or from the country)
    /// rather than guessed.
    private func regionalLocale(_ resolution: LocaleResolver.Resolution,
                                walker: FormWalker) -> (String, CanonicalApplication.LocaleSource, Bool) {
        if let requested = resolution.requested, requested.contains("-") {
            return (requested, resolution.source, true)
        }
        let language = resolution.language
        if let assignment = walker.assignments.first(where: { $0.field == "applicant.country" }),
           let raw = assignment.nodes.first?.scalar?.text,
           let parser = try? valueParser(for: language),
           let country = try? parser.country(raw)
        {
            return (ValueParser.regionalLocale(language: language, country: country), .country, true)
        }
        return (ValueParser.likelyLocale(language: language), resolution.source, false)
    }

    private func valueParser(for locale: String) throws(ValueError) -> ValueParser {
        if let parser = parsers[locale] { return parser }
        let parser = try ValueParser(locale: locale, countrySynonyms: converter.countrySynonyms,
                                     examples: converter.valueExamples)
        parsers[locale] = parser
        return parser
    }
}
