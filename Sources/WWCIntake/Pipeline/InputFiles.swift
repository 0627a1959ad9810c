import Foundation

/// Expands the command line's inputs into the list of form files to read.
///
/// Folders are searched recursively for `.xml` and `.json` files, in a stable (sorted) order so
/// that batch output is deterministic. Files named `*.expected.json` hold expected canonical
/// records beside the samples and are not forms, so folder walks skip them (naming one
/// explicitly still reads it).
///
/// Nothing is skipped without a word: symbolic links are followed (a link back to a folder
/// being walked is a loop, reported as `input.link_loop` and not entered), a folder that cannot
/// be opened and a link to a form that leads nowhere are `input.unreadable`. The output folder
/// of the run (`excluding`) is never walked, so records are not read back as forms.
package enum InputFiles {
    static let formExtensions: Set<String> = ["xml", "json"]
    static let expectedRecordSuffix = ".expected.json"

    /// Whether a diagnostic of `collect` is a path given on the command line that does not
    /// exist: a usage error (exit 2), not a rejected input.
    package static func isMissingPath(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.code == .inputUnreadable && diagnostic.arguments["missing"] == "yes"
    }

    /// One form file to read.
    package struct Input: Sendable, Hashable {
        /// The path to open, as the command line spelled it plus the names below a folder.
        package var path: String
        /// The path relative to the argument that named it: the file's name for a file
        /// argument, the path below the folder for a folder argument. Records under `--out-dir`
        /// mirror it.
        var relativePath: String
    }

    /// The inputs found, and what could not be read or followed (errors and warnings).
    package struct Collection: Sendable {
        package var inputs: [Input]
        package var diagnostics: [Diagnostic]
        package var files: [String] { inputs.map(\.path) }
    }

    package static func collect(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        let collection = gather(paths)
        return (collection.files, collection.diagnostics)
    }

    /// The inputs named by `paths`; folders are walked, except `excluding` (the output folder)
    /// wherever it appears below them.
    package static func gather(_ paths: [String], excluding: String? = nil) -> Collection {
        var inputs: [Input] = []
        var diagnostics: [Diagnostic] = []
        let excluded = excluding.flatMap(FolderID.init(path:))
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                let missing = errno == ENOENT
                var problem = unreadable(path, reason: String(cString: strerror(errno)))
                if missing { problem.arguments["missing"] = "yes" }
                diagnostics.append(problem)
                continue
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                inputs.append(Input(path: path, relativePath: nameAndStem(of: path).name))
                continue
            }
            let folder = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            var walk = Walk(root: folder, excluded: excluded)
            walk.visit(directory: folder, relative: "", id: FolderID(status))
            inputs.append(contentsOf: walk.found.sorted { $0.path < $1.path })
            diagnostics += walk.diagnostics
        }
        return Collection(inputs: inputs, diagnostics: diagnostics)
    }

    static func unreadable(_ path: String, reason: String) -> Diagnostic {
        var diagnostic = Diagnostic.error(.inputUnreadable, arguments: ["file": .text(path), "reason": .text(reason)])
        diagnostic.file = path
        return diagnostic
    }

    /// A folder by device and inode: how a loop (a link to a folder being walked) and the
    /// output folder are recognized, whatever path leads to them.
    package struct FolderID: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }

        /// The folder (or file) at `path`, following links; nil when there is none.
        package init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            self.init(status)
        }
    }

    /// One folder argument's walk: the forms found and the problems met.
    struct Walk {
        let root: String
        let excluded: FolderID?
        var found: [Input] = []
        var diagnostics: [Diagnostic] = []
        /// The folders from the argument down to the one being read.
        private var ancestors: [FolderID] = []

        init(root: String, excluded: FolderID?) {
            self.root = root
            self.excluded = excluded
        }

        /// Adds the form files below `directory` (recursively). With `readdir` and `lstat`
        /// directly: Foundation's enumerator and resource values bridged every name through
        /// `NSURL`, ~200,000 instructions a file, 5 % of a batch conversion.
        mutating func visit(directory: String, relative: String, id: FolderID) {
            if id == excluded { return }
            guard let handle = opendir(directory.isEmpty ? "/" : directory) else {
                diagnostics.append(unreadable(directory, reason: String(cString: strerror(errno))))
                return
            }
            defer { closedir(handle) }
            ancestors.append(id)
            defer { ancestors.removeLast() }
            let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            while let entry = readdir(handle) {
                // The name in place: the kernel's record ends after the name's NUL, so copying
                // `d_name` (a 256-byte tuple) out of `pointee` read past it (AddressSanitizer).
                let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
                if name == "." || name == ".." { continue }
                let child = directory == "/" ? "/" + name : directory + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var kind = entry.pointee.d_type
                var status = stat()
                if kind == UInt8(DT_UNKNOWN) || kind == UInt8(DT_LNK) || kind == UInt8(DT_DIR) {
                    // Folders need their identity; links are followed to what they lead to.
                    guard stat(child, &status) == 0 else {
                        // A dangling link (or an entry gone since readdir): only a form's name matters.
                        if isFormName(name) { diagnostics.append(unreadable(child, reason: String(cString: strerror(errno)))) }
                        continue
                    }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: kind = UInt8(DT_DIR)
                    case S_IFREG: kind = UInt8(DT_REG)
                    default: continue
                    }
                }
                if kind == UInt8(DT_DIR) {
                    let childID = FolderID(status)
                    if ancestors.contains(childID) {
                        var loop = Diagnostic.warning(.inputLinkLoop, arguments: ["file": .text(child)])
                        loop.file = child
                        diagnostics.append(loop)
                        continue
                    }
                    visit(directory: child, relative: childRelative, id: childID)
                } else if kind == UInt8(DT_REG), isFormName(name) {
                    found.append(Input(path: child, relativePath: childRelative))
                }
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
    static func outputNames(for files: [String]) -> [String] {
        let parts = files.map(nameAndStem)
        var counts: [String: Int] = [:]
        for (_, stem) in parts { counts[stem, default: 0] += 1 }
        return parts.map { name, stem in counts[stem] == 1 ? stem + ".json" : name + ".json" }
    }

    /// Two inputs whose records would get the same path under `--out-dir`.
    package struct Collision: Sendable, Hashable {
        package var first: String
        package var second: String
        package var output: String
    }

    /// The record's path under `--out-dir` for each input: its relative path with `.json` for
    /// the form's extension (`a/form.xml` → `a/form.json`). Two forms of one folder sharing a
    /// stem keep their format (`a/form.xml.json`, `a/form.json.json`). Inputs that would still
    /// share a path (the same relative path under two arguments) are collisions: the caller
    /// writes nothing then. Paths are compared as written (case-sensitive file systems).
    package static func outputPaths(for inputs: [Input]) -> (paths: [String], collisions: [Collision]) {
        let parts = inputs.map { input -> (folder: String, name: String, stem: String) in
            let slash = input.relativePath.utf8.lastIndex(of: UInt8(ascii: "/"))
            let folder = slash.map { String(input.relativePath[...$0]) } ?? ""
            let (name, stem) = nameAndStem(of: input.relativePath)
            return (folder, name, stem)
        }
        var names: [String: Set<String>] = [:]
        for part in parts { names[part.folder + part.stem, default: []].insert(part.name) }
        let paths = parts.map { part in
            part.folder + ((names[part.folder + part.stem]?.count ?? 1) == 1 ? part.stem : part.name) + ".json"
        }
        var firstUse: [String: Int] = [:]
        var collisions: [Collision] = []
        for (index, path) in paths.enumerated() {
            if let first = firstUse[path] {
                collisions.append(Collision(first: inputs[first].path, second: inputs[index].path, output: path))
            } else {
                firstUse[path] = index
            }
        }
        return (paths, collisions)
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
