/// The input format of a document.
public enum SourceFormat: String, Sendable, Hashable, Codable {
    case xml
    case json
}

/// A scalar as the input wrote it. JSON numbers keep their exact text (`"12.50"` stays
/// `12.50`), so no value ever passes through a binary float.
public struct FormScalar: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case string
        case number
        case bool
        case null
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .string) {
        self.text = text
        self.kind = kind
    }
}

/// One node of the neutral form tree that both readers produce and the mapper walks.
///
/// - XML: an element holding only text is a scalar; an element with child elements is a
///   section; sibling elements with the same key are grouped into a list. Attributes other
///   than `id`/`label`/`name` (which give the key) and the root's `lang` are kept in
///   `attributes`, so nothing in the input is lost.
/// - JSON: objects are sections, arrays are lists, everything else is a scalar.
public struct FormNode: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(FormScalar)
        case section([FormNode])
        case list([FormNode])
    }

    /// The key as written: JSON member name; XML `id`, else `label`/`name`, else local name
    /// with `_` read as a space. List items carry their list's key.
    public var key: String
    /// Where the node is: an XPath-like path (`/solicitud/poblacion[2]`) or a JSON Pointer.
    public var path: String
    /// 1-based line and (where known) column of the node's start.
    public var location: SourceLocation?
    public var content: Content
    /// XML attributes that are values (not `id`/`label`/`name`); empty for JSON.
    public var attributes: [FormNode]

    public init(
        key: String, path: String, location: SourceLocation?, content: Content, attributes: [FormNode] = []
    ) {
        self.key = key
        self.path = path
        self.location = location
        self.content = content
        self.attributes = attributes
    }

    public var scalar: FormScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// Children of a section, items of a list, nothing for a scalar.
    public var children: [FormNode] {
        switch content {
        case .scalar: []
        case .section(let nodes), .list(let nodes): nodes
        }
    }

    /// Number of scalar leaves below (and including) this node, attributes included.
    /// The "nothing is lost" property counts these.
    public var leafCount: Int {
        var count = attributes.reduce(0) { $0 + $1.leafCount }
        switch content {
        case .scalar: count += 1
        case .section(let nodes), .list(let nodes): count += nodes.reduce(0) { $0 + $1.leafCount }
        }
        return count
    }
}

/// A whole input document as read.
public struct FormDocument: Sendable, Hashable {
    public var format: SourceFormat
    public var root: FormNode
    /// `xml:lang` / `lang` on the XML root element, if any.
    public var declaredLocale: String?

    public init(format: SourceFormat, root: FormNode, declaredLocale: String? = nil) {
        self.format = format
        self.root = root
        self.declaredLocale = declaredLocale
    }
}

/// Safe defaults against hostile or runaway input; every reader enforces all of them.
public struct ReaderLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes (`input.too_large`).
    public var maxInputBytes: Int
    /// Deepest nesting of sections and lists (`input.too_deep`).
    public var maxDepth: Int
    /// Most nodes (fields, sections, list items, attributes) in one input (`input.too_large`).
    public var maxNodes: Int
    /// Longest single value, in bytes (`input.too_large`).
    public var maxValueBytes: Int

    public init(
        maxInputBytes: Int = 16 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000, maxValueBytes: Int = 1 << 20
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxValueBytes = maxValueBytes
    }

    public static let `default` = ReaderLimits()
}

/// What a reader returns: the document, or the diagnostics that say why there is none.
/// A reader reports the first fatal problem with its position and never a partial tree.
public struct ReadResult: Sendable {
    public var document: FormDocument?
    public var diagnostics: [Diagnostic]

    public init(document: FormDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }
}
