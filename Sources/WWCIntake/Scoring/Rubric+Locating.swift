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
        locateDefault(explicit: explicit, locator: DataLocator(environment: environment, executableURL: executableURL,
                                                               currentDirectory: currentDirectory))?.url
    }

    /// Where the rubric is and which rule found it, in `DataLocator`'s order: `--rubric`,
    /// `$WWC_INTAKE_RUBRIC`, `../share/wwc-intake/rubrics/` beside the executable, a
    /// `rubrics/` folder above the executable, then above the current folder.
    public static func locateDefault(explicit: String?, locator: DataLocator = .process) -> DataLocation? {
        guard var location = locator.locate(explicit: explicit, variable: environmentVariable,
                                            shipped: defaultFolderName + "/" + defaultFileName)
        else { return nil }
        location.url = location.url.standardizedFileURL
        return location
    }
}
