/// The byte cursor of the JSON reader (`JSONParser`): it counts lines and columns thus:
/// lines on LF, columns in characters (UTF-8 continuation bytes of the line not counted).
protocol JSONScanner {
    var bytes: UnsafeBufferPointer<UInt8> { get }
    var position: Int { get set }
    var line: Int { get set }
    /// Offset of the current line's first byte.
    var lineStart: Int { get set }
    /// UTF-8 continuation bytes seen on the current line.
    var continuationBytes: Int { get set }
}

extension JSONScanner {
    func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    /// JSON's white space (space, tab, CR, LF), counting lines.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
                continuationBytes = 0
            default:
                return
            }
        }
    }
}
