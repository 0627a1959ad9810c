import Foundation

/// The input format of a document.
public enum SourceFormat: String, Sendable, Hashable, Codable {
    case xml
    case json
}

/// A scalar as the input wrote it. JSON numbers keep their exact text (`"12.50"` stays
/// `12.50`), so no value ever passes through a binary float.
package struct FormScalar: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case string
        case number
        case bool
        case null
    }

    package var text: String
    package var kind: Kind

    package init(_ text: String, kind: Kind = .string) {
        self.text = text
        self.kind = kind
    }
}

/// One document as read: every node a plain record in one contiguous array, its keys interned,
/// its values bytes in one buffer. Both readers build it; the mapper walks it through
/// `FormNode`, a view of one record.
///
/// Tree rules (spec "Input forms"):
/// - XML: an element holding only text is a scalar (`<x/>` is an empty one); an element with
///   child elements is a section; sibling elements with the same key are grouped into a list
///   placed where the first of them was. Non-blank text beside child elements is kept as
///   `#text` scalar children. Attributes other than `id`/`label`/`name` (which give the key),
///   namespace declarations and the root's `xml:lang`/`lang` (which give
///   `FormDocument.declaredLocale`) are kept as attribute records, so nothing is lost.
/// - JSON: objects are sections, arrays are lists, everything else is a scalar.
///
/// Paths are not stored: most nodes never need one. A node records what its own step is (an
/// element's written name and `[n]` among same-name siblings, `@name`, `text()[n]`, a JSON
/// member name or array index) and its parent in the input; `path(of:)` joins the steps when
/// a diagnostic or an `unmapped` entry asks. XML: `/solicitud/criterios/criterio[2]/@nivel`;
/// JSON: JSON Pointer (`/criteria/DM1/evidence/0`, the root is `""`). A node made by the
/// reader rather than written (an XML list of same-key siblings, a section made from group-path
/// keys) takes the path and location of its first member.
///
/// Keys are compared by exact bytes (no Unicode folding: that is the mapper's job, with ICU):
/// two nodes have the same key exactly when they have the same key id.
///
/// The tree is built by one reader on one thread, then only read, except that the converter's
/// first stages (`GroupPaths`, `ExportRecognizer`) rewire the fresh tree of the form they
/// convert before anything else sees it.
final class FormTree: @unchecked Sendable {
    /// One node. Indices are `Int32` (the node limit is far below), -1 for none.
    struct Node {
        enum Kind: UInt8 {
            case string, number, bool, null, section, list
        }

        /// What the node's own step of its path is.
        enum Step: UInt8 {
            /// XML: `/name`, with `[ordinal]` when the ordinal is not 0. The root element too.
            case element
            /// XML: `/@name`.
            case attribute
            /// XML: `/text()[ordinal]`.
            case textRun
            /// JSON: `/name`, escaped as JSON Pointer says. The JSON root: nothing.
            case member
            /// JSON: `/ordinal`.
            case item
            /// Made by the reader or a stage: the path and location of node `pathOf`.
            case made
        }

        var key: Int32
        /// The written name the path uses (XML element or attribute name with its prefix; JSON
        /// member name before `GroupPaths` re-keys it); -1 for the JSON root and array items.
        var name: Int32
        var kind: Kind
        var step: Step
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// XML attributes, chained through `nextSibling`.
        var firstAttribute: Int32 = -1
        /// The node whose path this one's path extends (its parent in the input, which a list
        /// of same-key siblings or a group-path section does not change).
        var pathParent: Int32 = -1
        /// For `.made` nodes: the node whose path and location are this one's.
        var pathOf: Int32 = -1
        /// `[n]` of an element (0: the only one of its name), `text()[n]`, an array index.
        var ordinal: Int32 = 0
        /// The value's bytes in `FormTree.text`.
        var textStart: Int32 = 0
        var textCount: Int32 = 0
        /// 1-based; 0 when unknown (a line is always known for read nodes, a column not).
        var line: Int32 = 0
        var column: Int32 = 0

        init(key: Int32, name: Int32, kind: Kind, step: Step) {
            self.key = key
            self.name = name
            self.kind = kind
            self.step = step
        }

        var isContainer: Bool { kind == .section || kind == .list }
    }

