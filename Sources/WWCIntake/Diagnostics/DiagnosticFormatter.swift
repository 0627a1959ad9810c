/// Formats diagnostics in the compiler convention that editors and CI logs understand:
/// `file:line:col: severity: message [code]`.
///
/// Returns text; printing is the caller's business.
public enum DiagnosticFormatter {
    public static func line(_ diagnostic: Diagnostic, message: String) -> String {
        let place = self.place(diagnostic)
        // One finding, one line: messages quoting input (libxml2 details) may hold line breaks.
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        var text = "\(place): \(diagnostic.severity.rawValue): \(oneLine) [\(diagnostic.code.rawValue)]"
        if diagnostic.line == nil, let path = diagnostic.path, !path.isEmpty { text += " (at \(path))" }
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
}
