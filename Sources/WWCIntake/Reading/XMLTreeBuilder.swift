internal import CLibXML2
import Foundation

/// Walks an `xmlTextReader` once and builds the form tree with an explicit stack of open
/// elements (no recursion on the input's nesting).
///
/// Tree rules (spec "Input forms"): an element with only text is a scalar (`<x/>` is an empty
/// scalar); an element with child elements is a section, and non-blank text beside children
/// is kept as `#text` scalars so nothing is lost. Key: `id`, else `label`, else `name`
/// attribute, else the local name with `_` read as a space. Siblings with the same key form a
/// list at the position of the first. Paths use names as written, with `[n]` on same-name
/// siblings; attributes are `…/@name`.
struct XMLTreeBuilder {
    private struct SiblingName {
        let name: UnsafeRawPointer
        var count: Int
        /// Index in the parent's `children` of the first element of this name.
        let firstIndex: Int
    }

    private struct OpenElement {
        let name: UnsafeRawPointer
        let key: String
        var path: String
        let location: SourceLocation?
        var attributes: [FormNode]
        var children: [FormNode] = []
        var hasChildElements = false
        var siblingNames: [SiblingName] = []
        /// Index into `siblingNames` by name, built once there are many distinct names, so a
        /// hostile element with 100,000 differently named children stays linear.
        var siblingSlots: [UnsafeRawPointer: Int] = [:]
        /// Text not yet attached: the value of a scalar, or a `#text` run between children.
        var text = ""
        var textIsBlank = true
        var textLine: Int?
        var textRuns = 0
    }

    /// Names are interned in the reader's dictionary, so one pointer is one name.
    private struct CachedName {
        /// What an attribute of this name does; decided once per name, not per attribute.
        enum Role {
            case id, label, name, xmlLang, lang, value
        }

        let written: String
        let localKey: String
        let local: String
        let prefix: String?
        let role: Role
    }

    private struct Stop: Error {
        let diagnostic: Diagnostic
    }

    private let reader: LibXMLTextReader
    private let errors: LibXMLErrorCollector
    private let bytes: UnsafeRawBufferPointer
    private let limits: ReaderLimits
    /// The encoding in force, named in `encoding.invalid` findings.
    private let encoding: String
    private var stack: [OpenElement] = []
    private var root: FormNode?
    private var declaredLocale: String?
    private var nodeCount = 0
    private var names: [UnsafeRawPointer: CachedName] = [:]

    init(
        reader: LibXMLTextReader, errors: LibXMLErrorCollector, bytes: UnsafeRawBufferPointer, limits: ReaderLimits,
        encoding: String
    ) {
        self.reader = reader
        self.encoding = encoding
        self.errors = errors
        self.bytes = bytes
        self.limits = limits
    }

