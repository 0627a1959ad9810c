import Foundation

/// The human report of `intake validate`, in the compiler convention editors and CI logs
/// understand:
///
/// ```
/// samples/invalid/es-number.xml:9:5: error: “7.181,46” no es un número válido en es-MX; … [number.invalid]
///     <poblacion>7.181,46</poblacion>
///     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
/// ```
///
/// Returns text; the command line decides where it goes and whether to color it (only on a
/// terminal). Messages quote values from the input, so control characters in them are made
/// visible rather than passed to the terminal.
package enum ReportText {
    /// ANSI styles, used only when `colors` is true.
    enum Style: String {
        case bold = "\u{1B}[1m"
        case red = "\u{1B}[1;31m"
        case yellow = "\u{1B}[1;33m"
        case green = "\u{1B}[1;32m"
        case reset = "\u{1B}[0m"
    }

    /// One diagnostic: the located line, then (when the file has that line) the source line and
    /// a caret line. Ends with a newline.
    package static func block(_ diagnostic: Diagnostic, message: String, source: ReportSourceLine?,
                             colors: Bool = false) -> String {
        func styled(_ text: String, _ style: Style) -> String {
            colors ? style.rawValue + text + Style.reset.rawValue : text
        }
        let place = DiagnosticFormatter.place(diagnostic)
        let severity = diagnostic.severity == .error
            ? styled("error", .red) : styled("warning", .yellow)
        var text = "\(styled(place + ":", .bold)) \(severity): \(sanitized(message)) [\(diagnostic.code.rawValue)]"
        if diagnostic.line == nil, let path = diagnostic.path, !path.isEmpty { text += " (at \(sanitized(path)))" }
        text += "\n"
        if let source {
            text += "    " + source.text + "\n"
            text += "    " + styled(source.caret, .green) + "\n"
        }
        return text
    }

    /// Reads the source line of a diagnostic from the input's bytes (nil without a line).
    static func sourceLine(of diagnostic: Diagnostic, in data: Data?) -> ReportSourceLine? {
        guard let data, let line = diagnostic.line else { return nil }
        return ReportSourceLine(data: data, line: line, column: diagnostic.column)
    }

    /// One finding, one line: line breaks (libxml2 details may hold them) become spaces, and
    /// other control characters (which could drive a terminal) become `�`.
    static func sanitized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.split(whereSeparator: \.isNewline).joined(separator: " ").unicodeScalars {
            scalars.append(ReportSourceLine.printable(scalar))
        }
        return String(scalars)
    }
}
