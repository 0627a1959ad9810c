import ArgumentParser
import Foundation
import WWCIntake

/// `intake catalog …`: translators' tools over `locales/`.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check, measure, export and import the locale catalogs.",
        subcommands: [CatalogCheckCommand.self, CatalogStatsCommand.self, CatalogExportCommand.self,
                      CatalogImportCommand.self]
    )
}

/// Shared by the catalog subcommands: where the catalogs are, and how to say things.
enum CatalogCLI {
    static func directory(_ explicit: String?) throws -> URL {
        guard let url = CatalogSet.locateDirectory(explicit: explicit) else {
            throw ValidationError("cannot find the locales/ folder; pass it as an argument or set WWC_INTAKE_LOCALES")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw usageError(.inputUnreadable, ["file": .text(url.path), "reason": .text(String(cString: strerror(ENOENT)))])
        }
        return url
    }

    /// Catalogs to render messages with: the given ones when usable, else the shipped ones.
    static func renderer(_ preferred: CatalogSet?) -> CatalogSet? {
        if let preferred { return preferred }
        guard let shipped = CatalogSet.locateDirectory(explicit: nil) else { return nil }
        return CatalogSet.load(directory: shipped).catalogs
    }

    static func message(_ diagnostic: Diagnostic, _ catalogs: CatalogSet?, language: String) -> String {
        catalogs?.render(diagnostic, language: language) ?? diagnostic.code.rawValue
    }

    /// `file:line:col: severity: message [code]`, as `intake validate` prints.
    static func line(_ diagnostic: Diagnostic, _ catalogs: CatalogSet?, language: String) -> String {
        DiagnosticFormatter.line(diagnostic, message: message(diagnostic, catalogs, language: language))
    }

    static func json(_ diagnostic: Diagnostic, _ catalogs: CatalogSet?, language: String) -> JSONValue {
        var object = diagnostic.json(message: message(diagnostic, catalogs, language: language))
        if case .object(var members) = object, let key = diagnostic.arguments["key"] {
            members.insert(JSONValue.Member("key", .string(key.description)), at: 3)
            object = .object(members)
        }
        return object
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct CatalogCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the catalogs: missing, stale or inconsistent entries (exit 1 on any error).",
        discussion: "Errors mean certain breakage; warnings are advice. See locales/README.md."
    )

    @Argument(help: "The locales folder; same as --catalogs (kept for older scripts).")
    var directory: String?

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Output: text (file:line:col: severity: message [code]) or json.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOption

    var lang: String { language.code }

    func run() throws {
        let folder = try CatalogCLI.directory(catalogOptions.directory ?? directory)
        let report = CatalogChecker.check(directory: folder)
        let catalogs = CatalogCLI.renderer(report.catalogs)
        switch format {
        case .text:
            for diagnostic in report.diagnostics {
                Terminal.standardError.write(CatalogCLI.line(diagnostic, catalogs, language: lang) + "\n")
            }
        case .json:
            let object = JSONValue.object([
                "directory": .string(folder.path),
                "valid": .bool(report.passed),
                "errors": .integer(report.errorCount),
                "warnings": .integer(report.warningCount),
                "diagnostics": .array(report.diagnostics.map { CatalogCLI.json($0, catalogs, language: lang) }),
            ])
            Terminal.standardOutput.write(object.serialized() + "\n")
        }
        let summary = catalogs?.render(key: "summary.catalog_check", arguments: [
            "errors": .number(report.errorCount), "warnings": .number(report.warningCount),
            "files": .number(report.fileCount),
        ], language: lang) ?? "\(report.errorCount) errors, \(report.warningCount) warnings"
        Terminal.standardError.write(summary + "\n")
        if !report.passed { throw ExitCode(1) }
    }
}
