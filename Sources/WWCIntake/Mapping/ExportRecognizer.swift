import Foundation

/// What an exporting system's metadata gave.
struct ExportFindings: Sendable {
    /// `source.export`.
    var export: CanonicalApplication.Export
    /// The system's other metadata, taken out of the form tree: kept in `unmapped` without a
    /// warning.
    var metadata: [FormNode] = []
    /// Input values taken into `source.export` (the XML root's `id` is its key, not a value).
    var takenLeaves = 0
}

/// Recognizes a submission exported from a form system (`locales/exports.json`) by its
/// metadata, and takes that metadata out of the form tree before the locale is detected and
/// keys are mapped: `start`, `end`, `_status` are not form fields, must not count as English
/// labels, and must not draw `field.unknown` warnings on every form a city sends.
///
/// A form that is no such export is left exactly as it was: its own field called `start` or
/// `meta` (the Portuguese and Spanish label of an outcome's target) maps as before. Names are
/// matched from the root only, so an outcome item's `meta` stays the target even in an export.
struct ExportRecognizer: Sendable {
    let systems: [ExportSystem]
    /// Per system, each name that recognizes it with its first segment (`meta` of
    /// `meta/instanceID`), split once here rather than for every form.
    private let recognizers: [[(name: String, first: String)]]
    /// Every first segment as the reader interns it (`@version` as `version`): a form that
    /// has none of them among its keys and names is no export.
    private let firstKeys: [String]
    /// Per system, the names that hold some of its metadata below them (`meta` of
    /// `meta/deprecatedID`).
    private let metadataAncestors: [Set<String>]
    /// Each name path a system gives (`meta/instanceID`), split once here, not on each form.
    private let segments: [String: [Substring]]

    init(systems: [ExportSystem]) {
        self.systems = systems
        self.recognizers = systems.map { system in
            system.recognizedBy.map { ($0, String($0.prefix { $0 != "/" })) }
        }
        self.firstKeys = Array(Set(recognizers.joined().map { $0.first.hasPrefix("@") ? String($0.first.dropFirst()) : $0.first }))
        self.metadataAncestors = systems.map { Set($0.metadata.flatMap(Self.ancestors(of:))) }
        var segments: [String: [Substring]] = [:]
        for system in systems {
            for path in system.recognizedBy + system.values.values.joined() {
                segments[path] = path.split(separator: "/", omittingEmptySubsequences: false)
            }
        }
        self.segments = segments
    }

