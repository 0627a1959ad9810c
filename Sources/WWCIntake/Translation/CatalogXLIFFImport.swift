import Foundation

/// The result of merging a translated XLIFF file into the catalogs. The library writes
/// nothing: `contents` is the new catalog file for the caller to write (atomically) at `url`.
package struct CatalogImportResult: Sendable {
    package let locale: String
    package let url: URL
    /// The catalog file in canonical form, to be written; nil when there is nothing to write
    /// (a new locale whose units have no target) or when the import was refused (an unusable
    /// XLIFF, or a merged catalog that `catalog check` would reject: then nothing is written).
    package let contents: String?
    /// Whether the import was refused; the catalogs must then stay exactly as they are.
    package let refused: Bool
    /// Unknown unit ids and untranslated units (warnings), placeholder and syntax errors
    /// (errors; those units are not imported), located in the XLIFF file.
    package let diagnostics: [Diagnostic]
    /// Entries whose value changed.
    package let updated: Int
    /// Units without a target.
    package let untranslated: Int
}

extension CatalogXLIFF {
    /// Merges an XLIFF 2.x file into the catalog of its `trgLang`. Units without a target keep
    /// the catalog's current value; a message whose arguments differ from English or whose
    /// syntax is broken is refused. For an overlay, a target equal to the base is stored only
    /// if the overlay already had that entry, so overlays stay minimal.
    package static func importing(_ data: Data, file: String, into set: CatalogSet) -> CatalogImportResult {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Severity, _ code: DiagnosticCode, _ arguments: [String: MessageArgument], line: Int?) {
            diagnostics.append(Diagnostic(severity, code, arguments: arguments, file: file,
                                          location: line.map { SourceLocation(line: $0) }))
        }
        func failed(_ expected: String, line: Int? = nil, locale: String = "") -> CatalogImportResult {
            report(.error, .catalogXLIFFInvalid, ["expected": .text(expected)], line: line)
            return CatalogImportResult(locale: locale, url: set.directory, contents: nil, refused: true,
                                       diagnostics: diagnostics, updated: 0, untranslated: 0)
        }
        guard let document = XMLDocumentHandle(Array(data)) else { return failed("well-formed XML") }
        guard !document.hasDTD else { return failed("no DTD") }
        guard let root = document.root, root.name == "xliff", root.namespace == namespace,
              let version = root.attribute("version"), version.hasPrefix("2.") else {
            return failed("an XLIFF 2.x document", line: document.root?.line)
        }
        guard root.attribute("srcLang") == CatalogSet.referenceLanguage else {
            return failed("srcLang=\"en\"", line: root.line)
        }
        let (language, region) = CatalogSet.split(root.attribute("trgLang") ?? "")
        let locale = region.map { language + "-" + $0 } ?? language
        guard !language.isEmpty, language != CatalogSet.referenceLanguage,
              let reference = set.file(for: CatalogSet.referenceLanguage) else {
            return failed("a trgLang other than en", line: root.line)
        }
        let base = set.files.first { !$0.isOverlay && $0.locale == language }
        if region != nil, base == nil { return failed("a base catalog \(language).json", line: root.line, locale: locale) }
        let url = set.directory.appendingPathComponent(locale + ".json")
        var target = set.file(for: locale) ?? CatalogFile(url: url, locale: locale, version: set.definition.version,
                                                           identical: [], entries: [], sections: [])
        let referenceOrder = Dictionary(reference.entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        var known: [String: String] = [unitID(countriesUnit): countriesUnit]
        for key in reference.entries.map(\.key) + target.entries.map(\.key) { known[unitID(key)] = key }

        var updated = 0
        var untranslated = 0
        var unitLines: [String: Int] = [:]
        for unit in root.descendants("unit") {
            // The id is the unit's identity; `name` is a courtesy copy of the key that tools may
            // rewrite, so it is never used to find or report the entry.
            let id = unit.attribute("id") ?? ""
            guard let key = known[id] else {
                report(.warning, .catalogUnknownID, ["key": .text(id)], line: unit.line)
                continue
            }
            unitLines[key] = unit.line
            let segments = unit.descendants("segment")
            guard let targetElement = segments.first?.child("target"), !targetElement.text.isEmpty else {
                // Counted, and said once in the summary: a fresh export has hundreds of these.
                untranslated += 1
                continue
            }
            let text = segments.compactMap { $0.child("target")?.text }.joined()
            if key == countriesUnit {
                var pairs: [(String, String)] = []
                var valid = true
                for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                    let parts = line.components(separatedBy: " = ")
                    guard parts.count == 2, CatalogFileParser.isCountryCode(parts[1]), !parts[0].isEmpty else {
                        report(.error, .catalogXLIFFInvalid, ["expected": "SPELLING = CODE"], line: targetElement.line)
                        valid = false
                        break
                    }
                    pairs.append((parts[0], parts[1]))
                }
                if valid { updated += mergeCountries(pairs, into: &target, base: base) }
                continue
            }
            let section = String(key.prefix { $0 != "." })
            let value: CatalogEntry.Value
            if section == "labels" || section == "answers" {
                value = .list(text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
            } else {
                value = .text(text)
            }
            if section == "messages" {
                guard let info = try? MessageFormatter.inspect(text) else {
                    report(.error, .catalogMessageSyntax, ["key": .text(key)], line: targetElement.line)
                    continue
                }
                if case .text(let source)? = reference.entry(key)?.value, let sourceInfo = try? MessageFormatter.inspect(source),
                   sourceInfo.argumentNames != info.argumentNames {
                    report(.error, .catalogPlaceholderMismatch, [
                        "key": .text(key), "expected": .text(CatalogChecker.list(sourceInfo.argumentNames)),
                        "found": .text(CatalogChecker.list(info.argumentNames)),
                    ], line: targetElement.line)
                    continue
                }
            }
            let existing = target.entries.firstIndex { $0.key == key }
            if target.isOverlay, existing == nil, base?.entry(key)?.value == value { continue }
            if let existing {
                if target.entries[existing].value != value {
                    target.entries[existing].value = value
                    updated += 1
                }
            } else {
                insert(CatalogEntry(key: key, value: value, line: 0), into: &target, order: referenceOrder)
                updated += 1
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            return CatalogImportResult(locale: locale, url: url, contents: nil, refused: true, diagnostics: diagnostics,
                                       updated: updated, untranslated: untranslated)
        }
        // A new locale with nothing translated yet: no header-only file.
        if set.file(for: locale) == nil, target.entries.isEmpty {
            return CatalogImportResult(locale: locale, url: url, contents: nil, refused: false, diagnostics: diagnostics,
                                       updated: 0, untranslated: untranslated)
        }
        let contents = CatalogWriter.serialize(target)
        // Every `catalog check` rule on the merged result, before anything is written: an error
        // the catalogs did not have before refuses the whole import.
        let introduced = introducedErrors(contents, url: url, locale: locale, into: set)
        for finding in introduced {
            var relocated = finding
            relocated.file = file
            let key = finding.arguments["key"]?.description
            let line = key.flatMap { unitLines[$0] }
            relocated.line = line
            relocated.column = nil
            diagnostics.append(relocated)
        }
        let refused = !introduced.isEmpty
        return CatalogImportResult(locale: locale, url: url, contents: refused ? nil : contents, refused: refused,
                                   diagnostics: diagnostics, updated: updated, untranslated: untranslated)
    }

    /// The `catalog check` errors of the catalogs with `contents` as the locale's file that
    /// the catalogs as they are do not have.
    static func introducedErrors(_ contents: String, url: URL, locale: String, into set: CatalogSet) -> [Diagnostic] {
        let (parsed, parseFindings) = CatalogFile.parse(Data(contents.utf8), url: url)
        guard let parsed else { return parseFindings.filter { $0.severity == .error } }
        func signature(_ diagnostic: Diagnostic) -> String {
            let arguments = diagnostic.arguments.keys.sorted().map { "\($0)=\(diagnostic.arguments[$0]!)" }
            return ([diagnostic.code.rawValue, URL(fileURLWithPath: diagnostic.file ?? "").lastPathComponent] + arguments)
                .joined(separator: "\u{0}")
        }
        let before = Set(CatalogChecker(set).findings().filter { $0.severity == .error }.map(signature))
        let files = set.files.filter { $0.locale != locale } + [parsed]
        let merged = CatalogSet(directory: set.directory, definition: set.definition, files: files)
        return (parseFindings + CatalogChecker(merged).findings())
            .filter { $0.severity == .error && !before.contains(signature($0)) }
    }

    /// Puts a new entry where the reference has it: before the first entry of its section that
    /// comes later in the reference, else after the section's last entry.
    static func insert(_ entry: CatalogEntry, into file: inout CatalogFile, order: [String: Int]) {
        let rank = order[entry.key] ?? Int.max
        if let later = file.entries.firstIndex(where: { $0.section == entry.section && (order[$0.key] ?? Int.max) > rank }) {
            file.entries.insert(entry, at: later)
        } else if let last = file.entries.lastIndex(where: { $0.section == entry.section }) {
            file.entries.insert(entry, at: last + 1)
        } else {
            file.entries.append(entry)
        }
    }

    /// Replaces the file's country synonyms with the translated lines; an overlay keeps only
    /// the lines its base does not already say (and those it already had).
    static func mergeCountries(_ pairs: [(String, String)], into file: inout CatalogFile, base: CatalogFile?) -> Int {
        let old = file.entries.filter { $0.section == "countries" }
        let oldNames = Set(old.map(\.name))
        var kept: [CatalogEntry] = []
        for (spelling, code) in pairs {
            if file.isOverlay, !oldNames.contains(spelling), base?.entry("countries." + spelling)?.value == .text(code) {
                continue
            }
            let line = old.first { $0.name == spelling }?.line ?? 0
            kept.append(CatalogEntry(key: "countries." + spelling, value: .text(code), line: line))
        }
        let changed = zip(old, kept).filter { $0.0.key != $0.1.key || $0.0.value != $0.1.value }.count
            + abs(old.count - kept.count)
        guard changed > 0 else { return 0 }
        let position = file.entries.firstIndex { $0.section == "countries" } ?? file.entries.count
        file.entries.removeAll { $0.section == "countries" }
        file.entries.insert(contentsOf: kept, at: min(position, file.entries.count))
        if !file.sections.contains("countries") { file.sections.append("countries") }
        return changed
    }
}