    let format: SourceFormat
    private(set) var nodes: [Node]
    /// Every value's bytes, back to back (XML text as libxml2 decoded it, JSON strings
    /// unescaped, JSON numbers as written).
    let text: [UInt8]
    /// Interned keys and names, by id.
    private(set) var keys: [String]
    /// The same keys, to find an id by its bytes.
    private var keyTable: KeyTable

    init(format: SourceFormat, storage: consuming FormTreeStorage) {
        self.format = format
        self.nodes = storage.nodes
        self.text = storage.text
        self.keys = storage.keys.strings()
        self.keyTable = storage.keys
    }

    // MARK: Reading

    func key(_ index: Int32) -> String { keys[Int(nodes[Int(index)].key)] }

    /// The id of `key` when some key or name of the document is exactly these bytes.
    func id(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { keyTable.id(of: $0) }
    }

    func node(_ index: Int32) -> Node { nodes[Int(index)] }

    /// The node whose path and location stand for `index`.
    private func placed(_ index: Int32) -> Int32 {
        var index = index
        while nodes[Int(index)].step == .made, nodes[Int(index)].pathOf >= 0 { index = nodes[Int(index)].pathOf }
        return index
    }

    func location(_ index: Int32) -> SourceLocation? {
        let node = nodes[Int(placed(index))]
        guard node.line > 0 else { return nil }
        return SourceLocation(line: Int(node.line), column: node.column > 0 ? Int(node.column) : nil)
    }

