/// A key compared and hashed by its exact UTF-8 bytes.
///
/// Readers group and de-duplicate keys exactly as written. Swift's `String` equality applies
/// Unicode canonical equivalence, which is slower on non-ASCII keys and is not the readers'
/// job: the mapper folds spellings (case, accents, normalization) with ICU and must detect
/// fields given twice under different spellings anyway.
struct ExactKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { equal(lhs.text, rhs.text) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// On contiguous bytes: `utf8.elementsEqual` walked the views index by index.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in left.elementsEqual(right) } }
    }
}
