import Foundation
import Testing

/// `intake convert` end to end through the built executable: stdout shapes, `--out-dir`,
/// exit statuses, and the summary on stderr.
@Suite(.enabled(if: IntakeExecutable.url != nil, "the intake executable is not built"))
struct ConvertCommandTests {
    @Test func oneInputPrintsItsRecordExactly() throws {
        let run = try IntakeExecutable.run(["convert", "samples/es/bogota.xml"])
        #expect(run.status == 0)
        let expected = try String(contentsOf: TestCatalogs.samples.appendingPathComponent("es/bogota.expected.json"),
                                  encoding: .utf8)
        #expect(run.stdout == expected)
        #expect(run.stderr.contains("[field.unknown]"))
        #expect(!run.stderr.contains("[date.ambiguous]"))  // the region comes from the country: trusted
        #expect(run.stderr.hasSuffix("1 record written, 0 forms rejected (1 file).\n"))
    }

    @Test func severalInputsPrintJSONLinesAndABadFileDoesNotStopTheBatch() throws {
        let run = try IntakeExecutable.run(["convert", "samples/fr", "samples/invalid/es-json-malformed.json",
                                            "samples/pt/recife.json"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"schema\":\"wwc-application/1\"") })
        #expect(run.stderr.contains("samples/invalid/es-json-malformed.json:"))
        #expect(run.stderr.contains("[json.malformed]"))
    }

    @Test func outDirWritesOneCompleteFilePerAcceptedForm() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try IntakeExecutable.run(["convert", "samples/en", "samples/pt", "--out-dir", out.path, "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["austin.json", "belo-horizonte-kobo.json", "curitiba.json", "louisville.json", "recife.json",
                          "winnipeg.json"])
        let written = try String(contentsOf: out.appendingPathComponent("recife.json"), encoding: .utf8)
        let expected = try String(contentsOf: TestCatalogs.samples.appendingPathComponent("pt/recife.expected.json"),
                                  encoding: .utf8)
        #expect(written == expected)
    }

    @Test(arguments: [
        (["convert"], Int32(2)),
        (["convert", "samples/en", "--jobs", "0"], Int32(2)),
        (["convert", "samples/en", "--locale", "xx-QQ"], Int32(2)),
        (["convert", "samples/en", "--catalogs", "/nonexistent"], Int32(2)),
        (["convert", "samples/invalid/no-such-form.json"], Int32(2)),
    ] as [([String], Int32)])
    func exitStatuses(arguments: [String], status: Int32) throws {
        #expect(try IntakeExecutable.run(arguments).status == status)
    }
}
