import CICU
import Testing
@testable import WWCIntake

/// `text` / `narrative` cleanup: the UTF-8 implementation (`wwc_text_clean`: a table for
/// U+0000..U+00FF, ICU for the rest, NFC only when a code point may change) held to the
/// boundary cases and, code point by code point, to the former UTF-16 implementation that
/// asks ICU about every character (`wwc_text_clean_utf16`).
@Suite struct ValueTextCleanTests {
    let parser = try! ValueParser(locale: "fr-FR")

    @Test(arguments: [
        ("plain ascii", "plain ascii"),
        ("  padded\t", "padded"),
        ("a\u{00A0}b", "a b"),                                // NBSP
        ("1\u{202F}000\u{202F}€", "1 000 €"),                 // narrow NBSP
        ("a\u{2007}\u{3000}\u{1680}b", "a b"),                // figure space, ideographic space, ogham
        ("a\u{2028}b", "a b"),                                // line separator → space in a line
        ("a\r\n\r\n  b", "a b"),                              // CRLF run
        ("a\u{0085}b", "a b"),                                // NEL
        ("a\u{000B}\u{000C}b", "a b"),                        // VT, FF
        ("Zero\u{200B}width", "Zerowidth"),                   // ZWSP (Cf)
        ("\u{FEFF}bom", "bom"),                               // BOM (Cf)
        ("soft\u{00AD}hyphen", "softhyphen"),                 // soft hyphen (Cf)
        ("bidi\u{200E}\u{202B}mark", "bidimark"),             // LRM, RLE (Cf)
        ("c\u{0007}\u{001F}\u{007F}\u{0080}\u{009F}c", "cc"), // C0, DEL, C1 controls (Cc)
        ("a\u{0000}b", "ab"),                                 // NUL
        ("x \u{200B} y", "x y"),                              // removed char inside a space run
        ("x\u{200B} \u{200B}y", "x y"),
        ("e\u{0301}te\u{0301}", "été"),                       // composition needed
        ("\u{0301}alone", "\u{0301}alone"),                   // lone mark stays (NFC keeps it)
        ("a\u{0323}\u{0302}", "\u{1EAD}"),                    // two marks, reordered and composed
        ("\u{1100}\u{1161}\u{11A8}", "\u{AC01}"),             // Hangul jamo → syllable
        ("\u{212B}", "\u{00C5}"),                             // Angstrom sign (NFC_QC=No) → Å
        ("\u{0958}", "\u{0915}\u{093C}"),                     // composition exclusion: NFC is longer
        ("Ελληνικά кириллица 日本語", "Ελληνικά кириллица 日本語"), // already NFC, not Latin
        ("‘quotes’ — “dashes” … €", "‘quotes’ — “dashes” … €"),
        ("Ａｂｃ", "Ａｂｃ"),                                    // width kept
        ("😀 emoji\u{1F3FD}", "😀 emoji\u{1F3FD}"),
        ("\u{FFFD}", "\u{FFFD}"),                             // what invalid UTF-8 becomes in a String
        ("ÀÉÎÕÜçñß œ", "ÀÉÎÕÜçñß œ"),                          // Latin-1 and Latin Extended-A
    ])
    func line(raw: String, expected: String) throws {
        #expect(try parser.text(raw) == expected)
        #expect(try parser.text(raw).utf8.elementsEqual(expected.utf8))
    }

    /// NFC makes this longer than the input and the first buffer: `clean` asks again with room.
    @Test func resultLongerThanFirstBuffer() throws {
        let raw = String(repeating: "\u{0958}", count: 12)
        let cleaned = try parser.text(raw)
        #expect(Array(cleaned.utf8) == Array(String(repeating: "\u{0915}\u{093C}", count: 12).utf8))
    }

    @Test(arguments: [
        ("one\ntwo", "one\ntwo"),
        ("one\r\ntwo", "one\ntwo"),
        ("one \r\n \r\n\t two", "one\ntwo"),                  // CRLF run with spaces → one "\n"
        ("one\u{2028}two\u{2029}three", "one\ntwo\nthree"),
        ("one\u{00A0}\u{0085}\u{202F}two", "one\ntwo"),
        ("\n\n lead and trail \n\n", "lead and trail"),
        ("a\u{200B}\nb", "a\nb"),
        ("para\u{0301}graphe\n\nsuivant", "parágraphe\nsuivant"),
    ])
    func narrative(raw: String, expected: String) throws {
        #expect(try parser.narrative(raw) == expected)
    }