    func string(_ index: Int32) -> String {
        let node = nodes[Int(index)]
        return text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(node.textStart)..<Int(node.textStart + node.textCount)]),
                   as: UTF8.self)
        }
    }

    /// The path, built from the steps up to the root (see the type's documentation).
    func path(_ index: Int32) -> String {
        var steps: [Int32] = []
        var current = placed(index)
        while current >= 0 {
            steps.append(current)
            let pathParent = nodes[Int(current)].pathParent
            current = pathParent >= 0 ? placed(pathParent) : -1
        }
        var path = ""
        for step in steps.reversed() {
            let node = nodes[Int(step)]
            switch node.step {
            case .element:
                path += "/" + keys[Int(node.name)]
                if node.ordinal > 0 { path += "[" + String(node.ordinal) + "]" }
            case .attribute:
                path += "/@" + keys[Int(node.name)]
            case .textRun:
                path += "/text()[" + String(node.ordinal) + "]"
            case .member:
                if node.name >= 0 { path += "/" + Self.escapePointer(keys[Int(node.name)]) }
            case .item:
                path += "/" + String(node.ordinal)
            case .made:
                break
            }
        }
        return path
    }

    static func escapePointer(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The name a form system would write for an XML node: an element's local name as written
    /// (no `[n]`, no namespace prefix), `@` and the local name for an attribute, `text()` for a
    /// mixed-content text run.
    func writtenName(_ index: Int32) -> String {
        let node = nodes[Int(placed(index))]
        switch node.step {
        case .element, .attribute:
            let name = keys[Int(node.name)]
            let local = name.utf8.lastIndex(of: UInt8(ascii: ":")).map { String(name[name.utf8.index(after: $0)...]) } ?? name
            return node.step == .attribute ? "@" + local : local
        case .textRun: return "text()"
        default: return ""
        }
    }

    // MARK: Rewiring (the converter's first stages, on the fresh tree of one form)

    /// The id of `key`, interning it when new.
    func intern(_ key: String) -> Int32 {
        let id = keyTable.intern(key)
        if Int(id) == keys.count { keys.append(key) }
        return id
    }

    func setKey(_ index: Int32, _ key: Int32) { nodes[Int(index)].key = key }

    /// A new section standing where `first` is (its path and location), holding nothing yet.
    func makeSection(key: Int32, placedAt first: Int32) -> Int32 {
        var node = Node(key: key, name: -1, kind: .section, step: .made)
        node.pathOf = first
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Makes `children` (in this order) the children of `parent`, and `attributes` its
    /// attributes.
    func setChildren(_ parent: Int32, _ children: [Int32], attributes: [Int32]? = nil) {
        func chain(_ members: [Int32]) -> (Int32, Int32) {
            for (position, member) in members.enumerated() {
                nodes[Int(member)].parent = parent
                nodes[Int(member)].nextSibling = position + 1 < members.count ? members[position + 1] : -1
            }
            return (members.first ?? -1, members.last ?? -1)
        }
        (nodes[Int(parent)].firstChild, nodes[Int(parent)].lastChild) = chain(children)
        if let attributes { nodes[Int(parent)].firstAttribute = chain(attributes).0 }
    }

    func children(_ index: Int32) -> [Int32] {
        var result: [Int32] = []
        var child = nodes[Int(index)].firstChild
        while child >= 0 {
            result.append(child)
            child = nodes[Int(child)].nextSibling
        }
        return result
    }

    func attributes(_ index: Int32) -> [Int32] {
        var result: [Int32] = []
        var attribute = nodes[Int(index)].firstAttribute
        while attribute >= 0 {
            result.append(attribute)
            attribute = nodes[Int(attribute)].nextSibling
        }
        return result
    }
}

/// A tree being built by a reader: records, value bytes and the key table.
struct FormTreeStorage {
    var nodes: [FormTree.Node] = []
    var text: [UInt8] = []
    var keys = KeyTable()

    init() {
        nodes.reserveCapacity(128)
        text.reserveCapacity(4_096)
    }

    /// Sized for a JSON input of `inputBytes`, so that a large document (a catalog: 20 KB,
    /// 700 members) is not copied into ever larger buffers as it is read: its values' bytes
    /// never outnumber its own (escapes only shrink), a node takes at least ~8 bytes of it
    /// (`"a":1,` and a line break), and a distinct key at least ~16.
    init(inputBytes: Int, maxNodes: Int) {
        nodes.reserveCapacity(max(128, min(inputBytes / 8, maxNodes)))
        text.reserveCapacity(max(4_096, inputBytes))
        keys = KeyTable(capacity: min(inputBytes / 16, maxNodes))
    }

    /// Appends a record and returns its index.
    @inline(__always)
    mutating func append(_ node: FormTree.Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Links `child` as the last child of `parent`.
    @inline(__always)
    mutating func link(_ child: Int32, to parent: Int32) {
        nodes[Int(child)].parent = parent
        let last = nodes[Int(parent)].lastChild
        if last >= 0 {
            nodes[Int(last)].nextSibling = child
        } else {
            nodes[Int(parent)].firstChild = child
        }
        nodes[Int(parent)].lastChild = child
    }

    func location(of node: Int32) -> SourceLocation? {
        let record = nodes[Int(node)]
        guard record.line > 0 else { return nil }
        return SourceLocation(line: Int(record.line), column: record.column > 0 ? Int(record.column) : nil)
    }

    /// Stores a value's bytes in `node`.
    mutating func setText(_ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        nodes[Int(node)].textStart = Int32(text.count)
        nodes[Int(node)].textCount = Int32(bytes.count)
        text.append(contentsOf: bytes)
    }

    /// Groups the children of `parent` that share a key (same key id) into one list at the
    /// first one's position, whose path and location are the first one's.
    mutating func groupSiblings(of parent: Int32, scratch: inout [Int32]) {
        var child = nodes[Int(parent)].firstChild
        guard child >= 0, nodes[Int(child)].nextSibling >= 0 else { return }
        if scratch.count < keys.count { scratch.append(contentsOf: repeatElement(-1, count: keys.count - scratch.count)) }
        // scratch[key]: the first child of that key, while this parent is grouped.
        var repeated = false
        while child >= 0 {
            let key = Int(nodes[Int(child)].key)
            if scratch[key] >= 0 { repeated = true } else { scratch[key] = child }
            child = nodes[Int(child)].nextSibling
        }
        defer {
            var child = nodes[Int(parent)].firstChild
            while child >= 0 {
                let key = Int(nodes[Int(child)].key)
                if key < scratch.count { scratch[key] = -1 }
                child = nodes[Int(child)].nextSibling
            }
        }
        guard repeated else { return }
        var order: [Int32] = []
        // The list made for a key, and where its first child stood, by that child (the one
        // `scratch` names for the key).
        var lists: [Int32: Int32] = [:]
        var positions: [Int32: Int] = [:]
        child = nodes[Int(parent)].firstChild
        while child >= 0 {
            let next = nodes[Int(child)].nextSibling
            let key = nodes[Int(child)].key
            let first = scratch[Int(key)]
            if first == child {
                positions[child] = order.count
                order.append(child)
            } else {
                let list: Int32
                if let made = lists[first] {
                    list = made
                } else {
                    var node = FormTree.Node(key: key, name: -1, kind: .list, step: .made)
                    node.pathOf = first
                    list = append(node)
                    lists[first] = list
                    if let position = positions[first] { order[position] = list }
                    nodes[Int(first)].nextSibling = -1
                    link(first, to: list)
                }
                nodes[Int(child)].nextSibling = -1
                link(child, to: list)
            }
            child = next
        }
        nodes[Int(parent)].firstChild = -1
        nodes[Int(parent)].lastChild = -1
        for member in order {
            nodes[Int(member)].nextSibling = -1
            link(member, to: parent)
        }
    }
}

/// Keys and names of one document, interned by their exact bytes: a key id stands for one
/// byte sequence, so comparing keys is comparing integers.
struct KeyTable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var counts: [Int32] = []
    /// Open addressing: key id + 1 (0: empty), capacity a power of two, at most half full.
    private var slots: [Int32]

    var count: Int { starts.count }

    /// A table that takes `capacity` keys before it grows (each growth rehashes every key).
    init(capacity: Int = 32) {
        var slotCount = 64
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = Array(repeating: 0, count: slotCount)
        bytes.reserveCapacity(max(512, capacity * 16))
        starts.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(counts[id]) == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            key.count == 0 || memcmp(stored.baseAddress! + Int(starts[id]), key.baseAddress!, key.count) == 0
        }
    }

    /// The id of `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if equals(id, key) { return (Int32(id), slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(key).id
    }

    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (found, slot) = find(key)
        if let found { return found }
        let id = Int32(starts.count)
        starts.append(Int32(bytes.count))
        counts.append(Int32(key.count))
        bytes.append(contentsOf: key)
        slots[slot] = id + 1
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    mutating func intern(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { intern($0) }
    }

    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        bytes.withUnsafeBufferPointer { stored in
            for id in starts.indices {
                let key = UnsafeBufferPointer(start: stored.baseAddress! + Int(starts[id]), count: Int(counts[id]))
                var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while grown[slot] != 0 { slot = (slot + 1) & mask }
                grown[slot] = Int32(id) + 1
            }
        }
        slots = grown
    }

    func string(_ id: Int32) -> String {
        bytes.withUnsafeBufferPointer { stored in
            String(decoding: UnsafeBufferPointer(rebasing: stored[Int(starts[Int(id)])..<Int(starts[Int(id)] + counts[Int(id)])]),
                   as: UTF8.self)
        }
    }

    func strings() -> [String] {
        (0..<Int32(count)).map(string)
    }
}

