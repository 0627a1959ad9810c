import ArgumentParser
import Foundation
import Synchronization
import WWCIntake

/// `intake validate`: every problem of every form at once, located and in the validator's
/// language; no records are written.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check submitted forms and report every problem, located and localized.",
        discussion: """
            Runs the whole conversion (reading, locale, mapping, values) but writes no record. \
            Problems are reported as file:line:col: severity: message [code], followed by the \
            source line and a caret under the column; a summary line closes the report.

            --format text (default) writes that report to stderr (colored on a terminal, unless \
            NO_COLOR is set). --format json writes one object per input to stdout, \
            {"file": …, "valid": true|false, "diagnostics": […]} (JSON Lines for several \
            inputs). --format sarif writes one SARIF 2.1.0 log to stdout for code-scanning \
            tools. In every format stdout carries only that data; the summary goes to stderr.

            Exit status: 0 every form valid (warnings allowed, unless --strict), 1 some form \
            invalid, 2 usage or configuration error.

            Examples:
              intake validate samples/
              intake validate form.xml --lang es
              intake validate samples/invalid --format sarif > intake.sarif
              intake validate form.json --format json --strict --max-errors 20
            """
    )

    @Argument(help: ArgumentHelp("Form files (.xml, .json) or folders to search.", valueName: "input"))
    var inputs: [String]

    @Option(help: "Report format: text (stderr), json or sarif (stdout).")
    var format: ValidateFormat = .text

    @Flag(help: "Treat warnings as errors: a form with a warning is invalid (exit 1).")
    var strict = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Show at most N diagnostics in all; the summary still counts every one and says how many were shown.",
        valueName: "n"))
    var maxErrors: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Forms checked in parallel.", valueName: "n"))
    var jobs: Int = 1

    @OptionGroup var localeOption: LocaleOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard jobs >= 1 else { throw usageError(.optionInvalid, ["option": "--jobs", "rule": "atLeastOne", "value": .text(String(jobs))]) }
        if let maxErrors, maxErrors < 0 {
            throw usageError(.optionInvalid, ["option": "--max-errors", "rule": "zeroOrMore", "value": .text(String(maxErrors))])
        }
    }

    func run() throws {
        let catalogs = try catalogOptions.load()
        try localeOption.checkCatalog(in: catalogs)
        let converter = Converter(catalogs: catalogs, options: localeOption.conversionOptions(limits: limitOptions.limits))
        ProcessLifetime.keep(converter)
        let (files, inputProblems) = InputFiles.collect(inputs)
        let renderer = ValidateRenderer(catalogs: catalogs, language: language.code)
        let stderr = Terminal.standardError
        let colors = stderr.isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
        let format = self.format
        let singleJSON = files.count + inputProblems.count == 1 && inputs.count == 1
        let state = Mutex(ValidateState(policy: ReportPolicy(strict: strict, maxShown: maxErrors)))

        /// Shows one input's entry (called in input order).
        @Sendable func show(file: String, diagnostics: [Diagnostic]) {
            let entry = state.withLock { $0.tally.entry(file: file, diagnostics: diagnostics) }
            switch format {
            case .text:
                guard entry.shownCount > 0 else { return }
                stderr.write(renderer.text(entry, colors: colors))
            case .json:
                Terminal.standardOutput.write(entry.json(message: renderer.message).serialized(pretty: singleJSON) + "\n")
            case .sarif:
                state.withLock { $0.entries.append(entry) }
            }
        }

        for problem in inputProblems {
            show(file: problem.file ?? "", diagnostics: [problem])
        }
        let progress = ProgressLine(total: files.count, terminal: stderr)
        let done = Atomic<Int>(0)
        BatchConverter(converter: converter, jobs: jobs).run(files: files, process: { (_: Int, result: ConversionResult) in
            result
        }, deliver: { (index: Int, result: ConversionResult) in
            // The progress line shares stderr with the text report: clear it before a report.
            if format == .text, !result.diagnostics.isEmpty { progress.finish() }
            show(file: files[index], diagnostics: result.diagnostics)
            progress.update(done: done.add(1, ordering: .relaxed).newValue)
        })
        progress.finish()

        let final = state.withLock { $0 }
        let truncation = final.tally.isTruncated
            ? renderer.catalogMessage("summary.truncated", final.tally.truncationArguments) : nil
        if format == .sarif {
            let log = SARIFLog(toolVersion: IntakeVersion.string,
                               baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                               language: language.code)
                .log(entries: final.entries, rule: renderer.rule, message: renderer.message, truncation: truncation)
            Terminal.standardOutput.write(log.serialized(pretty: true) + "\n")
        }
        if let truncation { stderr.write(truncation + "\n") }
        stderr.write(renderer.catalogMessage("summary.validate", final.tally.summaryArguments) + "\n")
        if inputProblems.contains(where: InputFiles.isMissingPath) { throw ExitCode(2) }
        if !final.tally.allValid { throw ExitCode(1) }
    }
}

enum ValidateFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
    case sarif
}

struct ValidateState: Sendable {
    var tally: ReportTally
    var entries: [ReportEntry] = []

    init(policy: ReportPolicy) {
        tally = ReportTally(policy: policy)
    }
}
