import Foundation
import Testing
import WWCIntake

/// Where the program finds its catalogs and rubric: flag, environment, `../share/wwc-intake/`
/// beside the executable, a folder above the executable, a folder above the current one.
@Suite struct DataLocatorTests {
    /// A scratch tree: `prefix/bin/intake`, an installed copy under `prefix/share/wwc-intake/`,
    /// a checkout-style copy in `prefix/`, another in `cwd/`, and an empty `elsewhere/`.
    struct Tree {
        let root: URL
        var prefix: URL { root.appendingPathComponent("prefix") }
        var executable: URL { prefix.appendingPathComponent("bin/intake") }
        var installed: URL { prefix.appendingPathComponent("share/wwc-intake") }
        var cwd: URL { root.appendingPathComponent("cwd") }
        var elsewhere: URL { root.appendingPathComponent("elsewhere") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-locator-\(UUID().uuidString)")
            for folder in [prefix.appendingPathComponent("bin"), elsewhere.appendingPathComponent("bin"),
                           cwd.appendingPathComponent("deeper")] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try Data().write(to: executable)
            for base in [installed, prefix, cwd] {
                try put(base.appendingPathComponent("locales/form.json"))
                try put(base.appendingPathComponent("rubrics/wwc-2022.json"))
            }
        }

        func put(_ file: URL) throws {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: file)
        }

        func locator(executable: URL?, cwd: URL? = nil, environment: [String: String] = [:]) -> DataLocator {
            DataLocator(environment: environment, executableURL: executable, currentDirectory: cwd ?? elsewhere)
        }
    }

    func catalogs(_ locator: DataLocator, explicit: String? = nil) -> (path: String, source: DataLocation.Source)? {
        CatalogSet.locate(explicit: explicit, locator: locator).map { ($0.url.standardizedFileURL.path, $0.source) }
    }

    @Test func theFlagThenTheEnvironmentWinOverEveryShippedCopy() throws {
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let locator = tree.locator(executable: tree.executable, cwd: tree.cwd,
                                   environment: ["WWC_INTAKE_LOCALES": "/env/locales", "WWC_INTAKE_RUBRIC": "/env/r.json"])
        #expect(catalogs(locator, explicit: "/flag/locales")! == ("/flag/locales", .flag))
        #expect(catalogs(locator)! == ("/env/locales", .environment))
        let rubric = Rubric.locateDefault(explicit: nil, locator: locator)
        #expect(rubric == DataLocation(url: URL(fileURLWithPath: "/env/r.json"), source: .environment))
        // A relative flag is relative to the current folder, and is kept even when missing.
        #expect(catalogs(locator, explicit: "nope")! == (tree.cwd.appendingPathComponent("nope").path, .flag))
    }

    @Test func anInstalledProgramUsesTheDataInstalledBesideIt() throws {
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let locator = tree.locator(executable: tree.executable, cwd: tree.cwd)
        #expect(catalogs(locator)! == (tree.installed.appendingPathComponent("locales").path, .installed))
        #expect(Rubric.locateDefault(explicit: nil, locator: locator)
                == DataLocation(url: tree.installed.appendingPathComponent("rubrics/wwc-2022.json"), source: .installed))

        // Through a symlink elsewhere (e.g. /usr/local/bin/intake → /opt/…/bin/intake).
        let link = tree.elsewhere.appendingPathComponent("bin/intake")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: tree.executable)
        #expect(catalogs(tree.locator(executable: link))! == (tree.installed.appendingPathComponent("locales").path, .installed))
    }

    @Test func withoutAnInstalledCopyTheCheckoutThenTheCurrentFolderIsUsed() throws {
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        // A locales/ folder without form.json is not a catalogs folder.
        try FileManager.default.removeItem(at: tree.installed.appendingPathComponent("locales/form.json"))
        try FileManager.default.removeItem(at: tree.installed.appendingPathComponent("rubrics"))
        let locator = tree.locator(executable: tree.executable, cwd: tree.cwd.appendingPathComponent("deeper"))
        #expect(catalogs(locator)! == (tree.prefix.appendingPathComponent("locales").path, .checkout))
        #expect(Rubric.locateDefault(explicit: nil, locator: locator)
                == DataLocation(url: tree.prefix.appendingPathComponent("rubrics/wwc-2022.json"), source: .checkout))

        let noExecutable = tree.locator(executable: nil, cwd: tree.cwd.appendingPathComponent("deeper"))
        #expect(catalogs(noExecutable)! == (tree.cwd.appendingPathComponent("locales").path, .currentFolder))
        #expect(catalogs(tree.locator(executable: tree.elsewhere.appendingPathComponent("bin/intake"))) == nil)
    }

    /// The libxml2 the process runs with is the one the system package declares.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pkg-config")))
    func libxml2VersionIsTheSystemOne() throws {
        let declared = try Self.output("/usr/bin/pkg-config", ["--modversion", "libxml-2.0"])
        #expect(LibraryVersions.libxml2 == declared.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(LibraryVersions.libxml2.split(separator: ".").count == 3)
    }

    static func output(_ tool: String, _ arguments: [String], environment: [String: String]? = nil,
                       in folder: URL? = nil) throws -> String {
        try run(tool, arguments, environment: environment, in: folder).stdout
    }

    static func run(_ tool: String, _ arguments: [String], environment: [String: String]? = nil,
                    in folder: URL? = nil) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// `intake --version` from a build, and from a copy laid out as `make install` lays it out.
