/// Builds the paths of form nodes (`FormNode.path`): XPath-like for XML
/// (`/solicitud/criterio[2]`), JSON Pointer for JSON (`/criteria/DM1/evidence/0`).
///
/// Every node gets a path, so this is on the readers' hot path: the parent's path, a
/// separator, the name and an optional `[n]` are copied into one allocation of the final size.
/// Appending the pieces to a `String` one by one cost ~1,300 instructions a node.
enum NodePath {
    /// `parent + separator + name`, then `[index]` when an index is given.
    static func appending(_ name: String, to parent: String, separator: StaticString = "/", index: Int? = nil) -> String {
        var parent = parent, name = name
        var suffix = index.map { "[" + String($0) + "]" } ?? ""  // small strings: no allocation
        let separatorBytes = UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount)
        return parent.withUTF8 { parentBytes in
            name.withUTF8 { nameBytes in
                suffix.withUTF8 { suffixBytes in
                    let count = parentBytes.count + separatorBytes.count + nameBytes.count + suffixBytes.count
                    return String(unsafeUninitializedCapacity: count) { out in
                        var at = 0
                        func put(_ piece: UnsafeBufferPointer<UInt8>) {
                            at += UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(fromContentsOf: piece)
                        }
                        put(parentBytes)
                        put(separatorBytes)
                        put(nameBytes)
                        put(suffixBytes)
                        return at
                    }
                }
            }
        }
    }
}
