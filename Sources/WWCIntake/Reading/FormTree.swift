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
/// - XML: an element holding only text is a scalar (`<x/>` is an empty one); an element with
///   child elements is a section; sibling elements with the same key are grouped into a list
///   placed where the first of them was. Non-blank text beside child elements is kept as
///   `#text` scalar children. Attributes other than `id`/`label`/`name` (which give the key),
///   namespace declarations and the root's `xml:lang`/`lang` (which give
///   `FormDocument.declaredLocale`) are kept in `attributes`, so nothing in the input is lost.
/// - JSON: objects are sections, arrays are lists, everything else is a scalar.
///
/// Paths: XML uses element names as written, `[n]` (1-based) on same-name siblings, `@name`
/// for attributes and `text()[n]` for mixed text: `/solicitud/criterios/criterio[2]/@nivel`.
/// JSON uses JSON Pointer (`/criteria/DM1/evidence/0`; the root is `""`). A list node has
/// the path and location of its first item; each item keeps its own.
/// Keys of the same section are compared by exact bytes (no Unicode folding: that is the
/// mapper's job, with ICU).
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
    /// 1-based line and (where known) column of the node's start. JSON: line and column of
    /// the member's key (of the value for array items and the root). XML: the `<` of the
    /// element's start tag (column nil only where libxml2 had already dropped the line's start
    /// from its buffer); attributes carry their element's place, mixed-content text runs their
    /// first non-blank character.
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

    /// Attributes, then children: the order in which the mapper visits what a node holds.
    /// Most nodes have no attributes, and then no new array is made.
    public var attributesAndChildren: [FormNode] {
        attributes.isEmpty ? children : attributes + children
    }

    /// Number of values below (and including) this node, attributes included: scalars, and
    /// empty JSON arrays and objects (`[]`, `{}` say something too, and are kept in `unmapped`
    /// when no field takes them). The "nothing is lost" property counts these.
    public var leafCount: Int {
        var count = attributes.reduce(0) { $0 + $1.leafCount }
        switch content {
        case .scalar: count += 1
        case .section(let nodes), .list(let nodes): count += nodes.isEmpty ? 1 : nodes.reduce(0) { $0 + $1.leafCount }
        }
        return count
    }

    /// An array or object with nothing in it (`[]`, `{}`), which is a value of its own.
    public var isEmptyContainer: Bool {
        switch content {
        case .scalar: false
        case .section(let nodes), .list(let nodes): nodes.isEmpty && attributes.isEmpty
        }
    }
}

/// A whole input document as read.
public struct FormDocument: Sendable, Hashable {
    public var format: SourceFormat
    public var root: FormNode
    /// `xml:lang` / `lang` on the XML root element, if any.
    public var declaredLocale: String?
    /// The `id` attribute of the XML root element, if any. It is the root's key, not a value;
    /// an XForms instance (ODK, KoboToolbox) names its form by it.
    public var rootID: String?

    public init(format: SourceFormat, root: FormNode, declaredLocale: String? = nil, rootID: String? = nil) {
        self.format = format
        self.root = root
        self.declaredLocale = declaredLocale
        self.rootID = rootID
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
public struct ReadResult: Sendable {
    public var document: FormDocument?
    public var diagnostics: [Diagnostic]

    public init(document: FormDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }
}
