import ArgumentParser
import Foundation
import WWCIntake

/// `intake score IN…`: points, percent, level and the reasons for the level, per input.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score forms or canonical records against the certification rubric.",
        discussion: """
            IN is a canonical record ("schema": "wwc-application/1") or a submitted form (XML or \
            JSON, converted on the fly as `intake convert` would); folders are searched for .xml \
            and .json files. The rubric is --rubric FILE, else $WWC_INTAKE_RUBRIC, else \
            rubrics/wwc-2022.json in ../share/wwc-intake/ beside the program (as installed), \
            else above the program's folder or the current folder (`intake --version` says which).

            Text output, per input: the level, points of possible (percent), criteria met per \
            practice area, and every reason for the level in the --lang language. JSON output: \
            one object per input (JSON Lines for several).

            Exit status: 0 every input scored (whatever its level), 1 some input could not be read, \
            converted or scored, 2 usage error or a bad rubric or catalog.

            Examples:
              intake score samples/es/bogota.xml --lang es
              intake score out/ --format json
              intake score record.json --rubric rubrics/wwc-2025.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Forms or canonical records (files or folders).", valueName: "input"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Rubric file (JSON). Default: rubrics/wwc-2022.json.", valueName: "file"))
    var rubric: String?

    @Option(help: "Output format: text or json (JSON Lines for several inputs).")
    var format: Format = .text

    @OptionGroup var localeOption: LocaleOption

    @OptionGroup var language: LanguageOption
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let catalogs = try catalogOptions.load()
        try localeOption.checkCatalog(in: catalogs)
        let output = ScoreOutput(catalogs: catalogs, language: language.code)
        let loaded = Rubric.loadDefault(explicit: rubric)
        output.report(loaded.diagnostics)
        guard let rubric = loaded.rubric else { throw ExitCode(2) }

        let (files, inputProblems) = InputFiles.collect(inputs)
        output.report(inputProblems)
        let loader = ApplicationLoader(
            converter: Converter(catalogs: catalogs, options: localeOption.conversionOptions(limits: limitOptions.limits)))
        let jsonLines = files.count > 1 || inputs.count > 1
        var failed = inputProblems.contains { $0.severity == .error }
        for path in files {
            let loadedApplication = loader.loadApplication(path: path)
            output.report(loadedApplication.diagnostics)
            guard let application = loadedApplication.application else {
                failed = true
                continue
            }
            let score = rubric.score(application, file: path)
            switch format {
            case .json:
                Terminal.standardOutput.write(score.json(message: output.message).serialized(pretty: !jsonLines) + "\n")
            case .text:
                Terminal.standardOutput.write(output.text(score))
            }
        }
        if inputProblems.contains(where: InputFiles.isMissingPath) { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }
}

/// Turns one input into a canonical application: a record is read back as is, anything else
/// is a form and goes through the converter. The only place that tells the two apart.
struct ApplicationLoader {
    let converter: Converter

    /// The application, or nil with the diagnostics that say why; warnings of an accepted
    /// form come back beside its application.
    func loadApplication(path: String) -> (application: CanonicalApplication?, diagnostics: [Diagnostic]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var unreadable = Diagnostic.error(.inputUnreadable, arguments: ["file": .text(path)])
            unreadable.file = path
            return (nil, [unreadable])
        }
        if let record = Self.canonicalRecord(data) {
            do {
                return (try CanonicalApplication(json: record), [])
            } catch {
                let pointer = "/" + error.member.replacingOccurrences(of: ".", with: "/")
                var finding: Diagnostic
                if let value = error.value, let expected = error.expected {
                    finding = .error(.enumUnknown, arguments: [
                        "value": .text(value), "expected": .text(expected.joined(separator: ", ")),
                    ], path: pointer, field: error.member, value: value)
                } else {
                    finding = .error(.fieldRequired, arguments: ["field": .text(error.member)], path: pointer,
                                     field: error.member)
                }
                finding.file = path
                return (nil, [finding])
            }
        }
        let result = converter.convert(data, file: path)
        return (result.record, result.diagnostics)
    }

    /// The parsed JSON when the input is a canonical record (`"schema": "wwc-application/…"`).
    /// XML fails the JSON reader at its first byte, so the test costs nothing for XML forms.
    static func canonicalRecord(_ data: Data) -> JSONValue? {
        guard let value = JSONValue.parse(data).value,
              value["schema"]?.stringValue?.hasPrefix("wwc-application/") == true
        else { return nil }
        return value
    }
}

/// How scores and diagnostics are printed: messages from the catalogs in one language.
struct ScoreOutput {
    let catalogs: CatalogSet
    let language: String

    /// Rendered like a diagnostic, so that a `field` argument also gets its localized `label`
    /// (`score.applicant_incomplete`).
    func message(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> String {
        catalogs.render(Diagnostic(.warning, code, arguments: arguments), language: language)
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            Terminal.standardError.write(
                DiagnosticFormatter.line(diagnostic, message: catalogs.render(diagnostic, language: language)) + "\n")
        }
    }

    /// `file: city (country) — level, points/possible (percent)`, the practice areas, then
    /// every reason. Only data tokens and catalog messages: nothing here needs translating.
    /// The level and the percent (two decimals, the locale's way: `88,37 %`) come from the
    /// catalog message `score.summary`.
    func text(_ score: ScoreReport) -> String {
        var who = score.city ?? "—"
        if let country = score.country { who += " (\(country))" }
        let summary = catalogs.render(key: "score.summary", arguments: [
            "level": .text(score.level.rawValue), "points": .number(score.points),
            "possible": .number(score.possible), "percent": .decimal(score.percent),
        ], language: language)
        var lines = [
            "\(score.file ?? "—"): \(who) — \(summary)",
            "  " + score.areas.map { "\($0.area) \($0.met)/\($0.total)" }.joined(separator: " · "),
        ]
        for reason in score.reasons {
            lines.append("  - \(message(reason.code, reason.arguments)) [\(reason.code.rawValue)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
