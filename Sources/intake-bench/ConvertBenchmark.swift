import Foundation
import WWCIntake

/// `intake-bench convert [--forms N] [--runs N] [--keep] [--intake PATH] [--locales DIR]
/// [--skip-jobs2] [--baseline PATH]`: the whole pipeline, as staff run it, against the raw parser.
///
/// Generates `ConvertCorpus` (default 10,000 forms ≈ 60 MB, half XML, half JSON, 5 % invalid),
/// then measures in interleaved rounds (best of `runs`): `xmllint --stream --noout` over the
/// XML files; the form readers alone (in process, files preloaded); the file-system floor (as
/// many atomic record files written in process); and the real release `intake convert
/// <folder>` as a child process per format — `--jobs 1` to stdout, `--out-dir <fresh folder>
/// --jobs 1|2` — with its peak RSS and CPU time (`wait4` rusage). Then one small form converted by a fresh process (start-up,
/// catalogs and ICU data included), 15 times. Prints a table, the goals of issue 8 with
/// met / NOT MET, and one JSON line.
struct ConvertBenchmark {
    var forms = 10_000
    var runs = 3
    var keepCorpus = false
    var intakePath: String?
    var localesPath: String?
    var skipJobs2 = false
    /// Another `intake` binary (e.g. a copy of main's) measured in the same rounds, as
    /// `baseline convert …` rows: before/after in one run, under the same machine load.
    var baselinePath: String?
    /// Write the corpus, print where, and stop (for profiling or an RSS check by hand).
    var generateOnly = false

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--forms": forms = try ReadersBenchmark.positiveInt(iterator.next(), for: argument)
            case "--runs": runs = try ReadersBenchmark.positiveInt(iterator.next(), for: argument)
            case "--keep": keepCorpus = true
            case "--intake": intakePath = iterator.next()
            case "--locales": localesPath = iterator.next()
            case "--skip-jobs2": skipJobs2 = true
            case "--baseline": baselinePath = iterator.next()
            case "--generate-only": generateOnly = true; keepCorpus = true
            default: throw BenchmarkError.usage("unknown option \(argument)")
            }
        }
    }

    struct Row {
        let name: String
        let bytes: Int
        let files: Int
        var seconds = Double.infinity
        var maxRSSKilobytes = 0
        /// CPU time (user + system) of the best round's child process; nil in process.
        var cpuSeconds: Double?
        var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / seconds }
        var cpuMegabytesPerSecond: Double? { cpuSeconds.map { Double(bytes) / 1_000_000 / $0 } }
        var formsPerSecond: Double { Double(files) / seconds }
    }

    func run() throws {
        let intake = try Self.locateIntake(intakePath)
        let locales = try Self.locateLocales(localesPath)
        let modified = (try? FileManager.default.attributesOfItem(atPath: intake)[.modificationDate] as? Date) ?? nil
        print("intake: \(intake) (built \(modified.map { ISO8601DateFormatter().string(from: $0) } ?? "?"))")
        let generationStart = ContinuousClock.now
        let corpus = try ConvertCorpus.generate(forms: forms, locales: URL(fileURLWithPath: locales))
        defer { if !keepCorpus { corpus.remove() } }
        print("corpus: \(corpus.xml.files) XML files, \(ReadersBenchmark.mb(corpus.xml.bytes)) MB; "
              + "\(corpus.json.files) JSON files, \(ReadersBenchmark.mb(corpus.json.bytes)) MB; "
              + "\(corpus.xml.invalid + corpus.json.invalid) invalid; in \(corpus.directory.path) "
              + "(generated in \(ContinuousClock.now - generationStart))")
        if generateOnly { return }
        let output = corpus.directory.appendingPathComponent("out")
        let log = corpus.directory.appendingPathComponent("stderr.log").path

        // Correctness first: the converter must accept exactly the valid forms.
        var acceptedOK = true
        for (folder, stats) in [(corpus.xmlDirectory, corpus.xml), (corpus.jsonDirectory, corpus.json)] {
            try? FileManager.default.removeItem(at: output)
            let outcome = try ChildProcess.run(intake, ["convert", folder.path, "--out-dir", output.path, "--jobs", "2"], stderr: log)
            let written = (try? FileManager.default.contentsOfDirectory(atPath: output.path).count) ?? 0
            let expected = stats.files - stats.invalid
            let summary = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
            print("\(folder.lastPathComponent): \(written) records written, \(expected) expected (exit \(outcome.status)): \(summary)")
            if written != expected || outcome.status != (stats.invalid > 0 ? 1 : 0) {
                acceptedOK = false
                print("  MISMATCH: see \(log) (run with --keep to inspect the corpus)")
            }
        }

        // Every timed run writes into a folder of its own, and all are deleted at the end: ext4
        // skips inodes freed in the last ~30 s when it allocates new ones (`recently_deleted`),
        // so deleting the previous run's 5,000 records right before a run made creating files
        // several times slower than in a user's fresh or reused output folder.
        var outputRuns = 0
        func freshOutput() -> URL {
            outputRuns += 1
            return corpus.directory.appendingPathComponent("out-\(outputRuns)")
        }
        defer {
            for run in 1...max(1, outputRuns) {
                try? FileManager.default.removeItem(at: corpus.directory.appendingPathComponent("out-\(run)"))
            }
        }

        // Cases, measured round-robin.
        var rows: [Row] = []
        var cases: [() throws -> (seconds: Double, rss: Int, cpu: Double?)] = []
        let xmlFiles = try FileManager.default.contentsOfDirectory(atPath: corpus.xmlDirectory.path).sorted()
            .map { corpus.xmlDirectory.appendingPathComponent($0).path }
        let jsonFiles = try FileManager.default.contentsOfDirectory(atPath: corpus.jsonDirectory.path).sorted()
            .map { corpus.jsonDirectory.appendingPathComponent($0).path }
        if let xmllint = ReadersBenchmark.findExecutable("xmllint") {
            rows.append(Row(name: "xmllint --stream --noout (XML)", bytes: corpus.xml.bytes, files: corpus.xml.files))
            cases.append {
                let outcome = try ChildProcess.run(xmllint, ["--stream", "--noout"] + xmlFiles, measureRSS: true)
                guard outcome.status == 0 || outcome.status == 1 else { throw BenchmarkError.failed("xmllint exited \(outcome.status)") }
                return (outcome.seconds, outcome.maxRSSKilobytes, outcome.cpuSeconds)
            }
        } else {
            print("xmllint not found (Debian: apt-get install -y libxml2-utils); its row is skipped")
        }
        let xmlData = try xmlFiles.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let jsonData = try jsonFiles.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for (name, data, format, stats) in [("XMLFormReader (in process)", xmlData, SourceFormat.xml, corpus.xml),
                                             ("JSONFormReader (in process)", jsonData, SourceFormat.json, corpus.json)] {
            rows.append(Row(name: name, bytes: stats.bytes, files: stats.files))
            cases.append {
                let start = ContinuousClock.now
                var nodes = 0
                for bytes in data { nodes += FormReader.read(bytes, format: format).document?.root.children.count ?? 0 }
                precondition(nodes > 0)
                return (Self.seconds(since: start), 0, nil)
            }
        }
        // The file system's share: every record with --out-dir is a new file (temporary file +
        // rename, so a reader never sees half a record), and creating a file is a new inode.
        // Written here in process with the same writer, the same count and the XML sizes.
        rows.append(Row(name: "file-system floor (XML count)", bytes: corpus.xml.bytes, files: corpus.xml.files))
        cases.append {
            let output = freshOutput()
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            let start = ContinuousClock.now, cpu = ChildProcess.ownCPUSeconds()
            for (index, bytes) in xmlData.enumerated() {
                try AtomicFileWriter.write(bytes, toPath: output.path + "/form-\(index).json")
            }
            return (Self.seconds(since: start), 0, ChildProcess.ownCPUSeconds() - cpu)
        }
        // The same conversions with JSON Lines on stdout (redirected to one file): no file per record.
        let stdoutFile = corpus.directory.appendingPathComponent("stdout.jsonl").path
        for (label, folder, stats) in [("XML", corpus.xmlDirectory, corpus.xml), ("JSON", corpus.jsonDirectory, corpus.json)] {
            rows.append(Row(name: "intake convert \(label) j1 > stdout", bytes: stats.bytes, files: stats.files))
            cases.append {
                let outcome = try ChildProcess.run(intake, ["convert", folder.path, "--jobs", "1"], stdout: stdoutFile, stderr: log,
                                                   measureRSS: true)
                guard outcome.status <= 1 else { throw BenchmarkError.failed("intake convert exited \(outcome.status); see \(log)") }
                return (outcome.seconds, outcome.maxRSSKilobytes, outcome.cpuSeconds)
            }
        }
        for (program, prefix) in [(intake, "intake")] + (baselinePath.map { [($0, "baseline")] } ?? []) {
        for jobs in skipJobs2 ? [1] : [1, 2] {
            for (label, folder, stats) in [("XML", corpus.xmlDirectory, corpus.xml), ("JSON", corpus.jsonDirectory, corpus.json)] {
                rows.append(Row(name: "\(prefix) convert \(label) --jobs \(jobs)", bytes: stats.bytes, files: stats.files))
                cases.append {
                    let outcome = try ChildProcess.run(program, ["convert", folder.path, "--out-dir", freshOutput().path, "--jobs", "\(jobs)"],
                                                       stderr: log, measureRSS: true)
                    guard outcome.status <= 1 else { throw BenchmarkError.failed("intake convert exited \(outcome.status); see \(log)") }
                    return (outcome.seconds, outcome.maxRSSKilobytes, outcome.cpuSeconds)
                }
            }
        }
        }
        // The parallelism the machine offers, probed between rounds (load comes and goes).
        var parallelism: [Double] = []
        for round in 0...runs {
            parallelism.append(ParallelismProbe.measure())
            for (index, work) in cases.enumerated() {
                let (seconds, rss, cpu) = try work()
                rows[index].maxRSSKilobytes = max(rows[index].maxRSSKilobytes, rss)
                if round > 0 {
                    rows[index].seconds = min(rows[index].seconds, seconds)
                    if let cpu { rows[index].cpuSeconds = min(rows[index].cpuSeconds ?? .infinity, cpu) }
                }
            }
        }
        parallelism.append(ParallelismProbe.measure())
        try? FileManager.default.removeItem(at: output)

        // One small form, fresh process each time: start-up, catalogs, ICU data, one record.
        var small: [Double] = []
        var smallRSS = 0
        var baselineSmall: String?
        for _ in 0..<15 {
            let outcome = try ChildProcess.run(intake, ["convert", corpus.smallForm.path], stderr: log)
            guard outcome.status == 0 else { throw BenchmarkError.failed("small form: intake exited \(outcome.status); see \(log)") }
            small.append(outcome.seconds)
        }
        // Its peak RSS from one more run (not timed: `/usr/bin/time` adds a process).
        smallRSS = try ChildProcess.run(intake, ["convert", corpus.smallForm.path], stderr: log, measureRSS: true).maxRSSKilobytes
        small.sort()
        let smallMedian = small[small.count / 2]
        if let baselinePath {
            var times: [Double] = []
            for _ in 0..<15 { times.append(try ChildProcess.run(baselinePath, ["convert", corpus.smallForm.path], stderr: log).seconds) }
            times.sort()
            let rss = try ChildProcess.run(baselinePath, ["convert", corpus.smallForm.path], stderr: log, measureRSS: true).maxRSSKilobytes
            baselineSmall = String(format: "baseline: one small form, fresh process  best %.1f ms, median %.1f ms of 15, peak RSS %.1f MB",
                                   times[0] * 1000, times[times.count / 2] * 1000, Double(rss) / 1024)
        }

        report(rows: rows, smallBest: small[0], smallMedian: smallMedian, smallRSS: smallRSS, corpus: corpus, acceptedOK: acceptedOK,
               parallelism: parallelism)
        if let baselineSmall { print(baselineSmall) }
    }

    func report(rows: [Row], smallBest: Double, smallMedian: Double, smallRSS: Int, corpus: ConvertCorpus, acceptedOK: Bool,
                parallelism: [Double]) {
        print("")
        print("best of \(runs) interleaved rounds (after one warm-up round); \(ProcessInfo.processInfo.activeProcessorCount) cores; "
              + (ChildProcess.timeTool == nil ? "peak RSS from wait4 (INFLATED by this process's size: apt-get install -y time)" : "peak RSS from /usr/bin/time"))
        print("case".padding(toLength: 32, withPad: " ", startingAt: 0)
              + "      MB   files   seconds      MB/s    forms/s  peak RSS MB   CPU s  CPU MB/s")
        for row in rows {
            print(row.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                  + Self.pad(ReadersBenchmark.mb(row.bytes), 8) + Self.pad("\(row.files)", 8)
                  + Self.pad(String(format: "%.3f", row.seconds), 10) + Self.pad(String(format: "%.1f", row.megabytesPerSecond), 10)
                  + Self.pad(String(format: "%.0f", row.formsPerSecond), 11)
                  + Self.pad(row.maxRSSKilobytes > 0 ? String(format: "%.1f", Double(row.maxRSSKilobytes) / 1024) : "-", 13)
                  + Self.pad(row.cpuSeconds.map { String(format: "%.3f", $0) } ?? "-", 8)
                  + Self.pad(row.cpuMegabytesPerSecond.map { String(format: "%.1f", $0) } ?? "-", 10))
        }
        print("one small form, fresh process".padding(toLength: 32, withPad: " ", startingAt: 0)
              + String(format: "  best %.1f ms, median %.1f ms of 15, peak RSS %.1f MB", smallBest * 1000, smallMedian * 1000,
                       Double(smallRSS) / 1024))

        func row(_ prefix: String) -> Row? { rows.first { $0.name.hasPrefix(prefix) } }
        var goals: [(String, String, Bool)] = []
        var json: [(String, String)] = [
            ("benchmark", "\"convert\""), ("forms", "\(corpus.xml.files + corpus.json.files)"),
            ("invalid", "\(corpus.xml.invalid + corpus.json.invalid)"),
            ("corpus_mb_xml", ReadersBenchmark.mb(corpus.xml.bytes)), ("corpus_mb_json", ReadersBenchmark.mb(corpus.json.bytes)),
            ("accepted_count_ok", "\(acceptedOK)"),
        ]
        let keys = ["xmllint": "xmllint_stream", "XMLFormReader": "xml_reader", "JSONFormReader": "json_reader",
                    "intake convert XML --jobs 1": "convert_xml_j1", "intake convert JSON --jobs 1": "convert_json_j1",
                    "intake convert XML --jobs 2": "convert_xml_j2", "intake convert JSON --jobs 2": "convert_json_j2"]
        for (prefix, key) in keys.sorted(by: { $0.value < $1.value }) {
            guard let row = row(prefix) else { continue }
            json.append((key + "_mbps", String(format: "%.1f", row.megabytesPerSecond)))
            if key.hasPrefix("convert") {
                json.append((key + "_forms_per_s", String(format: "%.0f", row.formsPerSecond)))
                json.append((key + "_peak_rss_mb", String(format: "%.1f", Double(row.maxRSSKilobytes) / 1024)))
            }
        }
        json.append(("small_form_fresh_process_ms_median", String(format: "%.1f", smallMedian * 1000)))
        json.append(("small_form_fresh_process_ms_best", String(format: "%.1f", smallBest * 1000)))

        let xmlJ1 = row("intake convert XML --jobs 1"), jsonJ1 = row("intake convert JSON --jobs 1")
        let xmlJ2 = row("intake convert XML --jobs 2"), jsonJ2 = row("intake convert JSON --jobs 2")
        if let xmllint = row("xmllint"), let xmlJ1 {
            let ratio = xmlJ1.megabytesPerSecond / xmllint.megabytesPerSecond
            goals.append((String(format: "convert XML --jobs 1 / xmllint --stream MB/s = %.2f (goal ≥ 0.50)", ratio), "convert_xml_vs_xmllint", ratio >= 0.5))
            json.append(("convert_xml_vs_xmllint", String(format: "%.2f", ratio)))
            if let intakeCPU = xmlJ1.cpuMegabytesPerSecond, let xmllintCPU = xmllint.cpuMegabytesPerSecond {
                // The same ratio in CPU time: what the wall-time ratio would be on an idle machine.
                let cpuRatio = intakeCPU / xmllintCPU
                goals.append((String(format: "  same ratio in CPU time (user + system) = %.2f", cpuRatio), "probe", true))
                json.append(("convert_xml_vs_xmllint_cpu", String(format: "%.2f", cpuRatio)))
            }
        }
        if let xmllint = row("xmllint"), let piped = row("intake convert XML j1 > stdout") {
            let ratio = piped.megabytesPerSecond / xmllint.megabytesPerSecond
            var cpu = ""
            if let pipedCPU = piped.cpuMegabytesPerSecond, let xmllintCPU = xmllint.cpuMegabytesPerSecond {
                cpu = String(format: "; in CPU time %.2f", pipedCPU / xmllintCPU)
            }
            goals.append((String(format: "  without a file per record (JSON Lines on stdout) / xmllint MB/s = %.2f%@", ratio, cpu), "probe", true))
            json.append(("convert_xml_stdout_vs_xmllint", String(format: "%.2f", ratio)))
        }
        if let xmllint = row("xmllint"), let floor = row("file-system floor") {
            let bound = xmllint.seconds > 0 ? xmllint.seconds / floor.seconds : 0
            goals.append((String(format: "  file-system floor: creating %d record files takes %.2f s (CPU %.2f s), alone %.2f × xmllint's time: "
                                 + "--out-dir cannot beat a ratio of %.2f here", floor.files, floor.seconds, floor.cpuSeconds ?? 0,
                                 floor.seconds / xmllint.seconds, bound), "probe", true))
            json.append(("file_floor_vs_xmllint_time", String(format: "%.2f", floor.seconds / xmllint.seconds)))
        }
        if let xmlJ1, let jsonJ1 {
            let ratio = jsonJ1.megabytesPerSecond / xmlJ1.megabytesPerSecond
            goals.append((String(format: "convert JSON / convert XML MB/s (--jobs 1) = %.2f (goal ≥ 1.00; forms/s ratio %.2f)", ratio,
                                 jsonJ1.formsPerSecond / xmlJ1.formsPerSecond), "convert_json_vs_xml", ratio >= 1))
            json.append(("convert_json_vs_xml", String(format: "%.2f", ratio)))
            if let jsonCPU = jsonJ1.cpuMegabytesPerSecond, let xmlCPU = xmlJ1.cpuMegabytesPerSecond {
                goals.append((String(format: "  same ratio in CPU time (user + system) = %.2f", jsonCPU / xmlCPU), "probe", true))
                json.append(("convert_json_vs_xml_cpu", String(format: "%.2f", jsonCPU / xmlCPU)))
            }
        }
        for (label, one, two) in [("XML", xmlJ1, xmlJ2), ("JSON", jsonJ1, jsonJ2)] {
            guard let one, let two else { continue }
            let ratio = one.seconds / two.seconds
            goals.append((String(format: "convert %@ --jobs 2 / --jobs 1 = %.2f× (goal ≥ 1.80)", label, ratio), "speedup_jobs2_\(label.lowercased())", ratio >= 1.8))
            json.append(("speedup_jobs2_\(label.lowercased())", String(format: "%.2f", ratio)))
        }
        let probe = parallelism.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        goals.append(("machine parallelism probe (two CPU loops at once vs one; 2.00 = two free cores): \(probe)", "probe", true))
        json.append(("parallelism_probe", "[\(probe)]"))
        let peak = rows.filter { $0.name.hasPrefix("intake") }.map(\.maxRSSKilobytes).max() ?? 0
        let totalMB = ReadersBenchmark.mb(max(corpus.xml.bytes, corpus.json.bytes))
        goals.append((String(format: "peak RSS of convert = %.1f MB on %@ MB folders (goal ≤ 64 MB, flat in corpus size)", Double(peak) / 1024, totalMB),
                      "peak_rss", peak <= 64 * 1024))
        json.append(("convert_peak_rss_mb", String(format: "%.1f", Double(peak) / 1024)))
        goals.append((String(format: "one small form, fresh process = %.1f ms median (goal ≤ 50 ms)", smallMedian * 1000), "small_form", smallMedian <= 0.050))
        print("")
        if !acceptedOK { print("WARNING: the converter did not accept exactly the valid forms (see above)") }
        for (text, key, met) in goals { print((key == "probe" ? "info     " : met ? "met      " : "NOT MET  ") + text) }
        json.append(("goals_met", "\(goals.filter { $0.2 && $0.1 != "probe" }.count)"))
        json.append(("goals", "\(goals.filter { $0.1 != "probe" }.count)"))
        print("{" + json.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    static func seconds(timing work: () -> Void) -> Double {
        let start = ContinuousClock.now
        work()
        return seconds(since: start)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func pad(_ text: String, _ width: Int) -> String { ReadersBenchmark.pad(text, width) }

    /// The release `intake` beside this executable (`swift build -c release` builds both).
    static func locateIntake(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                     ?? CommandLine.arguments[0])
        let sibling = me.deletingLastPathComponent().appendingPathComponent("intake").path
        guard FileManager.default.isExecutableFile(atPath: sibling) else {
            throw BenchmarkError.usage("no intake beside \(me.path); run `swift build -c release` first, or pass --intake PATH")
        }
        return sibling
    }

    static func locateLocales(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let environment = ProcessInfo.processInfo.environment["WWC_INTAKE_LOCALES"] { return environment }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("locales/en.json").path
            if FileManager.default.fileExists(atPath: candidate) { return folder.appendingPathComponent("locales").path }
            folder.deleteLastPathComponent()
        }
        throw BenchmarkError.usage("cannot find locales/; run from the package folder or pass --locales DIR")
    }
}
