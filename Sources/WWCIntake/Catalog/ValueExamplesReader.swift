import Foundation

/// Reads `locales/examples.json`, reporting every shape problem with its line (as
/// `ExportSystemsReader` does for `exports.json`). A missing file means messages carry no
/// example for e-mail, web and phone values.
struct ValueExamplesReader {
    static let formatID = "wwc-intake-examples/1"
    static let fileName = "examples.json"

    let url: URL
    var diagnostics: [Diagnostic] = []

    init(url: URL) {
        self.url = url
    }

    private mutating func invalid(_ key: String, _ expected: MessageArgument, _ node: FormNode?) {
        diagnostics.append(Diagnostic(.error, .catalogInvalid, arguments: ["key": .text(key), "expected": expected],
                                      file: url.path, path: node?.path, location: node?.location))
    }

    mutating func read() -> ValueExamples {
        guard FileManager.default.fileExists(atPath: url.path) else { return ValueExamples() }
        guard let root = DataFileReading.root(of: url, diagnostics: &diagnostics) else { return ValueExamples() }
        func member(_ node: FormNode, _ key: String) -> FormNode? { node.children.first { $0.key == key } }
        guard case .section = root.content else {
            invalid("/", "object", root)
            return ValueExamples()
        }
        let format = member(root, "examples")?.scalar?.text ?? ""
        guard format == Self.formatID else {
            diagnostics.append(Diagnostic(.error, .catalogHeader,
                                          arguments: ["key": "examples", "expected": .text(Self.formatID), "found": .text(format)],
                                          file: url.path, path: "/examples",
                                          location: member(root, "examples")?.location ?? root.location))
            return ValueExamples()
        }
        guard let list = member(root, "values"), case .section = list.content else {
            invalid("values", "object", member(root, "values") ?? root)
            return ValueExamples()
        }
        var examples = ValueExamples()
        let kinds = ValueExamples.Kind.allCases.map(\.rawValue).joined(separator: " | ")
        for entry in list.children {
            var values: [ValueExamples.Kind: String] = [:]
            for example in entry.children {
                guard let kind = ValueExamples.Kind(rawValue: example.key), let scalar = example.scalar,
                      scalar.kind == .string, !scalar.text.isEmpty
                else {
                    invalid(example.key, .text(kinds), example)
                    continue
                }
                values[kind] = scalar.text
            }
            examples.values[entry.key] = values
        }
        return examples
    }
}
