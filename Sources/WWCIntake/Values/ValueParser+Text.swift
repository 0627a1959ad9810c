internal import CICU

extension ValueParser {
    /// One-line text: control (Cc) and format characters (zero-width space/joiners, BOM,
    /// soft hyphen, bidi marks) removed, every run of white space — line breaks, tabs,
    /// U+00A0, U+202F — collapsed to one space, trimmed, NFC. Empty after that → `text.empty`.
    public func text(_ raw: String) throws(ValueError) -> String {
        try clean(raw, mode: Int32(WWC_TEXT_LINE))
    }

    /// Multi-paragraph text (criterion narratives): as `text`, except that a white-space run
    /// containing any line break (LF, CR, CRLF, U+2028, U+2029 …) becomes one `"\n"`.
    /// Blank lines therefore collapse too: paragraphs are separated by exactly one `"\n"`,
    /// and lines never start or end with spaces.
    public func narrative(_ raw: String) throws(ValueError) -> String {
        try clean(raw, mode: Int32(WWC_TEXT_NARRATIVE))
    }

    /// Most values are clean already, and the rest are pieces of the raw text joined by one
    /// separator each: C says which, so `raw` itself is returned, or the result is built from
    /// slices of it (no decoding and UTF-8 validation of a copy). Only when NFC changed the
    /// text is C's output decoded; it is never longer than the input unless NFC lengthens it
    /// (rare), when the call is repeated with room to grow.
    func clean(_ raw: String, mode: Int32) throws(ValueError) -> String {
        let result: String? = ICUCall.withUTF8(raw) { pointer, length in
            let first: String?? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(length) + 16) {
                buffer in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * Self.maxTextPieces) { pieces in
                    var count: Int32 = -1
                    let needed = wwc_text_clean(
                        pointer, length, mode, buffer.baseAddress!, Int32(buffer.count),
                        pieces.baseAddress!, Int32(Self.maxTextPieces), &count)
                    if needed < 0 { return .some(nil) }
                    if count >= 0 { return Self.join(raw, pieces: pieces, count: Int(count), size: Int(needed)) }
                    guard Int(needed) <= buffer.count else { return nil }
                    return UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(needed)).withMemoryRebound(
                        to: UInt8.self
                    ) { String(decoding: $0, as: UTF8.self) }
                }
            }
            if let first { return first }
            return try? ICUCall.string(initialCapacity: Int(length) * 4 + 16) { out, capacity in
                wwc_text_clean(pointer, length, mode, out, capacity, nil, 0, nil)
            }.get()
        }
        guard let result, !result.isEmpty else {
            throw failure(.textEmpty, raw)
        }
        return result
    }

    /// More pieces (paragraph breaks, doubled spaces, removed characters) and the output is
    /// decoded instead.
    private static let maxTextPieces = 24

    /// The cleaned text from `wwc_text_clean`'s pieces: `raw` when it is one piece of all of it.
    private static func join(_ raw: String, pieces: UnsafeMutableBufferPointer<Int32>, count: Int, size: Int) -> String {
        let utf8 = raw.utf8
        if count == 1, pieces[0] == 0, pieces[2] == 0, Int(pieces[1]) == utf8.count { return raw }
        var result = ""
        result.reserveCapacity(size)
        for piece in 0..<count {
            let start = utf8.index(utf8.startIndex, offsetBy: Int(pieces[3 * piece]))
            let end = utf8.index(start, offsetBy: Int(pieces[3 * piece + 1] - pieces[3 * piece]))
            result.append(contentsOf: Substring(utf8[start..<end]))
            switch pieces[3 * piece + 2] {
            case 0x20: result.append(" ")
            case 0x0A: result.append("\n")
            default: break
            }
        }
        return result
    }
}