    /// Takes the recognized system's metadata out of `document` and returns it; nil (and the
    /// document untouched) when no system recognizes it.
    func recognize(_ document: inout FormDocument) -> ExportFindings? {
        guard !systems.isEmpty, document.root.isSection else { return nil }
        // Most forms are no export: these end after a few look-ups in their key table.
        guard firstKeys.contains(where: { document.tree.id(of: $0) != nil }) else { return nil }
        let format = document.format
        let root = document.root
        let tree = document.tree
        // Each node's written name is made once: the look-ups below ask for the root's
        // members' names again for every name path tried (~50 times per export).
        var writtenNames: [Int32: String] = [:]
        /// The name a system would write for a node: a JSON member's key (after `GroupPaths`),
        /// an XML element's local name as written (no `[n]`, no namespace prefix), `@name` for
        /// an attribute. XML keys cannot serve: they come from `id`/`label` attributes and read
        /// `_` as a space (`__version__`).
        func writtenName(of node: FormNode) -> String {
            guard format == .xml else { return node.key }
            if let known = writtenNames[node.index] { return known }
            let name = tree.writtenName(node.index)
            writtenNames[node.index] = name
            return name
        }
        let rootMembers = root.attributesAndChildren
        /// The node at a name path (`meta/instanceID`, `@version`) from the root, if present.
        func node(atPath path: String) -> FormNode? {
            var node = root
            for segment in segments[path] ?? path.split(separator: "/", omittingEmptySubsequences: false) {
                let members = node == root ? rootMembers : node.attributesAndChildren
                guard let next = members.first(where: { writtenName(of: $0).utf8.elementsEqual(segment.utf8) }) else { return nil }
                node = next
            }
            return node
        }
        // The names at the root, once: most forms are no export, and this is all they cost.
        let rootNames = Set(rootMembers.map { writtenName(of: $0) })
        guard let index = recognizers.firstIndex(where: { names in
            names.contains { rootNames.contains($0.first) && node(atPath: $0.name) != nil }
        }) else { return nil }
        let system = systems[index]

        var findings = ExportFindings(export: CanonicalApplication.Export(system: system.system))
        // The name each member is taken from: the first one present with a usable value.
        var chosen: Set<String> = []
        for member in ExportSystem.Member.allCases {
            for name in system.values[member] ?? [] {
                if name == "@id", format == .xml, let id = document.rootID, !id.isEmpty {
                    findings.export[member] = id
                    break
                }
                if let node = node(atPath: name), let value = Self.usable(node, for: member) {
                    findings.export[member] = value
                    chosen.insert(name)
                    break
                }
            }
        }
        let below = metadataAncestors[index].union(chosen.flatMap(Self.ancestors(of:)))
        var taken = 0
        var metadata: [FormNode] = []
        /// Takes the metadata below `node` out of the tree; false when nothing is left of it.
        func extract(_ node: FormNode, prefix: String, covered: Bool) -> (kept: Bool, changed: Bool) {
            var kept: [Int32] = []
            var attributes: [Int32] = []
            var changed = false
            for (child, isAttribute) in node.attributes.map({ ($0, true) }) + node.children.map({ ($0, false) }) {
                let name = prefix + writtenName(of: child)
                let isMetadata = covered || system.metadata.contains(name)
                var keep = true
                if chosen.contains(name) {
                    taken += child.leafCount
                    keep = false
                } else if below.contains(name), child.isSection {
                    let inner = extract(child, prefix: name + "/", covered: isMetadata)
                    keep = inner.kept
                    changed = changed || inner.changed
                } else if isMetadata {
                    metadata.append(child)
                    keep = false
                }
                guard keep else {
                    changed = true
                    continue
                }
                if isAttribute { attributes.append(child.index) } else { kept.append(child.index) }
            }
            guard changed else { return (true, false) }
            // A group whose every member was metadata (`meta`, `formhub`) is gone with them.
            if kept.isEmpty && attributes.isEmpty { return (false, true) }
            tree.setChildren(node.index, kept, attributes: attributes)
            return (true, true)
        }
        if !extract(root, prefix: "", covered: false).kept {
            tree.setChildren(root.index, [], attributes: [])
        }
        findings.metadata = metadata
        findings.takenLeaves = taken
        return findings
    }


    /// `a/b/c` → `a`, `a/b`: the names whose nodes hold something named below them.
    private static func ancestors(of name: String) -> [String] {
        // ASCII (every system's names): a `/` byte is a `/` character.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.utf8.indices.filter { name.utf8[$0] == UInt8(ascii: "/") }.map { String(name[..<$0]) }
        }
        var result: [String] = []
        var index = name.startIndex
        while let slash = name[index...].firstIndex(of: "/") {
            result.append(String(name[..<slash]))
            index = name.index(after: slash)
        }
        return result
    }

    /// The value as the system wrote it (trimmed), when it fits the member: a non-empty text;
    /// for a timestamp, an ISO 8601 date or date-time. A value that does not fit is no
    /// metadata: it stays in the form, where the mapper maps or reports it.
    static func usable(_ node: FormNode, for member: ExportSystem.Member) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null, node.attributes.isEmpty else { return nil }
        let text = trimmed(scalar.text)
        guard !text.isEmpty else { return nil }
        return !member.isTimestamp || isTimestamp(text) ? text : nil
    }

    /// `text` trimmed as `trimmingCharacters(in: .whitespacesAndNewlines)` trims it (Unicode
    /// white space, and U+200B ZERO WIDTH SPACE, which Foundation's set also holds), without
    /// Foundation's cost per call.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{200B}" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Whether text is an ISO 8601 date-time as form systems write their timestamps
    /// (`2024-03-14T09:12:33.000-03:00`, `2024-03-15T21:40:05`) or a bare date: a real
    /// calendar date, then nothing or `T` and the time. The value is kept as written, not
    /// converted, so this only tells a system timestamp from a form's own answer under the
    /// same name; the time of day is not checked further.
    static func isTimestamp(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= 10, ValueParser.plainISODate(String(text.prefix(10))) != nil else { return false }
        let rest = utf8.dropFirst(10)
        return rest.isEmpty || (rest.first == UInt8(ascii: "T") && rest.count > 1)
    }
}
