import Foundation
import WWCIntake

/// `intake-bench soak [--iterations N]`: reads broken and hostile inputs many times and
/// reports resident memory before and after, to catch leaks on error paths (libxml2 hands
/// some objects to the caller when a read fails; valgrind cannot run the test bundle).
struct SoakBenchmark {
    var iterations = 20_000

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--iterations": iterations = try ReadersBenchmark.positiveInt(iterator.next(), for: argument)
            default: throw BenchmarkError.usage("unknown option \(argument)")
            }
        }
    }

    static let inputs: [(String, SourceFormat, [UInt8])] = [
        ("xml ok", .xml, Array("<a x=\"1\"><b>é</b><b>2</b></a>".utf8)),
        ("xml dtd", .xml, Array("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>".utf8)),
        ("xml external dtd", .xml, Array("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>".utf8)),
        ("xml mismatched", .xml, Array("<a>\n<b></c></a>".utf8)),
        ("xml truncated", .xml, Array("<a>\n<b>x".utf8)),
        ("xml bad utf-8", .xml, Array("<a>".utf8) + [0xE1] + Array("</a>".utf8)),
        ("xml windows-1252", .xml, Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>".utf8) + [0x81] + Array("</a>".utf8)),
        ("xml too deep", .xml, Array((String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)).utf8)),
        ("json ok", .json, Array("{\"a\": [1, \"é\", {\"b\": null}]}".utf8)),
        ("json malformed", .json, Array("{\"a\": [1,}".utf8)),
        ("json too deep", .json, Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)),
    ]

    func run() throws {
        let data = Self.inputs.map { ($0.0, $0.1, Data($0.2)) }
        // Warm up caches and lazily created globals before the first reading.
        for (_, format, bytes) in data { _ = FormReader.read(bytes, format: format) }
        print("input".padding(toLength: 20, withPad: " ", startingAt: 0) + "   RSS before    RSS after     growth")
        var total = 0
        for (name, format, bytes) in data {
            let before = Self.residentKilobytes()
            for _ in 0..<iterations { _ = FormReader.read(bytes, format: format) }
            let after = Self.residentKilobytes()
            total += max(0, after - before)
            print(name.padding(toLength: 20, withPad: " ", startingAt: 0)
                  + String(format: " %9d kB %9d kB %7d kB", before, after, after - before))
        }
        print("{\"benchmark\": \"soak\", \"iterations\": \(iterations), \"rss_growth_kb\": \(total)}")
    }

    /// Resident set size from /proc (Linux); 0 where unavailable.
    static func residentKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }
}
