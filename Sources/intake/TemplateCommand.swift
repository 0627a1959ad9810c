import ArgumentParser
import Foundation
import WWCIntake

extension FormTemplate.Format: ExpressibleByArgument {}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a blank form in a language: every field by its label, every criterion by its id with its title.",
        discussion: "Fill it in and convert it with `intake convert`. Example: intake template --locale es-MX --format xml > solicitud.xml"
    )

    @Option(help: "The form's locale, e.g. es-MX, pt-BR, fr-CA, en-US.")
    var locale: String

    @Option(help: "xml or json.")
    var format: FormTemplate.Format = .json

    @OptionGroup var catalogs: CatalogOptions

    func run() throws {
        let set = try catalogs.load()
        guard let template = FormTemplate.make(set, locale: locale, format: format) else {
            throw usageError(.optionInvalid, ["option": "--locale", "rule": "catalogLanguage", "value": .text(locale),
                                              "available": .text(set.languages.joined(separator: ", "))])
        }
        Terminal.standardOutput.write(template)
    }
}
