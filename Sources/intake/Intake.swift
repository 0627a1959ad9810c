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

            Examples:
              intake convert samples/ --out-dir out/
              intake validate form.xml --lang es
              intake value --locale es-CO --type money '$ 1.250.000,50'
            """,
        version: IntakeVersion.string,
        subcommands: [
            ConvertCommand.self,
            ValidateCommand.self,
            ScoreCommand.self,
            CatalogCommand.self,
            TemplateCommand.self,
            ValueCommand.self,
        ]
    )
}

enum IntakeVersion {
    static let string = "0.1.0"
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
