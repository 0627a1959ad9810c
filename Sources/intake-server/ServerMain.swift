import ArgumentParser
import Foundation
import WWCIntake
import WWCRegister

/// `intake register …` and `intake serve`. The `intake` program execs this one for those two
/// commands, so GRDB, PostgresNIO and Hummingbird load only when the register is used and the
/// plain commands (convert, validate, score) start as fast as before.
@main
struct IntakeServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "The register of applications and its HTTP API.",
        subcommands: [RegisterCommand.self, ServeCommand.self, StaffCommand.self]
    )

    /// Exit statuses as `intake`'s: usage errors are 2, not the parser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if code == .validationFailure || error is ValidationError || code.rawValue == 64 { Foundation.exit(2) }
            Foundation.exit(code.rawValue)
        }
    }
}

/// `--db`, and what every register command loads: catalogs, rubric, limits.
struct RegisterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The register: a SQLite file (created on first use) or a postgres://user:password@host:port/database URL.",
        discussion: "Default: $WWC_INTAKE_DB, else intake-register.sqlite in the current folder.",
        valueName: "db"))
    var db: String?

    @Option(name: .customLong("catalogs"), help: ArgumentHelp("Folder of locale catalogs.", valueName: "dir"))
    var catalogDirectory: String?

    @Option(help: ArgumentHelp("Rubric file (JSON). Default: rubrics/wwc-2022.json.", valueName: "file"))
    var rubric: String?

    @Option(help: ArgumentHelp("Largest form accepted, in bytes (also the HTTP body limit).", valueName: "bytes"))
    var maxBytes: Int = ReaderLimits.default.maxInputBytes

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of messages and state labels: en, es, pt or fr.", valueName: "lang"))
    var language: String = "en"

    func validate() throws {
        guard maxBytes > 0 else {
            throw usageError(.optionInvalid, ["option": "--max-bytes", "rule": "positive", "value": .text(String(maxBytes))])
        }
        guard ["en", "es", "pt", "fr"].contains(language.prefix(2).lowercased()) else {
            throw usageError(.optionInvalid, ["option": "--lang", "rule": "language", "value": .text(language)])
        }
    }

    var languageCode: String { String(language.prefix(2)).lowercased() }
    var location: String { RegisterLocation.resolve(db) }

    func catalogs() throws -> CatalogSet {
        guard let url = CatalogSet.locateDirectory(explicit: catalogDirectory) else {
            Output.error("error: no locale catalogs found; pass --catalogs DIR or set WWC_INTAKE_LOCALES [catalog.missing]")
            throw ExitCode(2)
        }
        let (catalogs, diagnostics) = CatalogSet.load(directory: url)
        guard let catalogs, !diagnostics.contains(where: { $0.severity == .error }) else {
            Output.error("error: the catalogs in \(url.path) cannot be used; run `intake catalog check \(url.path)`")
            throw ExitCode(2)
        }
        return catalogs
    }

    func builder() throws -> SubmissionBuilder {
        let catalogs = try catalogs()
        let loaded = Rubric.loadDefault(explicit: rubric)
        guard let rubric = loaded.rubric else {
            for diagnostic in loaded.diagnostics {
                Output.error(DiagnosticFormatter.line(diagnostic, message: catalogs.render(diagnostic, language: languageCode)))
            }
            throw ExitCode(2)
        }
        var limits = ReaderLimits.default
        limits.maxInputBytes = maxBytes
        return SubmissionBuilder(converter: Converter(catalogs: catalogs, options: ConversionOptions(limits: limits)),
                                 rubric: rubric)
    }

    /// Opens the register, reporting a failure with its code (exit 2: configuration).
    func open(catalogs: CatalogSet) async throws -> any RegisterStore {
        do {
            return try await RegisterLocation.open(location)
        } catch {
            let refusal = error as? RegisterError ?? RegisterError(.registerUnavailable, ["database": .text(location)])
            Output.report(refusal, catalogs: catalogs, language: languageCode)
            if !(error is RegisterError) { Output.error("  \(error)") }
            throw ExitCode(2)
        }
    }
}

/// Data to stdout, people's text to stderr.
enum Output {
    static func data(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ refusal: RegisterError, catalogs: CatalogSet, language: String) {
        let diagnostic = Diagnostic(.error, refusal.code, arguments: refusal.arguments)
        error("error: \(catalogs.render(diagnostic, language: language)) [\(refusal.code.rawValue)]")
    }
}

/// A usage error in the catalogs' words and the `--lang` language (`UsageMessage`).
func usageError(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> ValidationError {
    ValidationError(UsageMessage.text(code, arguments))
}
