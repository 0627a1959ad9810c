internal import CLibXML2

/// A parsed XML document (libxml2), owned by Swift. Network off, no DTD loading, no entity
/// substitution; libxml2 prints nothing (errors come back as values).
final class XMLDocumentHandle {
    let document: xmlDocPtr

    init?(_ bytes: [UInt8]) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "import.xlf", "UTF-8", options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    var hasDTD: Bool { document.pointee.intSubset != nil }

    var root: XMLElement? {
        xmlDocGetRootElement(document).map(XMLElement.init)
    }
}

/// A view of one element of an `XMLDocumentHandle` (valid while the document lives).
struct XMLElement {
    let node: xmlNodePtr

    var name: String { String(cString: node.pointee.name) }

    var namespace: String? {
        node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    var line: Int { Int(xmlGetLineNo(node)) }

    var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// An attribute's value (no allocation: read from libxml2's tree directly).
    func attribute(_ name: String) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if String(cString: current.pointee.name) == name {
                return Self.text(of: current.pointee.children)
            }
            property = current.pointee.next
        }
        return nil
    }

    /// The concatenated text of the element and its descendants.
    var text: String { Self.text(of: node.pointee.children) }

    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var child = first
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result += String(cString: content) }
            case XML_ELEMENT_NODE:
                result += text(of: current.pointee.children)
            default:
                break
            }
            child = current.pointee.next
        }
        return result
    }

    /// Every descendant element with that name, in document order.
    func descendants(_ name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in children {
            if child.name == name { result.append(child) }
            result += child.descendants(name)
        }
        return result
    }
}
