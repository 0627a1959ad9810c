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

    func clean(_ raw: String, mode: Int32) throws(ValueError) -> String {
        let result = ICUCall.withUTF8(raw) { pointer, length in
            ICUCall.string(initialCapacity: Int(length) + 16) { out, capacity in
                wwc_text_clean(pointer, length, mode, out, capacity)
            }
        }
        guard case .success(let text) = result, !text.isEmpty else {
            throw failure(.textEmpty, raw)
        }
        return text
    }
}
