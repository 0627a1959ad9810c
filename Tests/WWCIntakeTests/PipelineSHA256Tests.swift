import Foundation
import Testing
@testable import WWCIntake

/// `source.sha256`: NIST FIPS 180-4 example vectors, and the SHA-NI path (when this CPU has
/// it) held to the portable C code on every length around the block boundaries.
@Suite struct PipelineSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
        #expect(SHA256.portableHex(Array(message.utf8)) == digest)
        #expect(SHA256.hex(message.utf8) == digest)  // not contiguous storage: copied first
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        let digest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hex(message) == digest)
        #expect(SHA256.portableHex(message) == digest)
    }

    @Test func acceleratedMatchesPortable() {
        var mismatches: [Int] = []
        for length in Array(0...200) + [255, 256, 257, 511, 512, 513, 1000, 4095, 4096, 4097, 65_536 + 55] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            if SHA256.hex(message) != SHA256.portableHex(message) { mismatches.append(length) }
        }
        #expect(mismatches.isEmpty, "lengths \(mismatches)")
    }

    /// Lengths at the padding boundaries: the marker and the length fit in the last block
    /// (55), just do not (56), and whole blocks (63, 64, 65). Digests from `sha256sum`.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ])
    func blockBoundaries(length: Int, digest: String) {
        let message = [UInt8](repeating: 0x61, count: length)
        #expect(SHA256.hex(message) == digest)
        #expect(SHA256.portableHex(message) == digest)
    }

    @Test func acceleratedWhenTheCPUHasSHA() throws {
        #if arch(x86_64)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if cpuinfo.contains(" sha_ni") { #expect(SHA256.isAccelerated) }
        #else
        #expect(!SHA256.isAccelerated)
        #endif
    }
}
