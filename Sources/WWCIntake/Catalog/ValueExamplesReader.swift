import Foundation

/// Reads `locales/examples.json`, reporting every shape problem with its line (as
/// `ExportSystemsReader` does for `exports.json`). A missing file means messages carry no
/// example for e-mail, web and phone values.
struct ValueExamplesReader: DataFileReader {
    static let formatID = "wwc-intake-examples/1"
    static let fileName = "examples.json"

    var file: DataFileReading

    init(url: URL) {
        file = DataFileReading(url: url)
    }

    mutating func read() -> ValueExamples {
        guard FileManager.default.fileExists(atPath: file.url.path),
              let root = file.root(header: "examples", formatID: Self.formatID) else { return ValueExamples() }
        let member = DataFileReading.member
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
