import Foundation
import Synchronization
import Testing
@testable import WWCIntake

/// Issue 13, case 8: a slow first file does not let the rest of the batch pile up in memory.
/// `BatchConverter` starts file `n` only once file `n - window` is delivered, so the results
/// held waiting for an earlier one never exceed the window, however slow the first file is.
@Suite struct BatchWindowTests {
    @Test(arguments: [2, 3])
    func aSlowFirstFileHoldsAtMostTheWindow(jobs: Int) throws {
        let files = Array(repeating: TestCatalogs.samples.appendingPathComponent("en/austin.json").path, count: 60)
        let batch = BatchConverter(converter: TestCatalogs.converter, jobs: jobs)
        #expect(batch.window == jobs * BatchConverter.windowPerJob)
        let finished = Atomic<Int>(0)
        let delivered = Mutex<[Int]>([])
        let mostHeld = batch.run(files: files, process: { index, result in
            if index == 0 {
                // The first file is slow: it waits until the others have done all they may
                // (window - 1 files), then a little longer, in which an unbounded batch
                // would go on converting (and holding) the rest.
                let deadline = Date().addingTimeInterval(20)
                while finished.load(ordering: .relaxed) < batch.window - 1, Date() < deadline { usleep(1_000) }
                usleep(300_000)
            } else {
                finished.add(1, ordering: .relaxed)
            }
            return result.isAccepted
        }, deliver: { index, accepted in
            #expect(accepted)
            delivered.withLock { $0.append(index) }
        })
        #expect(delivered.withLock { $0 } == Array(0..<60))
        // The other jobs filled the window behind the slow file, and stopped there.
        #expect(finished.load(ordering: .relaxed) == 59)
        #expect(mostHeld == batch.window - 1)
    }

    @Test func oneJobHoldsNothing() {
        let files = Array(repeating: TestCatalogs.samples.appendingPathComponent("en/austin.json").path, count: 5)
        let batch = BatchConverter(converter: TestCatalogs.converter, jobs: 1)
        #expect(batch.run(files: files, process: { _, _ in 0 }, deliver: { _, _ in }) == 0)
    }
}
