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

    /// One piece of work to compare with others.
    struct Case {
        let name: String
        let bytes: Int
        let work: () throws -> Void
    }

    /// Runs the cases round-robin (`runs` rounds after one warm-up round) and keeps each one's
    /// best time. Interleaving matters on a shared machine: load that comes and goes then hits
    /// every case alike instead of whichever happened to run during it, so ratios stay honest.
    func interleaved(_ cases: [Case]) throws -> [Result] {
        var best = Array(repeating: Double.infinity, count: cases.count)
        for round in 0...max(runs, 1) {
            for (index, item) in cases.enumerated() {
                let start = ContinuousClock.now
                try item.work()
                let elapsed = ContinuousClock.now - start
                if round == 0 { continue }  // warm-up
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                best[index] = min(best[index], seconds)
            }
        }
        return zip(cases, best).map { Result(name: $0.name, bytes: $0.bytes, seconds: $1) }
    }
}
