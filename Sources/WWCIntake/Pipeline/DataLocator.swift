import Foundation

/// Where a data file or folder that ships with the program (the locale catalogs, the rubric)
/// was found, and by which rule, so `intake --version` can say so.
package struct DataLocation: Sendable, Equatable {
    /// The rule that found it, in the order they are tried.
    package enum Source: String, Sendable, Equatable {
        /// A command-line flag (`--catalogs`, `--rubric`).
        case flag
        /// An environment variable (`WWC_INTAKE_LOCALES`, `WWC_INTAKE_RUBRIC`).
        case environment
        /// `../share/wwc-intake/` beside the executable: `make install` and the .deb.
        case installed
        /// A folder above the executable: a checkout's `.build/<config>/intake`.
        case checkout
        /// A folder above the current directory.
        case currentFolder = "current folder"
    }

    package var url: URL
    package var source: Source

    package init(url: URL, source: Source) {
        self.url = url
        self.source = source
    }
}

/// Finds the data the program ships with: the explicit flag, else the environment variable,
/// else `../share/wwc-intake/` beside the executable (symlinks resolved), else the first match
/// walking up from the executable's folder (a checkout), else walking up from the current folder.
///
/// Why this order: a flag or variable is what the person just asked for; an installed program
/// must use the data installed with it, whatever folder it is run from; a build inside a
/// checkout uses the checkout's data; the current folder is the last resort.
package struct DataLocator: Sendable {
    /// The folder under the installation prefix that holds `locales/` and `rubrics/`.
    static let installedFolder = "share/wwc-intake"

    /// The value of an environment variable.
    private let variable: @Sendable (String) -> String?
    package var executableURL: URL?
    var currentDirectory: URL

    package init(environment: [String: String], executableURL: URL?, currentDirectory: URL) {
        self.init(variable: { environment[$0] }, executableURL: executableURL, currentDirectory: currentDirectory)
    }

    private init(variable: @escaping @Sendable (String) -> String?, executableURL: URL?, currentDirectory: URL) {
        self.variable = variable
        self.executableURL = executableURL
        self.currentDirectory = currentDirectory
    }

    /// This process: its environment, its executable and its current folder. Only the variable
    /// asked for is read (`getenv`), and the executable is the kernel's `/proc/self/exe`:
    /// Foundation's whole environment dictionary and main bundle were a million instructions of
    /// every start-up.
    package static var process: DataLocator {
        DataLocator(variable: { name in getenv(name).map { String(cString: $0) } },
                    executableURL: executablePath().map { URL(fileURLWithPath: $0) }
                        ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0) },
                    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The running executable's path, symlinks resolved by the kernel (Linux).
    private static func executablePath() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { out in
            out.withMemoryRebound(to: CChar.self) { readlink("/proc/self/exe", $0.baseAddress!, $0.count) }
        }
        guard count > 0, count < buffer.count else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Finds `shipped` (a path such as `locales` or `rubrics/wwc-2022.json`). A folder counts
    /// only when it holds `marker`; a file only when it is readable. An explicit or environment
    /// path is returned as given, found or not, so a typo in it is reported by the loader
    /// instead of silently falling back to another copy.
    package func locate(explicit: String?, variable: String, shipped: String, marker: String? = nil) -> DataLocation? {
        if let explicit, !explicit.isEmpty {
            return DataLocation(url: resolved(explicit), source: .flag)
        }
        if let named = self.variable(variable), !named.isEmpty {
            return DataLocation(url: resolved(named), source: .environment)
        }
        let executableFolder = executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
        if let executableFolder {
            let installed = executableFolder.deletingLastPathComponent()
                .appendingPathComponent(Self.installedFolder).appendingPathComponent(shipped)
            if holds(installed, marker: marker) { return DataLocation(url: installed, source: .installed) }
            if let found = walkUp(from: executableFolder, shipped: shipped, marker: marker) {
                return DataLocation(url: found, source: .checkout)
            }
        }
        if let found = walkUp(from: currentDirectory.standardizedFileURL, shipped: shipped, marker: marker) {
            return DataLocation(url: found, source: .currentFolder)
        }
        return nil
    }

    /// A relative path is relative to `currentDirectory`; kept relative (not standardized) so
    /// diagnostics name files the way the person wrote them.
    private func resolved(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: currentDirectory)
    }

    private func holds(_ candidate: URL, marker: String?) -> Bool {
        if let marker {
            return FileManager.default.isReadableFile(atPath: candidate.appendingPathComponent(marker).path)
        }
        return FileManager.default.isReadableFile(atPath: candidate.path)
    }

    private func walkUp(from start: URL, shipped: String, marker: String?) -> URL? {
        var folder = start
        while true {
            let candidate = folder.appendingPathComponent(shipped)
            if holds(candidate, marker: marker) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
