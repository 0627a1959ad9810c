import Foundation

/// Reads JSON (RFC 8259) into a `FormDocument`, tracking the line and column of every node.
///
/// Why not Foundation: its parsers report no positions for values, and validators need
/// `file:line:col` on every finding. This reader also keeps numbers as their exact text,
/// validates UTF-8 with a position, rejects duplicate keys (`field.duplicate`), and enforces
/// `ReaderLimits` before allocating, so hostile input costs bounded time and memory.
/// The parser does not recurse: open objects and arrays live on an explicit stack, and depth
/// is checked against `maxDepth` before each one opens; the depth is also capped at
/// `JSONParser.hardDepthCap` (256, libxml2's own cap) whatever the limits say, because the tree
/// it builds is released (and walked by the mapper) recursively. A NUL byte anywhere is
/// `encoding.invalid` (as in `XMLFormReader`): it means UTF-16/32 or binary input.
package struct JSONFormReader: Sendable {
    package var limits: ReaderLimits

    package init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    package func read(_ data: Data) -> ReadResult {
        data.withUnsafeBytes { raw in
            read(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
        }
    }

    package func read(_ bytes: UnsafeBufferPointer<UInt8>) -> ReadResult {
        // RFC 8259 JSON is UTF-8; say so for a UTF-16/32 BOM rather than point at its NUL bytes.
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)
            || (bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
        {
            return ReadResult(document: nil, diagnostics: [
                .error(.encodingInvalid, arguments: ["encoding": "UTF-8", "found": "UTF-16", "problem": "utf16",
                                                     "detail": "UTF-16 byte order mark"],
                       location: SourceLocation(line: 1, column: 1))
            ])
        }
        // UTF-16 without a byte-order mark: JSON starts with an ASCII character, so one of the
        // first two bytes is NUL and the other is not (RFC 4627, section 3).
        if bytes.count >= 2, (bytes[0] == 0) != (bytes[1] == 0) {
            return ReadResult(document: nil, diagnostics: [
                .error(.encodingInvalid, arguments: ["encoding": "UTF-8", "found": "UTF-16", "problem": "utf16",
                                                     "detail": "UTF-16 without byte order mark"],
                       location: SourceLocation(line: 1, column: 1))
            ])
        }
        if let rejection = InputScreening.screen(UnsafeRawBufferPointer(bytes), limits: limits, allowsNUL: false) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        var parser = JSONParser(bytes: bytes, limits: limits)
        do throws(JSONParser.Failure) {
            let root = try parser.parseDocument()
            let tree = FormTree(format: .json, storage: parser.storage)
            return ReadResult(document: FormDocument(format: .json, root: FormNode(tree: tree, index: root)),
                              diagnostics: parser.warnings)
        } catch {
            return ReadResult(document: nil, diagnostics: parser.warnings + [error.diagnostic])
        }
    }
}

/// The byte-level parser behind `JSONFormReader`.
struct JSONParser: JSONScanner {
    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: ReaderLimits
    var position = 0
    var line = 1
    var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line, so columns count characters.
    var continuationBytes = 0
    var nodeCount = 0
    /// Non-fatal findings (duplicate keys); they still reject the form downstream.
    var warnings: [Diagnostic] = []
    /// The tree being read.
    var storage = FormTreeStorage()
    /// A member's key as read, until its value's record is made.
    private var pendingKey: (id: Int32, location: SourceLocation)?
    /// Duplicate detection in objects past `scanLimit` members, by key id: the object (node)
    /// with a member of that key, and that member's line. An object's marks are undone when it
    /// closes (`marksUndo`), so an object nested in another never hides the outer one's marks.
    /// Arrays indexed by the document's dense key ids: a dictionary per wide object hashed and
    /// grew for every member, which was most of reading the catalogs' wide objects.
    private var markedObject: [Int32] = []
    private var markedLine: [Int32] = []
    private var marksUndo: [(key: Int32, object: Int32, line: Int32)] = []
    /// Members of an object checked for duplicates by scanning its earlier members.
    private static let scanLimit: Int32 = 16

    /// Deepest nesting ever accepted, whatever `ReaderLimits.maxDepth` says: parsing is
    /// iterative, but the resulting tree is released and walked recursively, and secondary
    /// threads have small stacks (512 KiB).
    static let hardDepthCap = 256

    /// `limits.maxDepth`, but never above `hardDepthCap`.
    let maxDepth: Int
    /// Whether the whole input is valid UTF-8: then a string without escapes needs no check of
    /// its own (a quote is ASCII, so it never cuts a character). Otherwise each string is
    /// checked, and the first bad one is reported where its bad byte is.
    private let isValidUTF8Document: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, limits: ReaderLimits) {
        self.bytes = bytes
        self.limits = limits
        self.maxDepth = min(limits.maxDepth, Self.hardDepthCap)
        self.isValidUTF8Document = Self.isValidUTF8(bytes)
        self.storage = FormTreeStorage(inputBytes: bytes.count, maxNodes: limits.maxNodes)
    }

    var location: SourceLocation {
        SourceLocation(line: line, column: position - lineStart - continuationBytes + 1)
    }

    mutating func parseDocument() throws(Failure) -> Int32 {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
            lineStart = 3
        } else if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw fail(.encodingInvalid, ["encoding": "UTF-8", "found": "UTF-16", "problem": "utf16",
                                          "detail": "UTF-16 byte order mark"])
        }
        skipWhitespace()
        let root = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw fail(.jsonMalformed, ["expected": "end of input", "found": foundDescription()])
        }
        return root
    }

    // MARK: Values

    /// An object or array being read: the parser keeps these on an explicit stack instead of
    /// recursing, so nesting costs heap, not thread stack (debug builds use kilobytes of stack
    /// per recursion level; a 512 KiB secondary-thread stack held barely 30 levels).
    private struct OpenContainer {
        let node: Int32
        let isObject: Bool
        var count: Int32 = 0
        /// Objects past `scanLimit` members: where their entries in `marksUndo` start.
        var marksFrom: Int?
    }

    /// Reads one value (with everything nested in it) iteratively; returns its record.
    mutating func parseValue() throws(Failure) -> Int32 {
        var stack: [OpenContainer] = []
        let emptyKey = storage.keys.intern(UnsafeBufferPointer(start: nil, count: 0))
        while true {
            guard position < bytes.count else {
                throw fail(.jsonMalformed, ["expected": "value", "found": "end of input"])
            }
            nodeCount += 1
            if nodeCount > limits.maxNodes {
                throw fail(.inputTooLarge, ["limit": .number(limits.maxNodes), "what": "nodes"])
            }
            let start = location
            var completed: Int32
            // The record's key, step and place: a member's key and its location; an array
            // item's index, with its list's key, at the value.
            var node: FormTree.Node
            var place = start
            if let parent = stack.last {
                if parent.isObject, let member = pendingKey {
                    node = FormTree.Node(key: member.id, name: member.id, kind: .null, step: .member)
                    place = member.location
                } else {
                    node = FormTree.Node(key: storage.nodes[Int(parent.node)].key, name: -1, kind: .null, step: .item)
                    node.ordinal = parent.count
                }
                node.pathParent = parent.node
            } else {
                node = FormTree.Node(key: emptyKey, name: -1, kind: .null, step: .member)
            }
            node.line = Int32(place.line)
            node.column = Int32(place.column ?? 0)
            pendingKey = nil
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[position] == UInt8(ascii: "{")
                // Checked before descending: depth is the number of open containers.
                if stack.count + 1 > maxDepth {
                    throw fail(.inputTooDeep, ["limit": .number(maxDepth)])
                }
                position += 1
                skipWhitespace()
                node.kind = isObject ? .section : .list
                completed = storage.append(node)
                if peek(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                } else {
                    var container = OpenContainer(node: completed, isObject: isObject)
                    if isObject { try beginMember(of: &container) }
                    stack.append(container)
                    continue
                }
            case UInt8(ascii: "\""):
                node.kind = .string
                completed = storage.append(node)
                try parseString(into: completed)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                node.kind = .number
                completed = storage.append(node)
                try parseNumber(into: completed)
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                node.kind = .bool
                completed = storage.append(node)
                storage.setText(completed, Self.literal("true"))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                node.kind = .bool
                completed = storage.append(node)
                storage.setText(completed, Self.literal("false"))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                node.kind = .null
                completed = storage.append(node)
            default:
                throw fail(.jsonMalformed, ["expected": "value", "found": foundDescription()])
            }

            // A value is complete: attach it, closing every container it completes.
            while true {
                guard var container = stack.popLast() else { return completed }
                storage.link(completed, to: container.node)
                container.count += 1
                skipWhitespace()
                let closer = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard position < bytes.count else {
                    throw fail(.jsonMalformed, ["expected": container.isObject ? ", }" : ", ]", "found": "end of input"])
                }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if container.isObject { try beginMember(of: &container) }
                    stack.append(container)
                    break
                }
                if bytes[position] == closer {
                    position += 1
                    if let marksFrom = container.marksFrom { unmark(downTo: marksFrom) }
                    completed = container.node
                    continue
                }
                throw fail(.jsonMalformed, ["expected": container.isObject ? ", }" : ", ]", "found": foundDescription()])
            }
        }
    }

    private static func literal(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Reads a member's key and colon into `pendingKey`.
    /// Duplicate keys (same key id: exact bytes) are reported and kept: small objects (the
    /// usual case) are checked by a scan; marks by key id take over past `scanLimit` members
    /// so a hostile wide object stays linear.
    private mutating func beginMember(of object: inout OpenContainer) throws(Failure) {
        skipWhitespace()
        guard peek(UInt8(ascii: "\"")) else {
            throw fail(.jsonMalformed, ["expected": "\"", "found": foundDescription()])
        }
        let keyLocation = location
        let key = try scanString()
        let id: Int32
        if key.hasEscape {
            // Unescaped into the text buffer only to be interned, then taken back out.
            let keyStart = storage.text.count
            try unescape(key.raw, startingAt: key.start)
            id = storage.text.withUnsafeBufferPointer { storage.keys.intern(UnsafeBufferPointer(rebasing: $0[keyStart...])) }
            storage.text.removeSubrange(keyStart...)
        } else {
            // Interned from the input itself: a key is not a value, its bytes need no copy.
            id = storage.keys.intern(key.raw)
        }
        var firstLine: Int?
        if object.count < Self.scanLimit {
            var member = storage.nodes[Int(object.node)].firstChild
            while member >= 0 {
                if storage.nodes[Int(member)].key == id {
                    firstLine = Int(storage.nodes[Int(member)].line)
                    break
                }
                member = storage.nodes[Int(member)].nextSibling
            }
        } else {
            if object.marksFrom == nil {
                object.marksFrom = marksUndo.count
                var member = storage.nodes[Int(object.node)].firstChild
                while member >= 0 {
                    mark(storage.nodes[Int(member)].key, in: object.node, line: storage.nodes[Int(member)].line)
                    member = storage.nodes[Int(member)].nextSibling
                }
            }
            if !mark(id, in: object.node, line: Int32(keyLocation.line)) {
                firstLine = Int(markedLine[Int(id)])
            }
        }
        if let firstLine {
            let name = storage.keys.string(id)
            var path = ""
            var current = object.node
            var steps: [String] = [FormTree.escapePointer(name)]
            while current >= 0 {
                let node = storage.nodes[Int(current)]
                if node.step == .member, node.name >= 0 {
                    steps.append(FormTree.escapePointer(storage.keys.string(node.name)))
                } else if node.step == .item {
                    steps.append(String(node.ordinal))
                }
                current = node.pathParent
            }
            for step in steps.reversed() { path += "/" + step }
            warnings.append(.error(.fieldDuplicate,
                                   arguments: ["key": .text(name), "firstKey": .text(name), "line": .number(keyLocation.line),
                                               "firstLine": .number(firstLine)],
                                   path: path, location: keyLocation))
        }
        skipWhitespace()
        guard peek(UInt8(ascii: ":")) else {
            throw fail(.jsonMalformed, ["expected": ":", "found": foundDescription()])
        }
        position += 1
        skipWhitespace()
        pendingKey = (id, keyLocation)
    }

    /// Marks `key` as a member of `object` at `line`; false (and no change) when it already is.
    @discardableResult
    private mutating func mark(_ key: Int32, in object: Int32, line: Int32) -> Bool {
        let index = Int(key)
        if index >= markedObject.count {
            // Doubled (at least to the key count) when too short: most marks are of a new key.
            let missing = max(storage.keys.count, markedObject.count * 2, 64) - markedObject.count
            markedObject.append(contentsOf: repeatElement(-1, count: missing))
            markedLine.append(contentsOf: repeatElement(0, count: missing))
        }
        if markedObject[index] == object { return false }
        marksUndo.append((key, markedObject[index], markedLine[index]))
        markedObject[index] = object
        markedLine[index] = line
        return true
    }

    /// Restores the marks an object made, when it closes.
    private mutating func unmark(downTo start: Int) {
        while marksUndo.count > start {
            let undone = marksUndo.removeLast()
            markedObject[Int(undone.key)] = undone.object
            markedLine[Int(undone.key)] = undone.line
        }
    }

    // MARK: Scalars

    /// Reads a string value into the record `node`.
    mutating func parseString(into node: Int32) throws(Failure) {
        let start = storage.text.count
        try parseStringBytes()
        storage.nodes[Int(node)].textStart = Int32(start)
        storage.nodes[Int(node)].textCount = Int32(storage.text.count - start)
    }

    /// Reads a string and appends its bytes (unescaped, valid UTF-8) to the tree's text.
    mutating func parseStringBytes() throws(Failure) {
        let string = try scanString()
        if string.hasEscape {
            try unescape(string.raw, startingAt: string.start)
        } else {
            storage.text.append(contentsOf: string.raw)
        }
    }

    /// Reads a string up to its closing quote: its bytes as written and their offset in the
    /// input. Without escapes they are checked to be UTF-8 here; with escapes `unescape`
    /// checks what they decode to.
    private mutating func scanString() throws(Failure) -> (raw: UnsafeBufferPointer<UInt8>, start: Int, hasEscape: Bool) {
        let opening = location
        position += 1  // opening quote
        let start = position
        var hasEscape = false
        let count = bytes.count
        var index = position
        var continuations = 0
        let base = bytes.baseAddress.map(UnsafeRawPointer.init)
        while true {
            // Eight bytes at a time while none is `"`, `\` or a control (the bit tricks test
            // every byte of a word at once), counting UTF-8 continuation bytes for columns.
            if let base {
                while index &+ 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if Self.hasSpecialByte(word) { break }
                    continuations &+= Self.continuationCount(word)
                    index &+= 8
                }
            }
            // Then byte by byte up to the special one (or the end).
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                continuations &+= Int((byte & 0xC0) == 0x80 ? 1 : 0)
                index &+= 1
            }
            position = index
            continuationBytes += continuations
            continuations = 0
            guard index < count else {
                throw fail(.jsonMalformed, ["expected": "\"", "found": "end of input"])
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                index = min(index + 2, count)
                continue
            }
            throw fail(.jsonMalformed, ["expected": "\"", "found": "control character"])
        }
        let end = position
        if end - start > limits.maxValueBytes {
            // Reported at the value's start: that is where the reader must look.
            throw Failure(diagnostic: .error(.inputTooLarge,
                                             arguments: ["limit": .number(limits.maxValueBytes), "what": "value bytes"],
                                             location: opening))
        }
        position += 1  // closing quote
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !hasEscape, !isValidUTF8Document, !Self.isValidUTF8(raw) { throw invalidUTF8(in: raw, startingAt: start) }
        return (raw, start, hasEscape)
    }

    /// ASCII is skipped eight bytes at a time; each run of other bytes is checked by the standard
    /// library's UTF-8 decoder (without making a `String` of the text). Runs are independent:
    /// a multi-byte character has no ASCII byte, so an ASCII byte ends any sequence.
    static func isValidUTF8(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = raw.baseAddress.map(UnsafeRawPointer.init) else { return true }
        let count = raw.count
        var index = 0
        while true {
            while index &+ 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highBits == 0 {
                index &+= 8
            }
            while index < count, raw[index] < 0x80 { index &+= 1 }
            guard index < count else { return true }
            var end = index
            while end < count, raw[end] >= 0x80 { end &+= 1 }
            var decoder = UTF8()
            var iterator = UnsafeBufferPointer(rebasing: raw[index..<end]).makeIterator()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: return false
                }
            }
            index = end
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is `"` (0x22), `\` (0x5C) or below 0x20: the classic
    /// "has a zero byte" test, `(v - 0x01…) & ~v & 0x80…`, on `word ^ c` and on `word - 0x20…`.
    /// Exact as a yes/no for the whole word.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return special & highBits != 0
    }

    /// UTF-8 continuation bytes (`10xxxxxx`) in `word`.
    @inline(__always)
    static func continuationCount(_ word: UInt64) -> Int {
        (word & highBits & ~((word << 1) & highBits)).nonzeroBitCount
    }

    private mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>, startingAt offset: Int) throws(Failure) {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
        func readHex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for i in at..<(at + 4) {
                guard let digit = hexValue(raw[i]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        // Escape problems point at the backslash, not past the string.
        func failure(_ code: DiagnosticCode, _ arguments: [String: MessageArgument], at escapeStart: Int) -> Failure {
            Failure(diagnostic: .error(code, arguments: arguments, location: location(ofByte: offset + escapeStart)))
        }
        while index < raw.count {
            // Copy the plain run up to the next backslash in one go.
            let runStart = index
            // memchr: narratives are long and escapes (`\n`) few.
            if let found = memchr(raw.baseAddress! + index, Int32(UInt8(ascii: "\\")), raw.count - index) {
                index = raw.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                index = raw.count
            }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[runStart..<index])) }
            guard index < raw.count else { break }
            guard index + 1 < raw.count else { break }
            let escapeStart = index
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = readHex4(index) else {
                    throw failure(.jsonMalformed, ["expected": "\\uXXXX", "found": "invalid escape"], at: escapeStart)
                }
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if index + 1 < raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                        let low = readHex4(index + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        throw failure(.encodingInvalid, ["encoding": "UTF-16", "detail": "unpaired surrogate escape"], at: escapeStart)
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw failure(.encodingInvalid, ["encoding": "UTF-16", "detail": "unpaired surrogate escape"], at: escapeStart)
                }
                guard let decoded = Unicode.Scalar(scalar) else {
                    throw failure(.encodingInvalid, ["encoding": "UTF-16", "detail": "unpaired surrogate escape"], at: escapeStart)
                }
                UTF8.encode(decoded) { out.append($0) }
            default:
                throw failure(.jsonMalformed, ["expected": "escape", "found": .text("\\" + String(UnicodeScalar(escape)))],
                              at: escapeStart)
            }
        }
        guard out.withUnsafeBufferPointer({ Self.isValidUTF8($0) }) else {
            throw invalidUTF8(in: raw, startingAt: offset)
        }
        storage.text.append(contentsOf: out)
    }

    /// Points at the first byte that is not valid UTF-8.
    private mutating func invalidUTF8(in raw: UnsafeBufferPointer<UInt8>, startingAt offset: Int) -> Failure {
        var decoder = UTF8()
        var iterator = raw.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): consumed += scalar.utf8.count
            case .emptyInput, .error: break loop
            }
        }
        // Columns before this string on the line were already counted; recount up to the bad byte.
        let badOffset = offset + consumed
        let column = badOffset - lineStart - Self.continuationCount(bytes, from: lineStart, to: badOffset) + 1
        return Failure(diagnostic: .error(.encodingInvalid, arguments: ["encoding": "UTF-8"],
                                          location: SourceLocation(line: line, column: column)))
    }

    /// Line and column of a byte on the current line (strings never span lines).
    private func location(ofByte offset: Int) -> SourceLocation {
        SourceLocation(line: line, column: offset - lineStart - Self.continuationCount(bytes, from: lineStart, to: offset) + 1)
    }

    private static func continuationCount(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        for index in from..<to where bytes[index] & 0xC0 == 0x80 { count += 1 }
        return count
    }

    /// Reads a number into the record `node`, as written.
    mutating func parseNumber(into node: Int32) throws(Failure) {
        let start = position
        let opening = location
        func digits(_ parser: inout JSONParser) -> Int {
            let begin = parser.position
            while parser.position < parser.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.position])
            {
                parser.position += 1
            }
            return parser.position - begin
        }
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "0")) {
            position += 1
        } else if digits(&self) == 0 {
            throw fail(.jsonMalformed, ["expected": "digit", "found": foundDescription()])
        }
        if peek(UInt8(ascii: ".")) {
            position += 1
            if digits(&self) == 0 { throw fail(.jsonMalformed, ["expected": "digit", "found": foundDescription()]) }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            if digits(&self) == 0 { throw fail(.jsonMalformed, ["expected": "digit", "found": foundDescription()]) }
        }
        if position - start > limits.maxValueBytes {
            throw Failure(diagnostic: .error(.inputTooLarge,
                                             arguments: ["limit": .number(limits.maxValueBytes), "what": "value bytes"],
                                             location: opening))
        }
        storage.setText(node, UnsafeBufferPointer(rebasing: bytes[start..<position]))
    }

    mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= bytes.count, (0..<count).allSatisfy({ bytes[position + $0] == text[$0] }) else {
            throw fail(.jsonMalformed, ["expected": "value", "found": foundDescription()])
        }
        position += count
    }

    // MARK: Helpers (`peek` and `skipWhitespace` come from `JSONScanner`)

    func foundDescription() -> MessageArgument {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return .text(String(UnicodeScalar(byte))) }
        return .text(String(format: "0x%02X", byte))
    }

    func fail(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> Failure {
        Failure(diagnostic: .error(code, arguments: arguments, location: location))
    }

}
