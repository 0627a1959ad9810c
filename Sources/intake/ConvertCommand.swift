import ArgumentParser
import Synchronization
import Foundation
import WWCIntake

/// `intake convert`: forms in, canonical records out.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert submitted forms into canonical application records.",
        discussion: """
            One input prints one JSON object on stdout; several inputs (or a folder) print JSON \
            Lines, one record per accepted form, in input order. With --out-dir each record is \
            written atomically (a file is either complete or absent) to a path that mirrors the \
            input's path below the folder given: `intake convert batch --out-dir out` writes \
            batch/a/form.xml to out/a/form.json (a file named directly: out/NAME.json). Two \
            forms of one folder named alike keep their format (form.xml.json, form.json.json). \
            If two inputs would still get one path (the same name below two folders given), \
            nothing is written and the exit status is 2. The output folder is never searched \
            for input; the record of a form rejected in this run is removed from it (stderr \
            says so), so --out-dir holds exactly the forms that passed.

            A form with any error is rejected: no record is written for it, and its diagnostics \
            go to stderr as file:line:col: severity: message [code]. A bad file never stops the \
            batch. Values no field takes are kept in the record's `unmapped` list.

            Exit status: 0 every form converted (warnings allowed), 1 some form rejected, \
            2 usage or configuration error.

            Examples:
              intake convert samples/es/bogota.xml
              intake convert samples/ --out-dir out/ --jobs 2
              intake convert form.json --locale es-CO
            """
    )

    @Argument(help: ArgumentHelp("Form files (.xml, .json) or folders to search.", valueName: "input"))
    var inputs: [String]

    @OptionGroup var localeOption: LocaleOption

    @Option(help: ArgumentHelp("Write each record under DIR, mirroring the input's path (DIR/a/form.json), instead of stdout.", valueName: "dir"))
    var outDir: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Forms converted in parallel.", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "With --out-dir, flush each record to disk before renaming it into place (survives a power cut; slower).")
    var fsync = false

    @OptionGroup var language: LanguageOption
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard jobs >= 1 else { throw usageError(.optionInvalid, ["option": "--jobs", "rule": "atLeastOne", "value": .text(String(jobs))]) }
    }

    func run() throws {
        let catalogs = try catalogOptions.load()
        try localeOption.checkCatalog(in: catalogs)
        let converter = Converter(catalogs: catalogs, options: localeOption.conversionOptions(limits: limitOptions.limits))
        ProcessLifetime.keep(converter)
        // The output folder is never walked as input: its records are not forms.
        let collection = InputFiles.gather(inputs, excluding: outDir)
        let (inputList, inputProblems) = (collection.inputs, collection.diagnostics)
        let files = inputList.map(\.path)
        let lang = language.code
        let stderr = Terminal.standardError
        for problem in inputProblems {
            stderr.write(DiagnosticFormatter.line(problem, message: catalogs.render(problem, language: lang)) + "\n")
        }
        let outDirectory = outDir.map { URL(fileURLWithPath: $0) }
        // Where each record goes, decided before anything is written: two inputs that would
        // share a record path, or a record that would replace an input, stop the run.
        var plannedNames: [String] = []
        if let outDir {
            let plan = InputFiles.outputPaths(for: inputList)
            var refused = plan.collisions.map { collision in
                catalogs.render(key: "output.collision", arguments: [
                    "first": .text(collision.first), "second": .text(collision.second),
                    "output": .text(Self.joined(outDir, collision.output)),
                ], language: lang)
            }
            refused += Self.outputsReplacingInputs(inputs: inputs, files: files, outDir: outDir, names: plan.paths).map {
                catalogs.render(key: "output.overwrites_input", arguments: ["output": .text($0)], language: lang)
            }
            if !refused.isEmpty {
                for line in refused { stderr.write("error: " + line + "\n") }
                throw ExitCode(2)
            }
            plannedNames = plan.paths
        }
        let names = plannedNames
        if let outDir, let outDirectory {
            do {
                try FileManager.default.createDirectory(at: outDirectory, withIntermediateDirectories: true)
            } catch {
                stderr.write("error: cannot create output folder \(outDir): \(error.localizedDescription)\n")
                throw ExitCode(2)
            }
            // Hidden temporary files of an earlier run that was killed midway.
            AtomicFileWriter.removeStaleTemporaries(in: outDirectory)
        }
        let single = files.count == 1 && inputs.count == 1 && outDirectory == nil
        let progress = ProgressLine(total: files.count, terminal: stderr)
        let tally = Mutex(ConvertTally())
        let fsync = self.fsync

        // Records are written by path string (see AtomicFileWriter.write(_:toPath:)).
        let outFolderPath = outDirectory.map { $0.path.hasSuffix("/") ? $0.path : $0.path + "/" }
        let folders = OutputFolders(root: outFolderPath ?? "", durable: fsync)

        BatchConverter(converter: converter, jobs: jobs).run(files: files, process: { (index: Int, result: ConversionResult) -> ConvertOutput in
            // Worker thread: render the diagnostics (ICU MessageFormat; done here, not in the
            // serial `deliver`, so that a second job is not kept waiting for it), serialize and
            // (with --out-dir) write the record. Each diagnostic is rendered once: the same text
            // goes to the stderr line and to the record's `diagnostics[].message`.
            let rendered = result.diagnostics.map { catalogs.render($0, language: lang) }
            var messages = ""
            for (diagnostic, message) in zip(result.diagnostics, rendered) {
                messages += DiagnosticFormatter.line(diagnostic, message: message)
                messages += "\n"
            }
            guard let record = result.record else {
                // Rejected in this run: a record an earlier run wrote for it would be a lie.
                let stale = outFolderPath.flatMap { Self.removeStaleRecord($0 + names[index]) }
                return ConvertOutput(result: result, line: nil, writeError: nil, messages: messages, removedStale: stale)
            }
            // An accepted form's diagnostics are its record's: the same messages serve both.
            if let outFolderPath {
                let bytes = record.serializedUTF8(pretty: true, messages: rendered, newline: true)
                let path = outFolderPath + names[index]
                do {
                    try folders.prepare(names[index])
                    try AtomicFileWriter.write(bytes, toPath: path, durable: fsync)
                } catch {
                    return ConvertOutput(result: result, line: nil, writeError: String(describing: error), messages: messages,
                                         removedStale: Self.removeStaleRecord(path))
                }
                return ConvertOutput(result: result, line: nil, writeError: nil, messages: messages)
            }
            let line = record.serializedUTF8(pretty: single, messages: rendered, newline: true)
            return ConvertOutput(result: result, line: line, writeError: nil, messages: messages)
        }, deliver: { (index: Int, output: ConvertOutput) in
            var output = output
            output.index = index
            // In input order, one at a time.
            if !output.result.diagnostics.isEmpty || output.writeError != nil || output.removedStale != nil { progress.clear() }
            if !output.messages.isEmpty { stderr.write(output.messages) }
            if let line = output.line { Terminal.standardOutput.write(line) }
            if let writeError = output.writeError { stderr.write("error: cannot write \(writeError)\n") }
            if output.removedStale != nil, let outDir, let index = output.index {
                stderr.write(catalogs.render(key: "output.stale_removed", arguments: [
                    "output": .text(Self.joined(outDir, names[index])), "file": .text(output.result.file ?? ""),
                ], language: lang) + "\n")
            }
            tally.withLock { tally in
                tally.record(output)
                progress.update(done: tally.done)
            }
        })
        progress.finish()
        let summary = tally.withLock { $0 }
        let inputErrors = inputProblems.filter { $0.severity == .error }.count
        let rejected = summary.rejected + inputErrors
        let message = catalogs.render(key: "summary.convert", arguments: [
            "converted": .number(summary.converted), "rejected": .number(rejected),
            "files": .number(files.count + inputErrors),
            "warnings": .number(summary.warnings + inputProblems.count - inputErrors),
        ], language: lang)
        stderr.write(message + "\n")
        if summary.writeFailures > 0 {
            let failed = catalogs.render(key: "summary.write_failed", arguments: ["count": .number(summary.writeFailures)],
                                         language: lang)
            stderr.write(failed + "\n")
            throw ExitCode(2)
        }
        if inputProblems.contains(where: InputFiles.isMissingPath) { throw ExitCode(2) }
        if rejected > 0 { throw ExitCode(1) }
    }

    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Record paths that are inputs of this run (`--out-dir` is an input folder, or a form
    /// named on the command line lies where its record would go): writing would destroy them.
    static func outputsReplacingInputs(inputs: [String], files: [String], outDir: String, names: [String]) -> [String] {
        guard let outID = InputFiles.FolderID(path: outDir) else { return [] }  // not there yet: nothing to replace
        if inputs.contains(where: { InputFiles.FolderID(path: $0) == outID }) { return [outDir] }
        var inputIDs: Set<InputFiles.FolderID>?
        var replaced: [String] = []
        for name in names {
            let path = joined(outDir, name)
            guard let id = InputFiles.FolderID(path: path) else { continue }
            if inputIDs == nil { inputIDs = Set(files.compactMap(InputFiles.FolderID.init(path:))) }
            if inputIDs!.contains(id) { replaced.append(path) }
        }
        return replaced
    }

    /// Removes the record at `path` if there is one (a canonical record, never another file)
    /// and returns its path.
    static func removeStaleRecord(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), ApplicationLoader.canonicalRecord(data) != nil,
              unlink(path) == 0 else { return nil }
        return path
    }
}

