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
    /// The tree with group-path keys read as sections; the same tree when it has none (the
    /// common case costs one scan of the keys). `isWholeKey` says whether a key containing
    /// `/` names something as it stands (a label, alias or id) and must not be split.
    static func splitting(_ root: FormNode, isWholeKey: (String) -> Bool) -> FormNode {
        guard hasSlashKey(below: root) else { return root }
        return transform(root, groupPath: [], isWholeKey)
    }

    private static func hasSlashKey(below node: FormNode) -> Bool {
        node.children.contains { child in
            child.key.utf8.contains(UInt8(ascii: "/")) || hasSlashKey(below: child)
        }
    }

    /// The segments of a group-path key, or nil when the key is not one.
    static func segments(of key: String, isWholeKey: (String) -> Bool) -> [String]? {
        guard key.utf8.contains(UInt8(ascii: "/")) else { return nil }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 1, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }),
              !isWholeKey(key) else { return nil }
        return parts.map(String.init)
    }

    /// A member while its object is rebuilt: a node, or a group made from group-path keys.
    private enum Entry {
        case node(FormNode)
        case group(key: String, path: String, location: SourceLocation?, entries: [Entry])

        var node: FormNode {
            switch self {
            case .node(let node): node
            case .group(let key, let path, let location, let entries):
                FormNode(key: key, path: path, location: location, content: .section(entries.map(\.node)))
            }
        }
    }

    /// `groupPath`: the segments of the written keys from the root to `node`.
    private static func transform(_ node: FormNode, groupPath: [String], _ isWholeKey: (String) -> Bool) -> FormNode {
        var node = node
        switch node.content {
        case .scalar:
            break
        case .list(let items):
            node.content = .list(items.map { transform($0, groupPath: groupPath, isWholeKey) })
        case .section(let children):
            var entries: [Entry] = []
            for child in children {
                var child = child
                var segments = segments(of: child.key, isWholeKey: isWholeKey) ?? [child.key]
                if !groupPath.isEmpty, segments.count > groupPath.count, segments.starts(with: groupPath) {
                    segments.removeFirst(groupPath.count)  // a repeat's member, written from the root
                }
                child.key = segments[segments.count - 1]
                child = transform(child, groupPath: groupPath + segments, isWholeKey)
                insert(child, under: segments.dropLast(), into: &entries)
            }
            node.content = .section(entries.map(\.node))
        }
        return node
    }

    private static func insert(_ node: FormNode, under groups: ArraySlice<String>, into entries: inout [Entry]) {
        guard let group = groups.first else {
            entries.append(.node(node))
            return
        }
        for index in entries.indices {
            guard case .group(let key, let path, let location, var members) = entries[index],
                  key.utf8.elementsEqual(group.utf8) else { continue }
            insert(node, under: groups.dropFirst(), into: &members)
            entries[index] = .group(key: key, path: path, location: location, entries: members)
            return
        }
        var members: [Entry] = []
        insert(node, under: groups.dropFirst(), into: &members)
        entries.append(.group(key: group, path: node.path, location: node.location, entries: members))
    }
}
