import Foundation
import Testing
@testable import WWCIntake

/// Issue 13, batch output through the real `intake`: record paths mirror the inputs' paths and
/// never collide, `--out-dir` is never read back, records are not forms, a rejected form's old
/// record is removed, links and unreadable folders are followed or reported, `--fsync` flushes
/// the folder after the rename.
@Suite(.serialized, .enabled(if: IntakeExecutable.url != nil, "the intake executable is not built"))
struct BatchOutputTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `intake` in `directory`, optionally under a wrapper command (`setpriv`, `strace`).
    static func run(_ arguments: [String], in directory: URL, wrapper: [String] = []) throws -> Run {
        let binary = try #require(IntakeExecutable.url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper.isEmpty ? binary.path : "/usr/bin/env")
        process.arguments = wrapper.isEmpty ? arguments : wrapper + [binary.path] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["WWC_INTAKE_LOCALES"] = TestCatalogs.locales.path
        process.environment = environment
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A fresh folder with the given sample files copied to the given relative paths.
    static func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-batch-\(UUID().uuidString)")
        for (target, sample) in files {
            let url = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: TestCatalogs.samples.appendingPathComponent(sample), to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// Every regular file below `folder`, relative, sorted.
    static func files(in folder: URL) -> [String] {
        let (found, _) = InputFiles.collect([folder.path])
        var all = found.map { String($0.dropFirst(folder.path.count + 1)) }
        // `collect` takes forms only; records are `.json`, which it takes too.
        all.sort()
        return all
    }

    static func city(_ url: URL) throws -> String? {
        JSONValue.parse(try Data(contentsOf: url)).value?["applicant"]?["city"]?.stringValue
    }

    // Case 1: same names in different folders.
    @Test func recordsMirrorTheInputFoldersAndNeverOverwriteEachOther() throws {
        let root = try Self.folder(["batch/a/form.xml": "es/bogota.xml", "batch/b/form.xml": "fr/montreal.xml",
                                    "batch/c/form.xml": "pt/curitiba.xml"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["convert", "batch", "--out-dir", "out"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.files(in: root.appendingPathComponent("out")) == ["a/form.json", "b/form.json", "c/form.json"])
        #expect(try Self.city(root.appendingPathComponent("out/a/form.json")) == "Bogotá")
        #expect(try Self.city(root.appendingPathComponent("out/b/form.json")) == "Montréal")
        #expect(try Self.city(root.appendingPathComponent("out/c/form.json")) == "Curitiba")
        #expect(run.stderr.hasSuffix("3 records written, 0 forms rejected (3 files).\n"))
    }

    @Test func inputsThatWouldShareARecordPathStopTheRunBeforeAnythingIsWritten() throws {
        let root = try Self.folder(["batch/a/form.xml": "es/bogota.xml", "batch/b/form.xml": "fr/montreal.xml",
                                    "one/x.json": "en/austin.json", "two/x.json": "en/louisville.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["convert", "batch/a", "batch/b", "--out-dir", "out"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("batch/a/form.xml and batch/b/form.xml would both be written to out/form.json"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
        // Files named directly collide by name too.
        let named = try Self.run(["convert", "one/x.json", "two/x.json", "--out-dir", "out"], in: root)
        #expect(named.status == 2)
        #expect(named.stderr.contains("one/x.json and two/x.json would both be written to out/x.json"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
        // One folder given, two formats of one name: both kept, each with its format.
        let formats = try Self.folder(["f/bogota.xml": "es/bogota.xml", "f/bogota.json": "es/monterrey.json"])
        defer { try? FileManager.default.removeItem(at: formats) }
        let both = try Self.run(["convert", "f", "--out-dir", "out"], in: formats)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(Self.files(in: formats.appendingPathComponent("out")) == ["bogota.json.json", "bogota.xml.json"])
    }

    @Test func aRecordNameMayNotReplaceAnInput() throws {
        let root = try Self.folder(["forms/austin.json": "en/austin.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try Data(contentsOf: root.appendingPathComponent("forms/austin.json"))
        for arguments in [["convert", "forms", "--out-dir", "forms"], ["convert", "forms/austin.json", "--out-dir", "forms"]] {
            let run = try Self.run(arguments, in: root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("is an input of this run"), "\(run.stderr)")
            #expect(try Data(contentsOf: root.appendingPathComponent("forms/austin.json")) == original)
        }
    }

    // Case 2: the output folder inside the input folder, run twice.
    @Test func theOutputFolderIsNeverReadAsInput() throws {
        let root = try Self.folder(["nest/bogota.xml": "es/bogota.xml", "nest/recife.json": "pt/recife.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        for _ in 0..<2 {
            let run = try Self.run(["convert", "nest", "--out-dir", "nest/out"], in: root)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.hasSuffix("2 records written, 0 forms rejected (2 files).\n"))
            #expect(Self.files(in: root.appendingPathComponent("nest")) == [
                "bogota.xml", "out/bogota.json", "out/recife.json", "recife.json",
            ])
        }
        let expected = try Data(contentsOf: TestCatalogs.samples.appendingPathComponent("pt/recife.expected.json"))
        let written = try Data(contentsOf: root.appendingPathComponent("nest/out/recife.json"))
        // Same record but for the source path.
        #expect(JSONValue.parse(written).value?["applicant"] == JSONValue.parse(expected).value?["applicant"])
    }

    @Test func aCanonicalRecordIsNotAForm() throws {
        let record = TestCatalogs.samples.appendingPathComponent("es/bogota.expected.json").path
        let convert = try Self.run(["convert", record], in: TestCatalogs.repository)
        #expect(convert.status == 1)
        #expect(convert.stdout.isEmpty)
        #expect(convert.stderr.contains("bogota.expected.json:2:3: error: "))
        #expect(convert.stderr.contains("[input.canonical_record]"))
        let validate = try Self.run(["validate", record, "--format", "json"], in: TestCatalogs.repository)
        #expect(validate.status == 1)
        let report = JSONValue.parse(Data(validate.stdout.utf8)).value
        #expect(report?["valid"] == .bool(false))
        guard case .array(let diagnostics)? = report?["diagnostics"] else {
            Issue.record("no diagnostics in \(validate.stdout)")
            return
        }
        #expect(diagnostics.map { $0["code"]?.stringValue } == ["input.canonical_record"])
        // `score` still takes records.
        #expect(try Self.run(["score", record], in: TestCatalogs.repository).status == 0)
    }

    // Case 3: a form rejected on a later run loses its old record.
    @Test func theRecordOfAFormRejectedInThisRunIsRemoved() throws {
        let root = try Self.folder(["in/bogota.xml": "es/bogota.xml", "in/recife.json": "pt/recife.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.run(["convert", "in", "--out-dir", "out"], in: root).status == 0)
        #expect(Self.files(in: root.appendingPathComponent("out")) == ["bogota.json", "recife.json"])
        try Data("<solicitud><ciudad>Bogotá</ciudad".utf8).write(to: root.appendingPathComponent("in/bogota.xml"))
        // A file that only shares the name but is not a record is never removed.
        try Data("{\"notes\": 1}\n".utf8).write(to: root.appendingPathComponent("out/other.json"))
        let run = try Self.run(["convert", "in", "--out-dir", "out"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("[xml.malformed]"))
        #expect(run.stderr.contains("Removed out/bogota.json: in/bogota.xml was rejected in this run"))
        #expect(run.stderr.hasSuffix("1 record written, 1 form rejected (2 files).\n"))
        #expect(Self.files(in: root.appendingPathComponent("out")) == ["other.json", "recife.json"])
        // `score out/` now scores only the form that passes.
        let score = try Self.run(["score", "out/recife.json"], in: root)
        #expect(score.status == 0)
    }

    // Case 9: links are followed (loops reported), unreadable folders are errors.
    @Test func linksAreFollowedAndLoopsAndDeadEndsReported() throws {
        let root = try Self.folder(["l/real/bogota.xml": "es/bogota.xml"])
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("l/sub"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("l/sub/linked").path, withDestinationPath: "../real")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("l/sub/up").path, withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("l/file.xml").path, withDestinationPath: "real/bogota.xml")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("l/dead.json").path, withDestinationPath: "nowhere.json")
        let run = try Self.run(["convert", "l", "--out-dir", "out"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("l/dead.json: error: "))
        #expect(run.stderr.contains("[input.unreadable]"))
        #expect(run.stderr.contains("l/sub/up: warning: "))
        #expect(run.stderr.contains("[input.link_loop]"))
        #expect(Self.files(in: root.appendingPathComponent("out")) == ["file.json", "real/bogota.json", "sub/linked/bogota.json"])
        #expect(run.stderr.hasSuffix("3 records written, 1 form rejected (4 files).\n"))
    }

    @Test func anUnreadableFolderIsAnErrorNotASilentSkip() throws {
        let root = try Self.folder(["u/open/bogota.xml": "es/bogota.xml", "u/locked/recife.json": "pt/recife.json"])
        defer {
            chmod(root.appendingPathComponent("u/locked").path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        #expect(chmod(root.appendingPathComponent("u/locked").path, 0) == 0)
        // Root reads any folder: run without the capabilities that let it.
        let wrapper = geteuid() == 0 ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] : []
        let run = try Self.run(["convert", "u", "--out-dir", "out"], in: root, wrapper: wrapper)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("u/locked: error: "))
        #expect(run.stderr.contains("[input.unreadable]"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/open/bogota.json").path))
        let validate = try Self.run(["validate", "u"], in: root, wrapper: wrapper)
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("[input.unreadable]"))
    }

    /// strace, with LeakSanitizer off in the traced program: it cannot work under ptrace and
    /// exits 1 (`make sanitize` runs these tests with an AddressSanitizer `intake`).
    static let strace = ["strace", "-f", "-y", "-E",
                         "ASAN_OPTIONS=" + (ProcessInfo.processInfo.environment["ASAN_OPTIONS"].map { $0 + ":" } ?? "") + "detect_leaks=0"]

    // Case 10: `--fsync` flushes the folder after the rename.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "strace is not installed (make deps)"))
    func fsyncFlushesTheFolderAfterTheRename() throws {
        let root = try Self.folder(["in/bogota.xml": "es/bogota.xml"])
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let run = try Self.run(["convert", "in/bogota.xml", "--out-dir", "out", "--fsync"], in: root,
                               wrapper: Self.strace + ["-e", "trace=fsync,rename,renameat,renameat2"])
        #expect(run.status == 0, "\(run.stderr)")
        let calls = run.stderr.split(separator: "\n").map(String.init).filter { $0.contains("fsync(") || $0.contains("rename") }
        let rename = try #require(calls.firstIndex { $0.contains("\"\(out)/bogota.json\"") && $0.hasSuffix("= 0") }, "\(calls)")
        #expect(calls[..<rename].contains { $0.contains("fsync(") && $0.contains(".tmp>") }, "file flushed before the rename")
        #expect(calls[(rename + 1)...].contains { $0.contains("fsync(") && $0.contains("<\(out)>") && $0.hasSuffix("= 0") },
                "folder flushed after the rename: \(calls)")
        // Without --fsync: no flush at all.
        let fast = try Self.run(["convert", "in/bogota.xml", "--out-dir", "out2"], in: root,
                                wrapper: Self.strace + ["-e", "trace=fsync"])
        #expect(!fast.stderr.contains("fsync("))
    }
}
