import Foundation

extension Rubric {
    /// Loads the rubric to score with: `explicit` (`--rubric FILE`) if given, else the file
    /// named by `$WWC_INTAKE_RUBRIC`, else `../share/wwc-intake/rubrics/wwc-2022.json` beside
    /// the executable, else the first `rubrics/wwc-2022.json` found walking up from the
    /// executable's folder, then from the current folder.
    ///
    /// Why not a compiled resource: the rubric is a data file that staff edit, so it is
    /// installed beside the program (`make install`) and read from the checkout in a build.
    public static func loadDefault(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableURL: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> (rubric: Rubric?, diagnostics: [Diagnostic]) {
        let locator = DataLocator(environment: environment, executableURL: executableURL,
                                  currentDirectory: currentDirectory)
        let shipped = defaultFolderName + "/" + defaultFileName
        guard let location = locateDefault(explicit: explicit, locator: locator) else {
            // Nothing anywhere: say where it was looked for, and how to name one.
            var searched: [String] = []
            if let executable = executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL {
                searched.append(executable.deletingLastPathComponent().appendingPathComponent(DataLocator.installedFolder)
                    .appendingPathComponent(shipped).path)
                searched.append(executable.path)
            }
            searched.append(currentDirectory.standardizedFileURL.path)
            return (nil, [Diagnostic(.error, .rubricNotFound, arguments: [
                "file": .text(shipped), "source": "default", "searched": .text(searched.joined(separator: ", ")),
            ])])
        }
        guard FileManager.default.fileExists(atPath: location.url.path) else {
            // A path given with --rubric or $WWC_INTAKE_RUBRIC that does not exist: never a
            // fall-back to another rubric, and the message names the setting to correct.
            let source: MessageArgument = location.source == .flag ? "flag" : location.source == .environment ? "environment" : "default"
            return (nil, [Diagnostic(.error, .rubricNotFound, arguments: [
                "file": .text(location.url.relativePath), "source": source,
                "searched": .text(location.url.standardizedFileURL.path),
            ])])
        }
        return load(contentsOf: location.url)
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
        locateDefault(explicit: explicit, locator: DataLocator(environment: environment, executableURL: executableURL,
                                                               currentDirectory: currentDirectory))?.url
    }

    /// Where the rubric is and which rule found it, in `DataLocator`'s order: `--rubric`,
    /// `$WWC_INTAKE_RUBRIC`, `../share/wwc-intake/rubrics/` beside the executable, a
    /// `rubrics/` folder above the executable, then above the current folder.
    package static func locateDefault(explicit: String?, locator: DataLocator = .process) -> DataLocation? {
        guard var location = locator.locate(explicit: explicit, variable: environmentVariable,
                                            shipped: defaultFolderName + "/" + defaultFileName)
        else { return nil }
        location.url = location.url.standardizedFileURL
        return location
    }
}