/// Safe defaults against hostile or runaway input; every reader enforces all of them.
public struct ReaderLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes (`input.too_large`).
    public var maxInputBytes: Int
    /// Deepest nesting of sections and lists (`input.too_deep`). Both readers also stop at 256
    /// whatever this says (libxml2's own cap without `XML_PARSE_HUGE`; for JSON, because the
    /// tree is released and walked recursively and must fit a secondary thread's stack).
    public var maxDepth: Int
    /// Most nodes (fields, sections, list items, attributes) in one input (`input.too_large`).
    public var maxNodes: Int
    /// Longest single value, in bytes (`input.too_large`).
    public var maxValueBytes: Int
    /// Most attributes (namespace declarations included) on one XML element
    /// (`input.too_large`). libxml2 2.9 checks attribute names for duplicates pairwise, so one
    /// element with 100,000 attributes costs minutes; this is checked before libxml2 sees it.
    public var maxAttributesPerElement: Int

    public init(
        maxInputBytes: Int = 16 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000, maxValueBytes: Int = 1 << 20,
        maxAttributesPerElement: Int = 256
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxValueBytes = maxValueBytes
        self.maxAttributesPerElement = maxAttributesPerElement
    }

    public static let `default` = ReaderLimits()
}

/// What a reader returns: the document, or the diagnostics that say why there is none.
/// A reader reports the first fatal problem with its position and never a partial tree.
package struct ReadResult: Sendable {
    package var document: FormDocument?
    package var diagnostics: [Diagnostic]

    package init(document: FormDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }
}
