import Foundation
import Testing
@testable import WWCIntake

/// `intake validate` end to end, through the built executable: exit statuses, which stream
/// carries what, and the three formats. (The `intake` product is built beside the test bundle
/// by `swift test`; the suite is skipped, visibly, when it is not there.)
@Suite(.enabled(if: IntakeExecutable.url != nil, "the intake executable is not built"))
struct ValidateCommandTests {
    static let root = InvalidSamplesTests.root

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func intake(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(IntakeExecutable.url)
        // The repository's catalogs first, so that a test's own `--catalogs` (the last one) wins.
        process.arguments = ["validate", "--catalogs", Self.root.appendingPathComponent("locales").path] + arguments
        process.currentDirectoryURL = Self.root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func validFormsExitZeroAndKeepStdoutEmpty() throws {
        let run = try intake(["samples/fr/montreal.xml", "samples/fr/port-au-prince.json"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasSuffix("0 errors, 0 warnings in 2 files.\n"))
    }

    @Test func invalidFormExitsOneWithTheCompilerConventionAndACaret() throws {
        let run = try intake(["samples/invalid/pt-country-unknown.json", "--lang", "es"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("samples/invalid/pt-country-unknown.json:5:5: error: «Atlântida» "))
        #expect(lines[0].hasSuffix(" [country.unknown]"))
        #expect(lines[1] == "        \"País\": \"Atlântida\",")
        #expect(lines[2] == "        ^")
        #expect(lines[3] == "1 error y 0 advertencias en 1 archivo.")
        #expect(!run.stderr.contains("\u{1B}"), "no colors when stderr is not a terminal")
    }

    @Test func warningsPassUnlessStrict() throws {
        let file = "samples/invalid/en-percent-ambiguous.json"
        let plain = try intake([file])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains(": warning: "))
        let strict = try intake([file, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(": error: "))
        #expect(strict.stderr.contains("[percent.ambiguous]"))
    }

    @Test func jsonIsOneObjectPerInputOnStdout() throws {
        let run = try intake(["samples/invalid/es-field-unknown.json", "samples/fr/montreal.xml", "--format", "json"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["file"] as? String == "samples/invalid/es-field-unknown.json")
        #expect(first["valid"] as? Bool == true)
        let diagnostics = try #require(first["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0]["code"] as? String == "field.unknown")
        #expect(diagnostics[0]["line"] as? Int == 9)
        #expect(diagnostics[0]["column"] as? Int == 3)
        #expect(lines[1] == #"{"file":"samples/fr/montreal.xml","valid":true,"diagnostics":[]}"#)
        #expect(run.stderr == "0 errors, 1 warning in 2 files.\n")
    }

    @Test func sarifOnStdoutValidatesAgainstTheSchema() throws {
        let run = try intake(["samples/invalid", "--format", "sarif", "--lang", "fr", "--max-value-bytes", "100"])
        #expect(run.status == 1)
        let errors = try JSONSchemaCheck.errors(schema: SARIFLogTests.schema, documents: [run.stdout])
        #expect(errors.isEmpty, "\(errors)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let manifest = InvalidSamplesTests.manifest
        #expect(results.count == manifest.reduce(0) { $0 + $1.diagnostics.count })
        let rules = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])["rules"] as? [[String: Any]]
        #expect(rules?.count == Set(manifest.flatMap { $0.diagnostics.map(\.code) }).count)
        let country = try #require(rules?.first { $0["id"] as? String == "country.unknown" })
        #expect((country["shortDescription"] as? [String: Any])?["text"] as? String == "Pays inconnu")
        #expect(run.stderr.hasSuffix("dans \(manifest.count) fichiers.\n"))
        // XML findings carry a column too: `<email>` starts at column 7 of line 13.
        let email = try #require(results.first { $0["ruleId"] as? String == "email.invalid" })
        let locations = try #require(email["locations"] as? [[String: Any]])
        let region = (locations.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 13)
        #expect(region?["startColumn"] as? Int == 7)
        let xmlResults = results.filter { result in
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return ((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String)?.hasSuffix(".xml") == true
        }
        #expect(xmlResults.count == 10)
        for result in xmlResults {
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((physical?["region"] as? [String: Any])?["startColumn"] as? Int != nil, "\(result)")
        }
    }

    @Test func maxErrorsCapsTheReportAndSaysSo() throws {
        let run = try intake(["samples/invalid", "--max-errors", "2", "--max-value-bytes", "100"])
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: ": error: ").count - 1 == 2)
        let expected = InvalidSamplesTests.manifest.flatMap(\.diagnostics)
        #expect(run.stderr.contains("Only 2 diagnostics of \(expected.count) shown; --max-errors left out the rest.\n"))
        // The summary still counts everything.
        let errors = expected.count { $0.severity == "error" }
        #expect(run.stderr.hasSuffix(
            "\(errors) errors, \(expected.count - errors) warnings in \(InvalidSamplesTests.manifest.count) files.\n"))
        let json = try intake(["samples/invalid/pt-field-required.xml", "--max-errors", "1", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["truncated"] as? Int == 1)
        #expect((object["diagnostics"] as? [Any])?.count == 1)
        #expect(object["valid"] as? Bool == false)
    }

    @Test func frenchSummaryIsSingularForZero() throws {
        let run = try intake(["samples/fr/montreal.xml", "--lang", "fr"])
        #expect(run.status == 0)
        #expect(run.stderr == "0 erreur et 0 avertissement dans 1 fichier.\n")
    }

    @Test(arguments: [
        ["samples/fr", "--format", "yaml"],
        ["samples/fr", "--lang", "de"],
        ["samples/fr", "--locale", "not a locale"],
        ["samples/fr", "--catalogs", "/nonexistent/locales"],
    ])
    func usageAndConfigurationErrorsExitTwo(arguments: [String]) throws {
        let run = try intake(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
    }

    @Test func aMissingInputIsAUsageErrorNotACrash() throws {
        let run = try intake(["samples/invalid/no-such-form.json"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("samples/invalid/no-such-form.json: error: "))
        #expect(run.stderr.contains("[input.unreadable]"))
    }
}
