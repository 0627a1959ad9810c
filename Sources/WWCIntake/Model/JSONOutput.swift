/// A streaming JSON writer into a UTF-8 byte buffer: the serializer behind `JSONValue` and
/// the canonical record.
///
/// Why bytes and not a `String`: appending to a `String` piece by piece (literals, `String(Int)`,
/// each escaped run) cost more than half of a record's conversion after parsing; records go to a
/// file or a pipe as bytes anyway. Here text runs between escapes are copied with one
/// `append(contentsOf:)`, integers are written digit by digit without a temporary string, and
/// indentation is a slice of a precomputed run of spaces.
///
/// Layout (must stay byte-identical to what records have always been): compact is one line
/// (`{"a":1,"b":[]}`); pretty indents by two spaces, `": "` after keys, empty containers as
/// `{}`/`[]`. Strings escape `"` `\` `\n` `\r` `\t`, other controls as `\u00xx` (lowercase
/// hex) and U+2028/U+2029 (which break JavaScript string literals); everything else is
/// written as its UTF-8 bytes.
///
/// Use: `beginObject()`, then `key(_:)` followed by one value per member, `endObject()`;
/// arrays take values directly. The writer tracks commas and indentation itself.
struct JSONOutput: Sendable {
    /// The UTF-8 text written so far.
    private(set) var bytes: [UInt8]
    let pretty: Bool
    /// Containers currently open.
    private var depth = 0
    /// The open container already has a member (so the next one needs a comma), or, at depth 0,
    /// a value was written.
    private var hasMembers = false
    /// A key was just written: the next value follows it on the same line.
    private var afterKey = false

