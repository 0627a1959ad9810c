extension String {
    /// `allSatisfy(\.isWhitespace)`: nothing but white space (or nothing at all).
    ///
    /// Why not just that: it walks the text by `Character` (grapheme breaking and a Unicode
    /// property look-up for the first character), and it runs on every bound
    /// value. Nearly every value starts with an ASCII character that is not white space, and
    /// then the answer is already known: a `Character`'s `isWhitespace` is its first scalar's.
    var isBlank: Bool {
        if let first = utf8.first, first < 0x80, !Self.isASCIIWhiteSpace(first) { return false }
        return allSatisfy(\.isWhitespace)
    }

    /// The ASCII scalars with Unicode's White_Space property: tab, line feed, vertical tab,
    /// form feed, carriage return and space.
    static func isASCIIWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
