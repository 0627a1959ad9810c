import Dispatch
import Synchronization
import Foundation

/// How much parallelism the machine offers right now: the same CPU-bound loop on one thread,
/// then on two threads at once. 2.0 means two free cores; ~1.0 means other work holds one
/// (on a shared machine a `--jobs 2` speed-up cannot exceed this, whatever the code does).
enum ParallelismProbe {
    /// A fixed amount of integer work (~0.25 s on one core), kept from being optimized away.
    static func work() -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var sum: UInt64 = 0
        for _ in 0..<150_000_000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            sum &+= state
        }
        return sum
    }

    /// Speed-up of two concurrent loops over one: 2 × t(one) / t(two at once).
    static func measure() -> Double {
        let sink = Atomic<UInt64>(0)
        let one = ConvertBenchmark.seconds(timing: { _ = sink.wrappingAdd(work(), ordering: .relaxed) })
        let two = ConvertBenchmark.seconds(timing: {
            DispatchQueue.concurrentPerform(iterations: 2) { _ in _ = sink.wrappingAdd(work(), ordering: .relaxed) }
        })
        return 2 * one / two
    }
}
