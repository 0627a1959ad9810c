import Foundation

/// One catalog file as written: header, entries in file order with their line numbers, and
/// the sections present. Both the loader and `intake catalog check` work from this, so a
/// finding can always point at the file and line a translator must edit.
struct CatalogFile: Sendable, Hashable {
    /// The header value every catalog must carry in `"catalog"`.
    static let formatID = "wwc-intake-catalog/1"

    let url: URL
    /// The locale the header declares (`es`, `es-MX`); it must match the file name.
    let locale: String
    let version: String
    /// Keys whose text is intentionally identical to `en` (e.g. `labels.budget` in French).
    var identical: [String]
    var entries: [CatalogEntry]
    /// The catalog sections present in the file, in file order (kept even when empty).
    var sections: [String]
    /// Line of each header member and of each section, for findings about them.
    let headerLines: [String: Int]

    var fileName: String { url.lastPathComponent }
    /// A regional overlay (`es-MX.json`) extends its base (`es.json`) and overrides entries.
    var isOverlay: Bool { locale.contains("-") }
    var language: String { String(locale.prefix { $0 != "-" }) }

    func entry(_ key: String) -> CatalogEntry? { entries.first { $0.key == key } }

    init(
        url: URL, locale: String, version: String, identical: [String], entries: [CatalogEntry],
        sections: [String], headerLines: [String: Int] = [:]
    ) {
        self.url = url
        self.locale = locale
        self.version = version
        self.identical = identical
        self.entries = entries
        self.sections = sections
        self.headerLines = headerLines
    }

