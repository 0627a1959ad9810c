import Foundation

/// Times a piece of work over a known number of bytes and reports throughput.
/// Best of `runs` (the least disturbed run on a shared machine), after one warm-up run.
struct Measure {
    struct Result {
        let name: String
        let bytes: Int
        let seconds: Double
        /// MB/s with MB = 10^6 bytes.
        var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / seconds }
    }

    var runs: Int = 3

    func throughput(_ name: String, bytes: Int, warmUp: Bool = true, _ work: () throws -> Void) rethrows -> Result {
        if warmUp { try work() }
        var best = Double.infinity
        for _ in 0..<max(runs, 1) {
            let start = ContinuousClock.now
            try work()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds)
        }
        return Result(name: name, bytes: bytes, seconds: best)
    }
}
