import Foundation

/// What the readers of the project's data files (`form.json`, `exports.json`, `examples.json`)
/// share: the file read with the form reader, so every finding has its line; the reader's codes
/// turned into the catalog codes translators and editors see (`catalog.malformed`,
/// `catalog.duplicate_key`); the check of the format header; and shape findings
/// (`catalog.invalid`) at the node concerned.
struct DataFileReading {
    let url: URL
    private(set) var diagnostics: [Diagnostic] = []

    init(url: URL) {
        self.url = url
    }

    /// The member `key` of an object node: found along the tree's sibling links, without
    /// making the array of every member for each look-up.
    static func member(_ node: FormNode, _ key: String) -> FormNode? {
        guard node.view == FormNode.View() else { return node.children.first { $0.key == key } }
        let tree = node.tree
        var child = tree.node(node.index).firstChild
        while child >= 0 {
            if tree.key(child) == key { return FormNode(tree: tree, index: child) }
            child = tree.node(child).nextSibling
        }
        return nil
    }

    /// Reports a member that does not have the expected shape.
    mutating func invalid(_ key: String, _ expected: MessageArgument, _ node: FormNode?) {
        diagnostics.append(Diagnostic(.error, .catalogInvalid, arguments: ["key": .text(key), "expected": expected],
                                      file: url.path, path: node?.path, location: node?.location))
    }

    /// The file's root object when it reads and its `header` member is `formatID`; nil, with
    /// the findings in `diagnostics`, otherwise.
    mutating func root(header: String, formatID: String) -> FormNode? {
        guard let root = root() else { return nil }
        guard case .section = root.content else {
            invalid("/", "object", root)
            return nil
        }
        let found = Self.member(root, header)?.scalar?.text ?? ""
        guard found == formatID else {
            diagnostics.append(Diagnostic(.error, .catalogHeader,
                                          arguments: ["key": .text(header), "expected": .text(formatID), "found": .text(found)],
                                          file: url.path, path: "/" + header,
                                          location: Self.member(root, header)?.location ?? root.location))
            return nil
        }
        return root
    }

    /// The root of the file; nil (with the findings in `diagnostics`) when it cannot be read.
    private mutating func root() -> FormNode? {
        let data: Data
        switch InputFile.read(url) {
        case .success(let contents): data = contents
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
        let result = JSONFormReader().read(data)
        for diagnostic in result.diagnostics {
            var mapped = diagnostic
            mapped.file = url.path
            if mapped.code == .jsonMalformed { mapped.code = .catalogMalformed }
            if mapped.code == .fieldDuplicate { mapped.code = .catalogDuplicateKey }
            diagnostics.append(mapped)
        }
        guard let root = result.document?.root, !result.diagnostics.contains(where: { $0.severity == .error }) else {
            return nil
        }
        return root
    }
}

/// A reader of one data file: its findings and shape reports go through `file`.
protocol DataFileReader {
    var file: DataFileReading { get set }
}

extension DataFileReader {
    var diagnostics: [Diagnostic] { file.diagnostics }

    mutating func invalid(_ key: String, _ expected: MessageArgument, _ node: FormNode?) {
        file.invalid(key, expected, node)
    }
}
