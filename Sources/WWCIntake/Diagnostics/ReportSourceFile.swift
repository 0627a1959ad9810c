import Foundation

/// An input's bytes with an index of where its lines start, so that a report can show the
/// source line of many diagnostics without scanning the file again for each one.
package struct ReportSourceFile: Sendable {
    private enum Storage: Sendable {
        /// UTF-8 or an 8-bit encoding: bytes and the offset after every `\n`.
        case bytes([UInt8], lineStarts: [Int])
        /// UTF-16 (with a byte order mark): decoded lines.
        case decoded([[Unicode.Scalar]])
    }

    private let storage: Storage

    package init(data: Data) {
        let bytes = [UInt8](data)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF),
           let whole = String(data: data, encoding: .utf16)
        {
            storage = .decoded(whole.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                Array(line.unicodeScalars.drop { $0 == "\u{FEFF}" }.filter { $0 != "\r" })
            })
            return
        }
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        storage = .bytes(bytes, lineStarts: starts)
    }

    /// The excerpt of line `line` (1-based) with its caret, or nil when there is no such line
    /// or it is blank.
    package func line(_ line: Int, column: Int?) -> ReportSourceLine? {
        guard line >= 1 else { return nil }
        switch storage {
        case .decoded(let lines):
            guard line <= lines.count else { return nil }
            return ReportSourceLine(scalars: lines[line - 1], column: column)
        case .bytes(let bytes, let starts):
            guard line <= starts.count else { return nil }
            let start = starts[line - 1]
            var end = line < starts.count ? starts[line] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return ReportSourceLine(bytes: bytes[start..<end], column: column)
        }
    }
}
