import Foundation

/// The JSON reading that the project's data files (`form.json`, `exports.json`) share: the
/// file read with the form reader, so every finding has its line, and the reader's codes turned
/// into the catalog codes translators and editors see (`catalog.malformed`,
/// `catalog.duplicate_key`).
enum DataFileReading {
    /// The root of the file; nil (with the findings in `diagnostics`) when it cannot be read.
    static func root(of url: URL, diagnostics: inout [Diagnostic]) -> FormNode? {
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
