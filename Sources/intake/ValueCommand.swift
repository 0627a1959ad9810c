import ArgumentParser
import WWCIntake

struct ValueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "value",
        abstract: "Not built yet."
    )

    func run() throws {
        throw CleanExit.message("intake value: not built yet")
    }
}
