import ArgumentParser
import WWCIntake

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Not built yet."
    )

    func run() throws {
        throw CleanExit.message("intake score: not built yet")
    }
}