@Suite(.enabled(if: IntakeExecutable.url != nil, "the intake executable is not built"))
struct VersionCommandTests {
    @Test func versionNamesTheLibrariesAndWhereTheDataIs() throws {
        let binary = try #require(IntakeExecutable.url)
        let text = try DataLocatorTests.output(binary.path, ["--version"], environment: ["PATH": "/usr/bin:/bin"],
                                               in: URL(fileURLWithPath: "/"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("intake ") == true)
        #expect(lines.dropFirst().first == "ICU \(LibraryVersions.icu), libxml2 \(LibraryVersions.libxml2)")
        #expect(lines.dropFirst(2).first == "catalogs: \(TestCatalogs.locales.path) (checkout)")
        #expect(lines.last == "rubric: \(TestCatalogs.repository.appendingPathComponent("rubrics/wwc-2022.json").path) (checkout)")

        let wrong = try DataLocatorTests.output(binary.path, ["--version"],
                                                environment: ["WWC_INTAKE_LOCALES": "/no/such/locales"])
        #expect(wrong.contains("catalogs: /no/such/locales (environment, which does not exist)"))
    }

    /// A copy of the program in `prefix/bin` with the data in `prefix/share/wwc-intake`, run
    /// from `/` with an empty environment, converts and scores a sample.
    @Test func anInstalledCopyRunsFromAnywhere() throws {
        let binary = try #require(IntakeExecutable.url)
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-prefix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let share = prefix.appendingPathComponent("share/wwc-intake")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let installed = prefix.appendingPathComponent("bin/intake")
        try FileManager.default.copyItem(at: binary, to: installed)
        for folder in ["locales", "rubrics"] {
            try FileManager.default.copyItem(at: TestCatalogs.repository.appendingPathComponent(folder),
                                            to: share.appendingPathComponent(folder))
        }
        let clean = ["PATH": "/usr/bin:/bin"]
        let root = URL(fileURLWithPath: "/")
        let version = try DataLocatorTests.output(installed.path, ["--version"], environment: clean, in: root)
        #expect(version.contains("catalogs: \(share.appendingPathComponent("locales").path) (installed)"))
        #expect(version.contains("rubric: \(share.appendingPathComponent("rubrics/wwc-2022.json").path) (installed)"))

        // Bogotá's form says "es"; the country (CO) makes it es-CO.
        let sample = TestCatalogs.samples.appendingPathComponent("es/bogota.xml").path
        let record = try DataLocatorTests.run(installed.path, ["convert", sample], environment: clean, in: root)
        #expect(record.status == 0)
        #expect(record.stdout.contains("\"locale\": \"es-CO\""))
        let score = try DataLocatorTests.run(installed.path, ["score", sample, "--format", "json"],
                                             environment: clean, in: root)
        #expect(score.status == 0)
        #expect(score.stdout.contains("\"id\": \"wwc-certification\""))
    }
}
