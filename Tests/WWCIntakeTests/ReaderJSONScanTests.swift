import Foundation
import Testing
@testable import WWCIntake

/// The JSON reader scans strings eight bytes at a time; these pin the word tests against a
/// byte-by-byte reading, and the columns that depend on the continuation-byte count.
@Suite struct ReaderJSONScanTests {
    static func isSpecial(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }

    @Test func everyByteValueInEveryPosition() {
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(JSONParser.hasSpecialByte(word) == Self.isSpecial(byte), "byte \(byte) at \(position)")
                #expect(JSONParser.continuationCount(word) == (byte & 0xC0 == 0x80 ? 1 : 0), "byte \(byte) at \(position)")
            }
        }
    }

    /// The UTF-8 check (ASCII skipped by words, runs of other bytes decoded) agrees with the
    /// standard library's validating `String` initializer: on every well-formed and ill-formed
    /// sequence near the edges (overlong, surrogate, above U+10FFFF, truncated, stray
    /// continuation) and on random mixes of them with ASCII.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [
            [0x61], [0x22], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += Bool.random(using: &generator) ? Array("abcdefgh".utf8.prefix(Int.random(in: 1...8)))
                    : pieces.randomElement(using: &generator)!
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { JSONParser.isValidUTF8($0) } == expected, "\(bytes)")
        }
    }

    @Test func randomWordsAgreeWithTheByteLoop() {
        var generator = SystemRandomNumberGenerator()
        // Bytes drawn mostly from the interesting edges: controls, quote, backslash, 0x7F-0xC0.
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7F,
                             0x80, 0x9F, 0xA9, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in pool.randomElement(using: &generator)! }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(JSONParser.hasSpecialByte(word) == bytes.contains(where: Self.isSpecial), "\(bytes)")
            #expect(JSONParser.continuationCount(word) == bytes.filter { $0 & 0xC0 == 0x80 }.count, "\(bytes)")
        }
    }

    /// Columns count characters: the continuation bytes skipped word by word must be counted.
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 40])
    func columnAfterALongNonASCIIString(letters: Int) {
        let text = "{\"a\": \"" + String(repeating: "é", count: letters) + "x\", \"b\": ?}"
        let result = JSONFormReader().read(Data(text.utf8))
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.code == .jsonMalformed)
        // `{"a": "` is 7 characters, then the letters, `x", "b": ` is 9 more; `?` is the next.
        #expect(diagnostic?.location == SourceLocation(line: 1, column: 7 + letters + 9 + 1))
    }
}