    @Test(arguments: ["", " ", "\t\n\r", "\u{00A0}\u{202F}\u{3000}", "\u{200B}\u{FEFF}\u{00AD}", "\u{0007}", "\r\n\r\n"])
    func emptyAfterCleanup(raw: String) {
        #expect(code { try parser.text(raw) } == .textEmpty)
        #expect(code { try parser.narrative(raw) } == .textEmpty)
    }

    @Test func longNarrativeMatchesReference() {
        var text = ""
        for i in 0..<400 {
            text += ["Été ", "naïve\u{00A0}", "e\u{0301} ", "línea\r\n", "\u{200B}", "   ", "日本 ", "x\u{2028}", "ação "][i % 9]
        }
        let bytes = Array(text.utf8)
        for mode in [Int32(WWC_TEXT_LINE), Int32(WWC_TEXT_NARRATIVE)] {
            let fast = clean(bytes, mode: mode)
            #expect(fast.status > 0)
            #expect(fast.status == reference(bytes, mode: mode).status)
            #expect(fast.bytes == reference(bytes, mode: mode).bytes)
        }
    }

    /// Below U+0300 every code point is NFC_QC=Yes with combining class 0, so text made of
    /// them is NFC already and `wwc_text_clean` skips the normalizer; U+0300 itself is not.
    @Test func nfcInertBelowU0300() {
        #expect(wwc_text_nfc_inert_limit() == 0x300)
    }