    mutating func run() -> ReadResult {
        let handle = reader.handle
        do {
            while true {
                let status = xmlTextReaderRead(handle)
                if errors.firstError != nil || status < 0 { throw failure(status: status) }
                if status == 0 { break }
                guard let node = xmlTextReaderCurrentNode(handle) else { continue }
                // Dispatch on libxml2's node type, not `xmlTextReaderNodeType`: for every text
                // node that one calls xmlIsBlankNode and walks all ancestors for `xml:space`,
                // which we do not need (blank text is judged below, on the bytes).
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    if xmlTextReaderNodeType(handle) == 15 {  // XML_READER_TYPE_END_ELEMENT
                        closeElement()
                    } else {
                        try startElement(handle, node)
                    }
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    try appendText(node)
                case XML_DTD_NODE, XML_DOCUMENT_TYPE_NODE, XML_ENTITY_REF_NODE, XML_ENTITY_NODE, XML_ENTITY_DECL,
                    XML_NOTATION_NODE:
                    throw Stop(diagnostic: dtdForbidden(line: nil))
                default:
                    continue  // comments, processing instructions
                }
            }
        } catch let stop as Stop {
            return ReadResult(document: nil, diagnostics: [stop.diagnostic])
        } catch {
            return ReadResult(document: nil, diagnostics: [.error(.inputUnreadable)])
        }
        guard let root else {
            if let error = errors.firstError { return ReadResult(document: nil, diagnostics: [error.diagnostic(limits: limits, encoding: encoding)]) }
            return ReadResult(document: nil, diagnostics: [
                .error(.xmlMalformed, arguments: ["detail": "Document is empty"], location: SourceLocation(line: 1))
            ])
        }
        return ReadResult(document: FormDocument(format: .xml, root: root, declaredLocale: declaredLocale),
                          diagnostics: [])
    }

    // MARK: Events

    private mutating func startElement(_ handle: xmlTextReaderPtr, _ node: xmlNodePtr) throws(Stop) {
        let depth = Int(xmlTextReaderDepth(handle))
        let lineNumber = Int(xmlGetLineNo(node))
        let line = lineNumber > 0 ? lineNumber : nil
        let location = line.map { SourceLocation(line: $0) }
        if depth + 1 > limits.maxDepth {
            throw Stop(diagnostic: .error(.inputTooDeep, arguments: ["limit": .number(limits.maxDepth)],
                                          location: location))
        }
        try countNode(location)
        guard let namePointer = xmlTextReaderConstName(handle).map(UnsafeRawPointer.init) else {
            throw Stop(diagnostic: .error(.xmlMalformed, arguments: ["detail": "element without a name"], location: location))
        }
        let name = cachedName(namePointer, handle)

        var path: String
        if stack.isEmpty {
            path = "/" + name.written
        } else {
            let parentIndex = stack.count - 1
            flushText(of: parentIndex)
            stack[parentIndex].hasChildElements = true
            // One allocation: the parent's path is copied straight into a buffer of the final size.
            path = String()
            path.reserveCapacity(stack[parentIndex].path.utf8.count + name.written.utf8.count + 8)
            path += stack[parentIndex].path
            path += "/"
            path += name.written
            if let slot = Self.siblingSlot(of: namePointer, in: &stack[parentIndex]) {
                stack[parentIndex].siblingNames[slot].count += 1
                let count = stack[parentIndex].siblingNames[slot].count
                if count == 2 {
                    // The first one was written without an index; now we know it needs `[1]`.
                    let first = stack[parentIndex].siblingNames[slot].firstIndex
                    Self.reindex(&stack[parentIndex].children[first], oldPrefix: path, newPrefix: path + "[1]")
                }
                path += "[\(count)]"
            } else {
                if !stack[parentIndex].siblingSlots.isEmpty {
                    stack[parentIndex].siblingSlots[namePointer] = stack[parentIndex].siblingNames.count
                }
                stack[parentIndex].siblingNames.append(
                    SiblingName(name: namePointer, count: 1, firstIndex: stack[parentIndex].children.count))
            }
        }

        var key: String?
        var attributes: [FormNode] = []
        if xmlTextReaderHasAttributes(handle) == 1 {
            key = try readAttributes(handle, path: path, location: location, isRoot: stack.isEmpty,
                                     into: &attributes)
        }
        stack.append(OpenElement(name: namePointer, key: key ?? name.localKey, path: path, location: location,
                                 attributes: attributes))
        if xmlTextReaderIsEmptyElement(handle) == 1 { closeElement() }
    }

    private static func siblingSlot(of name: UnsafeRawPointer, in parent: inout OpenElement) -> Int? {
        if parent.siblingNames.count <= 16 {
            return parent.siblingNames.firstIndex { $0.name == name }
        }
        if parent.siblingSlots.isEmpty {
            for (slot, sibling) in parent.siblingNames.enumerated() { parent.siblingSlots[sibling.name] = slot }
        }
        return parent.siblingSlots[name]
    }

    /// Reads the attributes into `attributes` and returns the key attribute's value, if any.
    private mutating func readAttributes(
        _ handle: xmlTextReaderPtr, path: String, location: SourceLocation?, isRoot: Bool,
        into attributes: inout [FormNode]
    ) throws(Stop) -> String? {
        var id: String?, label: String?, name: String?
        var xmlLang: String?, lang: String?
        var status = xmlTextReaderMoveToFirstAttribute(handle)
        while status == 1 {
            defer { status = xmlTextReaderMoveToNextAttribute(handle) }
            if xmlTextReaderIsNamespaceDecl(handle) == 1 { continue }
            guard let namePointer = xmlTextReaderConstName(handle).map(UnsafeRawPointer.init) else { continue }
            let attributeName = cachedName(namePointer, handle)
            let value = try text(xmlTextReaderConstValue(handle), location: location)
            switch attributeName.role {
            case .id: id = value; continue
            case .label: label = value; continue
            case .name: name = value; continue
            case .xmlLang where isRoot: xmlLang = value; continue
            case .lang where isRoot: lang = value; continue
            default: break
            }
            try countNode(location)
            attributes.append(FormNode(key: attributeName.local, path: path + "/@" + attributeName.written,
                                       location: location, content: .scalar(FormScalar(value))))
        }
        xmlTextReaderMoveToElement(handle)
        if isRoot, let locale = xmlLang ?? lang { declaredLocale = locale }
        // An empty key attribute names nothing: fall through to the next one.
        return [id, label, name].lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    private mutating func appendText(_ node: xmlNodePtr) throws(Stop) {
        guard !stack.isEmpty, let pointer = node.pointee.content else { return }
        let index = stack.count - 1
        let length = strlen(pointer)
        let blank = Self.isBlank(pointer, length)
        // Blank text between child elements is layout, not content.
        if blank && stack[index].hasChildElements { return }
        if stack[index].text.utf8.count + length > limits.maxValueBytes {
            throw Stop(diagnostic: valueTooLarge(stack[index].location))
        }
        if stack[index].textLine == nil { stack[index].textLine = Int(xmlGetLineNo(node)) }
        if !blank { stack[index].textIsBlank = false }
        let chunk = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                        count: length)
        if stack[index].text.isEmpty {
            stack[index].text = String(decoding: chunk, as: UTF8.self)
        } else {
            stack[index].text += String(decoding: chunk, as: UTF8.self)
        }
    }

    private mutating func closeElement() {
        guard var element = stack.popLast() else { return }
        let content: FormNode.Content
        if element.hasChildElements {
            if !element.textIsBlank { appendTextRun(to: &element) }
            content = .section(Self.groupSiblings(element.children))
        } else {
            content = .scalar(FormScalar(element.text))
        }
        let node = FormNode(key: element.key, path: element.path, location: element.location, content: content,
                            attributes: element.attributes)
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    // MARK: Helpers

    /// Before a child element starts: non-blank pending text becomes a `#text` child.
    private mutating func flushText(of index: Int) {
        if stack[index].textIsBlank {
            if !stack[index].text.isEmpty { stack[index].text = "" }
            stack[index].textLine = nil
        } else {
            appendTextRun(to: &stack[index])
        }
    }

    private func appendTextRun(to element: inout OpenElement) {
        element.textRuns += 1
        // libxml2 gives a text node the line where its text ended; point at the line of its
        // first non-blank character instead, which is where a reader would look.
        var line = element.textLine
        if let end = line {
            var newlinesAfterContent = 0
            var seenContent = false
            for byte in element.text.utf8 {
                if byte == 0x0A {
                    if seenContent { newlinesAfterContent += 1 }
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    seenContent = true
                }
            }
            line = max(end - newlinesAfterContent, element.location?.line ?? 1)
        }
        let location = (line ?? element.location?.line).map { SourceLocation(line: $0) }
        element.children.append(FormNode(key: "#text", path: element.path + "/text()[\(element.textRuns)]",
                                         location: location, content: .scalar(FormScalar(element.text))))
        element.text = ""
        element.textIsBlank = true
        element.textLine = nil
    }

    private mutating func countNode(_ location: SourceLocation?) throws(Stop) {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw Stop(diagnostic: .error(.inputTooLarge, arguments: ["limit": .number(limits.maxNodes), "what": "nodes"],
                                          location: location))
        }
    }

    private func text(_ pointer: UnsafePointer<xmlChar>?, location: SourceLocation?) throws(Stop) -> String {
        guard let pointer else { return "" }
        let length = strlen(pointer)
        if length > limits.maxValueBytes { throw Stop(diagnostic: valueTooLarge(location)) }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func valueTooLarge(_ location: SourceLocation?) -> Diagnostic {
        .error(.inputTooLarge, arguments: ["limit": .number(limits.maxValueBytes), "what": "value bytes"],
               location: location)
    }

    private func dtdForbidden(line: Int?) -> Diagnostic {
        let line = InputScreening.doctypeLine(in: bytes) ?? line ?? 1
        return .error(.xmlDTDForbidden, location: SourceLocation(line: line))
    }

    /// The diagnostic when libxml2 stopped: a DTD in the document wins over whatever error it
    /// caused (entity loops, undeclared entities), then libxml2's own error.
    private func failure(status: Int32) -> Stop {
        let error = errors.firstError
        if let doc = reader.currentDocument(), doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            return Stop(diagnostic: dtdForbidden(line: error?.line))
        }
        if var error {
            if error.line == nil, let offset = Self.offendingOffset(reportedIn: error.message, bytes: bytes) {
                // Conversion errors (iconv: windows-1252, ISO-8859-x) come without a parser
                // context, hence without a position; libxml2 quotes the bytes, so find them.
                // UTF-16 columns count code units; otherwise these are 8-bit encodings (iconv:
                // windows-1252, ISO-8859-x), where one byte is one character.
                let location = InputScreening.isUTF16XML(bytes)
                    ? InputScreening.utf16Location(ofOffset: offset, in: bytes)
                    : InputScreening.byteLocation(ofOffset: offset, in: bytes)
                error.line = location.line
                error.column = location.column
            }
            var diagnostic = error.diagnostic(limits: limits, encoding: encoding)
            if error.message == "Extra content at the end of the document", let open = stack.last {
                // libxml2's push parser says this when the input simply stops inside an element
                // (a truncated file); with elements still open, say what is missing instead.
                diagnostic.arguments["detail"] = "Premature end of data"
                if let name = names[open.name]?.written { diagnostic.arguments["expected"] = .text("</\(name)>") }
            }
            return Stop(diagnostic: diagnostic)
        }
        let line = Int(xmlTextReaderGetParserLineNumber(reader.handle))
        let column = Int(xmlTextReaderGetParserColumnNumber(reader.handle))
        return Stop(diagnostic: .error(.xmlMalformed, arguments: ["detail": "libxml2 stopped without an error message"],
                                       location: line > 0 ? SourceLocation(line: line, column: column > 0 ? column : nil) : nil))
    }

    /// The offset of the first occurrence of the bytes libxml2 quotes in a conversion error
    /// ("input conversion failed due to input error, bytes 0x81 0x3C 0x2F 0x62").
    static func offendingOffset(reportedIn message: String, bytes: UnsafeRawBufferPointer) -> Int? {
        guard let range = message.range(of: "bytes ") else { return nil }
        let quoted = message[range.upperBound...].split(separator: " ").prefix(4).compactMap { word -> UInt8? in
            guard word.hasPrefix("0x") else { return nil }
            return UInt8(word.dropFirst(2), radix: 16)
        }
        guard !quoted.isEmpty, bytes.count >= quoted.count else { return nil }
        for offset in 0...(bytes.count - quoted.count) where bytes[offset] == quoted[0] {
            if quoted.indices.allSatisfy({ bytes[offset + $0] == quoted[$0] }) { return offset }
        }
        return nil
    }

    private mutating func cachedName(_ pointer: UnsafeRawPointer, _ handle: xmlTextReaderPtr) -> CachedName {
        if let cached = names[pointer] { return cached }
        let written = String(cString: pointer.assumingMemoryBound(to: CChar.self))
        let local = xmlTextReaderConstLocalName(handle).map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? written
        let prefix = xmlTextReaderConstPrefix(handle).map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        let role: CachedName.Role =
            switch (prefix, local) {
            case (nil, "id"): .id
            case (nil, "label"): .label
            case (nil, "name"): .name
            case ("xml", "lang"): .xmlLang
            case (nil, "lang"): .lang
            default: .value
            }
        let cached = CachedName(written: written, localKey: local.replacingOccurrences(of: "_", with: " "),
                                local: local, prefix: prefix, role: role)
        names[pointer] = cached
        return cached
    }

    private static func isBlank(_ pointer: UnsafePointer<xmlChar>, _ length: Int) -> Bool {
        for index in 0..<length {
            switch pointer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return false
            }
        }
        return true
    }

    /// Rewrites the path of `node` and everything below it from `oldPrefix` to `newPrefix`.
    private static func reindex(_ node: inout FormNode, oldPrefix: String, newPrefix: String) {
        let dropCount = oldPrefix.utf8.count
        func rewrite(_ node: inout FormNode) {
            node.path = newPrefix + String(Substring(node.path.utf8.dropFirst(dropCount)))
            for index in node.attributes.indices { rewrite(&node.attributes[index]) }
            switch node.content {
            case .scalar: break
            case .section(var nodes):
                node.content = .scalar(FormScalar(""))
                for index in nodes.indices { rewrite(&nodes[index]) }
                node.content = .section(nodes)
            case .list(var nodes):
                node.content = .scalar(FormScalar(""))
                for index in nodes.indices { rewrite(&nodes[index]) }
                node.content = .list(nodes)
            }
        }
        rewrite(&node)
    }

    /// Groups siblings with the same key (exact bytes, see `ExactKey`) into one `.list` node at
    /// the first one's position.
    static func groupSiblings(_ nodes: [FormNode]) -> [FormNode] {
        guard nodes.count > 1 else { return nodes }
        // Fast path: most sections have no repeated key.
        var hasRepeat = false
        if nodes.count <= 16 {
            outer: for i in 1..<nodes.count {
                for j in 0..<i where ExactKey.equal(nodes[j].key, nodes[i].key) {
                    hasRepeat = true
                    break outer
                }
            }
        } else {
            var seen = Set<ExactKey>(minimumCapacity: nodes.count)
            for node in nodes where !seen.insert(ExactKey(node.key)).inserted {
                hasRepeat = true
                break
            }
        }
        guard hasRepeat else { return nodes }
        var result: [FormNode] = []
        var items: [[FormNode]] = []
        var slotForKey: [ExactKey: Int] = [:]
        for node in nodes {
            if let slot = slotForKey[ExactKey(node.key)] {
                items[slot].append(node)
            } else {
                slotForKey[ExactKey(node.key)] = result.count
                result.append(node)
                items.append([node])
            }
        }
        for index in result.indices where items[index].count > 1 {
            let first = items[index][0]
            result[index] = FormNode(key: first.key, path: first.path, location: first.location,
                                     content: .list(items[index]))
        }
        return result
    }
}
