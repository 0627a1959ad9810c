import ArgumentParser
import WWCIntake

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Not built yet."
    )

    func run() throws {
        throw CleanExit.message("intake convert: not built yet")
    }
}
