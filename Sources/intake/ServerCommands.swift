import ArgumentParser
import Foundation

/// `intake register …` and `intake serve` run in the `intake-server` program beside this one:
/// linking GRDB, PostgresNIO and Hummingbird into `intake` would load them for every plain
/// command too. These stand-ins only hand their arguments over (`execv`, same process id).
struct RegisterPassthrough: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Keep every application, its versions, review state and audit log (see `intake register --help`).")

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try ServerProgram.exec(["register"] + arguments)
    }
}

struct ServePassthrough: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API over the register (see `intake serve --help`).")

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try ServerProgram.exec(["serve"] + arguments)
    }
}

enum ServerProgram {
    static let name = "intake-server"

    /// Replaces this process with `intake-server` from this program's own folder.
    static func exec(_ arguments: [String]) throws {
        let own = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        let path = own.deletingLastPathComponent().appendingPathComponent(name).path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        Terminal.standardError.write("error: cannot run \(path) (\(String(cString: strerror(errno)))); build it with `swift build --product \(name)`\n")
        throw ExitCode(2)
    }
}