/// The subfolders of `--out-dir` that records mirroring the inputs' folders need, made when the
/// first record goes into each (so a rejected form leaves no empty folder).
final class OutputFolders: Sendable {
    let root: String
    let durable: Bool
    private let made = Mutex<Set<String>>([])

    init(root: String, durable: Bool) {
        self.root = root
        self.durable = durable
    }

    func prepare(_ name: String) throws {
        guard let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = String(name[..<slash])
        if made.withLock({ $0.contains(folder) }) { return }
        let url = URL(fileURLWithPath: root + folder)
        let existed = FileManager.default.fileExists(atPath: url.path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if durable && !existed {
            // New folders are entries of their parents: flush each parent, from --out-dir down.
            let parts = folder.split(separator: "/")
            for depth in 0..<parts.count {
                _ = AtomicFileWriter.syncDirectory(root + parts[..<depth].joined(separator: "/"))
            }
        }
        made.withLock { _ = $0.insert(folder) }
    }
}

struct ConvertOutput: Sendable {
    var result: ConversionResult
    /// The record as one line of JSON Lines (or the pretty object for a single input), UTF-8.
    var line: [UInt8]?
    var writeError: String?
    /// The diagnostics as stderr lines, rendered on the worker thread.
    var messages = ""
    /// The record of an earlier run removed because this run rejected its form.
    var removedStale: String?
    /// The input's position in the batch (set on delivery).
    var index: Int?
}

struct ConvertTally: Sendable {
    var done = 0
    var converted = 0
    var rejected = 0
    var warnings = 0
    var writeFailures = 0

    mutating func record(_ output: ConvertOutput) {
        done += 1
        warnings += output.result.warningCount
        if output.writeError != nil {
            writeFailures += 1
        } else if output.result.isAccepted {
            converted += 1
        } else {
            rejected += 1
        }
    }
}
