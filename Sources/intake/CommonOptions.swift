import ArgumentParser
import Foundation
import WWCIntake

/// Where the locale catalogs are, shared by every command that reads forms or messages.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalogs"), help: ArgumentHelp(
        "Folder of locale catalogs (form.json, en.json, es.json, …).",
        discussion: "Default: $WWC_INTAKE_LOCALES, else ../share/wwc-intake/locales beside the program (as installed), else a locales/ folder above the program's or the current folder.",
        valueName: "dir"))
    var directory: String?

    /// Loads the catalogs with the same loader `catalog check` uses; a broken catalog is a
    /// configuration error (exit 2), reported with its file and line.
    func load() throws -> CatalogSet {
        guard let url = CatalogSet.locateDirectory(explicit: directory) else {
            Terminal.standardError.write("error: no locale catalogs found; pass --catalogs DIR or set WWC_INTAKE_LOCALES [catalog.missing]\n")
            throw ExitCode(2)
        }
        let (catalogs, diagnostics) = CatalogSet.load(directory: url)
        guard let catalogs, !diagnostics.contains(where: { $0.severity == .error }) else {
            // Rendered from what did load (or the shipped catalogs): a message, not the bare code.
            let renderer = CatalogCLI.renderer(catalogs)
            for diagnostic in diagnostics {
                Terminal.standardError.write(CatalogCLI.line(diagnostic, renderer, language: "en") + "\n")
            }
            Terminal.standardError.write("error: the catalogs in \(url.path) cannot be used; run `intake catalog check \(url.path)`\n")
            throw ExitCode(2)
        }
        ProcessLifetime.keep(catalogs)
        return catalogs
    }
}

/// Resource limits against hostile or runaway input (safe defaults).
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Largest input file accepted, in bytes.", valueName: "bytes"))
    var maxBytes: Int = ReaderLimits.default.maxInputBytes

    @Option(help: ArgumentHelp("Deepest nesting of sections and lists accepted.", valueName: "levels"))
    var maxDepth: Int = ReaderLimits.default.maxDepth

    @Option(help: ArgumentHelp("Most fields, sections and list items in one input.", valueName: "count"))
    var maxNodes: Int = ReaderLimits.default.maxNodes

    @Option(help: ArgumentHelp("Longest single value accepted, in bytes.", valueName: "bytes"))
    var maxValueBytes: Int = ReaderLimits.default.maxValueBytes

    var limits: ReaderLimits {
        ReaderLimits(maxInputBytes: maxBytes, maxDepth: maxDepth, maxNodes: maxNodes, maxValueBytes: maxValueBytes)
    }

    func validate() throws {
        guard maxBytes > 0, maxDepth > 0, maxNodes > 0, maxValueBytes > 0 else {
            let (option, value) = [("--max-bytes", maxBytes), ("--max-depth", maxDepth), ("--max-nodes", maxNodes),
                                   ("--max-value-bytes", maxValueBytes)].first { $0.1 <= 0 }!
            throw usageError(.optionInvalid, ["option": .text(option), "rule": "positive", "value": .text(String(value))])
        }
    }
}

/// The language of human messages.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Language of messages: en, es, pt or fr.", valueName: "lang"))
    var language: String = "en"

    func validate() throws {
        guard ["en", "es", "pt", "fr"].contains(language.prefix(2).lowercased()) else {
            throw usageError(.optionInvalid, ["option": "--lang", "rule": "language", "value": .text(language)])
        }
    }

    var code: String { String(language.prefix(2)).lowercased() }
}

/// `--locale`: intake staff overriding a form's declared or detected locale.
struct LocaleOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Force the forms' locale, e.g. es-CO: overrides a declared (with warning locale.overridden) or detected one; its language must have a catalog (else exit 2).", valueName: "locale"))
    var locale: String?

    func validate() throws {
        guard let locale else { return }
        do {
            _ = try ValueParser.locale(locale)
        } catch {
            throw usageError(.localeInvalid, ["value": .text(locale)])
        }
    }

    func conversionOptions(limits: ReaderLimits) -> ConversionOptions {
        ConversionOptions(locale: locale, limits: limits)
    }

    /// A `--locale` whose language has no catalog would make every form fail: a usage error
    /// (exit 2) before anything is read, listing the languages there are catalogs for.
    func checkCatalog(in catalogs: CatalogSet) throws {
        guard let locale, let tag = try? ValueParser.locale(locale) else { return }
        let language = String(tag.prefix { $0 != "-" })
        guard !catalogs.languages.contains(language) else { return }
        Terminal.standardError.write(
            "error: --locale '\(locale)': there is no catalog for the language '\(language)'; available: \(catalogs.languages.sorted().joined(separator: ", "))\n")
        throw ExitCode(2)
    }
}

/// A usage error in the catalogs' words and the `--lang` language (`UsageMessage`).
func usageError(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> ValidationError {
    ValidationError(UsageMessage.text(code, arguments))
}
