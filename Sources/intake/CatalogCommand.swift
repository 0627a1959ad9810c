import ArgumentParser
import WWCIntake

/// `intake catalog …`: translators' tools over `locales/`.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check, measure, export and import the locale catalogs.",
        subcommands: []
    )
}