    init(pretty: Bool = false, capacity: Int = 0) {
        self.pretty = pretty
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        open()
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        open()
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts an object member: the comma before it, its line and indentation, the quoted key
    /// and the colon. Exactly one value must follow.
    mutating func key(_ name: String) {
        separate()
        writeQuoted(name)
        if pretty {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    // MARK: Scalars

    mutating func null() {
        beginValue()
        appendASCII("null")
        hasMembers = true
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        appendASCII(value ? "true" : "false")
        hasMembers = true
    }

    mutating func integer(_ value: Int) {
        beginValue()
        Self.appendDecimal(value, to: &bytes)
        hasMembers = true
    }

    /// A number already in JSON syntax (an exact decimal such as `12500000.5`), written as is.
    mutating func rawNumber(_ text: String) {
        beginValue()
        appendUTF8(of: text)
        hasMembers = true
    }

    mutating func string(_ text: String) {
        beginValue()
        writeQuoted(text)
        hasMembers = true
    }

    /// Writes a whole value tree at the current position.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): integer(number)
        case .rawNumber(let text): rawNumber(text)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    // MARK: Optional members (a nil value leaves the member out)

    mutating func member(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    mutating func member(_ name: String, _ number: Int?) {
        guard let number else { return }
        key(name)
        integer(number)
    }

    /// Appends raw bytes (a line break after the document, say); no JSON structure is implied.
    mutating func appendRaw(_ byte: UInt8) {
        bytes.append(byte)
    }

    // MARK: Internals

    private mutating func open() {
        depth += 1
        hasMembers = false
        afterKey = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if hasMembers, pretty { newline(indent: depth) }
        bytes.append(bracket)
        hasMembers = true
    }

    /// Before a value: nothing after a key, else (inside an array) the comma and the line.
    @inline(__always)
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            separate()
        }
    }

    /// The comma before a member or item (unless it is the first) and, when pretty, its line.
    private mutating func separate() {
        if hasMembers { bytes.append(UInt8(ascii: ",")) }
        if pretty { newline(indent: depth) }
    }

    /// A line break followed by two spaces per level; the break and up to 64 spaces go in one
    /// append (a pretty record has a line per member).
    private mutating func newline(indent: Int) {
        var remaining = indent * 2
        Self.lineBreakAndSpaces.withUTF8Buffer { run in
            let spaces = run.count - 1
            var count = min(remaining, spaces)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[0..<(1 + count)]))
            remaining -= count
            while remaining > 0 {
                count = min(remaining, spaces)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[1..<(1 + count)]))
                remaining -= count
            }
        }
    }

    private static let lineBreakAndSpaces: StaticString = "\n                                                                "

    @inline(__always)
    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendUTF8(of text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) {
            return done
        }
        bytes.append(contentsOf: text.utf8)
    }

    /// Decimal digits of `value` (with `-` when negative), no temporary string.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        // 20 digits hold UInt64.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// A quoted, escaped string. Works on the UTF-8 bytes and copies the runs between escapes
    /// in one piece (narratives are long and rarely need an escape).
    private mutating func writeQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ escape($0) }) == nil {
            var copy = text
            copy.withUTF8 { escape($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ source: UnsafeBufferPointer<UInt8>) {
        let count = source.count
        var runStart = 0
        var index = 0
        let base = source.baseAddress
        while index < count {
            // Sixteen (near the end eight) bytes at a time while none of them can need an escape
            // (the usual case: long runs of plain text); in a block that may, go straight to its
            // first candidate byte, which the byte-wise code below then judges.
            if index &+ 16 <= count, let base {
                let first = Self.escapeCandidates(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                let second = Self.escapeCandidates(UInt64(littleEndian: UnsafeRawPointer(base + index + 8).loadUnaligned(as: UInt64.self)))
                if first | second == 0 {
                    index &+= 16
                    continue
                }
                index &+= first != 0 ? first.trailingZeroBitCount &>> 3 : 8 &+ second.trailingZeroBitCount &>> 3
            } else if index &+ 8 <= count, let base {
                let mask = Self.escapeCandidates(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                if mask == 0 {
                    index &+= 8
                    continue
                }
                index &+= mask.trailingZeroBitCount &>> 3
            }
            let byte = source[index]
            // Most bytes: printable ASCII other than `"` and `\`, or UTF-8 other than E2.
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0xE2 {
                index += 1
                continue
            }
            var width = 1
            var hex = false
            let escaped: StaticString
            switch byte {
            case UInt8(ascii: "\""): escaped = "\\\""
            case UInt8(ascii: "\\"): escaped = "\\\\"
            case 0x0A: escaped = "\\n"
            case 0x0D: escaped = "\\r"
            case 0x09: escaped = "\\t"
            case 0..<0x20:
                escaped = "\\u00"
                hex = true
            default:
                // 0xE2: U+2028 is E2 80 A8, U+2029 is E2 80 A9; other E2 sequences are text.
                guard index + 2 < count, source[index + 1] == 0x80,
                      source[index + 2] == 0xA8 || source[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
                escaped = source[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
            }
            appendASCII(escaped)
            if hex {
                // `\u00` then two lowercase hex digits.
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            }
            index += width
            runStart = index
        }
        if runStart < count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
        }
    }

    /// The eight bytes of `word` (first byte in the low bits) that may need an escape: a
    /// control (< 0x20), `"`, `\\` or 0xE2 (the lead byte of U+2028/U+2029). Zero means none
    /// does. Otherwise the lowest flagged byte is a real candidate (the SWAR tests of "Bit
    /// Twiddling Hacks" — byte below n: (x - n·0x01…) & ~x & 0x80…; zero byte:
    /// (x - 0x01…) & ~x & 0x80… — only misflag bytes above a real match, through the borrow).
    @inline(__always)
    static func escapeCandidates(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = word &- ones &* 0x20
        let quote = (word ^ (ones &* 0x22)) &- ones
        let backslash = (word ^ (ones &* 0x5C)) &- ones
        let separator = (word ^ (ones &* 0xE2)) &- ones
        return (control & ~word | quote & ~(word ^ (ones &* 0x22)) | backslash & ~(word ^ (ones &* 0x5C))
            | separator & ~(word ^ (ones &* 0xE2))) & highs
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
