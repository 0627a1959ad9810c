internal import CICU

/// Glue for the `wwc_*` C wrappers: UTF-8 in as pointer + length, UTF-8 out through a
/// caller buffer that grows once when the wrapper reports it needs more.
///
/// Why UTF-8 both ways: converting a Swift `String` to UTF-16 and back costs more than the
/// ICU work itself, so the conversion happens in C, with stack buffers for short strings.
enum ICUCall {
    /// Runs `body` with a UTF-8 view of `text` (never a null pointer).
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafePointer<CChar>, Int32) -> R) -> R {
        var copy = text
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress, chars.count > 0 {
                    return body(base, Int32(chars.count))
                }
                var zero: CChar = 0
                return withUnsafePointer(to: &zero) { body($0, 0) }
            }
        }
    }

    /// Calls `produce(buffer, capacity)`, which returns the bytes needed or a negative status.
    /// Returns the string, or the negative status as `.failure`.
    static func string(
        initialCapacity: Int = 256, _ produce: (UnsafeMutablePointer<CChar>, Int32) -> Int32
    ) -> Result<String, ICUStatus> {
        let first: Result<String, ICUStatus>? = withUnsafeTemporaryAllocation(
            of: CChar.self, capacity: initialCapacity
        ) { buffer in
            let needed = produce(buffer.baseAddress!, Int32(initialCapacity))
            if needed < 0 { return .failure(ICUStatus(rawValue: needed)) }
            if Int(needed) < initialCapacity { return .success(decode(buffer.baseAddress!, Int(needed))) }
            return nil
        }
        if let first { return first }
        var capacity = initialCapacity * 4
        while true {
            let result: Result<String, ICUStatus>? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) {
                buffer in
                let needed = produce(buffer.baseAddress!, Int32(capacity))
                if needed < 0 { return .failure(ICUStatus(rawValue: needed)) }
                if Int(needed) < capacity { return .success(decode(buffer.baseAddress!, Int(needed))) }
                capacity = Int(needed) + 1
                return nil
            }
            if let result { return result }
        }
    }

    private static func decode(_ pointer: UnsafePointer<CChar>, _ count: Int) -> String {
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
