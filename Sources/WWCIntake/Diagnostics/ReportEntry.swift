import Foundation

/// What `intake validate` reports about one input: every diagnostic (after `--strict`), and how
/// many of them the `--max-errors` cap lets it show.
///
/// Validity is decided on *all* diagnostics, never on the shown ones: a cap shortens the report,
/// it does not make a form valid.
package struct ReportEntry: Sendable, Hashable {
    /// The input as the user named it.
    package var file: String
    /// Every diagnostic, errors first then by position (the converter's order).
    package var diagnostics: [Diagnostic]
    /// How many of `diagnostics` are shown (the first ones).
    package var shownCount: Int

    package init(file: String, diagnostics: [Diagnostic], shownCount: Int? = nil) {
        self.file = file
        self.diagnostics = diagnostics
        self.shownCount = min(shownCount ?? diagnostics.count, diagnostics.count)
    }

    /// A form is valid when it has no error; warnings are allowed (unless `--strict` made
    /// them errors).
    var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    package var shown: ArraySlice<Diagnostic> { diagnostics.prefix(shownCount) }
    package var isTruncated: Bool { shownCount < diagnostics.count }
    package var errorCount: Int { diagnostics.count { $0.severity == .error } }
    package var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// The spec's machine-output object: `{"file": …, "valid": …, "diagnostics": […]}`, each
    /// diagnostic as in the canonical record. `truncated` (the number left out) appears only
    /// when the cap left some out, so a consumer can never mistake a cut list for a full one.
    package func json(message: (Diagnostic) -> String) -> JSONValue {
        .object([
            "file": .string(file),
            "valid": .bool(isValid),
            "diagnostics": .array(shown.map { $0.json(message: message($0)) }),
            "truncated": isTruncated ? .integer(diagnostics.count - shownCount) : nil,
        ])
    }
}

/// The user's reporting choices: `--strict` and `--max-errors`.
package struct ReportPolicy: Sendable, Hashable {
    /// Warnings count as errors (and make the form invalid).
    package var strict: Bool
    /// The most diagnostics shown over the whole run; nil shows all.
    package var maxShown: Int?

    package init(strict: Bool = false, maxShown: Int? = nil) {
        self.strict = strict
        self.maxShown = maxShown
    }

    /// Applies `--strict` to one input's diagnostics. The code stays the same: only the
    /// severity changes, so scripts keyed on codes keep working.
    func applyStrictness(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.severity = .error
            return diagnostic
        }
    }
}

/// Counts what a run reported and what the cap left out, for the closing summary line.
///
/// Feed it the inputs in the order they are shown; it decides how many diagnostics of each
/// input still fit under `--max-errors`.
package struct ReportTally: Sendable, Hashable {
    package let policy: ReportPolicy
    package private(set) var files = 0
    private(set) var invalidFiles = 0
    package private(set) var errors = 0
    package private(set) var warnings = 0
    package private(set) var shown = 0
    package private(set) var total = 0

    package init(policy: ReportPolicy) {
        self.policy = policy
    }

    /// Builds the entry of the next input: applies `--strict`, then the remaining cap.
    package mutating func entry(file: String, diagnostics: [Diagnostic]) -> ReportEntry {
        let diagnostics = policy.applyStrictness(diagnostics)
        let room = policy.maxShown.map { max(0, $0 - shown) } ?? diagnostics.count
        let entry = ReportEntry(file: file, diagnostics: diagnostics, shownCount: room)
        files += 1
        if !entry.isValid { invalidFiles += 1 }
        errors += entry.errorCount
        warnings += entry.warningCount
        shown += entry.shownCount
        total += diagnostics.count
        return entry
    }

    /// True when `--max-errors` left some diagnostics out.
    package var isTruncated: Bool { shown < total }
    package var allValid: Bool { invalidFiles == 0 }

    /// Arguments of the catalog message `summary.validate` ({errors}, {warnings}, {files}).
    package var summaryArguments: [String: MessageArgument] {
        ["errors": .number(errors), "warnings": .number(warnings), "files": .number(files)]
    }

    /// Arguments of the catalog message `summary.truncated` ({shown}, {total}).
    package var truncationArguments: [String: MessageArgument] {
        ["shown": .number(shown), "total": .number(total)]
    }
}
