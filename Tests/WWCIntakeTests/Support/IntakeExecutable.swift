import Foundation

/// Where `swift build` / `swift test` put the `intake` product: beside the test bundle.
enum IntakeExecutable {
    static let url: URL? = {
        // On Linux the test runner is `.build/<triple>/debug/<package>PackageTests.xctest`; on
        // macOS a bundle inside that folder.
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let bundle = Bundle.main.bundleURL
        for candidate in [runner, bundle, bundle.deletingLastPathComponent(), runner.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("intake")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()
}

extension IntakeExecutable {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `intake` in the repository root and captures both streams.
    static func run(_ arguments: [String]) throws -> Run {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = TestCatalogs.repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
