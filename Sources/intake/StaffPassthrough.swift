import ArgumentParser

/// `intake staff …` runs in `intake-server` (it shares the review pages' staff file code).
struct StaffPassthrough: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Set the passwords staff sign in with on the review pages (see `intake staff --help`).")

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try ServerProgram.exec(["staff"] + arguments)
    }
}
