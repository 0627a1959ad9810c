import Foundation
import Testing
@testable import WWCIntake

/// The byte writer (`JSONOutput`, behind `JSONValue.serialized`/`serializedUTF8` and the
/// record's `serializedUTF8(pretty:messages:)`) must give exactly the bytes of the String
/// serializer it replaced: records are a contract. `LegacyJSONText` below is that serializer,
/// kept verbatim as the reference.
@Suite struct ModelJSONOutputTests {
    /// (name, value, compact text, pretty text): exact expected bytes, spelled out. Computed,
    /// not a stored `static let`: LeakSanitizer cannot follow the tagged pointers of the
    /// indirect enum in a global that lives to the end, and reported every value as leaked.
    static var table: [(String, JSONValue, String, String)] { [
        ("null", .null, "null", "null"),
        ("true", .bool(true), "true", "true"),
        ("false", .bool(false), "false", "false"),
        ("zero", .integer(0), "0", "0"),
        ("negative", .integer(-42), "-42", "-42"),
        ("Int.max", .integer(Int.max), "9223372036854775807", "9223372036854775807"),
        ("Int.min", .integer(Int.min), "-9223372036854775808", "-9223372036854775808"),
        ("raw number", .rawNumber("12500000.5"), "12500000.5", "12500000.5"),
        ("empty string", .string(""), "\"\"", "\"\""),
        ("quote and backslash", .string("a\"b\\c"), #""a\"b\\c""#, #""a\"b\\c""#),
        ("named controls", .string("l1\nl2\r\tx"), #""l1\nl2\r\tx""#, #""l1\nl2\r\tx""#),
        ("other controls", .string("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}"), #""\u0000\u0001\u0008\u000b\u000c\u001f""#,
         #""\u0000\u0001\u0008\u000b\u000c\u001f""#),
        ("DEL and C1 stay", .string("\u{7F}\u{85}"), "\"\u{7F}\u{85}\"", "\"\u{7F}\u{85}\""),
        ("line separators", .string("a\u{2028}b\u{2029}c"), #""a\u2028b\u2029c""#, #""a\u2028b\u2029c""#),
        ("other E2 characters stay", .string("“é” — €…"), "\"“é” — €…\"", "\"“é” — €…\""),
        ("non-ASCII", .string("São Paulo, Bogotá, Montréal, 東京, 🏙️"), "\"São Paulo, Bogotá, Montréal, 東京, 🏙️\"",
         "\"São Paulo, Bogotá, Montréal, 東京, 🏙️\""),
        ("combining mark", .string("e\u{301}"), "\"e\u{301}\"", "\"e\u{301}\""),
        ("empty array", .array([]), "[]", "[]"),
        ("empty object", .object([]), "{}", "{}"),
        ("array", .array([.integer(1), .string("x"), .null]), #"[1,"x",null]"#, "[\n  1,\n  \"x\",\n  null\n]"),
        ("object", .object([.init("b", .integer(2)), .init("a", .bool(true))]), #"{"b":2,"a":true}"#,
         "{\n  \"b\": 2,\n  \"a\": true\n}"),
        ("escaped key", .object([.init("k\"\n", .string("v"))]), #"{"k\"\n":"v"}"#, "{\n  \"k\\\"\\n\": \"v\"\n}"),
        ("nested with empties", .object([
            .init("list", .array([.object([]), .array([]), .array([.object([.init("deep", .array([.integer(3)]))])])])),
            .init("empty", .object([])),
        ]), #"{"list":[{},[],[{"deep":[3]}]],"empty":{}}"#,
         """
         {
           "list": [
             {},
             [],
             [
               {
                 "deep": [
                   3
                 ]
               }
             ]
           ],
           "empty": {}
         }
         """),
    ] }

    @Test(arguments: table.map { $0.0 })
    func exactBytes(name: String) throws {
        let (_, value, compact, pretty) = try #require(Self.table.first { $0.0 == name })
        #expect(value.serialized() == compact)
        #expect(value.serialized(pretty: true) == pretty)
        #expect(value.serializedUTF8() == Array(compact.utf8))
        #expect(value.serializedUTF8(pretty: true) == Array(pretty.utf8))
        #expect(value.serialized() == LegacyJSONText.serialize(value, pretty: false))
        #expect(value.serialized(pretty: true) == LegacyJSONText.serialize(value, pretty: true))
    }

    /// Deep nesting needs more indentation than one run of precomputed spaces (64).
    @Test func deepIndentation() {
        var value = JSONValue.string("leaf")
        for level in 0..<40 { value = level.isMultiple(of: 2) ? .array([value]) : .object([.init("k", value)]) }
        #expect(value.serialized(pretty: true) == LegacyJSONText.serialize(value, pretty: true))
        #expect(value.serialized() == LegacyJSONText.serialize(value, pretty: false))
    }

    /// Every byte that needs an escape at every offset of the eight-byte blocks the fast scan
    /// reads, and at the ends of strings of every length 0–40 (the tail handled byte by byte).
    @Test(arguments: ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{E000}", "é", "\u{7F}"])
    func escapeAtEveryBlockOffset(special: String) {
        for length in 0...40 {
            for position in 0...length {
                let plain = String(repeating: "abcdefgh", count: 6)
                let prefix = String(plain.prefix(position))
                let suffix = String(plain.prefix(length - position))
                let text = prefix + special + suffix
                let value = JSONValue.string(text)
                #expect(value.serialized() == LegacyJSONText.serialize(value, pretty: false), "\(length) \(position)")
            }
        }
    }

    /// The eight-byte scan flags exactly the blocks holding a control, `"`, `\\` or 0xE2, and
    /// its lowest flag is the first such byte, whatever comes after it (every byte value at
    /// every position, behind plain text, 0x80–0xFF and another candidate).
    @Test func blockScanFlagsTheFirstCandidate() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        let candidate: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        for fill: UInt8 in [0x61, 0xC3, 0xFF, 0x7F] {
            #expect(JSONOutput.escapeCandidates(word(Array(repeating: fill, count: 8))) == 0)
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = Array(repeating: fill, count: 8)
                    bytes[position] = UInt8(value)
                    for tail in [fill, 0x00, 0x22, 0xE2] {
                        if position < 7 { bytes[7] = tail }
                        let expectedFirst = bytes.firstIndex(where: candidate)
                        let mask = JSONOutput.escapeCandidates(word(bytes))
                        #expect((mask == 0) == (expectedFirst == nil))
                        if let expectedFirst, mask != 0 {
                            #expect(mask.trailingZeroBitCount / 8 == expectedFirst)
                        }
                    }
                }
            }
        }
    }

    /// A truncated U+2028 lead (E2 80 at the very end, or E2 alone) stays as is.
    @Test func lineSeparatorLeadBytesNearTheEnd() {
        for text in ["x\u{2000}", "\u{2000}", "abcdefg\u{2028}", "abcdefgh\u{2029}", "\u{20AC}\u{2028}\u{20AC}"] {
            let value = JSONValue.string(text)
            #expect(value.serialized() == LegacyJSONText.serialize(value, pretty: false))
        }
    }

    @Test func longNarrativeWithScatteredEscapes() {
        var text = ""
        for index in 0..<2_000 {
            text += "Palabra \(index) — «cita» "
            if index % 97 == 0 { text += "\"q\"\n" }
            if index % 311 == 0 { text += "\u{2028}\u{1}" }
        }
        let value = JSONValue.object([.init("narrative", .string(text)), .init("n", .integer(-7))])
        #expect(value.serialized(pretty: true) == LegacyJSONText.serialize(value, pretty: true))
        #expect(value.serialized() == LegacyJSONText.serialize(value, pretty: false))
    }

    /// The record writer's compact and pretty texts are one value: the compact text, read back,
    /// re-serializes (by `JSONValue` and by the old String serializer) to exactly the pretty
    /// bytes, with the messages in place. (Byte-exact record contents: `SampleGoldenTests`.)
    @Test(arguments: SampleGoldenTests.samples + ["samples/invalid/en-email-invalid.xml"])
    func compactAndPrettyRecordsAreTheSameValue(relativePath: String) throws {
        let data = try Data(contentsOf: TestCatalogs.repository.appendingPathComponent(relativePath))
        let result = TestCatalogs.converter.convert(data, file: relativePath)
        // Rejected forms have no record: write one anyway from their diagnostics.
        var record = result.record ?? CanonicalApplication(source: .init(
            file: nil, format: .xml, sha256: "", declaredLocale: nil, locale: "en", localeSource: .declared))
        record.diagnostics = result.diagnostics
        let messages = record.diagnostics.map { TestCatalogs.shared.render($0, language: "es") }
        let compact = record.serializedUTF8(pretty: false, messages: messages)
        let pretty = record.serializedUTF8(pretty: true, messages: messages, newline: true)
        let tree = try #require(JSONValue.parse(Data(compact)).value)
        #expect(Array((tree.serialized(pretty: true) + "\n").utf8) == pretty)
        #expect(Array((LegacyJSONText.serialize(tree, pretty: true) + "\n").utf8) == pretty)
        #expect(tree.serialized() == String(decoding: compact, as: UTF8.self))
        #expect(tree["diagnostics"].map { value -> [String?] in
            guard case .array(let items) = value else { return [] }
            return items.map { $0["message"]?.stringValue }
        } == messages)
    }

    @Test func writerTracksCommasAcrossOmittedMembers() {
        var output = JSONOutput(pretty: true)
        output.beginObject()
        output.member("a", nil as String?)
        output.member("b", 1)
        output.member("c", nil as Int?)
        output.member("d", "x")
        output.endObject()
        #expect(String(decoding: output.bytes, as: UTF8.self) == "{\n  \"b\": 1,\n  \"d\": \"x\"\n}")
    }
}

/// The serializer `JSONValue` used before `JSONOutput` (appending to a `String`), kept as the
/// reference the byte writer must match.
enum LegacyJSONText {
    static func serialize(_ value: JSONValue, pretty: Bool) -> String {
        var out = ""
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .rawNumber(let text): out += text
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                writeString(member.key, into: &out)
                out += pretty ? ": " : ":"
                write(member.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n"
        for _ in 0..<indent { out += "  " }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            let count = bytes.count
            var runStart = 0
            var index = 0
            func flush(upTo end: Int) {
                if runStart < end {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
                }
            }
            while index < count {
                let byte = bytes[index]
                let escape: String
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    index += 1
                    continue
                }
                flush(upTo: index)
                out += escape
                index += width
                runStart = index
            }
            flush(upTo: count)
        }
        out += "\""
    }
}
