import Foundation

/// The translators' checks behind `intake catalog check`.
///
/// Errors mean certain breakage (a form or message will come out wrong); warnings mean
/// possible problems a translator should look at. Every finding carries the file, the line
/// of the entry, a JSON Pointer and the entry key (argument `key`). Plural categories come
/// from ICU's CLDR rules for each catalog's locale, never from a table here.
package struct CatalogChecker: Sendable {
    package let set: CatalogSet

    package init(_ set: CatalogSet) {
        self.set = set
    }

    /// Loads the folder with the one loader and checks what it loaded. The load's own
    /// findings (malformed JSON, wrong shapes) come first.
    package static func check(directory: URL) -> CatalogCheckReport {
        let (set, loadFindings) = CatalogSet.load(directory: directory)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
        guard let set else {
            return CatalogCheckReport(diagnostics: sorted(loadFindings), fileCount: names.count, catalogs: nil)
        }
        return CatalogCheckReport(diagnostics: sorted(loadFindings + CatalogChecker(set).findings()),
                                  fileCount: names.count, catalogs: set)
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if (x.file ?? "") != (y.file ?? "") { return (x.file ?? "") < (y.file ?? "") }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// All findings over every loaded file.
    func findings() -> [Diagnostic] {
        guard let reference = set.file(for: CatalogSet.referenceLanguage) else { return [] }
        var out: [Diagnostic] = []
        out += checkAgainstForm(reference)
        for file in set.files {
            out += checkKeys(file, reference: reference)
            out += checkMessages(file, reference: reference)
            out += checkText(file, reference: reference)
            out += checkCollisions(file)
        }
        return out
    }

    // MARK: Helpers

    func finding(
        _ severity: Severity, _ code: DiagnosticCode, _ file: CatalogFile, entry: CatalogEntry?,
        line: Int? = nil, key: String, _ more: [String: MessageArgument] = [:]
    ) -> Diagnostic {
        var arguments = more
        arguments["key"] = .text(key)
        let location = entry.map { SourceLocation(line: $0.line, column: $0.column) }
            ?? line.map { SourceLocation(line: $0) }
        return Diagnostic(severity, code, arguments: arguments, file: file.url.path, path: Self.pointer(key),
                          location: location)
    }

    /// `labels.applicant.city` → `/labels/applicant.city`; `answers.status.met` → `/answers/status/met`.
    static func pointer(_ key: String) -> String {
        func escape(_ part: Substring) -> String {
            part.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
        guard let dot = key.firstIndex(of: ".") else { return "/" + escape(key[...]) }
        let section = key[..<dot]
        let rest = key[key.index(after: dot)...]
        if section == "answers", let inner = rest.firstIndex(of: ".") {
            return "/answers/" + escape(rest[..<inner]) + "/" + escape(rest[rest.index(after: inner)...])
        }
        return "/" + escape(section) + "/" + escape(rest)
    }

    /// Keys every catalog must have: the reference's, without country synonyms (per language).
    func translatableKeys(_ reference: CatalogFile) -> [String] {
        reference.entries.map(\.key).filter { !$0.hasPrefix("countries.") }
    }

    // MARK: Keys

    /// The reference catalog must cover the form: every section and field, criterion, area and answer.
    func checkAgainstForm(_ reference: CatalogFile) -> [Diagnostic] {
        let definition = set.definition
        var expected = definition.labelledIDs.map { "labels." + $0 }
        expected += definition.criteria.map { "criteria." + $0.id }
        expected += definition.areas.map { "areas." + $0 }
        for name in definition.enums.keys.sorted() {
            expected += (definition.enums[name] ?? []).map { "answers.\(name).\($0)" }
        }
        let present = Set(reference.entries.map(\.key))
        var out: [Diagnostic] = []
        for key in expected where !present.contains(key) {
            out.append(finding(.error, .catalogMissingKey, reference, entry: nil, line: sectionLine(reference, key),
                               key: key, ["reference": "form.json"]))
        }
        let expectedSet = Set(expected)
        for entry in reference.entries where ["labels", "criteria", "areas", "answers"].contains(entry.section) {
            if !expectedSet.contains(entry.key) {
                out.append(finding(.warning, .catalogObsoleteKey, reference, entry: entry, key: entry.key,
                                   ["reference": "form.json"]))
            }
        }
        return out
    }

    func sectionLine(_ file: CatalogFile, _ key: String) -> Int {
        file.headerLines[String(key.prefix { $0 != "." })] ?? 1
    }

    /// Missing keys (base catalogs only: an overlay is partial by design) and obsolete keys.
    func checkKeys(_ file: CatalogFile, reference: CatalogFile) -> [Diagnostic] {
        guard file.locale != reference.locale else { return [] }
        let referenceKeys = translatableKeys(reference)
        let present = Set(file.entries.map(\.key))
        var out: [Diagnostic] = []
        if !file.isOverlay {
            for key in referenceKeys where !present.contains(key) {
                out.append(finding(.error, .catalogMissingKey, file, entry: nil, line: sectionLine(file, key),
                                   key: key, ["reference": .text(reference.fileName)]))
            }
        }
        let known = Set(referenceKeys)
        for entry in file.entries where entry.section != "countries" && !known.contains(entry.key) {
            out.append(finding(.warning, .catalogObsoleteKey, file, entry: entry, key: entry.key,
                               ["reference": .text(reference.fileName)]))
        }
        return out
    }

    // MARK: Messages

    func checkMessages(_ file: CatalogFile, reference: CatalogFile) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let required = PluralRules.categories(locale: file.locale)
        for entry in file.entries where entry.section == "messages" {
            guard case .text(let pattern) = entry.value else { continue }
            let info: MessagePatternInfo
            do {
                info = try MessageFormatter.inspect(pattern)
            } catch {
                out.append(finding(.error, .catalogMessageSyntax, file, entry: entry, key: entry.key))
                continue
            }
            if file.locale != reference.locale, case .text(let source)? = reference.entry(entry.key)?.value,
               let sourceInfo = try? MessageFormatter.inspect(source),
               sourceInfo.argumentNames != info.argumentNames {
                out.append(finding(.error, .catalogPlaceholderMismatch, file, entry: entry, key: entry.key, [
                    "expected": .text(Self.list(sourceInfo.argumentNames)),
                    "found": .text(Self.list(info.argumentNames)),
                ]))
            }
            for argument in info.pluralKeywords.keys.sorted() {
                let keywords = Set(info.pluralKeywords[argument] ?? [])
                let missing = required.filter { !keywords.contains($0) }
                if !missing.isEmpty {
                    out.append(finding(.error, .catalogPluralMissing, file, entry: entry, key: entry.key, [
                        "argument": .text(argument), "categories": .text(missing.joined(separator: ", ")),
                        "locale": .text(file.locale),
                    ]))
                }
            }
            if let text = MessagePatternText(pattern) {
                var reported: Set<String> = []
                for choice in text.pluralChoices {
                    for (index, variant) in choice.variants.enumerated() {
                        // `many` may read like `other`: in es, pt and fr CLDR's `many` covers
                        // exact millions, which differ from `other` only when the number is
                        // written (« 1 000 000 d’erreurs »), not in a sentence without `#`.
                        guard let twin = choice.variants[(index + 1)...].first(where: {
                                  $0.text == variant.text && Set([variant.keyword, $0.keyword]) != ["many", "other"]
                              }),
                              reported.insert(choice.argument + variant.keyword + twin.keyword).inserted else { continue }
                        out.append(finding(.warning, .catalogPluralIdentical, file, entry: entry, key: entry.key, [
                            "argument": .text(choice.argument), "first": .text(variant.keyword),
                            "second": .text(twin.keyword),
                        ]))
                    }
                }
            }
        }
        return out
    }

    static func list(_ names: Set<String>) -> String {
        names.isEmpty ? "—" : names.sorted().map { "{\($0)}" }.joined(separator: " ")
    }

    // MARK: Text

    /// Untranslated text, stray white space, empty strings, French punctuation spacing.
    func checkText(_ file: CatalogFile, reference: CatalogFile) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let intended = Set(file.identical)
        let french = file.language == "fr"
        for entry in file.entries {
            let strings = entry.section == "countries" ? [entry.name] + entry.value.strings : entry.value.strings
            if strings.contains(where: { $0.isEmpty }) {
                out.append(finding(.error, .catalogInvalid, file, entry: entry, key: entry.key, ["expected": "text"]))
                continue
            }
            if strings.contains(where: { $0.first!.isWhitespace || $0.last!.isWhitespace }) {
                out.append(finding(.warning, .catalogWhitespace, file, entry: entry, key: entry.key))
            }
            if file.locale != reference.locale, entry.section != "countries", !intended.contains(entry.key),
               let source = reference.entry(entry.key)?.value.strings.first,
               entry.value.strings.first == source {
                out.append(finding(.warning, .catalogUntranslated, file, entry: entry, key: entry.key,
                                   ["reference": .text(reference.fileName)]))
            }
            if french {
                let texts = entry.section == "messages"
                    ? strings.map { MessagePatternText($0)?.literalText ?? $0 } : strings
                if let character = texts.lazy.compactMap(Self.frenchSpacingProblem).first {
                    out.append(finding(.warning, .catalogFrenchSpacing, file, entry: entry, key: entry.key,
                                       ["character": .text(String(character))]))
                }
            }
        }
        return out
    }

    /// The first `:`, `;`, `!` or `?` used as punctuation (followed by a space or the end)
    /// without a no-break space (U+00A0 or U+202F) before it. `xml:lang` and URLs are not
    /// punctuation and are left alone.
    static func frenchSpacingProblem(_ text: String) -> Character? {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where ":;!?".contains(character) {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            guard next == nil || next!.isWhitespace || "»”)".contains(next!) else { continue }
            let previous = index > 0 ? characters[index - 1] : nil
            if previous != "\u{00A0}" && previous != "\u{202F}" { return character }
        }
        return nil
    }

    // MARK: Collisions

    /// One spelling (after the matching key) meaning two things within one locale and
    /// scope: two fields or sections of one section, two criteria, two answers of one
    /// enumeration, two countries. An overlay is checked merged with its base, and only
    /// collisions involving one of its own entries are reported against it.
    func checkCollisions(_ file: CatalogFile) -> [Diagnostic] {
        var merged: [String: CatalogEntry] = [:]
        var order: [String] = []
        if file.isOverlay, let base = set.file(for: file.language) {
            for entry in base.entries {
                merged[entry.key] = entry
                order.append(entry.key)
            }
        }
        let own = Set(file.entries.map(\.key))
        for entry in file.entries {
            if merged[entry.key] == nil { order.append(entry.key) }
            merged[entry.key] = entry
        }
        struct Claim {
            var meaning: String
            var key: String
        }
        var claims: [String: Claim] = [:]  // scope + "\u{0}" + match key → first claim
        var out: [Diagnostic] = []
        var reported: Set<String> = []
        for key in order {
            guard let entry = merged[key], let (scope, meaning) = collisionScope(entry) else { continue }
            let spellings = entry.section == "countries" ? [entry.name] : entry.value.strings
            for spelling in spellings {
                let match = MatchKey.make(spelling)
                guard !match.isEmpty else { continue }
                let slot = scope + "\u{0}" + match
                guard let first = claims[slot] else {
                    claims[slot] = Claim(meaning: meaning, key: key)
                    continue
                }
                guard first.meaning != meaning, own.contains(key) || own.contains(first.key),
                      reported.insert(slot + "\u{0}" + meaning).inserted else { continue }
                // Report against this file's own entry, naming the other meaning.
                let (reportedKey, otherKey) = own.contains(key) ? (key, first.key) : (first.key, key)
                out.append(finding(.error, .catalogCollision, file, entry: merged[reportedKey], key: reportedKey,
                                   ["value": .text(spelling), "other": .text(otherKey)]))
            }
        }
        return out
    }

    /// The scope in which an entry's spellings must be unique, and what the entry means there.
    func collisionScope(_ entry: CatalogEntry) -> (scope: String, meaning: String)? {
        let definition = set.definition
        switch entry.section {
        case "labels":
            let id = entry.name
            if let field = definition.field(id) { return ("labels:" + field.scope, id) }
            if let section = definition.section(id) { return ("labels:" + (section.parent ?? ""), id) }
            return nil
        case "criteria":
            return ("criteria", entry.name)
        case "answers":
            let name = entry.name
            guard let dot = name.firstIndex(of: ".") else { return nil }
            return ("answers:" + name[..<dot], String(name[name.index(after: dot)...]))
        case "countries":
            return ("countries", entry.value.strings.first ?? "")
        default:
            return nil
        }
    }
}

/// The outcome of `intake catalog check`: findings sorted by file and line.
package struct CatalogCheckReport: Sendable {
    package let diagnostics: [Diagnostic]
    /// JSON files in the folder (form definition included).
    package let fileCount: Int
    /// The checked catalogs, when they could be loaded (used to render messages).
    package let catalogs: CatalogSet?

    package var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    package var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    package var passed: Bool { errorCount == 0 }
}
