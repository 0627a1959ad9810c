internal import CLibXML2
import Foundation

/// Builds the form tree from libxml2's SAX2 callbacks (see `LibXMLSAXParser`) with an explicit
/// stack of open elements (no recursion on the input's nesting).
///
/// Tree rules (spec "Input forms"): an element with only text is a scalar (`<x/>` is an empty
/// scalar); an element with child elements is a section, and non-blank text beside children
/// is kept as `#text` scalars so nothing is lost. Key: `id`, else `label`, else `name`
/// attribute, else the local name with `_` read as a space. Siblings with the same key form a
/// list at the position of the first. Paths use names as written, with `[n]` on same-name
/// siblings; attributes are `…/@name`.
///
/// The builder's state lives behind an unsafe pointer held by this class: libxml2 calls back
/// through an opaque pointer, and mutating a class's stored properties would pay a dynamic
/// exclusivity check (thread-local bookkeeping) on every access, i.e. several per event.
final class XMLTreeBuilder {
    let state: UnsafeMutablePointer<XMLTreeState>

    /// Read as UTF-8 whatever the XML declaration says (`encoding.mismatch`).
    let ignoreDeclaredEncoding: Bool

    init(errors: LibXMLErrorCollector, bytes: UnsafeRawBufferPointer, limits: ReaderLimits, encoding: String,
         ignoreDeclaredEncoding: Bool = false) {
        self.ignoreDeclaredEncoding = ignoreDeclaredEncoding
        state = .allocate(capacity: 1)
        state.initialize(to: XMLTreeState(errors: errors, bytes: bytes, limits: limits, encoding: encoding))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func run() -> ReadResult {
        guard let parser = LibXMLSAXParser(bytes: state.pointee.bytes, builder: self,
                                           ignoreDeclaredEncoding: ignoreDeclaredEncoding) else {
            return ReadResult(document: nil, diagnostics: [
                .error(.inputUnreadable, arguments: ["detail": "libxml2 could not create a parser"])
            ])
        }
        state.pointee.context = parser.context
        let wellFormed = withExtendedLifetime(self) { parser.parse() }
        state.pointee.context = nil
        return state.pointee.result(wellFormed: wellFormed)
    }

    // MARK: Callbacks (C function pointers: no captures, the builder comes through `ctx`)

    private static func state(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLTreeState>? {
        ctx.map { Unmanaged<XMLTreeBuilder>.fromOpaque($0).takeUnretainedValue().state }
    }

    static let startElementCallback: startElementNsSAX2Func = { ctx, localname, prefix, _, _, _, count, _, attributes in
        guard let state = state(ctx), let localname else { return }
        state.pointee.guarded { (state: inout XMLTreeState) throws(XMLTreeState.Stop) in
            try state.startElement(localname: localname, prefix: prefix, attributes: attributes, count: Int(count))
        }
    }

    static let endElementCallback: endElementNsSAX2Func = { ctx, _, _, _ in
        state(ctx)?.pointee.closeElement()
    }

    static let charactersCallback: charactersSAXFunc = { ctx, characters, length in
        guard let state = state(ctx), let characters, length > 0 else { return }
        state.pointee.guarded { (state: inout XMLTreeState) throws(XMLTreeState.Stop) in
            try state.appendText(characters, Int(length))
        }
    }

    static let internalSubsetCallback: internalSubsetSAXFunc = { ctx, _, _, _ in
        state(ctx)?.pointee.guarded { (state: inout XMLTreeState) throws(XMLTreeState.Stop) in
            throw XMLTreeState.Stop(diagnostic: state.dtdForbidden())
        }
    }

    static let referenceCallback: referenceSAXFunc = { ctx, _ in
        state(ctx)?.pointee.guarded { (state: inout XMLTreeState) throws(XMLTreeState.Stop) in
            throw XMLTreeState.Stop(diagnostic: state.dtdForbidden())
        }
    }

    /// libxml2 passes the parser's `userData` (this builder) to the SAX error handler.
    static let errorCallback: xmlStructuredErrorFunc = { ctx, error in
        guard let state = state(ctx), let error else { return }
        state.pointee.errors.record(error)
    }
}

/// Everything `XMLTreeBuilder` knows while reading; see there.
struct XMLTreeState {
    /// Names are interned in the parser's dictionary, so a pair of pointers is one name.
    private struct NameKey: Hashable {
        let local: UnsafeRawPointer
        let prefix: UnsafeRawPointer?
    }

    private struct SiblingName {
        let name: NameKey
        var count: Int
        /// Index in the parent's `children` of the first element of this name.
        let firstIndex: Int
    }

    private struct OpenElement {
        let name: NameKey
        let key: String
        var path: String
        let location: SourceLocation?
        var attributes: [FormNode]
        var children: [FormNode] = []
        var hasChildElements = false
        var siblingNames: [SiblingName] = []
        /// Index into `siblingNames` by name, built once there are many distinct names, so a
        /// hostile element with 100,000 differently named children stays linear.
        var siblingSlots: [NameKey: Int] = [:]
        var textRuns = 0
        /// Whether two children may share a key, so that `groupSiblings` has work to do. Keys
        /// of unprefixed elements without a key attribute are their names (`_` read as a
        /// space, which no name contains): distinct names, distinct keys. So a repeat needs a
        /// repeated name, a key attribute, a prefix (`a:x`, `b:x`) or a second text run.
        var keysMayRepeat = false
    }

    private struct CachedName {
        /// What an attribute of this name does; decided once per name, not per attribute.
        enum Role {
            case id, label, name, xmlLang, lang, value
        }

        let written: String
        let localKey: String
        let local: String
        let role: Role
    }

    struct Stop: Error {
        let diagnostic: Diagnostic
    }

    let errors: LibXMLErrorCollector
    let bytes: UnsafeRawBufferPointer
    private let limits: ReaderLimits
    /// The encoding in force, named in `encoding.invalid` findings.
    private let encoding: String
    /// Set once the parser exists; callbacks read the current line from it.
    var context: xmlParserCtxtPtr?
    private var stack: [OpenElement] = []
    private var root: FormNode?
    private var declaredLocale: String?
    private var rootID: String?
    private var nodeCount = 0
    private var names: [NameKey: CachedName] = [:]
    /// The first reason to stop (a limit, a DTD); libxml2 is told to stop right away.
    private var stopped: Diagnostic? {
        didSet { isStopped = stopped != nil }
    }
    /// `stopped != nil`, kept apart because every event checks it: comparing the optional
    /// `Diagnostic` with nil copied it (its arguments dictionary) on each of ~300 text chunks
    /// per form.
    private var isStopped = false

    /// Text of the innermost open element not yet attached, as bytes: libxml2 delivers long
    /// text in chunks of a few hundred bytes, so it is gathered here and becomes one String.
    private var text: [UInt8] = []
    private var textIsBlank = true
    /// The line the current text run starts on.
    private var textStartLine: Int?
    /// The column of its first non-blank character, when libxml2's buffer showed it.
    private var textStartColumn: Int?

    init(errors: LibXMLErrorCollector, bytes: UnsafeRawBufferPointer, limits: ReaderLimits, encoding: String) {
        self.errors = errors
        self.bytes = bytes
        self.limits = limits
        self.encoding = encoding
        text.reserveCapacity(4_096)
    }

    func result(wellFormed: Bool) -> ReadResult {
        if let stopped { return ReadResult(document: nil, diagnostics: [stopped]) }
        if !wellFormed || errors.firstError != nil {
            return ReadResult(document: nil, diagnostics: [failure()])
        }
        guard let root else {
            return ReadResult(document: nil, diagnostics: [
                .error(.xmlMalformed, arguments: ["detail": "Document is empty"], location: SourceLocation(line: 1))
            ])
        }
        return ReadResult(document: FormDocument(format: .xml, root: root, declaredLocale: declaredLocale, rootID: rootID),
                          diagnostics: [])
    }

    /// Runs an event unless the read already stopped; a `Stop` stops libxml2 too.
    mutating func guarded(_ event: (inout XMLTreeState) throws(Stop) -> Void) {
        guard !isStopped else { return }
        do {
            try event(&self)
        } catch {
            stopped = error.diagnostic
            if let context { xmlStopParser(context) }
        }
    }

    private var currentLine: Int {
        guard let context, let input = context.pointee.input else { return 1 }
        return max(Int(input.pointee.line), 1)
    }

    /// Where the start tag libxml2 just read begins (its `<`): line and column, like a JSON
    /// member's position. libxml2 2.9 keeps no element column, but in the start-element event
    /// its input (UTF-8, converted if the document was not) ends the tag at `cur`, and a `<`
    /// cannot occur inside a tag; the column counts characters back to the line's start. The
    /// column is left out when that start is no longer in the buffer (libxml2 shrank it).
    private mutating func startTagLocation() -> SourceLocation {
        guard let context, let input = context.pointee.input, let base = input.pointee.base,
              let cur = input.pointee.cur, cur > base
        else { return SourceLocation(line: currentLine) }
        var line = currentLine
        var tag = cur - 1
        while tag > base && tag.pointee != UInt8(ascii: "<") {
            if tag.pointee == 0x0A { line -= 1 }
            tag -= 1
        }
        guard tag.pointee == UInt8(ascii: "<") else { return SourceLocation(line: currentLine) }
        return SourceLocation(line: max(line, 1), column: column(of: tag, base: base, consumed: input.pointee.consumed))
    }

    /// The last position whose column was computed: the next one, later on the same line,
    /// counts only the characters in between, so a document on one long line (100,000 elements)
    /// stays linear.
    private var columnMark: (base: UnsafePointer<xmlChar>, position: UnsafePointer<xmlChar>, column: Int)?

    /// The 1-based column, in characters, of a position in libxml2's input buffer; nil when the
    /// line starts before the buffer does (shrunk: `consumed` bytes already dropped).
    private mutating func column(of position: UnsafePointer<xmlChar>, base: UnsafePointer<xmlChar>, consumed: UInt) -> Int? {
        let mark = columnMark.flatMap { $0.base == base && $0.position <= position ? $0 : nil }
        var characters = 0
        var scan = position
        var found: Int?
        while scan > base {
            if let known = mark, scan == known.position {
                found = known.column + characters
                break
            }
            let byte = (scan - 1).pointee
            if byte == 0x0A {
                found = characters + 1
                break
            }
            if byte & 0xC0 != 0x80 { characters += 1 }
            scan -= 1
        }
        if found == nil, scan == base {
            if let known = mark, known.position == base {
                found = known.column + characters
            } else if consumed == 0 {
                // The document's first line: a byte-order mark before it is no character of it.
                let bom = position - base >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
                found = characters + 1 - (bom ? 1 : 0)
            }
        }
        if let found { columnMark = (base, position, found) }
        return found
    }

    /// The column of text that libxml2 hands over straight from its input buffer (its fast
    /// path); nil when the text was copied elsewhere first.
    private mutating func column(ofText characters: UnsafePointer<xmlChar>) -> Int? {
        guard let context, let input = context.pointee.input, let base = input.pointee.base,
              let end = input.pointee.end, characters >= base, characters < end else { return nil }
        return column(of: characters, base: base, consumed: input.pointee.consumed)
    }

    // MARK: Events

    mutating func startElement(
        localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) throws(Stop) {
        let location = startTagLocation()
        if stack.count + 1 > limits.maxDepth {
            throw Stop(diagnostic: .error(.inputTooDeep, arguments: ["limit": .number(limits.maxDepth)],
                                          location: location))
        }
        try countNode(location)
        let nameKey = NameKey(local: UnsafeRawPointer(localname), prefix: prefix.map(UnsafeRawPointer.init))
        let name = cachedName(nameKey)

        var path: String
        if stack.isEmpty {
            path = "/" + name.written
        } else {
            let parentIndex = stack.count - 1
            flushText(of: parentIndex)
            stack[parentIndex].hasChildElements = true
            if prefix != nil { stack[parentIndex].keysMayRepeat = true }
            if let slot = Self.siblingSlot(of: nameKey, in: &stack[parentIndex]) {
                stack[parentIndex].keysMayRepeat = true
                stack[parentIndex].siblingNames[slot].count += 1
                let count = stack[parentIndex].siblingNames[slot].count
                if count == 2 {
                    // The first one was written without an index; now we know it needs `[1]`.
                    let first = stack[parentIndex].siblingNames[slot].firstIndex
                    let unindexed = NodePath.appending(name.written, to: stack[parentIndex].path)
                    Self.reindex(&stack[parentIndex].children[first], oldPrefix: unindexed,
                                 newPrefix: NodePath.appending(name.written, to: stack[parentIndex].path, index: 1))
                }
                path = NodePath.appending(name.written, to: stack[parentIndex].path, index: count)
            } else {
                path = NodePath.appending(name.written, to: stack[parentIndex].path)
                if !stack[parentIndex].siblingSlots.isEmpty {
                    stack[parentIndex].siblingSlots[nameKey] = stack[parentIndex].siblingNames.count
                }
                if stack[parentIndex].siblingNames.isEmpty {
                    // Sections mostly hold a handful of children: one allocation instead of 3–4 growths.
                    stack[parentIndex].siblingNames.reserveCapacity(8)
                    stack[parentIndex].children.reserveCapacity(8)
                }
                stack[parentIndex].siblingNames.append(
                    SiblingName(name: nameKey, count: 1, firstIndex: stack[parentIndex].children.count))
            }
        }

        var key: String?
        var attributeNodes: [FormNode] = []
        if count > 0, let attributes {
            key = try readAttributes(attributes, count: count, path: path, location: location,
                                     isRoot: stack.isEmpty, into: &attributeNodes)
            if key != nil, !stack.isEmpty { stack[stack.count - 1].keysMayRepeat = true }
        }
        stack.append(OpenElement(name: nameKey, key: key ?? name.localKey, path: path, location: location,
                                 attributes: attributeNodes))
    }

    private static func siblingSlot(of name: NameKey, in parent: inout OpenElement) -> Int? {
        if parent.siblingNames.count <= 16 {
            return parent.siblingNames.firstIndex { $0.name == name }
        }
        if parent.siblingSlots.isEmpty {
            for (slot, sibling) in parent.siblingNames.enumerated() { parent.siblingSlots[sibling.name] = slot }
        }
        return parent.siblingSlots[name]
    }

    /// Reads SAX2's attribute array (localname, prefix, URI, value, end per attribute) into
    /// `attributeNodes` and returns the key attribute's value, if any. Namespace declarations
    /// are not in it.
    private mutating func readAttributes(
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, count: Int, path: String,
        location: SourceLocation, isRoot: Bool, into attributeNodes: inout [FormNode]
    ) throws(Stop) -> String? {
        var id: String?, label: String?, name: String?
        var xmlLang: String?, lang: String?
        for index in 0..<count {
            let base = attributes + index * 5
            guard let local = base[0], let start = base[3], let end = base[4] else { continue }
            let attributeName = cachedName(NameKey(local: UnsafeRawPointer(local), prefix: base[1].map(UnsafeRawPointer.init)))
            let value = try attributeValue(start, count: end - start, location: location)
            switch attributeName.role {
            case .id: id = value; continue
            case .label: label = value; continue
            case .name: name = value; continue
            case .xmlLang where isRoot: xmlLang = value; continue
            case .lang where isRoot: lang = value; continue
            default: break
            }
            try countNode(location)
            attributeNodes.append(FormNode(key: attributeName.local, path: NodePath.appending(attributeName.written, to: path, separator: "/@"),
                                           location: location, content: .scalar(FormScalar(value))))
        }
        if isRoot, let locale = xmlLang ?? lang { declaredLocale = locale }
        if isRoot { rootID = id }
        // An empty key attribute names nothing: fall through to the next one.
        return [id, label, name].lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// An attribute value as SAX2 hands it over. Without entity substitution libxml2 writes an
    /// `&` that came from `&amp;` or `&#38;` as the character reference `&#38;` (a literal `&`
    /// cannot occur in an attribute value), so that is the one sequence to turn back.
    private func attributeValue(_ start: UnsafePointer<xmlChar>, count: Int, location: SourceLocation) throws(Stop) -> String {
        if count > limits.maxValueBytes { throw Stop(diagnostic: valueTooLarge(location)) }
        let raw = UnsafeBufferPointer(start: start, count: count)
        let value = String(decoding: raw, as: UTF8.self)
        guard raw.contains(UInt8(ascii: "&")) else { return value }
        return value.replacingOccurrences(of: "&#38;", with: "&")
    }

    mutating func appendText(_ characters: UnsafePointer<xmlChar>, _ length: Int) throws(Stop) {
        guard !stack.isEmpty else { return }
        let index = stack.count - 1
        let chunk = UnsafeBufferPointer(start: characters, count: length)
        let blank = Self.isBlank(chunk)
        // Blank text between child elements is layout, not content.
        if blank && textIsBlank && stack[index].hasChildElements { return }
        if text.count + length > limits.maxValueBytes {
            throw Stop(diagnostic: valueTooLarge(stack[index].location))
        }
        if textStartLine == nil {
            // libxml2's line is where this chunk ended; the run started that many newlines earlier.
            textStartLine = currentLine - chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        if !blank && textIsBlank, let first = chunk.firstIndex(where: { !Self.isBlank(byte: $0) }) {
            // A `#text` run of mixed content is located at its first non-blank character (a
            // plain value takes its element's place, as a JSON value its member's).
            textStartColumn = column(ofText: characters + first)
        }
        if !blank { textIsBlank = false }
        text.append(contentsOf: chunk)
    }

    mutating func closeElement() {
        guard !isStopped, var element = stack.popLast() else { return }
        let content: FormNode.Content
        if element.hasChildElements {
            if !textIsBlank {
                element.textRuns += 1
                element.children.append(textRunNode(path: element.path, run: element.textRuns,
                                                    fallbackLine: element.location?.line))
            }
            content = .section(element.keysMayRepeat || element.textRuns > 1
                               ? Self.groupSiblings(element.children) : element.children)
        } else {
            content = .scalar(FormScalar(String(decoding: text, as: UTF8.self)))
        }
        clearText()
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
        if !textIsBlank {
            stack[index].textRuns += 1
            let node = textRunNode(path: stack[index].path, run: stack[index].textRuns, fallbackLine: stack[index].location?.line)
            stack[index].children.append(node)
        }
        clearText()
    }

    private mutating func clearText() {
        text.removeAll(keepingCapacity: true)
        textIsBlank = true
        textStartLine = nil
        textStartColumn = nil
    }

    /// The pending text as a `#text` scalar, at the line of its first non-blank character
    /// (which is where a reader would look).
    private func textRunNode(path: String, run: Int, fallbackLine: Int?) -> FormNode {
        var line = textStartLine ?? fallbackLine ?? 1
        for byte in text {
            if byte == 0x0A { line += 1 } else if byte != 0x20 && byte != 0x09 && byte != 0x0D { break }
        }
        return FormNode(key: "#text", path: path + "/text()[\(run)]", location: SourceLocation(line: line, column: textStartColumn),
                        content: .scalar(FormScalar(String(decoding: text, as: UTF8.self))))
    }

    private mutating func countNode(_ location: SourceLocation?) throws(Stop) {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw Stop(diagnostic: .error(.inputTooLarge, arguments: ["limit": .number(limits.maxNodes), "what": "nodes"],
                                          location: location))
        }
    }

    private func valueTooLarge(_ location: SourceLocation?) -> Diagnostic {
        .error(.inputTooLarge, arguments: ["limit": .number(limits.maxValueBytes), "what": "value bytes"],
               location: location)
    }

    func dtdForbidden() -> Diagnostic {
        return .error(.xmlDTDForbidden, location: InputScreening.doctypeLocation(in: bytes) ?? SourceLocation(line: currentLine))
    }

    /// The diagnostic when libxml2 found the document malformed.
    private func failure() -> Diagnostic {
        guard var error = errors.firstError else {
            return .error(.xmlMalformed, arguments: ["detail": "libxml2 stopped without an error message"],
                          location: SourceLocation(line: currentLine))
        }
        if error.line == nil, let offset = Self.offendingOffset(reportedIn: error.message, bytes: bytes) {
            // Conversion errors (iconv: windows-1252, Shift_JIS, …) come without a parser
            // context, hence without a position; libxml2 quotes the bytes, so find them.
            // UTF-16 columns count code units; otherwise these are 8-bit encodings, where one
            // byte is one character.
            let location = InputScreening.isUTF16XML(bytes)
                ? InputScreening.utf16Location(ofOffset: offset, in: bytes)
                : InputScreening.byteLocation(ofOffset: offset, in: bytes)
            error.line = location.line
            error.column = location.column
        }
        var diagnostic = error.diagnostic(limits: limits, encoding: encoding)
        if diagnostic.code == .xmlMalformed, let open = stack.last,
            error.message.hasPrefix("Premature end of data") || error.message == "Extra content at the end of the document"
        {
            // The input simply stops inside an element (a truncated file): say what is missing.
            diagnostic.arguments["detail"] = "Premature end of data"
            if let name = names[open.name]?.written { diagnostic.arguments["expected"] = .text("</\(name)>") }
        }
        return diagnostic
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

    private mutating func cachedName(_ key: NameKey) -> CachedName {
        if let cached = names[key] { return cached }
        let local = String(cString: key.local.assumingMemoryBound(to: CChar.self))
        let prefix = key.prefix.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) }
        let written = prefix.map { $0 + ":" + local } ?? local
        let role: CachedName.Role =
            switch (prefix, local) {
            case (nil, "id"): .id
            case (nil, "label"): .label
            case (nil, "name"): .name
            case ("xml", "lang"): .xmlLang
            case (nil, "lang"): .lang
            default: .value
            }
        // Byte-wise: Foundation's `replacingOccurrences` cost ~13 K instructions a name, and
        // every document brings its own names (libxml2 interns them per parser).
        let localKey = local.utf8.contains(UInt8(ascii: "_"))
            ? String(decoding: local.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            : local
        let cached = CachedName(written: written, localKey: localKey, local: local, role: role)
        names[key] = cached
        return cached
    }

    private static func isBlank(byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
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
