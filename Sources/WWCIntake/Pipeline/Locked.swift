import Foundation

/// A value shared between threads, guarded by a pthread-based `NSLock`.
///
/// Why not `Synchronization.Mutex`: ThreadSanitizer on Linux does not see `Mutex`'s futex
/// synchronization (Swift 6.3.1; even a trivial `Mutex` counter is reported), so every guarded
/// access was flagged as a race, which hides a real one in `make sanitize`. `NSLock` is
/// intercepted, and costs the same when uncontended.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
