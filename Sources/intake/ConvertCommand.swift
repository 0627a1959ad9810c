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
            written as NAME.json, atomically (a file is either complete or absent).

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

    @Option(help: ArgumentHelp("Write each record to DIR/NAME.json instead of stdout.", valueName: "dir"))
    var outDir: String?

    @Option(help: ArgumentHelp("Forms converted in parallel.", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "With --out-dir, flush each record to disk before renaming it into place (survives a power cut; slower).")
    var fsync = false

    @OptionGroup var language: LanguageOption
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let catalogs = try catalogOptions.load()
        let converter = Converter(catalogs: catalogs, options: localeOption.conversionOptions(limits: limitOptions.limits))
        let (files, inputProblems) = InputFiles.collect(inputs)
        let lang = language.code
        let stderr = Terminal.standardError
        for problem in inputProblems {
            stderr.write(DiagnosticFormatter.line(problem, message: catalogs.render(problem, language: lang)) + "\n")
        }
        let outDirectory = outDir.map { URL(fileURLWithPath: $0) }
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
        let names = InputFiles.outputNames(for: files)
        let single = files.count == 1 && inputs.count == 1 && outDirectory == nil
        let progress = ProgressLine(total: files.count, terminal: stderr)
        let tally = Mutex(ConvertTally())

        // Records are written by path string (see AtomicFileWriter.write(_:toPath:)).
        let outFolderPath = outDirectory.map { $0.path.hasSuffix("/") ? $0.path : $0.path + "/" }

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
                return ConvertOutput(result: result, line: nil, writeError: nil, messages: messages)
            }
            // The converter hands the record the same diagnostics as the result; render anew
            // only if a caller ever made them differ.
            let recordMessages = record.diagnostics == result.diagnostics
                ? rendered : record.diagnostics.map { catalogs.render($0, language: lang) }
            if let outFolderPath {
                let bytes = record.serializedUTF8(pretty: true, messages: recordMessages, newline: true)
                do {
                    try AtomicFileWriter.write(bytes, toPath: outFolderPath + names[index], durable: fsync)
                } catch {
                    return ConvertOutput(result: result, line: nil, writeError: String(describing: error), messages: messages)
                }
                return ConvertOutput(result: result, line: nil, writeError: nil, messages: messages)
            }
            let line = record.serializedUTF8(pretty: single, messages: recordMessages, newline: true)
            return ConvertOutput(result: result, line: line, writeError: nil, messages: messages)
        }, deliver: { (_: Int, output: ConvertOutput) in
            // In input order, one at a time.
            if !output.result.diagnostics.isEmpty || output.writeError != nil { progress.clear() }
            if !output.messages.isEmpty { stderr.write(output.messages) }
            if let line = output.line { Terminal.standardOutput.write(line) }
            if let writeError = output.writeError { stderr.write("error: cannot write \(writeError)\n") }
            tally.withLock { tally in
                tally.record(output)
                progress.update(done: tally.done)
            }
        })
        progress.finish()
        let summary = tally.withLock { $0 }
        let rejected = summary.rejected + inputProblems.count
        let message = catalogs.render(key: "summary.convert", arguments: [
            "converted": .number(summary.converted), "rejected": .number(rejected),
            "files": .number(files.count + inputProblems.count), "warnings": .number(summary.warnings),
        ], language: lang)
        stderr.write(message + "\n")
        if summary.writeFailures > 0 {
            let failed = catalogs.render(key: "summary.write_failed", arguments: ["count": .number(summary.writeFailures)],
                                         language: lang)
            stderr.write(failed + "\n")
            throw ExitCode(2)
        }
        if rejected > 0 { throw ExitCode(1) }
    }
}

struct ConvertOutput: Sendable {
    var result: ConversionResult
    /// The record as one line of JSON Lines (or the pretty object for a single input), UTF-8.
    var line: [UInt8]?
    var writeError: String?
    /// The diagnostics as stderr lines, rendered on the worker thread.
    var messages = ""
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
