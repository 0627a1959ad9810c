internal import CWWCHash

/// SHA-256 (FIPS 180-4) of the input bytes, for `source.sha256`.
///
/// Foundation on Linux has no digest API, and pulling in swift-crypto for one hash would
/// double the build time. The work is done in C (`CWWCHash`): with the x86 SHA extensions
/// when the CPU has them, else portable C. In Swift it took ~66 instructions a byte, 10 % of
/// a batch conversion. Checked against the NIST vectors in the tests.
package struct SHA256 {
    /// Lower-case hex digest.
    package static func hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        hex(bytes, using: wwc_sha256)
    }

    /// Lower-case hex digest by the portable C code only, for the tests that hold the
    /// accelerated path to it.
    static func portableHex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        hex(bytes, using: wwc_sha256_portable)
    }

    /// Whether `hex` uses the CPU's SHA extensions.
    static var isAccelerated: Bool { wwc_sha256_accelerated() != 0 }

    private static func hex<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, using hash: (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?) -> Void
    ) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { digest in
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                hash(buffer.baseAddress, buffer.count, digest.baseAddress)
            }
            if done == nil {
                Array(bytes).withUnsafeBufferPointer { hash($0.baseAddress, $0.count, digest.baseAddress) }
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { out in
            for (i, byte) in digest.enumerated() {
                out[2 * i] = digits[Int(byte >> 4)]
                out[2 * i + 1] = digits[Int(byte & 0xF)]
            }
            return 64
        }
    }
}
