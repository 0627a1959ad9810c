import Foundation

/// All locale catalogs of a `locales/` folder with the form definition they share.
///
/// This is the one loader: `intake convert` resolves labels through it and
/// `intake catalog check` checks exactly what it loads, so a catalog that passes the check is
/// the catalog the converter uses.
public final class CatalogSet: Sendable {
    /// The reference language: other catalogs are checked against it, and messages fall back to it.
    public static let referenceLanguage = "en"

    public let directory: URL
    let definition: FormDefinition
    /// Every catalog file that could be read, base catalogs and overlays, sorted by locale.
    let files: [CatalogFile]
    /// The form systems whose exports are recognized (`exports.json`; none when it is absent).
    let exportSystems: [ExportSystem]
    /// Example e-mail, web and phone values for messages, by region (`examples.json`).
    public let valueExamples: ValueExamples

    /// Merged catalogs, each built when first asked for and then kept: rendering a message
    /// per diagnostic must not rebuild them, and a one-form run needs one or two languages
    /// of four, so merging all eight up front was start-up work for nothing.
    private let built = Locked<Built>(Built())

    private struct Built {
        /// By the locale of a base catalog or of an overlay with its base merged in.
        var merged: [String: LocaleCatalog] = [:]
        /// `catalog(for:)` of the catalogs' own locales once asked: every rendered message
        /// looks its language up (twice), and splitting the tag each time showed in profiles.
        /// Other tags (a form's `es-AR`) are resolved each time, so input cannot grow this.
        var resolved: [String: LocaleCatalog] = [:]
    }
    /// Country synonyms of every catalog, for the value parsers of every language (a Spanish
    /// form may well write `USA`): languages in order, each base before its overlays, the
    /// first spelling of a name winning. Read from the files' entries, where testing each
    /// entry's key is cheap, and asking each merged catalog would merge all of them.
    package let countrySynonyms: [String: String]

    init(directory: URL, definition: FormDefinition, files: [CatalogFile], exportSystems: [ExportSystem] = [],
         valueExamples: ValueExamples = ValueExamples()) {
        self.directory = directory
        self.definition = definition
        self.exportSystems = exportSystems
        self.valueExamples = valueExamples
        self.files = files.sorted { $0.locale < $1.locale }
        var synonyms: [String: String] = [:]
        let prefix = "countries."
        for file in self.files where !file.isOverlay || Self.base(of: file, in: files) != nil {
            for entry in file.entries where entry.key.utf8.first == UInt8(ascii: "c") && entry.key.utf8.starts(with: prefix.utf8) {
                let name = String(entry.key.dropFirst(prefix.count))
                if synonyms[name] == nil, let code = entry.value.strings.first { synonyms[name] = code }
            }
        }
        self.countrySynonyms = synonyms
    }

    static func merge(base: CatalogFile, overlay: CatalogFile?) -> LocaleCatalog {
        var entries: [String: CatalogEntry.Value] = [:]
        entries.reserveCapacity(base.entries.count + (overlay?.entries.count ?? 0))
        for entry in base.entries { entries[entry.key] = entry.value }
        for entry in overlay?.entries ?? [] { entries[entry.key] = entry.value }
        return LocaleCatalog(locale: overlay?.locale ?? base.locale, language: base.locale, entries: entries)
    }

