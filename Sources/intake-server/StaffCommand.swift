import ArgumentParser
import Foundation
import WWCIntake
import WWCReview

/// `intake staff password NAME`: sets a staff member's password for the review pages.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Manage who may sign in to the review pages (intake serve, /ui).",
        subcommands: [StaffPasswordCommand.self, StaffRemoveCommand.self])
}

struct StaffFileOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The staff file (bcrypt hashes).",
        discussion: "Default: $WWC_INTAKE_STAFF, else intake-staff.json in the current folder; `intake serve` reads the same.",
        valueName: "file"))
    var file: String?

    var url: URL {
        URL(fileURLWithPath: file ?? ProcessInfo.processInfo.environment["WWC_INTAKE_STAFF"] ?? "intake-staff.json")
    }
}

struct StaffPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Set (or change) a staff member's password; it is read from the terminal without echo, or from standard input.",
        discussion: """
            Examples:
              intake staff password ana
              printf '%s\\n' "$PASSWORD" | intake staff password ana --file /etc/intake/staff.json
            """)

    @Argument(help: "The user name typed at sign-in.") var name: String
    @OptionGroup var staff: StaffFileOption

    func validate() throws {
        guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw usageError(.optionInvalid, ["option": "NAME", "rule": "userName", "value": .text(name)])
        }
    }

    func run() throws {
        let password = try PasswordPrompt.read("Password for \(name): ")
        guard password.count >= 10 else {
            FileHandle.standardError.write(Data("error: a password needs at least 10 characters\n".utf8))
            throw ExitCode(2)
        }
        var accounts = try StaffAccounts.load(from: staff.url)
        accounts.setPassword(password, for: name)
        try accounts.save(to: staff.url)
        FileHandle.standardError.write(Data("password set for \(name) in \(staff.url.path)\n".utf8))
    }
}

struct StaffRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a staff member's sign-in.")

    @Argument var name: String
    @OptionGroup var staff: StaffFileOption

    func run() throws {
        var accounts = try StaffAccounts.load(from: staff.url)
        guard accounts.remove(name) else {
            FileHandle.standardError.write(Data("error: no staff member \(name)\n".utf8))
            throw ExitCode(1)
        }
        try accounts.save(to: staff.url)
    }
}

/// A password from the terminal with echo off, or a line of standard input when it is not a terminal.
enum PasswordPrompt {
    static func read(_ prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else { throw ExitCode(2) }
        return line
    }
}
