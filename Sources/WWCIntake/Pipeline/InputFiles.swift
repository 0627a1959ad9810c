import Foundation

/// Expands the command line's inputs into the list of form files to read.
///
/// Folders are searched recursively for `.xml` and `.json` files, in a stable (sorted) order so
/// that batch output is deterministic. Files named `*.expected.json` hold expected canonical
/// records beside the samples and are not forms, so folder walks skip them (naming one
/// explicitly still reads it).
public enum InputFiles {
    public static let formExtensions: Set<String> = ["xml", "json"]
    public static let expectedRecordSuffix = ".expected.json"

    public static func collect(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                var missing = Diagnostic.error(.inputUnreadable, arguments: ["file": .text(path), "reason": "not found"])
                missing.file = path
                diagnostics.append(missing)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = URL(fileURLWithPath: path)
            guard let walker = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var found: [String] = []
            for case let url as URL in walker {
                let name = url.lastPathComponent
                guard formExtensions.contains(url.pathExtension.lowercased()), !name.hasSuffix(expectedRecordSuffix),
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                let relative = String(url.path.dropFirst(base.path.count)).drop { $0 == "/" }
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, diagnostics)
    }

    /// `NAME.json` for an input; when two inputs of one batch share a name, the format is
    /// kept in it (`bogota.xml.json`, `bogota.json.json`) so neither overwrites the other.
    public static func outputNames(for files: [String]) -> [String] {
        let stems = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        var counts: [String: Int] = [:]
        for stem in stems { counts[stem, default: 0] += 1 }
        return zip(files, stems).map { file, stem in
            counts[stem] == 1 ? stem + ".json" : URL(fileURLWithPath: file).lastPathComponent + ".json"
        }
    }
}
