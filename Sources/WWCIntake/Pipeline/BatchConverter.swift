import Foundation
import Synchronization

/// Converts many files on several threads and hands the results back in input order.
///
/// Each worker thread has its own `ConversionSession` (ICU objects are per thread). `process`
/// runs on the worker (serialize, write the output file) so that the expensive part is
/// parallel; `deliver` runs serially, in input order, so that stdout stays deterministic.
/// Results waiting for an earlier one are the only thing held, so memory does not grow with
/// the batch.
public struct BatchConverter: Sendable {
    public let converter: Converter
    public let jobs: Int

    public init(converter: Converter, jobs: Int) {
        self.converter = converter
        self.jobs = max(1, jobs)
    }

    public func run<Output: Sendable>(
        files: [String],
        process: @escaping @Sendable (Int, ConversionResult) -> Output,
        deliver: @escaping @Sendable (Int, Output) -> Void
    ) {
        let order = Locked(OrderState<Output>())
        let next = Atomic<Int>(0)
        let converter = self.converter
        let work: @Sendable (Int) -> Void = { _ in
            let session = converter.makeSession()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let result = Self.convertFile(files[index], session: session, limits: converter.options.limits)
                let output = process(index, result)
                // Deliver every result that is now next in order; one thread at a time.
                order.withLock { state in
                    state.pending[index] = output
                    while let ready = state.pending.removeValue(forKey: state.nextToDeliver) {
                        deliver(state.nextToDeliver, ready)
                        state.nextToDeliver += 1
                    }
                }
            }
        }
        if jobs == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, files.count)), execute: work)
        }
    }

    /// Reads and converts one file; an unreadable or oversized file is a located error,
    /// never a crash, and an oversized file is not read at all.
    public static func convertFile(_ path: String, session: ConversionSession, limits: ReaderLimits) -> ConversionResult {
        switch InputFile.read(URL(fileURLWithPath: path), limit: limits.maxInputBytes) {
        case .success(let data):
            return session.convert(data, file: path)
        case .failure(let diagnostic):
            return ConversionResult(file: path, record: nil, diagnostics: [diagnostic], statistics: LeafStatistics())
        }
    }
}

/// The delivery order, guarded by a `Locked` (an `NSLock`: see there why not `Mutex`).
private struct OrderState<Output> {
    var pending: [Int: Output] = [:]
    var nextToDeliver = 0
}
