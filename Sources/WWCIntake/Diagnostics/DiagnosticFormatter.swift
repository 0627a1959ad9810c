/// Formats diagnostics in the compiler convention that editors and CI logs understand:
/// `file:line:col: severity: message [code]`.
///
/// Returns text; printing is the caller's business.
public enum DiagnosticFormatter {
    public static func line(_ diagnostic: Diagnostic, message: String) -> String {
        let place = self.place(diagnostic)
        // One finding, one line: messages quoting input (libxml2 details) may hold line breaks.
        let oneLine = singleLine(message)
        let severity = diagnostic.severity.rawValue
        let code = diagnostic.code.rawValue
        var text = ""
        text.reserveCapacity(place.utf8.count + severity.utf8.count + oneLine.utf8.count + code.utf8.count + 8)
        text += place
        text += ": "
        text += severity
        text += ": "
        text += oneLine
        text += " ["
        text += code
        text += "]"
        if diagnostic.line == nil, let path = diagnostic.path, !path.isEmpty {
            text += " (at "
            text += path
            text += ")"
        }
        return text
    }

    /// `file:line:col` (or less, where the reader could not know the line or column).
    public static func place(_ diagnostic: Diagnostic) -> String {
        var place = diagnostic.file ?? "<input>"
        if let line = diagnostic.line {
            place += ":\(line)"
            if let column = diagnostic.column { place += ":\(column)" }
        }
        return place
    }

    /// The message with every run of line breaks (`Character.isNewline`: LF, VT, FF, CR, CRLF,
    /// NEL, U+2028, U+2029) replaced by one space and leading/trailing ones dropped.
    ///
    /// Fast path: those characters are always grapheme clusters of their own (CRLF being one
    /// cluster), so a message whose UTF-8 holds none of their bytes has no line break and is
    /// returned as is, without walking it by `Character` (which cost more than the rest of the
    /// line).
    static func singleLine(_ message: String) -> String {
        if !holdsLineBreak(message) { return message }
        return message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Whether the UTF-8 of `text` holds a line break: a byte 0x0A–0x0D, C2 85 (NEL), or
    /// E2 80 A8/A9 (U+2028/U+2029).
    static func holdsLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x0A...0x0D:
                    return true
                case 0xC2 where index + 1 < count && bytes[index + 1] == 0x85:
                    return true
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return true
                default:
                    index += 1
                }
            }
            return false
        }
    }
}
