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

    /// Most values are clean already; C then says so and `raw` itself is returned, without
    /// decoding a second String. The result is never longer than the input unless NFC
    /// lengthens it (rare), when the call is repeated with room to grow.
    func clean(_ raw: String, mode: Int32) throws(ValueError) -> String {
        let result: String? = ICUCall.withUTF8(raw) { pointer, length in
            let first: String?? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(length) + 16) {
                buffer in
                var unchanged: Int32 = 0
                let needed = wwc_text_clean(pointer, length, mode, buffer.baseAddress!, Int32(buffer.count), &unchanged)
                if needed < 0 { return .some(nil) }
                if unchanged != 0 { return raw }
                guard Int(needed) <= buffer.count else { return nil }
                return UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(needed)).withMemoryRebound(
                    to: UInt8.self
                ) { String(decoding: $0, as: UTF8.self) }
            }
            if let first { return first }
            return try? ICUCall.string(initialCapacity: Int(length) * 4 + 16) { out, capacity in
                wwc_text_clean(pointer, length, mode, out, capacity, nil)
            }.get()
        }
        guard let result, !result.isEmpty else {
            throw failure(.textEmpty, raw)
        }
        return result
    }
}
