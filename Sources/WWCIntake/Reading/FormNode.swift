/// A node of a `FormTree`, read as a value: its key, path, location, scalar or members.
///
/// It is a view (the tree and an index), so it costs nothing to pass around; the path and the
/// scalar's text are made when asked for. The catalog, form-definition and rubric readers and
/// the tests read trees through it as they would read nested values.
///
/// The mapper also takes a node *as* something slightly different without copying anything:
/// an element with only attributes as the group of those attributes (`asGroup`), a node
/// without its attributes (`withoutAttributes`, once they went to `unmapped`), a section
/// without one member (`excluding`).
package struct FormNode: Sendable, Hashable {
    package enum Content: Sendable, Hashable {
        case scalar(FormScalar)
        case section([FormNode])
        case list([FormNode])
    }

    struct View: Sendable, Hashable {
        /// Attributes are not this node's (nor of anything below it).
        var withoutAttributes = false
        /// The attributes are this node's members, as a section.
        var asGroup = false
        /// A member left out (-1: none).
        var excluded: Int32 = -1
    }

    let tree: FormTree
    let index: Int32
    let view: View

    init(tree: FormTree, index: Int32, view: View = View()) {
        self.tree = tree
        self.index = index
        self.view = view
    }

    package static func == (lhs: FormNode, rhs: FormNode) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index && lhs.view == rhs.view
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }

    private var record: FormTree.Node { tree.node(index) }

    /// The key as written: JSON member name; XML `id`, else `label`/`name`, else local name
    /// with `_` read as a space. List items carry their list's key.
    package var key: String { tree.key(index) }

    /// The key's id in its tree: two nodes of one tree have the same key exactly when these
    /// are equal.
    var keyID: Int32 { record.key }

    /// Where the node is: an XPath-like path (`/solicitud/poblacion[2]`) or a JSON Pointer.
    package var path: String { tree.path(index) }

    /// 1-based line and (where known) column of the node's start. JSON: line and column of
    /// the member's key (of the value for array items and the root). XML: the `<` of the
    /// element's start tag (column nil only where libxml2 had already dropped the line's start
    /// from its buffer); attributes carry their element's place, mixed-content text runs their
    /// first non-blank character.
    package var location: SourceLocation? { tree.location(index) }

    var isScalar: Bool { !view.asGroup && !record.isContainer }

    package var scalar: FormScalar? {
        guard let kind = scalarKind else { return nil }
        return FormScalar(tree.string(index), kind: kind)
    }

    /// `scalar?.kind`, without making the text.
    package var scalarKind: FormScalar.Kind? {
        guard !view.asGroup else { return nil }
        switch record.kind {
        case .string: return .string
        case .number: return .number
        case .bool: return .bool
        case .null: return .null
        case .section, .list: return nil
        }
    }

    package var content: Content {
        if let scalar { return .scalar(scalar) }
        return record.kind == .list && !view.asGroup ? .list(children) : .section(children)
    }

    var isList: Bool { !view.asGroup && record.kind == .list }
    var isSection: Bool { view.asGroup || record.kind == .section }

    private var memberView: View { View(withoutAttributes: view.withoutAttributes) }

    /// Children of a section, items of a list, nothing for a scalar.
    package var children: [FormNode] {
        if view.asGroup {
            return tree.attributes(index).compactMap { $0 == view.excluded ? nil : FormNode(tree: tree, index: $0) }
        }
        var result: [FormNode] = []
        var child = record.firstChild
        let memberView = memberView
        while child >= 0 {
            if child != view.excluded { result.append(FormNode(tree: tree, index: child, view: memberView)) }
            child = tree.node(child).nextSibling
        }
        return result
    }

    /// XML attributes that are values (not `id`/`label`/`name`); empty for JSON.
    var attributes: [FormNode] {
        guard !view.withoutAttributes, !view.asGroup, record.firstAttribute >= 0 else { return [] }
        return tree.attributes(index).map { FormNode(tree: tree, index: $0) }
    }

    var hasAttributes: Bool { !view.withoutAttributes && !view.asGroup && record.firstAttribute >= 0 }

    /// Attributes, then children: the order in which the mapper visits what a node holds.
    var attributesAndChildren: [FormNode] {
        hasAttributes ? attributes + children : children
    }

    /// Number of values below (and including) this node, attributes included: scalars, and
    /// empty JSON arrays and objects (`[]`, `{}` say something too, and are kept in `unmapped`
    /// when no field takes them). The "nothing is lost" property counts these.
    package var leafCount: Int {
        if view == View() { return tree.leafCount(index, attributes: true) }
        var count = attributes.reduce(0) { $0 + $1.leafCount }
        if isScalar { return count + 1 }
        let members = children
        count += members.isEmpty ? 1 : members.reduce(0) { $0 + $1.leafCount }
        return count
    }

    /// An array or object with nothing in it (`[]`, `{}`), which is a value of its own.
    var isEmptyContainer: Bool {
        guard !isScalar else { return false }
        if view == View() { return record.firstChild < 0 && record.firstAttribute < 0 }
        return children.isEmpty && !hasAttributes
    }

    /// This node taken as the group of its attributes (`<criterion id="DM1" status="Met"/>`).
    func asGroup() -> FormNode {
        FormNode(tree: tree, index: index, view: View(asGroup: true))
    }

    /// This node without any attribute, here or below.
    func withoutAttributes() -> FormNode {
        var view = view
        view.withoutAttributes = true
        return FormNode(tree: tree, index: index, view: view)
    }

    /// This section without the member `member`.
    func excluding(_ member: FormNode) -> FormNode {
        var view = view
        view.excluded = member.index
        return FormNode(tree: tree, index: index, view: view)
    }
}

extension FormTree {
    /// `FormNode.leafCount` of a node as read.
    func leafCount(_ index: Int32, attributes: Bool) -> Int {
        let node = nodes[Int(index)]
        var count = 0
        if attributes {
            var attribute = node.firstAttribute
            while attribute >= 0 {
                count += 1
                attribute = nodes[Int(attribute)].nextSibling
            }
        }
        guard node.isContainer else { return count + 1 }
        var child = node.firstChild
        if child < 0 { return count + 1 }
        while child >= 0 {
            count += leafCount(child, attributes: attributes)
            child = nodes[Int(child)].nextSibling
        }
        return count
    }
}

/// A whole input document as read.
package struct FormDocument: Sendable, Hashable {
    package var format: SourceFormat
    package var root: FormNode
    /// `xml:lang` / `lang` on the XML root element, if any.
    var declaredLocale: String?
    /// The `id` attribute of the XML root element, if any. It is the root's key, not a value;
    /// an XForms instance (ODK, KoboToolbox) names its form by it.
    var rootID: String?

    package init(format: SourceFormat, root: FormNode, declaredLocale: String? = nil, rootID: String? = nil) {
        self.format = format
        self.root = root
        self.declaredLocale = declaredLocale
        self.rootID = rootID
    }

    var tree: FormTree { root.tree }
}
