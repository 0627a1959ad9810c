import Foundation
internal import CICU

/// Checks both readers make on the raw bytes before parsing: input size and NUL bytes.
enum InputScreening {
    /// `input.too_large` for oversized input, `encoding.invalid` for a NUL byte; nil if fine.
    /// `allowsNUL` is true for UTF-16 input, where NUL bytes are half of every ASCII character.
    /// `encoding` names the encoding in force, for the message ("not valid {encoding}").
    static func screen(
        _ bytes: UnsafeRawBufferPointer, limits: ReaderLimits, allowsNUL: Bool, encoding: String = "UTF-8"
    ) -> Diagnostic? {
        if bytes.count > limits.maxInputBytes {
            return .error(.inputTooLarge,
                          arguments: ["limit": .number(limits.maxInputBytes), "count": .number(bytes.count),
                                      "what": "bytes"],
                          location: SourceLocation(line: 1, column: 1))
        }
        if !allowsNUL, let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) {
            let offset = base.distance(to: UnsafeRawPointer(found))
            return .error(.encodingInvalid, arguments: ["detail": "NUL byte", "problem": "nul", "encoding": .text(encoding)],
                          location: location(ofOffset: offset, in: bytes))
        }
        return nil
    }

    /// `input.too_large` when one start tag has more than `limit` attributes, at its line.
    ///
    /// Cheap in the usual case: every attribute is `name="…"` or `name='…'`, so an element can
    /// only have that many attributes if the document has that many `=` bytes followed (after
    /// optional whitespace) by a quote. `memchr` finds the `=` signs (rare in forms, so this
    /// costs almost nothing); only if the count exceeds the limit, or there are so many `=`
    /// that jumping between them stops paying, are start tags scanned precisely. UTF-16 input
    /// (a NUL byte after each ASCII character) always takes the precise scan.
    static func tooManyAttributes(_ bytes: UnsafeRawBufferPointer, limit: Int, isUTF16: Bool = false) -> Diagnostic? {
        guard !isUTF16, let base = bytes.baseAddress else { return preciseAttributeScan(bytes, limit: limit) }
        let count = bytes.count
        var index = 0
        var signs = 0
        var attributeLike = 0
        while index < count, let found = memchr(base + index, Int32(UInt8(ascii: "=")), count - index) {
            let at = base.distance(to: UnsafeRawPointer(found))
            signs += 1
            var next = at + 1
            while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0A || bytes[next] == 0x0D {
                next += 1
            }
            if next < count, bytes[next] == UInt8(ascii: "\"") || bytes[next] == UInt8(ascii: "'") {
                attributeLike += 1
            }
            if attributeLike > limit || signs > 4_096 { return preciseAttributeScan(bytes, limit: limit) }
            index = at + 1
        }
        return nil
    }

    /// Counts the attributes of every start tag, quote-aware. `<` cannot occur inside an
    /// attribute value, so a tag ends at the first `>` outside quotes or at the next `<`.
    /// Comments and CDATA are scanned like tags, which can only overcount.
    static func preciseAttributeScan(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Diagnostic? {
        let count = bytes.count
        var index = 0
        var line = 1
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A { line += 1; continue }
            guard byte == UInt8(ascii: "<") else { continue }
            let tagLine = line
            var quote: UInt8 = 0
            var attributes = 0
            scan: while index < count {
                let inner = bytes[index]
                if inner == 0x0A { line += 1 }
                if quote != 0 {
                    // `<` cannot be inside a value: a quote in a comment or CDATA opened this
                    // state, and it must not hide the next tag from the count.
                    if inner == quote { quote = 0 } else if inner == UInt8(ascii: "<") { break scan }
                } else {
                    switch inner {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = inner
                    case UInt8(ascii: "="):
                        attributes += 1
                        if attributes > limit {
                            return .error(.inputTooLarge,
                                          arguments: ["limit": .number(limit), "what": "attributes"],
                                          location: SourceLocation(line: tagLine))
                        }
                    case UInt8(ascii: ">"): index += 1; break scan
                    case UInt8(ascii: "<"): break scan
                    default: break
                    }
                }
                index += 1
            }
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of the XML declaration (after an optional UTF-8 BOM),
    /// lowercased; nil without one or for UTF-16 input.
    static func declaredXMLEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let prefix = Array("<?xml".utf8)
        guard bytes.count >= start + prefix.count,
            prefix.indices.allSatisfy({ bytes[start + $0] == prefix[$0] })
        else { return nil }
        // The declaration is short; 256 bytes is plenty and keeps this O(1).
        let end = min(bytes.count, start + 256)
        var index = start
        while index < end, !(bytes[index] == UInt8(ascii: "?") && index + 1 < end && bytes[index + 1] == UInt8(ascii: ">")) {
            index += 1
        }
        let declaration = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        // Every XML form passes here, and Foundation's `range(of:)` cost more than the rest of
        // the screening: ASCII without CR LF (where a byte is a `Character`) is read byte-wise,
        // in place (not copied into an array and searched through slices).
        var asciiOneBytePerCharacter = true
        for offset in 0..<declaration.count where declaration[offset] >= 0x80
            || (declaration[offset] == 0x0D && offset + 1 < declaration.count && declaration[offset + 1] == 0x0A) {
            asciiOneBytePerCharacter = false
            break
        }
        guard asciiOneBytePerCharacter else {
            let text = String(decoding: declaration, as: UTF8.self)
            guard let range = text.range(of: "encoding") else { return nil }
            let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let value = rest.dropFirst().prefix { $0 != quote }
            return value.lowercased()
        }
        let name: StaticString = "encoding"
        let length = name.utf8CodeUnitCount
        guard declaration.count >= length else { return nil }
        var at = 0
        while at <= declaration.count - length {
            if (0..<length).allSatisfy({ declaration[at + $0] == name.utf8Start[$0] }) { break }
            at += 1
        }
        guard at <= declaration.count - length else { return nil }
        var valueStart = at + length
        while valueStart < declaration.count {
            switch declaration[valueStart] {
            case UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                valueStart += 1
                continue
            default:
                break
            }
            break
        }
        guard valueStart < declaration.count else { return nil }
        let quote = declaration[valueStart]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        var valueEnd = valueStart + 1
        while valueEnd < declaration.count, declaration[valueEnd] != quote { valueEnd += 1 }
        return String(decoding: declaration[(valueStart + 1)..<valueEnd], as: UTF8.self).lowercased()
    }

    /// `encoding.invalid` for what libxml2 2.9 gets wrong or reports badly about declared
    /// encodings: a UTF-8 BOM contradicted by a declared non-UTF-8 encoding (libxml2 would
    /// silently decode UTF-8 bytes as, say, Latin-1) and 8-bit bytes in a document declared
    /// US-ASCII (libxml2 stops reading and calls it "Extra content at the end").
    static func declaredEncodingConflict(_ bytes: UnsafeRawBufferPointer) -> Diagnostic? {
        guard let encoding = declaredXMLEncoding(bytes) else { return nil }
        let hasUTF8BOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if hasUTF8BOM, encoding != "utf-8", encoding != "utf8" {
            return .error(.encodingInvalid,
                          arguments: ["encoding": .text(encoding.uppercased()), "found": "UTF-8",
                                      "detail": "UTF-8 byte order mark contradicts the declared encoding"],
                          location: SourceLocation(line: 1, column: 1))
        }
        if ["us-ascii", "ascii", "iso646-us", "ansi_x3.4-1968"].contains(encoding),
            let offset = bytes.firstIndex(where: { $0 >= 0x80 })
        {
            return .error(.encodingInvalid, arguments: ["encoding": .text(encoding.uppercased()), "detail": "byte above 0x7F"],
                          location: byteLocation(ofOffset: offset, in: bytes))
        }
        return nil
    }

    /// `encoding.mismatch` (a warning) when the XML declaration names a single-byte encoding
    /// (ISO-8859-1, windows-1252, US-ASCII…: ICU's converter for it has one byte per
    /// character) but the bytes are valid UTF-8 with multi-byte sequences: an editor saved the
    /// file as UTF-8 and kept the old declaration. Read as declared, `São` would become `SÃ£o`
    /// with no error at all, since every byte is a valid Latin-1 character; a Latin-1 file is
    /// almost never valid UTF-8 by accident (é alone, 0xE9, is not), so the bytes decide.
    /// A UTF-8 BOM under such a declaration stays `encoding.invalid` (`declaredEncodingConflict`).
    static func singleByteDeclarationOverUTF8(_ bytes: UnsafeRawBufferPointer) -> Diagnostic? {
        guard let declared = declaredXMLEncoding(bytes), declared != "utf-8", declared != "utf8",
              !(bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF),
              let base = bytes.baseAddress, bytes.contains(where: { $0 >= 0x80 }),
              String(validating: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count),
                     as: UTF8.self) != nil,
              wwc_encoding_max_char_size(declared) == 1
        else { return nil }
        return .warning(.encodingMismatch, arguments: ["declared": .text(declared.uppercased()), "used": "UTF-8"],
                        location: SourceLocation(line: 1, column: 1))
    }

    /// 1-based line and column in UTF-16 code units of a byte offset in UTF-16 input (after
    /// its BOM, if any).
    static func utf16Location(ofOffset offset: Int, in bytes: UnsafeRawBufferPointer) -> SourceLocation {
        guard bytes.count >= 2 else { return SourceLocation(line: 1, column: 1) }
        let bigEndian = (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0x00 && bytes[1] == 0x3C)
        var index = (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) ? 2 : 0
        var line = 1
        var column = 1
        while index + 1 < min(offset + 1, bytes.count) {
            let unit = bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                                 : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            if unit == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 2
        }
        return SourceLocation(line: line, column: column)
    }

    /// The name of the encoding an XML document is read in, for messages: the BOM's, else
    /// the declared one, else UTF-8 (XML's default).
    static func xmlEncodingName(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16LE" }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16BE" }
        if isUTF16XML(bytes) { return "UTF-16" }
        return declaredXMLEncoding(bytes)?.uppercased() ?? "UTF-8"
    }

    /// `encoding.invalid` for a U+0000 code unit in UTF-16 input (libxml2's in-memory parser
    /// would take it for the end of the document), at its line and column in code units.
    static func utf16NUL(_ bytes: UnsafeRawBufferPointer, encoding: String) -> Diagnostic? {
        var index = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) ? 2 : 0
        while index + 1 < bytes.count {
            if bytes[index] == 0 && bytes[index + 1] == 0 {
                return .error(.encodingInvalid, arguments: ["detail": "NUL character", "encoding": .text(encoding)],
                              location: utf16Location(ofOffset: index, in: bytes))
            }
            index += 2
        }
        return nil
    }

    /// True when the bytes start with a UTF-16 BOM or look like UTF-16 `<` / `<?` without one.
    static func isUTF16XML(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 2 else { return false }
        let first = bytes[0], second = bytes[1]
        if (first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE) { return true }
        return (first == 0x3C && second == 0x00) || (first == 0x00 && second == 0x3C)
    }

    /// 1-based line and column (in characters, assuming UTF-8) of a byte offset.
    static func location(ofOffset offset: Int, in bytes: UnsafeRawBufferPointer) -> SourceLocation {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// 1-based line and column counting bytes (for 8-bit encodings, where a byte is a character).
    static func byteLocation(ofOffset offset: Int, in bytes: UnsafeRawBufferPointer) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }

    /// The 1-based line of the first `<!DOCTYPE` (UTF-8/8-bit or UTF-16 either endianness).
    static func doctypeLine(in bytes: UnsafeRawBufferPointer) -> Int? {
        doctypeLocation(in: bytes)?.line
    }

    /// Line and column (in characters: UTF-16 code units count as one) of `<!DOCTYPE`.
    static func doctypeLocation(in bytes: UnsafeRawBufferPointer) -> SourceLocation? {
        let marker = Array("<!DOCTYPE".utf8)
        for (stride, shift) in [(1, 0), (2, 0), (2, 1)] {
            // stride 2, shift 0: UTF-16LE (ASCII byte first); shift 1: UTF-16BE.
            let width = marker.count * stride
            guard bytes.count >= width + shift else { continue }
            var line = 1
            var column = 1
            var index = shift
            while index + width <= bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    var matches = true
                    for (position, expected) in marker.enumerated() where bytes[index + position * stride] != expected {
                        matches = false
                        break
                    }
                    if matches { return SourceLocation(line: line, column: column) }
                }
                if bytes[index] == 0x0A {
                    line += 1
                    column = 1
                } else if stride == 2 || bytes[index] & 0xC0 != 0x80 {
                    column += 1
                }
                index += stride
            }
        }
        return nil
    }
}
