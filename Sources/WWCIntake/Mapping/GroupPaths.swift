/// JSON keys holding group paths, as KoboToolbox and ODK export them
/// (`"solicitante/contato/e_mail": "…"`), read as nested sections (spec, "Exports of form
/// systems"): `solicitante` → `contato` → `e_mail`, each matched like any key.
///
/// - A key is a group path when it has two or more `/`-separated segments, none empty and none
///   holding white space (XLSForm names hold neither), and the whole key is not itself a
///   label, alias or id (`State/Province` is an English label and stays one key).
/// - Members of one object that share a group become one section, placed where the first of
///   them was; a real object of the same name beside them stays its own section (the mapper
///   reads both, and a value given twice is `field.duplicate` as usual).
/// - KoboToolbox writes the members of a repeat group with the repeat's own path in front
///   (`"resultados": [{"resultados/indicador": …}]`): inside an object at group path `P`, a
///   member key that starts with `P/` is read without it.
/// - Every node keeps its path and location as the input wrote them (`/solicitante~1cidade`),
///   so diagnostics and `unmapped` point at the real member; a section made from a group takes
///   the path and location of its first member. Its key is the segment (`cidade`).
enum GroupPaths {
    /// Reads group-path keys as sections, rewiring the form's fresh tree in place; a tree
    /// without a `/` in any key (the common case) is left as it is at the cost of one scan of
    /// its distinct keys. `isWholeKey` says whether a key containing `/` names something as it
    /// stands (a label, alias or id) and must not be split.
    static func split(_ root: FormNode, isWholeKey: (String) -> Bool) {
        let tree = root.tree
        guard tree.keys.contains(where: { $0.utf8.contains(UInt8(ascii: "/")) }) else { return }
        var known: [Int32: [String]] = [:]
        transform(root.index, in: tree, groupPath: [], known: &known, isWholeKey)
    }

    /// The segments of a group-path key, or nil when the key is not one.
    static func segments(of key: String, isWholeKey: (String) -> Bool) -> [String]? {
        guard key.utf8.contains(UInt8(ascii: "/")) else { return nil }
        guard let parts = asciiParts(of: key) ?? generalParts(of: key), parts.count > 1, !isWholeKey(key) else {
            return nil
        }
        return parts
    }

    /// The `/`-separated parts of a key when none is empty or holds white space, else nil.
    static func generalParts(of key: String) -> [String]? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else { return nil }
        return parts.map(String.init)
    }

    /// `generalParts` of an all-ASCII key, by bytes: there every `Character` is one byte (or
    /// CR LF, white space either way), so a `/` byte is a `/` character and white space is
    /// one of six bytes. Splitting KoboToolbox keys by `Character` was dear, and a Kobo-style
    /// JSON form has dozens of them. nil (not answered) for any other key.
    static func asciiParts(of key: String) -> [String]?? {
        var key = key
        return key.withUTF8 { bytes -> [String]?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
            var parts: [String] = []
            var start = 0
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: "/") else {
                    if String.isASCIIWhiteSpace(bytes[index]) { return .some(nil) }
                    continue
                }
                if index == start { return .some(nil) }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return .some(parts)
        }
    }

    /// A member while its object is rewired: a node, or a section made from group-path keys
    /// (placed where its first member is).
    private enum Entry {
        case node(Int32)
        case group(key: String, section: Int32, entries: [Entry])
    }

    /// `groupPath`: the segments of the written keys from the root to `node`.
    /// `known`: the segments of each key id met so far (a repeat group's keys come back in
    /// every instance; deciding a key asks `isWholeKey`, a label look-up).
    private static func transform(_ node: Int32, in tree: FormTree, groupPath: [String],
                                  known: inout [Int32: [String]], _ isWholeKey: (String) -> Bool) {
        switch tree.node(node).kind {
        case .list:
            for item in tree.children(node) { transform(item, in: tree, groupPath: groupPath, known: &known, isWholeKey) }
        case .section:
            var entries: [Entry] = []
            for child in tree.children(node) {
                let key = tree.key(child)
                let keyID = tree.node(child).key
                var segments: [String]
                if let decided = known[keyID] {
                    segments = decided
                } else {
                    segments = Self.segments(of: key, isWholeKey: isWholeKey) ?? [key]
                    known[keyID] = segments
                }
                if !groupPath.isEmpty, segments.count > groupPath.count, segments.starts(with: groupPath) {
                    segments.removeFirst(groupPath.count)  // a repeat's member, written from the root
                }
                let last = segments[segments.count - 1]
                if !last.utf8.elementsEqual(key.utf8) { tree.setKey(child, tree.intern(last)) }
                transform(child, in: tree, groupPath: groupPath + segments, known: &known, isWholeKey)
                insert(child, under: segments.dropLast(), into: &entries, tree: tree)
            }
            tree.setChildren(node, members(entries, tree: tree))
        default:
            break
        }
    }

    /// The entries as nodes, each made section given its members.
    private static func members(_ entries: [Entry], tree: FormTree) -> [Int32] {
        entries.map { entry in
            switch entry {
            case .node(let node):
                return node
            case .group(_, let section, let entries):
                tree.setChildren(section, members(entries, tree: tree))
                return section
            }
        }
    }

    private static func insert(_ node: Int32, under groups: ArraySlice<String>, into entries: inout [Entry], tree: FormTree) {
        guard let group = groups.first else {
            entries.append(.node(node))
            return
        }
        for index in entries.indices {
            guard case .group(let key, let section, var members) = entries[index],
                  key.utf8.elementsEqual(group.utf8) else { continue }
            insert(node, under: groups.dropFirst(), into: &members, tree: tree)
            entries[index] = .group(key: key, section: section, entries: members)
            return
        }
        var members: [Entry] = []
        insert(node, under: groups.dropFirst(), into: &members, tree: tree)
        entries.append(.group(key: group, section: tree.makeSection(key: tree.intern(group), placedAt: node), entries: members))
    }
}
