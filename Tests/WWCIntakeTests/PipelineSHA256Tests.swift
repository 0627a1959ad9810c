import Foundation
import Testing
@testable import WWCIntake

/// `source.sha256` (libcrypto): NIST FIPS 180-4 example vectors, and known answers computed
/// apart from this code with `sha256sum` (coreutils) around every padding boundary.
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
        #expect(SHA256.hex(message.utf8) == digest)  // not contiguous storage: copied first
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
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
    }

    /// Byte `i` of a message of `length` bytes is `(i × 31 + length) mod 256`: every byte value,
    /// one and two blocks, the 64 KiB reader chunk. Digests from `sha256sum` over files written
    /// by Python with the same formula.
    @Test(arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"),
        (3, "d71caa65d53e400d34d3c867092f40b207b05bea2e06068409ff8fa5c5d3757f"),
        (55, "0c74b286e2c8b409ed0fd89f5a8344aeb274bda5d9bfbe7b8e537cfc6142736d"),
        (56, "8136496fb4867a08f8c0f1afaf000ef4093ecc2d544f4f808ef9d5945ca4c2fa"),
        (63, "a7c6fa71b10f6f7bd8ce26f79db5693d265b2cde42e61955077e77c8764bc26f"),
        (64, "3ea97ec766b8247739939247b4d4cb362cf13c100deb0cc2ba5391f762023852"),
        (65, "7fc8e770811fb1035a2279b782a7b04024fe6a2229e9bb11a99686d3ca65f4a7"),
        (119, "6cf3e40eee6bd154b923dbbe0b421de7934af82282113dd285bb895e4bb3f8f7"),
        (120, "696e486e83239a511feef5f0b438da322fa51490489668162c6ed9a9c6ad8055"),
        (128, "3b35116c160c0ffdaf1287960af39caf2760811b02a36e3bd5294bdd61eea9a9"),
        (1000, "44a1b8c5e1f8849fc62fcbfadd4f4ab312021e40f8e16b2a4f9307493ca45102"),
        (4097, "9574d54a14a03447cc54f0dd02ffdd016bd49b95ba96bfe3c0ea68c3ba4f0259"),
        (65_591, "a1ac0b1500ad5d3ad0e7d6f76ca75eeac0a58c8f24f6fd6a368b9fde7d490dcf"),
    ])
    func knownAnswers(length: Int, digest: String) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
        #expect(SHA256.hex(message) == digest)
    }

    /// A sample as a file on disk: `sha256sum samples/fr/montreal.xml`.
    @Test func sampleFile() throws {
        let url = InvalidSamplesTests.samples.appendingPathComponent("fr/montreal.xml")
        let bytes = try Data(contentsOf: url)
        #expect(SHA256.hex(bytes) == "a46151a315914a277a29d9dd2b8e9d40b04ac51be9402d15dbdabdfd39a722a4")
    }
}
