import Foundation
import WWCIntake

/// The submitted form as numbered lines, each diagnostic marked at its line and column.
///
/// Columns count Unicode scalars, as the readers count them (`ReportSourceLine`). The text is
/// split into segments here and escaped by the template, so nothing of the form ever reaches
/// the page as markup. Invisible characters a reviewer must see are made visible: control
/// characters as `�`, bidirectional controls (which can make text read differently from what
/// it is) as their code point, e.g. `[U+202E]`.
struct SourceView {
    struct Segment {
        var text: String
        /// The marked span of a diagnostic (its first character at the diagnostic's column).
        var marked: Bool
        /// A visible stand-in for an invisible control character.
        var control: Bool
        var severity: String
    }

    struct Line {
        var number: Int
        var segments: [Segment]
        /// Indexes (1-based, as listed beside the source) of the diagnostics on this line.
        var diagnostics: [Int]
        var hasDiagnostic: Bool { !diagnostics.isEmpty }
        var severity: String
        var anchor: String { "L\(number)" }
    }

    var lines: [Line]

    /// Submitted text as shown in a page: bidirectional controls as their code point, so a
    /// name cannot display reversed or reorder what follows it (the source view does the same).
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBidiControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { shown += String(format: "[U+%04X]", scalar.value) } else { shown.unicodeScalars.append(scalar) }
        }
        return shown
    }

    /// The end of a JSON string starting at `from` (a `"`) and, when a `:` follows, of the
    /// value after it (a string, or a scalar up to `,`, `}` or `]`); the line's end at most.
    static func jsonTokenEnd(_ scalars: [Unicode.Scalar], from: Int) -> Int {
        func stringEnd(_ start: Int) -> Int {
            var i = start + 1
            while i < scalars.count {
                if scalars[i] == "\\" { i += 2; continue }
                if scalars[i] == "\"" { return i + 1 }
                i += 1
            }
            return scalars.count
        }
        let keyEnd = stringEnd(from)
        var i = keyEnd
        while i < scalars.count, scalars[i] == " " { i += 1 }
        guard i < scalars.count, scalars[i] == ":" else { return keyEnd }
        i += 1
        while i < scalars.count, scalars[i] == " " { i += 1 }
        guard i < scalars.count else { return keyEnd }
        if scalars[i] == "\"" { return stringEnd(i) }
        if scalars[i] == "{" || scalars[i] == "[" { return keyEnd }
        while i < scalars.count, !",}]".unicodeScalars.contains(scalars[i]) { i += 1 }
        return i
    }

    /// Bidirectional formatting characters (UAX #9): embedding, override, isolate controls and marks.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `located`: each diagnostic with its number in the list shown beside the source.
    init(source: Data, located: [(index: Int, diagnostic: Diagnostic)]) {
        let text: String
        if let utf8 = String(validating: source, as: UTF8.self) {
            text = utf8
        } else {
            // Not UTF-8: a byte is a character (the 8-bit encodings libxml2 accepts), as the readers count.
            text = String(source.map { Character(Unicode.Scalar($0)) })
        }
        var byLine: [Int: [(index: Int, diagnostic: Diagnostic)]] = [:]
        for entry in located {
            if let line = entry.diagnostic.line { byLine[line, default: []].append(entry) }
        }
        var lines: [Line] = []
        var number = 0
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var scalars = Array(raw)
            if scalars.last == "\r" { scalars.removeLast() }
            let here = byLine[number] ?? []
            let severity = here.contains { $0.diagnostic.severity == .error } ? "error" : (here.isEmpty ? "" : "warning")
            let columns = here.compactMap { $0.diagnostic.column }
            lines.append(Line(number: number, segments: Self.segments(scalars, markAt: columns, severity: severity),
                              diagnostics: here.map(\.index), severity: severity))
        }
        // A trailing newline ends the last line; it does not start an empty one.
        if let last = lines.last, last.segments.isEmpty, lines.count > 1, byLine[last.number] == nil { lines.removeLast() }
        self.lines = lines
    }

    /// Cuts a line into plain, marked and control segments. A mark runs from its column to the
    /// end of the token there: in JSON (a `"` at the column) the string, and when it is a key,
    /// its value too; in XML up to the next `<`; trailing spaces and commas left out. It covers
    /// at least one character.
    static func segments(_ scalars: [Unicode.Scalar], markAt columns: [Int], severity: String) -> [Segment] {
        var marked = [Bool](repeating: false, count: scalars.count)
        for column in columns where column >= 1 {
            let start = min(column - 1, max(0, scalars.count - 1))
            guard start < scalars.count else { continue }
            var end = scalars[start] == "\"" ? jsonTokenEnd(scalars, from: start) : start + 1
            if scalars[start] != "\"" {
                while end < scalars.count, scalars[end] != "<" { end += 1 }
            }
            while end > start + 1, scalars[end - 1] == " " || scalars[end - 1] == "," || scalars[end - 1] == "\t" { end -= 1 }
            for i in start..<end { marked[i] = true }
        }
        var segments: [Segment] = []
        var current = String.UnicodeScalarView()
        var currentMarked = false
        func flush() {
            if !current.isEmpty {
                segments.append(Segment(text: String(current), marked: currentMarked, control: false, severity: severity))
                current = String.UnicodeScalarView()
            }
        }
        for (i, scalar) in scalars.enumerated() {
            let isBidi = isBidiControl(scalar)
            let isControl = scalar != "\t" && (scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029)
            if marked[i] != currentMarked { flush(); currentMarked = marked[i] }
            if isBidi || isControl {
                flush()
                let shown = isBidi ? String(format: "[U+%04X]", scalar.value) : "\u{FFFD}"
                segments.append(Segment(text: shown, marked: marked[i], control: true, severity: severity))
            } else {
                current.append(scalar)
            }
        }
        flush()
        return segments
    }
}
