import ArgumentParser
import WWCIntake

extension ValueKind: ExpressibleByArgument {}

/// `intake value`: one raw value through the value rules of one locale, so translators and
/// validators can try what a form field would accept.
struct ValueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "value",
        abstract: "Normalize one value with a locale's rules and print it as JSON.",
        discussion: """
            Prints the canonical value as JSON on stdout: strings quoted ("2024-03-15", "MX", \
            exact decimals such as "1234567.5"), integers and years bare (7181469), money as \
            {"amount":"1234.56","currency":"BRL"}. Warnings go to stderr as \
            `warning: … [code]` (exit 0); a rejected value prints `error: … [code]` on stderr \
            and exits 1. Put -- before a value that starts with "-".

            Examples:
              intake value --locale es-CO --type integer '7.181.469'
              intake value --locale fr-FR --type percent '73,4 %'
              intake value --locale pt-BR --type money 'R$ 1.234,56'
              intake value --locale es-MX --type money '$1,250.50'
              intake value --locale en-US --type date 'March 15, 2024'
              intake value --locale fr-CA --type country 'États-Unis'
              intake value --type locale es_mx
              intake value --locale en-US --type number -- -1,234.5
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The form's regional locale (BCP 47), e.g. es-MX, fr-CA, pt-BR (not needed for --type locale).",
            discussion: "Number, date and currency conventions come from the region: es-MX writes 1,234.5 and reads $ as MXN; es-CO writes 1.234,5 and reads $ as COP.",
            valueName: "locale"))
    var locale: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The value type.",
            discussion: "text is one line, narrative keeps paragraphs; number is an exact decimal; percent gives a fraction (73,4 % → 0.734); money gives amount and ISO 4217 currency; date gives YYYY-MM-DD; year is 1800–2200; country gives ISO alpha-2; email and url convert domains with IDNA; phone keeps + and digits; locale canonicalizes a BCP 47 tag (es_mx → es-MX).",
            valueName: "type"))
    var type: ValueKind

    @Option(
        name: .customLong("country-synonym"),
        help: ArgumentHelp(
            "An extra country name as NAME=CODE (repeatable), e.g. 'EE. UU.=US'.",
            discussion: "Used with --type country; normally these come from the locale catalogs.",
            valueName: "name=code"))
    var countrySynonyms: [String] = []

    @Argument(help: ArgumentHelp("The raw value, exactly as it appears in a form.", valueName: "value"))
    var value: String

    func validate() throws {
        if type != .locale && locale == nil {
            throw usageError(.optionRequired, ["option": "--locale", "context": .text("--type \(type.rawValue)")])
        }
        for entry in countrySynonyms where !entry.contains("=") {
            throw usageError(.optionInvalid, ["option": "--country-synonym", "rule": "synonym", "value": .text(entry)])
        }
    }

    @OptionGroup var language: LanguageOption
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let catalogs = try catalogOptions.load()
        let describe: (ValueError, Severity) -> String = { finding, severity in
            let diagnostic = finding.diagnostic(severity)
            return "\(catalogs.render(diagnostic, language: language.code)) [\(finding.code)]"
        }
        do throws(ValueError) {
            if type == .locale {
                print(JSONValue.string(try ValueParser.locale(value)).serialized())
                return
            }
            // Country spellings from every catalog, as the converter uses them, plus any given here.
            var synonyms: [String: String] = [:]
            for tag in catalogs.languages + catalogs.overlays {
                synonyms.merge(catalogs.catalog(for: tag)?.countrySynonyms ?? [:]) { first, _ in first }
            }
            for entry in countrySynonyms {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                synonyms[parts[0]] = parts.count == 2 ? parts[1] : ""
            }
            let parser = try ValueParser(locale: locale ?? "", countrySynonyms: synonyms, examples: catalogs.valueExamples)
            let parsed = try parser.json(type, value)
            // A locale with its region (es-CO) is trusted for the day/month order, as a form's
            // declared region is; `--locale es` leaves the region a guess and keeps the warning.
            let regionGiven = parser.locale.contains("-")
            for warning in parsed.warnings where !(regionGiven && warning.code == .dateAmbiguous) {
                Terminal.standardError.write("warning: \(describe(warning, .warning))\n")
            }
            print(parsed.value.serialized())
        } catch {
            Terminal.standardError.write("error: \(describe(error, .error))\n")
            throw ExitCode.failure
        }
    }
}
