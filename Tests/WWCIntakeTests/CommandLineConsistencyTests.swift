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
        #expect(run.stderr.contains("Error: --jobs takes a whole number of 1 or more, not “-1”. [option.invalid]"))
        #expect(!run.stderr.contains("Missing value"))
    }

    /// Option errors come from the catalogs, in the `--lang` language (option names, values
    /// and codes stay as typed).
    @Test(arguments: [
        ("en", ["convert", "samples/en", "--jobs", "0"], "--jobs takes a whole number of 1 or more, not “0”. [option.invalid]"),
        ("es", ["validate", "samples/en", "--max-errors", "-1"], "--max-errors admite un número entero de 0 o más, no «-1». [option.invalid]"),
        ("pt", ["validate", "samples/en", "--lang", "xx"], "--lang takes en, es, pt or fr, not “xx”. [option.invalid]"),
        ("pt", ["value", "12", "--type", "integer"], "--locale é obrigatório com --type integer. [option.required]"),
        ("fr", ["convert", "samples/en", "--max-depth", "0"], "--max-depth attend un nombre supérieur à 0, et non «\u{A0}0\u{A0}». [option.invalid]"),
        ("fr", ["serve", "--port", "70000"], "--port attend un numéro de port de 0 à 65535, et non «\u{A0}70000\u{A0}». [option.invalid]"),
        ("en", ["template", "--locale", "de"], "--locale takes a language with a catalog (en, es, fr, pt), not “de”. [option.invalid]"),
        ("es", ["catalog", "import", "/nonexistent/es.xlf"], "No se puede leer /nonexistent/es.xlf: No such file or directory. [input.unreadable]"),
    ])
    func optionErrorsInTheLangLanguage(language: String, arguments: [String], message: String) throws {
        // An invalid --lang itself cannot choose the language: its error is in English.
        // (`template` has no --lang: its language is the catalog's.)
        let withLanguage = arguments.contains("--lang") || arguments[0] == "template" ? arguments : arguments + ["--lang", language]
        let run = try IntakeExecutable.run(withLanguage)
        #expect(run.status == 64 || run.status == 2, "\(run.status) \(run.stderr)")
        #expect(run.stderr.hasPrefix("Error: " + message), "\(run.stderr)")
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