    /// Every code point, alone and between others, in both modes: same status, same bytes as
    /// the UTF-16 reference, and (when described as pieces) "unchanged" exactly when the output
    /// equals the input.
    @Test func everyCodePointMatchesReference() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            let scalar = Unicode.Scalar(value)!
            let c = Array(String(scalar).utf8)
            let samples: [([UInt8], Int32)] = [
                (c, Int32(WWC_TEXT_LINE)),
                (Array("a".utf8) + c + Array("b".utf8), Int32(WWC_TEXT_LINE)),
                (Array("\u{00A0}".utf8) + c + Array("\r\ne".utf8) + c + Array("\u{0301}".utf8) + c + Array(" x".utf8),
                 Int32(WWC_TEXT_NARRATIVE)),
            ]
            for (input, mode) in samples {
                let fast = clean(input, mode: mode)
                let slow = reference(input, mode: mode)
                if fast.status != slow.status || fast.bytes != slow.bytes
                    || (fast.pieced ? fast.unchanged != (fast.bytes == input) : fast.unchanged) {
                    mismatches.append(String(value, radix: 16))
                }
            }
            if mismatches.count > 20 { break }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.joined(separator: ", U+"))")
    }

    @Test(arguments: [
        [0xFF], [0xC3], [0x61, 0xC3], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x61, 0x80, 0x62],
    ] as [[UInt8]])
    func invalidUTF8IsRejectedLikeTheReference(bytes: [UInt8]) {
        let fast = clean(bytes, mode: Int32(WWC_TEXT_LINE))
        #expect(fast.status == Int32(WWC_ERR_ARGUMENT))
        #expect(fast.status == reference(bytes, mode: Int32(WWC_TEXT_LINE)).status)
    }

    /// The result as pieces of the input: they rebuild C's output, and are one piece of the
    /// whole input exactly when nothing changed.
    @Test(arguments: [
        ("Déjà vu", Int32(WWC_TEXT_LINE), true),
        ("a\nb", Int32(WWC_TEXT_NARRATIVE), true),
        ("a\nb", Int32(WWC_TEXT_LINE), false),
        ("a\tb", Int32(WWC_TEXT_LINE), false),
        ("a  b", Int32(WWC_TEXT_LINE), false),
        (" a", Int32(WWC_TEXT_LINE), false),
        ("a ", Int32(WWC_TEXT_LINE), false),
        ("a\u{200B}b", Int32(WWC_TEXT_LINE), false),
        ("para one.\r\n\r\n para two.\n\npara three", Int32(WWC_TEXT_NARRATIVE), false),
        ("日本語 テキスト", Int32(WWC_TEXT_LINE), true),
    ])
    func pieces(raw: String, mode: Int32, unchanged: Bool) {
        let input = Array(raw.utf8)
        var list = [Int32](repeating: -9, count: 3 * 8)
        var count: Int32 = -9
        var output = [UInt8](repeating: 0, count: input.count + 16)
        let needed = input.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                output.withUnsafeMutableBufferPointer { out in
                    out.withMemoryRebound(to: CChar.self) {
                        wwc_text_clean(chars.baseAddress, Int32(chars.count), mode, $0.baseAddress, Int32($0.count), &list, 8, &count)
                    }
                }
            }
        }
        #expect(needed > 0 && count > 0)
        var rebuilt: [UInt8] = []
        for piece in 0..<Int(max(count, 0)) {
            rebuilt += input[Int(list[3 * piece])..<Int(list[3 * piece + 1])]
            if list[3 * piece + 2] != 0 { rebuilt.append(UInt8(list[3 * piece + 2])) }
        }
        #expect(rebuilt == Array(output[0..<Int(max(needed, 0))]))
        #expect((count == 1 && list[0] == 0 && list[1] == Int32(input.count) && list[2] == 0) == unchanged)
        #expect(rebuilt == Array(reference(input, mode: mode).bytes))
    }

    /// Pieces only while NFC changes nothing.
    @Test func noPiecesWhenNormalized() {
        var count: Int32 = -9
        var list = [Int32](repeating: 0, count: 3 * 8)
        var output = [CChar](repeating: 0, count: 64)
        let needed = wwc_text_clean("e\u{0301}te", 5, Int32(WWC_TEXT_LINE), &output, 64, &list, 8, &count)
        #expect(needed == 4)
        #expect(count == -1)
    }

    /// `text`/`narrative` (built from pieces, the raw String, or decoded output) against the
    /// UTF-16 reference on generated mixtures of the boundary cases.
    @Test func swiftResultMatchesReference() throws {
        let parts = ["a", "bé", " ", "  ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2028}", "\u{200B}", "\u{00AD}", "e\u{0301}",
                     "x.y ", "œuvre ", "日本", "\u{0007}", "palabra larga con acentos: acción, región, número. "]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            var raw = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bits = seed
            for _ in 0..<Int(bits % 40) {
                bits = bits &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                raw += parts[Int((bits >> 33) % UInt64(parts.count))]
            }
            for (mode, clean) in [(Int32(WWC_TEXT_LINE), parser.text), (Int32(WWC_TEXT_NARRATIVE), parser.narrative)] {
                let expected = reference(Array(raw.utf8), mode: mode)
                if expected.status > 0 {
                    #expect(try Array(clean(raw).utf8) == expected.bytes, "\(raw.debugDescription)")
                } else {
                    #expect(code { try clean(raw) } == .textEmpty)
                }
            }
        }
    }

    /// A buffer too small for the result: the size is still reported, as with room.
    @Test(arguments: ["  a\u{00A0} b  ", "e\u{0301}", "\u{0958}\u{0958}", "plain"])
    func smallBufferReportsSize(raw: String) {
        let input = Array(raw.utf8)
        let full = clean(input, mode: Int32(WWC_TEXT_LINE))
        let needed = input.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                var byte: CChar = 0
                return wwc_text_clean(chars.baseAddress, Int32(chars.count), Int32(WWC_TEXT_LINE), &byte, 0, nil, 0, nil)
            }
        }
        #expect(needed == Int32(full.bytes.count))
        #expect(full.status == reference(input, mode: Int32(WWC_TEXT_LINE)).status)
    }

    /// C's output, and whether its pieces say it is the input unchanged.
    private func clean(_ input: [UInt8], mode: Int32) -> (status: Int32, bytes: [UInt8], unchanged: Bool, pieced: Bool) {
        var list = [Int32](repeating: 0, count: 3 * 16)
        var count: Int32 = -9
        let (status, bytes) = run(input) { wwc_text_clean($0, $1, mode, $2, $3, &list, 16, &count) }
        let unchanged = input.isEmpty ? count == 0 : count == 1 && list[0] == 0 && list[1] == Int32(input.count) && list[2] == 0
        return (status, bytes, unchanged, count >= 0)
    }

    private func reference(_ input: [UInt8], mode: Int32) -> (status: Int32, bytes: [UInt8]) {
        run(input) { wwc_text_clean_utf16($0, $1, mode, $2, $3) }
    }

    private func run(
        _ input: [UInt8],
        _ call: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>, Int32) -> Int32
    ) -> (Int32, [UInt8]) {
        let capacity = input.count * 4 + 16
        var output = [UInt8](repeating: 0, count: capacity)
        let status = input.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                output.withUnsafeMutableBufferPointer { out in
                    out.withMemoryRebound(to: CChar.self) { call(chars.baseAddress, Int32(chars.count), $0.baseAddress!, Int32(capacity)) }
                }
            }
        }
        return (status, status > 0 ? Array(output[0..<Int(status)]) : [])
    }
}
