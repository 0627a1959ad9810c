import ArgumentParser
import WWCIntake

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Not built yet."
    )

    func run() throws {
        throw CleanExit.message("intake validate: not built yet")
    }
}
