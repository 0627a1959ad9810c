import Foundation

/// Converts many files on several threads and hands the results back in input order.
///
/// Each worker thread has its own `ConversionSession` (ICU objects are per thread). `process`
/// runs on the worker (serialize, write the output file) so that the expensive part is
/// parallel; `deliver` runs serially, in input order, so that stdout stays deterministic.
/// Results waiting for an earlier one are the only thing held, and no more than `window` of
/// them: a worker does not start file `n` until file `n - window` has been delivered, so one
/// slow early file makes the others wait instead of piling up finished records in memory.
public struct BatchConverter: Sendable {
    public let converter: Converter
    public let jobs: Int
    /// Most files started but not yet delivered: a few per job, enough to keep every job busy
    /// when files take unequal times, small enough that memory never grows with the batch.
    public let window: Int

    public static let windowPerJob = 4

    public init(converter: Converter, jobs: Int) {
        self.converter = converter
        self.jobs = max(1, jobs)
        self.window = max(1, jobs) * Self.windowPerJob
    }

    /// Converts `files`; `process` runs on the worker, `deliver` serially in input order.
    /// Returns the most results that were ever held waiting for an earlier one (at most
    /// `window - 1`), which the tests check.
    @discardableResult
    public func run<Output: Sendable>(
        files: [String],
        process: @escaping @Sendable (Int, ConversionResult) -> Output,
        deliver: @escaping @Sendable (Int, Output) -> Void
    ) -> Int {
        let shared = OrderState<Output>()
        let order = shared.condition
        let window = self.window
        let converter = self.converter
        let work: @Sendable (Int) -> Void = { _ in
            let session = converter.makeSession()
            while true {
                // Claim the next file once it is within the window of the next to deliver.
                order.lock()
                while shared.nextToStart < files.count, shared.nextToStart >= shared.nextToDeliver + window { order.wait() }
                let index = shared.nextToStart
                shared.nextToStart += 1
                order.unlock()
                guard index < files.count else { return }
                let result = Self.convertFile(files[index], session: session, limits: converter.options.limits)
                let output = process(index, result)
                // Deliver every result that is now next in order; one thread at a time.
                order.lock()
                shared.pending[index] = output
                shared.mostHeld = max(shared.mostHeld, shared.pending.count - (shared.pending[shared.nextToDeliver] == nil ? 0 : 1))
                var delivered = false
                while let ready = shared.pending.removeValue(forKey: shared.nextToDeliver) {
                    deliver(shared.nextToDeliver, ready)
                    shared.nextToDeliver += 1
                    delivered = true
                }
                if delivered { order.broadcast() }
                order.unlock()
            }
        }
        if jobs == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, files.count)), execute: work)
        }
        order.lock()
        defer { order.unlock() }
        return shared.mostHeld
    }

    /// Reads and converts one file; an unreadable or oversized file is a located error,
    /// never a crash, and an oversized file is not read at all.
    public static func convertFile(_ path: String, session: ConversionSession, limits: ReaderLimits) -> ConversionResult {
        switch InputFile.read(path: path, limit: limits.maxInputBytes) {
        case .success(let data):
            return session.convert(data, file: path)
        case .failure(let diagnostic):
            return ConversionResult(file: path, record: nil, diagnostics: [diagnostic], statistics: LeafStatistics())
        }
    }
}

/// The delivery order, guarded by an `NSCondition` (a lock ThreadSanitizer understands, see
/// `Locked`, that workers can also wait on when the window is full).
private final class OrderState<Output>: @unchecked Sendable {
    let condition = NSCondition()
    var pending: [Int: Output] = [:]
    var nextToStart = 0
    var nextToDeliver = 0
    /// Most results held at once waiting for an earlier one.
    var mostHeld = 0
}
