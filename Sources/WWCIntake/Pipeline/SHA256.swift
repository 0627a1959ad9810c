internal import CLibCrypto

/// SHA-256 (FIPS 180-4) of the input bytes, for `source.sha256`.
///
/// Foundation on Linux has no digest API, and pulling in swift-crypto for one hash would
/// double the build time. The system's libcrypto (OpenSSL) does it in assembly tuned for each
/// CPU, with the SHA extensions where the CPU has them (`wwc_sha256` in the module's shim:
/// the low-level calls, without the EVP layer's per-call algorithm look-up).
package struct SHA256 {
    /// Lower-case hex digest.
    package static func hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { digest in
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                wwc_sha256(buffer.baseAddress, buffer.count, digest.baseAddress)
            }
            if done == nil {
                Array(bytes).withUnsafeBufferPointer {
                    wwc_sha256($0.baseAddress, $0.count, digest.baseAddress)
                }
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
