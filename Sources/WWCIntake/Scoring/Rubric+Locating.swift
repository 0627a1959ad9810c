import Foundation

extension Rubric {
    /// Loads the rubric to score with: `explicit` (`--rubric FILE`) if given, else the file
    /// named by `$WWC_INTAKE_RUBRIC`, else the first `rubrics/wwc-2022.json` found walking up
    /// from the executable's folder, then from the current folder.
    ///
    /// Why walk up: the rubric ships beside the package as a data file that staff edit, not as
    /// a compiled resource, so a build in `.build/debug/` and a checkout both find it.
    public static func loadDefault(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableURL: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> (rubric: Rubric?, diagnostics: [Diagnostic]) {
        guard let url = locate(explicit: explicit, environment: environment, executableURL: executableURL,
                               currentDirectory: currentDirectory)
        else {
            let wanted = defaultFolderName + "/" + defaultFileName
            return (nil, [Diagnostic(.error, .rubricNotFound, arguments: ["file": .text(wanted)])])
        }
        return load(contentsOf: url)
    }

    /// The file `loadDefault` would read, or `nil` when no default rubric is found.
    /// An explicit or environment path is returned as given, found or not, so that a typo in
    /// it is reported as unreadable instead of silently falling back to the default.
    public static func locate(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableURL: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> URL? {
        if let explicit, !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, relativeTo: currentDirectory).standardizedFileURL
        }
        if let named = environment[environmentVariable], !named.isEmpty {
            return URL(fileURLWithPath: named, relativeTo: currentDirectory).standardizedFileURL
        }
        let starts = [executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(), currentDirectory]
        for start in starts.compactMap({ $0 }) {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent(defaultFolderName)
                    .appendingPathComponent(defaultFileName)
                if FileManager.default.isReadableFile(atPath: candidate.path) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
