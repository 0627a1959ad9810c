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
            var found: [String] = []
            walk(directory: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &found)
            files.append(contentsOf: found.sorted())
        }
        return (files, diagnostics)
    }

    /// Adds the form files below `directory` (recursively) to `found`. Only real folders are
    /// entered and only regular files taken: a symbolic link is neither (as with
    /// `URLResourceValues.isRegularFile`, which the walk used before). With `readdir` and
    /// `lstat` directly: Foundation's enumerator and resource values bridged every name
    /// through `NSURL`, ~200,000 instructions a file, 5 % of a batch conversion.
    static func walk(directory: String, into found: inout [String]) {
        guard let handle = opendir(directory.isEmpty ? "/" : directory) else { return }
        defer { closedir(handle) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(handle) {
            // The name in place: the kernel's record ends after the name's NUL, so copying
            // `d_name` (a 256-byte tuple) out of `pointee` read past it (AddressSanitizer).
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let child = directory + "/" + name
            var kind = entry.pointee.d_type
            if kind == UInt8(DT_UNKNOWN) {
                // Some file systems do not say: ask for the entry itself, not what it links to.
                var status = stat()
                guard lstat(child, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: kind = UInt8(DT_DIR)
                case S_IFREG: kind = UInt8(DT_REG)
                default: continue
                }
            }
            if kind == UInt8(DT_DIR) {
                walk(directory: child, into: &found)
            } else if kind == UInt8(DT_REG), isFormName(name) {
                found.append(child)
            }
        }
    }

    /// `.xml` or `.json` in any case, and not an expected record (`*.expected.json`).
    static func isFormName(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return false }
        let pathExtension = name[name.utf8.index(after: dot)...].lowercased()
        return formExtensions.contains(pathExtension) && !name.hasSuffix(expectedRecordSuffix)
    }

    /// `NAME.json` for an input; when two inputs of one batch share a name, the format is
    /// kept in it (`bogota.xml.json`, `bogota.json.json`) so neither overwrites the other.
    public static func outputNames(for files: [String]) -> [String] {
        let parts = files.map(nameAndStem)
        var counts: [String: Int] = [:]
        for (_, stem) in parts { counts[stem, default: 0] += 1 }
        return parts.map { name, stem in counts[stem] == 1 ? stem + ".json" : name + ".json" }
    }

    /// The file name and the name without its extension. Form files (`.xml`, `.json`) by
    /// string operations: going through `URL` cost ~30,000 instructions a file. Other names
    /// keep `URL`'s rules.
    static func nameAndStem(of path: String) -> (name: String, stem: String) {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[path.utf8.index(after: $0)...]) } ?? path
        if !name.isEmpty, isFormName(name) || name.lowercased().hasSuffix(expectedRecordSuffix),
           let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex {
            return (name, String(name[..<dot]))
        }
        let url = URL(fileURLWithPath: path)
        return (url.lastPathComponent, url.deletingPathExtension().lastPathComponent)
    }
}
