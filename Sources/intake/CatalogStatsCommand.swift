import ArgumentParser
import Foundation
import WWCIntake

struct CatalogStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Not built yet.")
    @Argument var directory: String?
    func run() throws {}
}

struct CatalogExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Not built yet.")
    func run() throws {}
}

struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Not built yet.")
    func run() throws {}
}