    /// Reads and validates the shape of one catalog file. Returns no file when it cannot be
    /// used at all (malformed JSON, wrong header); shape errors in single entries drop only
    /// those entries. Every diagnostic carries the file, line and JSON Pointer.
    static func read(_ url: URL) -> (file: CatalogFile?, diagnostics: [Diagnostic]) {
        switch InputFile.read(url) {
        case .success(let data): return parse(data, url: url)
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    /// The position-tracking JSON tree, then its shape, with a located diagnostic for
    /// everything wrong.
    static func parse(_ data: Data, url: URL) -> (file: CatalogFile?, diagnostics: [Diagnostic]) {
        var parser = CatalogFileParser(url: url)
        let file = parser.parse(data)
        return (file, parser.diagnostics)
    }
}

/// Turns the position-tracking JSON tree into a `CatalogFile`, collecting located findings.
struct CatalogFileParser {
    let url: URL
    var diagnostics: [Diagnostic] = []

    init(url: URL) {
        self.url = url
    }

    mutating func report(
        _ severity: Severity, _ code: DiagnosticCode, _ arguments: [String: MessageArgument], node: FormNode?
    ) {
        diagnostics.append(Diagnostic(severity, code, arguments: arguments, file: url.path, path: node?.path,
                                      location: node?.location))
    }

    mutating func parse(_ data: Data) -> CatalogFile? {
        let result = JSONFormReader().read(data)
        for diagnostic in result.diagnostics {
            var mapped = diagnostic
            mapped.file = url.path
            switch diagnostic.code {
            case .jsonMalformed: mapped.code = .catalogMalformed
            case .fieldDuplicate: mapped.code = .catalogDuplicateKey
            default: break
            }
            diagnostics.append(mapped)
        }
        guard let root = result.document?.root, !result.diagnostics.contains(where: { $0.severity == .error }) else {
            return nil
        }
        guard case .section(let members) = root.content else {
            report(.error, .catalogInvalid, ["key": "/", "expected": "object"], node: root)
            return nil
        }
        var headerLines: [String: Int] = [:]
        for member in members { headerLines[member.key] = member.location?.line }
        let stem = url.deletingPathExtension().lastPathComponent
        func header(_ key: String) -> FormNode? { members.first { $0.key == key } }
        let format = header("catalog")?.scalar?.text
        guard format == CatalogFile.formatID else {
            report(.error, .catalogHeader,
                   ["key": "catalog", "expected": .text(CatalogFile.formatID), "found": .text(format ?? "")],
                   node: header("catalog") ?? root)
            return nil
        }
        let locale = header("locale")?.scalar?.text ?? ""
        guard locale == stem else {
            report(.error, .catalogHeader, ["key": "locale", "expected": .text(stem), "found": .text(locale)],
                   node: header("locale") ?? root)
            return nil
        }
        guard let version = header("version")?.scalar?.text else {
            report(.error, .catalogHeader, ["key": "version", "expected": "2023", "found": ""], node: root)
            return nil
        }
        var identical: [String] = []
        var entries: [CatalogEntry] = []
        var sections: [String] = []
        for member in members {
            switch member.key {
            case "catalog", "locale", "version":
                continue
            case "identical":
                identical = strings(member, key: "identical") ?? []
            case "labels", "criteria", "areas", "countries", "messages":
                guard case .section(let items) = member.content else {
                    report(.error, .catalogInvalid, ["key": .text(member.key), "expected": "object"], node: member)
                    continue
                }
                sections.append(member.key)
                let prefix = member.key + "."
                let isLabels = member.key == "labels", isCountries = member.key == "countries"
                for item in items {
                    let key = prefix + item.key
                    if isLabels {
                        if let list = strings(item, key: key) { entries.append(entry(key, .list(list), item)) }
                    } else if let text = text(item, key: key) {
                        if isCountries, !Self.isCountryCode(text) {
                            report(.error, .catalogInvalid, ["key": .text(key), "expected": "code"], node: item)
                            continue
                        }
                        entries.append(entry(key, .text(text), item))
                    }
                }
            case "answers":
                guard case .section(let enums) = member.content else {
                    report(.error, .catalogInvalid, ["key": "answers", "expected": "object"], node: member)
                    continue
                }
                sections.append(member.key)
                for enumNode in enums {
                    guard case .section(let values) = enumNode.content else {
                        report(.error, .catalogInvalid, ["key": .text("answers." + enumNode.key), "expected": "object"],
                               node: enumNode)
                        continue
                    }
                    let prefix = "answers." + enumNode.key + "."
                    for valueNode in values {
                        let key = prefix + valueNode.key
                        if let list = strings(valueNode, key: key) { entries.append(entry(key, .list(list), valueNode)) }
                    }
                }
            default:
                report(.warning, .catalogObsoleteKey, ["key": .text(member.key), "reference": .text(CatalogFile.formatID)],
                       node: member)
            }
        }
        return CatalogFile(url: url, locale: locale, version: version, identical: identical, entries: entries,
                           sections: sections, headerLines: headerLines)
    }

    private func entry(_ key: String, _ value: CatalogEntry.Value, _ node: FormNode) -> CatalogEntry {
        CatalogEntry(key: key, value: value, line: node.location?.line ?? 1, column: node.location?.column)
    }

    private mutating func text(_ node: FormNode, key: String) -> String? {
        guard let scalar = node.scalar, scalar.kind == .string else {
            report(.error, .catalogInvalid, ["key": .text(key), "expected": "text"], node: node)
            return nil
        }
        return scalar.text
    }

    /// A non-empty list of strings (labels, answer synonyms), read along the tree's links
    /// rather than through an array of nodes per list (~170 lists at every start-up).
    private mutating func strings(_ node: FormNode, key: String) -> [String]? {
        var strings: [String] = []
        if node.isList {
            let tree = node.tree
            var item = tree.node(node.index).firstChild
            while item >= 0, tree.node(item).kind == .string {
                strings.append(tree.string(item))
                item = tree.node(item).nextSibling
            }
            if item >= 0 { strings = [] }  // an item that is not a string
        }
        guard !strings.isEmpty else {
            report(.error, .catalogInvalid, ["key": .text(key), "expected": "list"], node: node)
            return nil
        }
        return strings
    }

    static func isCountryCode(_ text: String) -> Bool {
        text.count == 2 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}
