// intake-bench: benchmarks, one subcommand per measured stage (see README).
//
//   swift run -c release intake-bench readers [--mb 50] [--runs 3] [--keep] [--only xml|json|xmllint]
//   swift run -c release intake-bench soak [--iterations 20000]
//   swift run -c release intake-bench            (no argument: every benchmark with defaults; `make bench`)
//
// Subcommands are dispatched on the first argument; add one by adding a case below and a type
// like `ReadersBenchmark` (options parsed from the remaining arguments, `run()` prints).
import Foundation

let usage = """
    usage: intake-bench [<benchmark> [options]]   (no benchmark: run all with defaults)
      readers [--mb N] [--runs N] [--keep] [--only xml|json|xmllint]
              XML/JSON form readers vs xmllint --stream on N MB (default 50) of generated forms per format
      convert [--forms N] [--runs N] [--keep] [--intake PATH] [--locales DIR] [--skip-jobs2] [--baseline PATH] [--generate-only]
              the release `intake convert --out-dir` (--jobs 1 and 2) vs xmllint --stream and the readers on
              N (default 10,000) generated forms, peak RSS, and one small form as a fresh process
      soak [--iterations N]
              reads hostile and broken inputs N times (default 20,000) and reports memory growth
    """

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.isEmpty ? "" : arguments.removeFirst()
do {
    switch command {
    case "readers":
        try ReadersBenchmark(arguments: arguments).run()
    case "soak":
        try SoakBenchmark(arguments: arguments).run()
    case "convert":
        try ConvertBenchmark(arguments: arguments).run()
    case "":
        try ReadersBenchmark(arguments: []).run()
        print("")
        try SoakBenchmark(arguments: []).run()
    case "-h", "--help", "help":
        print(usage)
    default:
        throw BenchmarkError.usage("unknown benchmark \(command)\n\(usage)")
    }
} catch {
    FileHandle.standardError.write(Data("intake-bench: \(error)\n".utf8))
    exit(error is BenchmarkError ? 2 : 1)
}
