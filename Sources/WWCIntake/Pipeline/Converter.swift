import Foundation

/// Converts submitted forms into canonical records: read → locale → mapping → values → model
/// (see `ConversionSession.convert` for the stages).
///
/// A `Converter` holds what is the same for every form (catalogs, the form schema, the label
/// indexes of every language, each built when a form first needs it) and is safe to share
/// between threads. The ICU-backed value parsers are not thread-safe, so each thread converts
/// through its own `ConversionSession`.
public final class Converter: Sendable {
    public let catalogs: CatalogSet
    public let options: ConversionOptions
    let schema: MappingSchema
    /// Where each field of the schema lands in the record.
    let layout: RecordLayout
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
        self.schema = schema
        self.layout = RecordLayout(schema: schema)
        self.resolvers = resolvers
        self.localeResolver = LocaleResolver(resolvers: resolvers)
        self.countrySynonyms = catalogs.countrySynonyms
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

    /// Why a stage stopped the conversion: the form is rejected with these findings.
    private struct Rejection: Error {
        var diagnostics: [Diagnostic]
        var statistics = LeafStatistics()
    }

    /// The stages, in the order the README draws them; each takes what the earlier ones
    /// produced and none reaches back into an earlier one. The region, the second half of
    /// locale resolution, needs the applicant's country, which only the map stage finds: it
    /// runs on the map's result, before any value is read.
    ///
    ///     read → resolve the language → map keys → resolve the region → values + assembly
    public func convert(_ data: Data, file: String? = nil, format: SourceFormat? = nil) -> ConversionResult {
        do throws(Rejection) {
            let sourceFormat = format ?? FormReader.format(forPath: file ?? "", data: data) ?? .json
            let (document, export, readFindings) = try read(data, format: sourceFormat)
            let language = try resolveLanguage(document, findings: readFindings)
            let mapping = map(document, export: export, language: language)
            let findings = readFindings + language.resolution.warnings + mapping.diagnostics
            let region = try resolveRegion(language.resolution, country: mapping.country, findings: findings,
                                           statistics: mapping.statistics)
            let source = CanonicalApplication.Source(
                file: file, format: sourceFormat, sha256: SHA256.hex(data), declaredLocale: language.resolution.declared,
                locale: region.parser.locale, localeSource: region.source, export: export?.export)
            var assembler = RecordAssembler(layout: converter.layout, labels: language.resolver.labels, parser: region.parser,
                                            source: source, trustsRegion: region.isGiven)
            assembler.assemble(mapping)
            return Self.result(file: file, record: assembler.record, diagnostics: findings + assembler.diagnostics,
                               statistics: assembler.statistics)
        } catch {
            return Self.result(file: file, record: nil, diagnostics: error.diagnostics, statistics: error.statistics)
        }
    }

    /// The result: findings errors first, then by position (input order among equals), each
    /// naming the file; the record only when no finding is an error.
    private static func result(file: String?, record: CanonicalApplication?, diagnostics: [Diagnostic],
                               statistics: LeafStatistics) -> ConversionResult {
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
        return ConversionResult(file: file, record: accepted ? record : nil, diagnostics: sorted, statistics: statistics)
    }

    // MARK: Stages

    /// Read: the form tree, with JSON exports' group-path keys read as sections and a form
    /// system's metadata taken out (it is no field, and must not count as labels). Not a form
    /// at all (a record `intake` wrote, a JSON top level that is no object): rejected.
    private func read(_ data: Data, format: SourceFormat) throws(Rejection)
        -> (FormDocument, ExportFindings?, [Diagnostic]) {
        let read = FormReader.read(data, format: format, limits: converter.options.limits)
        guard var document = read.document, !read.diagnostics.contains(where: { $0.severity == .error }) else {
            throw Rejection(diagnostics: read.diagnostics)
        }
        if let record = Self.canonicalRecordMark(document) {
            throw Rejection(diagnostics: read.diagnostics + [record])
        }
        if document.format == .json, let found = Self.nonObjectKind(document.root) {
            throw Rejection(diagnostics: read.diagnostics + [.error(.jsonNotObject, arguments: ["found": .text(found)],
                                                                     path: "", location: document.root.location)])
        }
        if document.format == .json {
            GroupPaths.split(document.root, isWholeKey: converter.isWholeKey)
        }
        let export = converter.exportRecognizer.recognize(&document)
        return (document, export, read.diagnostics)
    }

    /// Resolve the language (`--locale`, declared, or detected) and its key resolver.
    private func resolveLanguage(_ document: FormDocument, findings: [Diagnostic]) throws(Rejection)
        -> (resolution: LocaleResolver.Resolution, resolver: KeyResolver) {
        let resolution: LocaleResolver.Resolution
        switch converter.localeResolver.resolve(document, option: converter.options.locale, cache: resolutions) {
        case .success(let value): resolution = value
        case .failure(let diagnostic): throw Rejection(diagnostics: findings + [diagnostic])
        }
        guard let resolver = converter.resolvers.resolver(for: resolution.language) else {
            throw Rejection(diagnostics: findings + [.error(.localeUndetermined, arguments: [
                "candidates": .text(converter.resolvers.languages.joined(separator: ", ")),
            ])])
        }
        return (resolution, resolver)
    }

    /// Map: one walk binds every key to a field, criterion or section; no value is read yet.
    private func map(_ document: FormDocument, export: ExportFindings?,
                     language: (resolution: LocaleResolver.Resolution, resolver: KeyResolver)) -> FormWalker {
        var walker = FormWalker(resolver: language.resolver, cache: resolutions)
        walker.walk(document, export: export)
        return walker
    }

    /// Resolve the region, and the value parser of the regional locale: as requested when it
    /// has a region; else the language with the region of `applicant.country` (`es` + Mexico →
    /// `es-MX`, since number, date and currency conventions differ by region); else the
    /// language's likely region from CLDR. `isGiven`: the region was requested or comes from
    /// the country rather than guessed.
    private func resolveRegion(_ resolution: LocaleResolver.Resolution, country: String?, findings: [Diagnostic],
                               statistics: LeafStatistics) throws(Rejection)
        -> (parser: ValueParser, source: CanonicalApplication.LocaleSource, isGiven: Bool) {
        let (locale, source, isGiven): (String, CanonicalApplication.LocaleSource, Bool)
        let language = resolution.language
        if let requested = resolution.requested, requested.utf8.contains(UInt8(ascii: "-")) {
            (locale, source, isGiven) = (requested, resolution.source, true)
        } else if let country, let parser = try? valueParser(for: language), let code = try? parser.country(country) {
            (locale, source, isGiven) = (ValueParser.regionalLocale(language: language, country: code), .country, true)
        } else {
            (locale, source, isGiven) = (ValueParser.likelyLocale(language: language), resolution.source, false)
        }
        do {
            return (try valueParser(for: locale), source, isGiven)
        } catch {
            throw Rejection(diagnostics: findings + [.error(error.code, arguments: error.arguments.merging([
                "value": .text(locale),
            ]) { a, _ in a })], statistics: statistics)
        }
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

    private func valueParser(for locale: String) throws(ValueError) -> ValueParser {
        if let parser = parsers[locale] { return parser }
        let parser = try ValueParser(locale: locale, countrySynonyms: converter.countrySynonyms,
                                     examples: converter.valueExamples)
        parsers[locale] = parser
        return parser
    }
}