    /// Loads `form.json`, `exports.json`, `examples.json` and every other `*.json` (a catalog) in `directory`.
    /// Returns the set (nil when unusable: no form definition, or no `en` catalog) and located
    /// diagnostics for every file that could not be read or has entries of the wrong shape. A
    /// broken catalog other than `en` is left out of the set and reported; so is a broken
    /// `exports.json` (then no export is recognized).
    public static func load(directory: URL) -> (catalogs: CatalogSet?, diagnostics: [Diagnostic]) {
        // File URLs say they are files (`isDirectory: false`): without it, Foundation asks the
        // file system (a stat) about each of the 11 paths. Instructions barely move (what
        // `appendingPathComponent` saves, `URL.path` then spends): the system calls go.
        var diagnostics: [Diagnostic] = []
        var formReader = FormDefinitionReader(url: directory.appendingPathComponent("form.json", isDirectory: false))
        let definition = formReader.read()
        diagnostics += formReader.diagnostics
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "form.json" && $0 != ExportSystemsReader.fileName
                     && $0 != ValueExamplesReader.fileName }
            .sorted()
        var files: [CatalogFile] = []
        for name in names {
            let (file, found) = CatalogFile.read(directory.appendingPathComponent(name, isDirectory: false))
            diagnostics += found
            if let file { files.append(file) }
        }
        var usable: [CatalogFile] = []
        for file in files {
            if let definition, file.version != definition.version {
                diagnostics.append(Diagnostic(.error, .catalogHeader,
                                              arguments: ["key": "version", "expected": .text(definition.version),
                                                          "found": .text(file.version)],
                                              file: file.url.path, path: "/version",
                                              location: file.headerLines["version"].map { SourceLocation(line: $0) }))
                continue
            }
            if file.isOverlay, !files.contains(where: { !$0.isOverlay && $0.locale == file.language }) {
                diagnostics.append(Diagnostic(.error, .catalogOrphanOverlay,
                                              arguments: ["locale": .text(file.locale), "language": .text(file.language)],
                                              file: file.url.path, path: "/locale",
                                              location: file.headerLines["locale"].map { SourceLocation(line: $0) }))
                continue
            }
            usable.append(file)
        }
        guard let definition, usable.contains(where: { $0.locale == referenceLanguage }) else {
            if definition != nil, !diagnostics.contains(where: { $0.severity == .error }) {
                diagnostics.append(Diagnostic(.error, .inputUnreadable,
                                              arguments: ["file": .text(directory.appendingPathComponent("en.json").path)],
                                              file: directory.appendingPathComponent("en.json").path))
            }
            return (nil, diagnostics)
        }
        var exportsReader = ExportSystemsReader(url: directory.appendingPathComponent(ExportSystemsReader.fileName, isDirectory: false))
        let exportSystems = exportsReader.read()
        diagnostics += exportsReader.diagnostics
        var examplesReader = ValueExamplesReader(url: directory.appendingPathComponent(ValueExamplesReader.fileName, isDirectory: false))
        let valueExamples = examplesReader.read()
        diagnostics += examplesReader.diagnostics
        return (CatalogSet(directory: directory, definition: definition, files: usable, exportSystems: exportSystems,
                           valueExamples: valueExamples),
                diagnostics)
    }

    /// The environment variable naming the catalogs folder.
    public static let environmentVariable = "WWC_INTAKE_LOCALES"

    /// Finds the `locales/` folder (one holding `form.json`) in `DataLocator`'s order: the
    /// explicit path, `$WWC_INTAKE_LOCALES`, `../share/wwc-intake/locales` beside the
    /// executable, a folder above the executable, a folder above the current one.
    package static func locate(explicit: String?, locator: DataLocator = .process) -> DataLocation? {
        locator.locate(explicit: explicit, variable: environmentVariable, shipped: "locales", marker: "form.json")
    }

    /// The folder `locate` finds, or nil when there is none.
    public static func locateDirectory(explicit: String?) -> URL? {
        locate(explicit: explicit)?.url
    }

    /// The languages with a base catalog, sorted: `["en", "es", "fr", "pt"]`.
    public var languages: [String] {
        files.filter { !$0.isOverlay }.map(\.locale).sorted()
    }

    /// The regional overlays, sorted: `["es-CO", "es-MX", "fr-CA", "pt-PT"]`.
    public var overlays: [String] {
        files.filter(\.isOverlay).map(\.locale).sorted()
    }

    func file(for locale: String) -> CatalogFile? {
        files.first { $0.locale == locale }
    }

    /// The catalog for a locale tag: `es-CO` → the `es` base with the `es-CO` overlay if there
    /// is one; `es` → the base; `es_419`, `ES-mx` are understood; an unknown language → nil.
    package func catalog(for locale: String) -> LocaleCatalog? {
        built.withLock { built in
            if let known = built.resolved[locale] { return known }
            let (language, region) = Self.split(locale)
            var found: LocaleCatalog?
            if let region { found = merged(language + "-" + region, &built) }
            if found == nil { found = merged(language, &built) }
            if let found, files.contains(where: { $0.locale == locale }) { built.resolved[locale] = found }
            return found
        }
    }

    /// The base catalog of `locale`, or the overlay of that locale merged onto its base
    /// (which is merged once and kept, for the language's other overlays); nil for a locale
    /// without a catalog, or an overlay without a base.
    private func merged(_ locale: String, _ built: inout Built) -> LocaleCatalog? {
        if let known = built.merged[locale] { return known }
        guard let file = files.first(where: { $0.locale == locale }) else { return nil }
        let catalog: LocaleCatalog
        if file.isOverlay {
            guard let base = Self.base(of: file, in: files), let baseCatalog = merged(base.locale, &built) else { return nil }
            var entries = baseCatalog.entries
            for entry in file.entries { entries[entry.key] = entry.value }
            catalog = LocaleCatalog(locale: file.locale, language: base.locale, entries: entries)
        } else {
            catalog = Self.merge(base: file, overlay: nil)
        }
        built.merged[locale] = catalog
        return catalog
    }

    /// The locales merged so far, sorted (for tests: which catalogs a run needed).
    var mergedLocales: [String] {
        built.withLock { $0.merged.keys.sorted() }
    }

    /// The base catalog an overlay extends.
    private static func base(of overlay: CatalogFile, in files: [CatalogFile]) -> CatalogFile? {
        files.first { !$0.isOverlay && $0.locale == overlay.language }
    }

    /// Language (lowercased) and region (uppercased, 2 letters or 3 digits) of a BCP 47 tag.
    static func split(_ tag: String) -> (language: String, region: String?) {
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first else { return ("", nil) }
        let region = parts.dropFirst().first { part in
            (part.count == 2 && part.allSatisfy(\.isLetter)) || (part.count == 3 && part.allSatisfy(\.isNumber))
        }
        return (first.lowercased(), region?.uppercased())
    }

    /// The diagnostic's message in a language (`es`, `es-MX`), formatted by ICU with the
    /// diagnostic's arguments. `field` and `value` are filled from the diagnostic when the
    /// arguments lack them, and `label` from the field's official label in that language.
    /// Falls back to the reference language, then to the bare code: never fails.
    public func render(_ diagnostic: Diagnostic, language: String) -> String {
        render(key: diagnostic.code.rawValue, arguments: arguments(of: diagnostic, language: language),
               language: language)
    }

    /// A SARIF rule's descriptions: `rule.<code>` (short) and `rule.<code>.description`
    /// (full). A code without them (a catalog older than the code) is described by its code,
    /// never by an empty text. Shared by `intake validate` and the API's SARIF answers.
    package func ruleText(_ code: DiagnosticCode, language: String) -> SARIFLog.RuleText {
        let short = ruleMessage("rule.\(code.rawValue)", language: language) ?? code.rawValue
        let full = ruleMessage("rule.\(code.rawValue).description", language: language) ?? short
        return SARIFLog.RuleText(short: short, full: full)
    }

    private func ruleMessage(_ key: String, language: String) -> String? {
        for locale in [language, Self.referenceLanguage] {
            if let pattern = catalog(for: locale)?.message(key), !pattern.isEmpty {
                return render(key: key, arguments: [:], language: locale)
            }
        }
        return nil
    }

    /// A UI message (`summary.validate`) in a language, with the same fallbacks as `render`.
    public func render(key: String, arguments: [String: MessageArgument], language: String) -> String {
        var candidates: [LocaleCatalog] = []
        if let catalog = catalog(for: language) { candidates.append(catalog) }
        if let reference = catalog(for: Self.referenceLanguage) { candidates.append(reference) }
        for catalog in candidates {
            guard let pattern = catalog.message(key) else { continue }
            do {
                let complete = try Self.completing(arguments, for: pattern)
                return try MessageFormatter.format(pattern, locale: catalog.locale, arguments: complete)
            } catch {
                continue
            }
        }
        let listed = arguments.keys.sorted().map { "\($0)=\(arguments[$0]!)" }.joined(separator: ", ")
        return listed.isEmpty ? key : "\(key) (\(listed))"
    }

    /// Gives every argument the pattern uses a value, so that a caller that omitted an
    /// optional one gets "…" (or 0 for a plural) instead of a raw `{name}` in the message.
    static func completing(
        _ arguments: [String: MessageArgument], for pattern: String
    ) throws(ValueError) -> [String: MessageArgument] {
        let info = try MessageFormatter.inspect(pattern)
        var complete = arguments
        for name in info.argumentNames where complete[name] == nil {
            complete[name] = info.pluralKeywords[name] == nil ? .text("…") : .number(0)
        }
        return complete
    }

    func arguments(of diagnostic: Diagnostic, language: String) -> [String: MessageArgument] {
        var arguments = diagnostic.arguments
        if arguments["field"] == nil, let field = diagnostic.field { arguments["field"] = .text(field) }
        if arguments["value"] == nil, let value = diagnostic.value { arguments["value"] = .text(value) }
        if arguments["label"] == nil, let field = diagnostic.field ?? arguments["field"]?.description {
            let generic = Self.genericFieldID(field)
            arguments["label"] = .text(catalog(for: language)?.labels(for: generic).first ?? field)
        }
        // `encoding.invalid` says UTF-16 or NUL where that is the problem, else the plain message.
        if diagnostic.code == .encodingInvalid, arguments["problem"] == nil { arguments["problem"] = "other" }
        // `input.unreadable` gives the system's reason when the caller had one.
        if diagnostic.code == .inputUnreadable, arguments["reason"] == nil { arguments["reason"] = "none" }
        // "Did you mean" (`field.unknown`, `field.required`): without a hint, the plain message;
        // the arguments only its `typo` branch shows are then empty, never "…".
        if arguments["hint"] == nil, diagnostic.code == .fieldUnknown || diagnostic.code == .fieldRequired {
            arguments["hint"] = "none"
            if arguments["key"] == nil { arguments["key"] = "" }
            if arguments["suggestion"] == nil { arguments["suggestion"] = "" }
        }
        return arguments
    }

    /// `criteria.DM1.status` → `criteria.*.status`; `outcomes[2].value` → `outcomes[].value`.
    static func genericFieldID(_ field: String) -> String {
        // Most fields are neither: leave them as they are without splitting.
        guard field.hasPrefix("criteria.") || field.hasPrefix("outcomes[") else { return field }
        if let generic = genericFieldIDOfASCII(field) { return generic }
        var parts = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "criteria" { parts[1] = "*" }
        if let first = parts.first, first.hasPrefix("outcomes["), first.hasSuffix("]") { parts[0] = "outcomes[]" }
        return parts.joined(separator: ".")
    }

    /// `genericFieldID` by bytes for an all-ASCII id (where bytes are characters); nil for
    /// any other id, which takes the general path.
    static func genericFieldIDOfASCII(_ field: String) -> String? {
        var field = field
        return field.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let dot = UInt8(ascii: ".")
            let dots = bytes.indices.filter { bytes[$0] == dot }
            let firstEnd = dots.first ?? bytes.count
            let first = UnsafeBufferPointer(rebasing: bytes[0..<firstEnd])
            if dots.count == 2, first.elementsEqual("criteria".utf8) {
                return "criteria.*." + String(decoding: UnsafeBufferPointer(rebasing: bytes[(dots[1] + 1)...]), as: UTF8.self)
            }
            if first.starts(with: "outcomes[".utf8), first.last == UInt8(ascii: "]") {
                return "outcomes[]" + String(decoding: UnsafeBufferPointer(rebasing: bytes[firstEnd...]), as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
