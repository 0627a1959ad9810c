import Foundation
import WWCIntake

/// Renders what `intake validate` shows, in the chosen language: diagnostic messages, the
/// SARIF rule descriptions and the text report with source lines. All wording comes from the
/// catalogs; this type only chooses keys and arguments.
struct ValidateRenderer: Sendable {
    let catalogs: CatalogSet
    let language: String

    /// A diagnostic's message, rendered from the catalog message keyed by its code.
    func message(_ diagnostic: Diagnostic) -> String {
        catalogs.render(diagnostic, language: language)
    }

    /// A catalog message by key (`summary.validate`, `summary.truncated`, …).
    func catalogMessage(_ key: String, _ arguments: [String: MessageArgument]) -> String {
        catalogs.render(key: key, arguments: arguments, language: language)
    }

    /// A SARIF rule's descriptions (`CatalogSet.ruleText`).
    func rule(_ code: DiagnosticCode) -> SARIFLog.RuleText {
        catalogs.ruleText(code, language: language)
    }

    /// The text report of one input: each shown diagnostic with its source line and caret.
    /// The file is read again (only when a shown diagnostic has a line) because the converter
    /// keeps no bytes after conversion.
    func text(_ entry: ReportEntry, colors: Bool) -> String {
        let needsSource = entry.shown.contains { $0.line != nil }
        let source = needsSource ? (try? Data(contentsOf: URL(fileURLWithPath: entry.file))).map(ReportSourceFile.init) : nil
        var out = ""
        for diagnostic in entry.shown {
            let line = diagnostic.line.flatMap { source?.line($0, column: diagnostic.column) }
            out += ReportText.block(diagnostic, message: message(diagnostic), source: line, colors: colors)
        }
        return out
    }
}
