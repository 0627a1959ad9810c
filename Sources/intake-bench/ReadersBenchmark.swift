import Foundation
import WWCIntake

/// `intake-bench readers [--mb N] [--runs N] [--keep] [--only xml|json|xmllint]`: MB/s of `XMLFormReader`,
/// `JSONFormReader` and `xmllint --stream --noout` on the same generated corpus, one thread.
///
/// Our readers read from memory (files preloaded) and build the full form tree; xmllint reads
/// the same files from the page cache and builds nothing. Targets: XML reader ≥ 60 % of
/// xmllint, JSON reader ≥ the XML reader.
struct ReadersBenchmark {
    var megabytes = 50
    var runs = 3
    var keepCorpus = false
    /// Measure one column only (for profiling with perf/callgrind).
    var only: String?

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--mb": megabytes = try Self.positiveInt(iterator.next(), for: argument)
            case "--runs": runs = try Self.positiveInt(iterator.next(), for: argument)
            case "--keep": keepCorpus = true
            case "--only":
                guard let value = iterator.next(), ["xml", "json", "xmllint"].contains(value) else {
                    throw BenchmarkError.usage("--only needs xml, json or xmllint")
                }
                only = value
            default: throw BenchmarkError.usage("unknown option \(argument)")
            }
        }
    }

    static func positiveInt(_ text: String?, for option: String) throws -> Int {
        guard let text, let value = Int(text), value > 0 else { throw BenchmarkError.usage("\(option) needs a positive number") }
        return value
    }

    func run() throws {
        let corpus = try Corpus.generate(megabytesPerFormat: megabytes)
        defer { if !keepCorpus { corpus.remove() } }
        print("corpus: \(corpus.xmlFiles.count) XML files, \(Self.mb(corpus.xmlBytes)) MB; "
              + "\(corpus.jsonFiles.count) JSON files, \(Self.mb(corpus.jsonBytes)) MB; in \(corpus.directory.path)")

        // Correctness first: a fast reader that rejects the corpus measures nothing.
        let xmlLeaves = try Self.readAll(corpus.xmlFiles, countLeaves: true) { XMLFormReader().read($0) }
        let jsonLeaves = try Self.readAll(corpus.jsonFiles, countLeaves: true) { JSONFormReader().read($0) }
        print("leaves read: XML \(xmlLeaves), JSON \(jsonLeaves)")

        let measure = Measure(runs: runs)
        func wanted(_ name: String) -> Bool { only == nil || only == name }
        var cases: [Measure.Case] = []
        if wanted("xml") {
            cases.append(Measure.Case(name: "XMLFormReader", bytes: corpus.xmlBytes) {
                _ = try Self.readAll(corpus.xmlFiles) { XMLFormReader().read($0) }
            })
        }
        if wanted("json") {
            cases.append(Measure.Case(name: "JSONFormReader", bytes: corpus.jsonBytes) {
                _ = try Self.readAll(corpus.jsonFiles) { JSONFormReader().read($0) }
            })
        }
        if wanted("xmllint") {
            if let tool = Self.findExecutable("xmllint") {
                let paths = corpus.xmlFiles.map(\.url.path)
                cases.append(Measure.Case(name: "xmllint --stream --noout", bytes: corpus.xmlBytes) {
                    try Self.runXMLLint(tool, files: paths)
                })
            } else {
                print("xmllint not found (Debian: apt-get install -y libxml2-utils); its column is skipped")
            }
        }
        let rows = try measure.interleaved(cases)
        let xml = rows.first { $0.name == "XMLFormReader" }
        let json = rows.first { $0.name == "JSONFormReader" }
        let xmllint = rows.first { $0.name.hasPrefix("xmllint") }
        print("")
        print("best of \(runs) interleaved rounds, one thread")
        print("reader".padding(toLength: 28, withPad: " ", startingAt: 0) + "      MB     seconds      MB/s")
        for row in rows {
            print(row.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + Self.pad(Self.mb(row.bytes), 8) + Self.pad(String(format: "%.3f", row.seconds), 12)
                  + Self.pad(String(format: "%.1f", row.megabytesPerSecond), 10))
        }
        var summary: [(String, String)] = [
            ("benchmark", "\"readers\""), ("corpus_mb_xml", Self.mb(corpus.xmlBytes)), ("corpus_mb_json", Self.mb(corpus.jsonBytes)),
            ("xml_files", "\(corpus.xmlFiles.count)"), ("json_files", "\(corpus.jsonFiles.count)"),
        ]
        for (key, result) in [("xml_reader_mbps", xml), ("json_reader_mbps", json), ("xmllint_stream_mbps", xmllint)] {
            if let result { summary.append((key, String(format: "%.1f", result.megabytesPerSecond))) }
        }
        print("")
        if let xml, let json {
            let ratio = json.megabytesPerSecond / xml.megabytesPerSecond
            print(String(format: "JSON reader / XML reader: %.2f (target ≥ 1.00)", ratio))
            summary.append(("json_vs_xml_reader", String(format: "%.2f", ratio)))
        }
        if let xml, let xmllint {
            let ratio = xml.megabytesPerSecond / xmllint.megabytesPerSecond
            print(String(format: "XML reader / xmllint --stream: %.2f (target ≥ 0.60)", ratio))
            summary.append(("xml_reader_vs_xmllint", String(format: "%.2f", ratio)))
        }
        print("{" + summary.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    /// Reads every file; returns the number of leaves (so the work cannot be optimized away)
    /// and fails on the first file that did not read cleanly.
    static func readAll(_ files: [Corpus.File], countLeaves: Bool = false, _ read: (Data) -> ReadResult) throws -> Int {
        var leaves = 0
        for file in files {
            let result = read(file.bytes)
            guard let document = result.document, result.diagnostics.isEmpty else {
                throw BenchmarkError.failed("\(file.url.lastPathComponent): \(result.diagnostics)")
            }
            leaves += countLeaves ? document.root.leafCount : document.root.children.count
        }
        return leaves
    }

    static func runXMLLint(_ tool: String, files: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--stream", "--noout"] + files
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError.failed("xmllint exited \(process.terminationStatus)") }
    }

    static func findExecutable(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message): "usage: \(message)"
        case .failed(let message): "failed: \(message)"
        }
    }
}
