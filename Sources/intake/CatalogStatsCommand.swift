import ArgumentParser
import Foundation
import WWCIntake

struct CatalogStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per locale and regional overlay: entries present and percent translated, by section."
    )

    @Argument(help: "The locales folder; same as --catalogs (kept for older scripts).")
    var directory: String?

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Output: text (a table) or json.")
    var format: OutputFormat = .text

    func run() throws {
        let folder = try CatalogCLI.directory(catalogOptions.directory ?? directory)
        let (set, diagnostics) = CatalogSet.load(directory: folder)
        let catalogs = CatalogCLI.renderer(set)
        for diagnostic in diagnostics {
            Terminal.standardError.write(CatalogCLI.line(diagnostic, catalogs, language: "en") + "\n")
        }
        guard let set else { throw ExitCode(2) }
        let rows = CatalogStatistics.coverage(set)
        switch format {
        case .json:
            for row in rows {
                let object = JSONValue.object([
                    "locale": .string(row.locale), "overlay": .bool(row.isOverlay), "section": .string(row.section),
                    "total": .integer(row.total), "present": .integer(row.present),
                    "translated": .integer(row.translated), "overridden": .integer(row.overridden),
                    "percent": .rawNumber(String(format: "%.1f", row.percent)),
                ])
                Terminal.standardOutput.write(object.serialized() + "\n")
            }
        case .text:
            var out = Self.pad("locale", 8) + Self.pad("section", 10) + Self.pad("present", 10, right: true)
                + Self.pad("translated", 12, right: true) + Self.pad("%", 8, right: true)
                + Self.pad("overrides", 11, right: true) + "\n"
            for row in rows {
                out += Self.pad(row.locale, 8) + Self.pad(row.section, 10)
                    + Self.pad("\(row.present)/\(row.total)", 10, right: true)
                    + Self.pad("\(row.translated)", 12, right: true)
                    + Self.pad(String(format: "%.1f", row.percent), 8, right: true)
                    + Self.pad(row.isOverlay ? "\(row.overridden)" : "-", 11, right: true) + "\n"
            }
            Terminal.standardOutput.write(out)
        }
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(1, width - text.count))
        return right ? fill + text : text + fill
    }
}

struct CatalogExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one locale's catalog as XLIFF 2.1 (source en) for translation tools."
    )

    @Option(help: "The target locale: a base (es) or a regional overlay (es-MX).")
    var locale: String

    @Option(name: .shortAndLong, help: "Output file (default: stdout).")
    var output: String?

    @Option(name: .customLong("xliff-version"), help: "XLIFF version to write: 2.1, or 2.0 for tools that read only 2.0.")
    var xliffVersion = "2.1"

    @Flag(help: "For a regional overlay (es-MX): export only the entries the region overrides, not those it inherits from the base.")
    var overridesOnly = false

    func validate() throws {
        guard CatalogXLIFF.versions.contains(xliffVersion) else {
            throw usageError(.optionInvalid, ["option": "--xliff-version", "rule": "xliffVersion", "value": .text(xliffVersion)])
        }
    }

    @OptionGroup var catalogs: CatalogOptions

    func run() throws {
        let set = try catalogs.load()
        guard let xliff = CatalogXLIFF.export(set, locale: locale, version: xliffVersion,
                                              inherited: overridesOnly ? .omitted : .marked) else {
            throw usageError(.optionInvalid, ["option": "--locale", "rule": "exportLocale", "value": .text(locale),
                                              "available": .text((set.languages + set.overlays).filter { $0 != CatalogSet.referenceLanguage }.sorted().joined(separator: ", "))])
        }
        if let output {
            try Data(xliff.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            Terminal.standardOutput.write(xliff)
        }
    }
}

struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a translated XLIFF file back into its locale's catalog.",
        discussion: "Reports unknown unit ids, placeholder mismatches and untranslated units; refused units keep the catalog's value."
    )

    @Argument(help: "The XLIFF file.")
    var file: String

    @OptionGroup var catalogOptions: CatalogOptions

    @OptionGroup var language: LanguageOption

    func run() throws {
        let set = try catalogOptions.load()
        let catalogs: CatalogSet? = set
        let lang = language.code
        let data: Data
        switch InputFile.read(URL(fileURLWithPath: file)) {
        case .success(let contents): data = contents
        case .failure(let diagnostic): throw ValidationError(set.render(diagnostic, language: lang) + " [\(diagnostic.code)]")
        }
        let result = CatalogXLIFF.importing(data, file: file, into: set)
        for diagnostic in result.diagnostics {
            Terminal.standardError.write(CatalogCLI.line(diagnostic, catalogs, language: lang) + "\n")
        }
        if result.refused {
            let errors = result.diagnostics.count { $0.severity == .error }
            let summary = set.render(key: "summary.catalog_import_refused", arguments: [
                "errors": .number(errors), "file": .text(result.url.path),
            ], language: lang)
            Terminal.standardError.write(summary + "\n")
            throw ExitCode(1)
        }
        if let contents = result.contents, (try? String(contentsOf: result.url, encoding: .utf8)) != contents {
            try Data(contents.utf8).write(to: result.url, options: .atomic)
        }
        let summary = catalogs?.render(key: "summary.catalog_import", arguments: [
            "updated": .number(result.updated), "untranslated": .number(result.untranslated),
        ], language: lang) ?? "\(result.updated) updated"
        Terminal.standardError.write("\(result.url.path): \(summary)\n")
    }
}
