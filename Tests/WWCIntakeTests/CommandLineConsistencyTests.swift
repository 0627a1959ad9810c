import Foundation
import Testing
@testable import WWCIntake

/// The command line behaves the same everywhere: a missing path is a usage error with the
/// system's reason, `--catalogs` is accepted by every command, bad option values and broken
/// catalogs get messages.
@Suite(.enabled(if: IntakeExecutable.url != nil)) struct CommandLineConsistencyTests {
    @Test(arguments: [["validate"], ["convert"], ["score"]])
    func missingPathIsExitTwoWithTheSystemsReason(command: [String]) throws {
        let run = try IntakeExecutable.run(command + ["no/such/form.json"])
        #expect(run.status == 2)
        let reason = String(cString: strerror(ENOENT))  // "No such file or directory"
        #expect(run.stderr.contains("Cannot read no/such/form.json: \(reason). [input.unreadable]"))
    }

    @Test(arguments: ["en", "es", "pt", "fr"])
    func unreadableMessageCarriesTheReasonInEveryLanguage(language: String) {
        let diagnostic = Diagnostic.error(.inputUnreadable, arguments: ["file": "x.json", "reason": "Permission denied"])
        let message = TestCatalogs.shared.render(diagnostic, language: language)
        #expect(message.contains("x.json") && message.contains("Permission denied"))
        let withoutReason = TestCatalogs.shared.render(Diagnostic.error(.inputUnreadable, arguments: ["file": "x.json"]),
                                                       language: language)
        #expect(!withoutReason.contains("…") && !withoutReason.contains("none"))
    }

    @Test(arguments: [["catalog", "check"], ["catalog", "stats"]])
    func catalogCommandsTakeCatalogsLikeEveryOtherCommand(command: [String]) throws {
        let folder = TestCatalogs.locales.path
        let flag = try IntakeExecutable.run(command + ["--catalogs", folder])
        let positional = try IntakeExecutable.run(command + [folder])
        #expect(flag.status == 0)
        #expect(flag.stdout == positional.stdout && flag.stderr == positional.stderr)
        let wrong = try IntakeExecutable.run(command + ["--catalogs", "/no/such/folder"])
        #expect(wrong.status != 0)
    }

    @Test(arguments: ["validate", "convert"])
    func negativeJobsSaysWhatIsWrong(command: String) throws {
        let run = try IntakeExecutable.run([command, "samples/en", "--jobs", "-1"])
        #expect(run.status == 64 || run.status == 2)
        #expect(run.stderr.contains("--jobs must be at least 1"))
        #expect(!run.stderr.contains("Missing value"))
    }

    @Test func brokenCatalogIsReportedWithItsMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestCatalogs.locales, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{\"catalog\": \"wwc-intake-catalog/1\",\n  \"locale\": \"es\"\n  \"version\": \"2023\"}\n".utf8)
            .write(to: folder.appendingPathComponent("es.json"))
        let run = try IntakeExecutable.run(["validate", "samples/en/austin.json", "--catalogs", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("es.json:3:") && run.stderr.contains("error: The catalog is not valid JSON: expected"))
        #expect(!run.stderr.contains("error: catalog.malformed [catalog.malformed]"))
    }
}
