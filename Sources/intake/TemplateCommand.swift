import ArgumentParser
import WWCIntake

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Not built yet."
    )

    func run() throws {
        throw CleanExit.message("intake template: not built yet")
    }
}
