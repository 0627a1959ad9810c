import Foundation
import Testing
@testable import WWCIntake

/// The real `intake` binary on a damaged batch: exit status, one located error per damaged
/// file, only complete records on disk — also after SIGKILL midway — and a clear exit 2 for an
/// unusable output folder or a write that fails (file size limit standing in for a full disk).
///
/// `make test` builds the products first, so `intake` sits beside the test bundle
/// (`IntakeExecutable`); without it the suite is skipped, like the other end-to-end suites.
@Suite(.serialized, .enabled(if: IntakeExecutable.url != nil, "the intake executable is not built"))
struct BatchFaultCLITests {
    struct Run {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String
    }

    /// Runs `intake` (through `/bin/sh -c` when `shellPrefix` is given, e.g. for `ulimit`).
    static func run(_ arguments: [String], shellPrefix: String? = nil,
                    whileRunning: ((Process) -> Void)? = nil) throws -> Run {
        let binary = try #require(IntakeExecutable.url)
        let process = Process()
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.arguments = ["-c", shellPrefix + "; exec " + quoted.joined(separator: " ")]
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        // Pipes, not files: the write-failure test limits the size of regular files.
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // One box per stream, each filled by its own reader and read after the group wait.
        let boxes = [StreamBox(), StreamBox()]
        let readers = DispatchGroup()
        for (box, pipe) in zip(boxes, [out, err]) {
            DispatchQueue.global().async(group: readers) {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
            }
        }
        try process.run()
        whileRunning?(process)
        process.waitUntilExit()
        readers.wait()
        return Run(status: process.terminationStatus, reason: process.terminationReason,
                   stdout: String(decoding: boxes[0].data, as: UTF8.self),
                   stderr: String(decoding: boxes[1].data, as: UTF8.self))
    }

    static func catalogArguments() -> [String] { ["--catalogs", TestCatalogs.locales.path] }

    /// Every visible file in `folder` must be a complete record: parseable JSON ending in a newline.
    static func expectOnlyCompleteRecords(in folder: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(data.last == UInt8(ascii: "\n"), "\(name) is not complete", sourceLocation: sourceLocation)
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["applicant"] != nil, "\(name) is not a complete record", sourceLocation: sourceLocation)
        }
        return names
    }

    @Test func damagedBatchExitsOneWithEveryErrorLocatedAndNoPartialOutput() throws {
        let corpus = try BatchFaultCorpus(count: 200)
        defer { corpus.remove() }
        let output = corpus.directory.appendingPathComponent("out")
        let run = try Self.run(["convert", corpus.inputDirectory.path, "--out-dir", output.path, "--jobs", "3"]
                               + Self.catalogArguments())
        #expect(run.reason == .exit)
        #expect(run.status == 1, "\(run.stderr.suffix(2_000))")
        #expect(run.stdout.isEmpty)
        let errorLines = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == corpus.damaged.count, "\(errorLines)")
        for form in corpus.damaged {
            let line = errorLines.first { $0.hasPrefix(form.file + ":") }
            #expect(line?.hasSuffix("[\(form.expectedCode!.rawValue)]") == true, "\(form.damage!): \(line ?? "no error line")")
        }
        let names = try Self.expectOnlyCompleteRecords(in: output)
        #expect(names.count == corpus.good.count)
        #expect(!names.contains { $0.hasPrefix(".") })
    }

    /// SIGKILL while records are being written: what is visible is complete; hidden temporary
    /// files may remain and the next run into the same folder removes them.
    @Test func killedBatchLeavesOnlyCompleteRecords() throws {
        let corpus = try BatchFaultCorpus(count: 1_000)
        defer { corpus.remove() }
        let output = corpus.directory.appendingPathComponent("out")
        let arguments = ["convert", corpus.inputDirectory.path, "--out-dir", output.path, "--jobs", "2"] + Self.catalogArguments()
        let killed = try Self.run(arguments) { process in
            // Kill as soon as some records exist: the batch is then surely midway.
            while process.isRunning {
                let count = (try? FileManager.default.contentsOfDirectory(atPath: output.path).count) ?? 0
                if count >= 30 { kill(process.processIdentifier, SIGKILL); break }
                usleep(2_000)
            }
        }
        #expect(killed.reason == .uncaughtSignal, "the batch finished before it could be killed")
        let partial = try Self.expectOnlyCompleteRecords(in: output)
        #expect(partial.filter { !$0.hasPrefix(".") }.count < corpus.good.count)
        #expect(partial.allSatisfy { !$0.hasPrefix(".") || AtomicFileWriter.writerProcess(ofTemporary: $0) != nil })

        let rerun = try Self.run(arguments)
        #expect(rerun.status == 1)
        let names = try Self.expectOnlyCompleteRecords(in: output)
        #expect(names.count == corpus.good.count, "\(names.filter { $0.hasPrefix(".") })")
    }

    @Test func outputFolderThatCannotBeCreatedIsExitTwo() throws {
        let corpus = try BatchFaultCorpus(count: 3, damagedEvery: 1_000)
        defer { corpus.remove() }
        let blocker = corpus.directory.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: blocker)
        for outDir in [blocker.path, blocker.appendingPathComponent("sub").path] {
            let run = try Self.run(["convert", corpus.inputDirectory.path, "--out-dir", outDir] + Self.catalogArguments())
            #expect(run.reason == .exit)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("cannot create output folder \(outDir)"), "\(run.stderr)")
        }
    }

    /// Writes that fail (here: RLIMIT_FSIZE of 512 bytes, so every record write gets EFBIG as on a
    /// full disk) are reported per file, exit 2, and leave neither partial records nor
    /// temporary files.
    @Test func failingWritesAreExitTwoWithoutPartialFiles() throws {
        let corpus = try BatchFaultCorpus(count: 6, damagedEvery: 1_000)
        defer { corpus.remove() }
        let output = corpus.directory.appendingPathComponent("out")
        let run = try Self.run(["convert", corpus.inputDirectory.path, "--out-dir", output.path, "--jobs", "2"]
                               + Self.catalogArguments(), shellPrefix: "trap '' XFSZ; ulimit -f 1")
        #expect(run.reason == .exit)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: cannot write ") && $0.contains("File too large") }.count == 6,
                "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }
}

/// A stream's bytes, written by one reader thread and read after it finished.
private final class StreamBox: @unchecked Sendable {
    var data = Data()
}
