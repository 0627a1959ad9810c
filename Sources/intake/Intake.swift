import ArgumentParser
import Foundation
import WWCIntake

/// `intake`: a thin shell over the WWCIntake library. Commands parse options, call the
/// library, and print; the library itself never prints.
struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Turn What Works Cities certification applications (XML or JSON; English, Spanish, Portuguese, French) into canonical, scorable records.",
        discussion: """
            Exit status: 0 all inputs fine (warnings allowed), 1 some input rejected or a check \
            failed, 2 usage or configuration error. Human output goes to stderr, data to stdout.

            Data: the locale catalogs are --catalogs DIR, else $WWC_INTAKE_LOCALES, else \
            ../share/wwc-intake/locales beside the program (as `make install` and the .deb put \
            them), else a locales/ folder above the program or the current folder; the rubric \
            likewise (--rubric, $WWC_INTAKE_RUBRIC, ../share/wwc-intake/rubrics/wwc-2022.json, \
            rubrics/). `intake --version` says which were found.

            Examples:
              intake convert samples/ --out-dir out/
              intake validate form.xml --lang es
              intake value --locale es-CO --type money '$ 1.250.000,50'
            """,
        subcommands: [
            ConvertCommand.self,
            ValidateCommand.self,
            ScoreCommand.self,
            CatalogCommand.self,
            TemplateCommand.self,
            ValueCommand.self,
            RegisterPassthrough.self,
            ServePassthrough.self,
            StaffPassthrough.self,
        ]
    )

    @Flag(name: .long, help: "Show the version, the ICU and libxml2 versions, and where the catalogs and rubric are found.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(IntakeVersion.report(locator: .process))
    }
}

enum IntakeVersion {
    static let string = "0.1.0"

    /// `intake --version`: what a support request needs to know about this installation.
    /// In English and not from the catalogs, because it must work when they are not found.
    static func report(locator: DataLocator) -> String {
        func place(_ location: DataLocation?, _ hint: String) -> String {
            guard let location else { return "not found (\(hint))" }
            let missing = FileManager.default.fileExists(atPath: location.url.path) ? "" : ", which does not exist"
            return "\(location.url.path) (\(location.source.rawValue)\(missing))"
        }
        return """
            intake \(string)
            ICU \(LibraryVersions.icu), libxml2 \(LibraryVersions.libxml2)
            catalogs: \(place(CatalogSet.locate(explicit: nil, locator: locator), "pass --catalogs DIR or set \(CatalogSet.environmentVariable)"))
            rubric: \(place(Rubric.locateDefault(explicit: nil, locator: locator), "pass --rubric FILE or set \(Rubric.environmentVariable)"))
            """
    }
}

/// Entry point: maps argument-parser outcomes onto the spec's exit statuses
/// (usage errors are 2, not the parser's default 64).
@main
enum IntakeMain {
    static func main() {
        // A file-size limit (ulimit -f) should fail the write with EFBIG, reported per file,
        // not kill the whole batch with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try Intake.parseAsRoot()
            try command.run()
        } catch is InputRejected {
            exit(1)  // the command already reported why
        } catch {
            let code = Intake.exitCode(for: error)
            let message = Intake.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { Terminal.standardError.write(message + "\n") }
            if code == .validationFailure || error is ValidationError || code.rawValue == 64 {
                exit(2)
            }
            exit(code.rawValue)
        }
    }
}
