import Foundation

/// One line of an input, cut out for a diagnostic, with a caret line under its column:
///
/// ```
///     <poblacion>7.181,469</poblacion>
///                ^
/// ```
///
/// Why it reads the bytes itself: the readers hand back only line and column, and a validator
/// needs to *see* the place. Columns count Unicode scalars (UTF-8 continuation bytes are not
/// columns), as the readers count them; in a file that is not UTF-8 a byte is a character (the
/// 8-bit encodings libxml2 accepts), so the line is decoded as Latin-1 to keep the caret in place.
/// A hostile input cannot make this slow or large: only a window of `maxWidth` characters around
/// the column is decoded, and control characters are shown as `�` so they cannot reach a terminal.
package struct ReportSourceLine: Sendable, Hashable {
    /// The text shown: the line, or a window of it with `…` where it was cut.
    package let text: String
    /// Spaces (tabs where the line has tabs) and a caret under the column; `^~~~` under the
    /// whole line when the column is unknown.
    package let caret: String

    /// The most characters shown of one line.
    static let maxWidth = 200

    /// Cuts line `line` (1-based) out of `data`, or returns nil when the file has no such line
    /// or the line is blank. For many lines of one file, use `ReportSourceFile`.
    package init?(data: Data, line: Int, column: Int?) {
        guard let excerpt = ReportSourceFile(data: data).line(line, column: column) else { return nil }
        self = excerpt
    }

    init?(bytes: ArraySlice<UInt8>, column: Int?) {
        self.init(utf8OrLatin1: bytes, column: column)
    }

    private init?(utf8OrLatin1 bytes: ArraySlice<UInt8>, column: Int?) {
        let isUTF8 = Self.isValidUTF8(bytes)
        func isCharacterStart(_ byte: UInt8) -> Bool { !isUTF8 || byte & 0xC0 != 0x80 }
        // Count the characters (no storage, so a huge line costs time linear in its length
        // and no memory), choose the window, then find its two byte offsets.
        let count = bytes.reduce(0) { $0 + (isCharacterStart($1) ? 1 : 0) }
        let (from, to) = Self.window(count: count, column: column)
        var startByte = bytes.endIndex
        var endByte = bytes.endIndex
        var character = 0
        for index in bytes.indices where isCharacterStart(bytes[index]) {
            if character == from { startByte = index }
            if character == to {
                endByte = index
                break
            }
            character += 1
        }
        let slice = bytes[startByte..<max(startByte, endByte)]
        let scalars: [Unicode.Scalar] = isUTF8
            ? Array(String(decoding: slice, as: UTF8.self).unicodeScalars)
            : slice.map { Unicode.Scalar($0) }
        self.init(window: scalars, firstColumn: from + 1, column: column, cutBefore: from > 0, cutAfter: to < count)
    }

    init?(scalars: [Unicode.Scalar], column: Int?) {
        let (from, to) = Self.window(count: scalars.count, column: column)
        self.init(window: Array(scalars[from..<to]), firstColumn: from + 1, column: column,
                  cutBefore: from > 0, cutAfter: to < scalars.count)
    }

    /// Character range `[from, to)` of the window: the whole line when short, else `maxWidth`
    /// characters with the column a third of the way in.
    private static func window(count: Int, column: Int?) -> (Int, Int) {
        if count <= maxWidth { return (0, count) }
        let target = max(0, min((column ?? 1) - 1, count))
        let from = max(0, min(target - maxWidth / 3, count - maxWidth))
        return (from, min(count, from + maxWidth))
    }

    private init?(window: [Unicode.Scalar], firstColumn: Int, column: Int?, cutBefore: Bool, cutAfter: Bool) {
        var shown = String.UnicodeScalarView()
        var pad = String.UnicodeScalarView()
        if cutBefore {
            shown.append("…")
            pad.append(" ")
        }
        var firstNonBlank: Int?
        var lastNonBlank = 0
        for (offset, scalar) in window.enumerated() {
            let isTab = scalar == "\t"
            let visible = isTab ? scalar : Self.printable(scalar)
            shown.append(visible)
            if !isTab, scalar != " " {
                if firstNonBlank == nil { firstNonBlank = offset }
                lastNonBlank = offset
            }
            if let column, offset < column - firstColumn { pad.append(isTab ? "\t" : " ") }
        }
        if cutAfter { shown.append("…") }
        let text = String(shown)
        guard let firstNonBlank else { return nil }
        self.text = text
        if let column, column >= firstColumn {
            self.caret = String(pad) + "^"
        } else {
            // No column: underline the line's content.
            let lead = String(window[..<firstNonBlank].map { $0 == "\t" ? "\t" : " " })
            self.caret = (cutBefore ? " " : "") + lead + "^" + String(repeating: "~", count: lastNonBlank - firstNonBlank)
        }
    }

    /// Control characters (and escape sequences built from them) never reach the terminal.
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: "\u{FFFD}"
        default: scalar
        }
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
