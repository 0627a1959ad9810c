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

    private struct OpenElement {
        let node: Int32
        let name: NameKey
        var hasChildElements = false
        var textRuns: Int32 = 0
    }

    private struct CachedName {
        /// What an attribute of this name does; decided once per name, not per attribute.
        enum Role {
            case id, label, name, xmlLang, lang, value
        }

        /// Key ids: the name as written (prefix included), the element key it gives (`_` read
        /// as a space) and the local name (an attribute's key).
        let writtenID: Int32
        let localKeyID: Int32
        let localID: Int32
        let role: Role
    }

    /// `NameKey` → `CachedName`: every start tag and attribute looks its name up here.
    /// Open addressing on the pointers' bits rather than a `Dictionary`, whose hashing of the
    /// pair (and insertion) showed in every form's profile: the keys are
    /// libxml2's interned addresses, so their bits are already spread and equality is two
    /// comparisons.
    private struct NameTable {
        // Kept at most half full: 128 slots hold the few dozen names of a form without growing.
        private var keys: [NameKey?] = Array(repeating: nil, count: 128)
        private var values: [CachedName?] = Array(repeating: nil, count: 128)
        private var count = 0

        private func slot(of key: NameKey) -> Int {
            let local = UInt(bitPattern: key.local), prefix = UInt(bitPattern: key.prefix)
            let mixed = (local ^ (prefix &* 31)) &* 0x9E37_79B9_7F4A_7C15
            var slot = Int(truncatingIfNeeded: mixed >> 40) & (keys.count - 1)
            while let found = keys[slot], found != key { slot = (slot + 1) & (keys.count - 1) }
            return slot
        }

        subscript(key: NameKey) -> CachedName? {
            values[slot(of: key)]
        }

        mutating func insert(_ value: CachedName, for key: NameKey) {
            let at = slot(of: key)
            if keys[at] == nil { count += 1 }
            keys[at] = key
            values[at] = value
            if count * 2 > keys.count { grow() }
        }

        private mutating func grow() {
            let entries = zip(keys, values).compactMap { key, value in key.flatMap { key in value.map { (key, $0) } } }
            keys = Array(repeating: nil, count: keys.count * 2)
            values = Array(repeating: nil, count: keys.count)
            count = 0
            for (key, value) in entries { insert(value, for: key) }
        }
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
    private var storage = FormTreeStorage()
    private var root: Int32 = -1
    /// Per key id, while one element's children are grouped or numbered (all -1 / 0 between).
    private var firstOfKey: [Int32] = []
    private var nameCounts: [Int32] = []
    private var textRunKey: Int32 = -1
    private var declaredLocale: String?
    private var rootID: String?
    private var nodeCount = 0
    private var names = NameTable()
    /// The first reason to stop (a limit, a DTD); libxml2 is told to stop right away.
    private var stopped: Diagnostic? {
        didSet { isStopped = stopped != nil }
    }
    /// `stopped != nil`, kept apart because every event checks it: comparing the optional
    /// `Diagnostic` with nil copied it (its arguments dictionary) on each of ~300 text chunks
    /// per form.
    private var isStopped = false

    /// Where the text of the innermost open element not yet attached starts in the tree's
    /// text: libxml2 delivers long text in chunks of a few hundred bytes, gathered there.
    private var textStart = 0
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
    }

    mutating func result(wellFormed: Bool) -> ReadResult {
        if let stopped { return ReadResult(document: nil, diagnostics: [stopped]) }
        if !wellFormed || errors.firstError != nil {
            return ReadResult(document: nil, diagnostics: [failure()])
        }
        guard root >= 0 else {
            return ReadResult(document: nil, diagnostics: [
                .error(.xmlMalformed, arguments: ["detail": "Document is empty"], location: SourceLocation(line: 1))
            ])
        }
        let tree = FormTree(format: .xml, storage: storage)
        return ReadResult(document: FormDocument(format: .xml, root: FormNode(tree: tree, index: root),
                                                 declaredLocale: declaredLocale, rootID: rootID),
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

        var record = FormTree.Node(key: name.localKeyID, name: name.writtenID, kind: .string, step: .element)
        record.line = Int32(location.line)
        record.column = Int32(location.column ?? 0)
        if let parent = stack.last {
            flushText(of: stack.count - 1)
            stack[stack.count - 1].hasChildElements = true
            record.pathParent = parent.node
        }
        let node = storage.append(record)
        if let parent = stack.last { storage.link(node, to: parent.node) }
        if count > 0, let attributes {
            if let key = try readAttributes(attributes, count: count, element: node, location: location,
                                            isRoot: stack.isEmpty) {
                storage.nodes[Int(node)].key = key
            }
        }
        textStart = storage.text.count
        stack.append(OpenElement(node: node, name: nameKey))
    }

    /// Reads SAX2's attribute array (localname, prefix, URI, value, end per attribute) into
    /// attribute records of `element` and returns the key attribute's key id, if any.
    /// Namespace declarations are not in it.
    private mutating func readAttributes(
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, count: Int, element: Int32,
        location: SourceLocation, isRoot: Bool
    ) throws(Stop) -> Int32? {
        var id: String?, label: String?, name: String?
        var xmlLang: String?, lang: String?
        var last: Int32 = -1
        for index in 0..<count {
            let base = attributes + index * 5
            guard let local = base[0], let start = base[3], let end = base[4] else { continue }
            let attributeName = cachedName(NameKey(local: UnsafeRawPointer(local), prefix: base[1].map(UnsafeRawPointer.init)))
            let valueCount = end - start
            if valueCount > limits.maxValueBytes { throw Stop(diagnostic: valueTooLarge(location)) }
            let raw = UnsafeBufferPointer(start: start, count: valueCount)
            switch attributeName.role {
            case .id: id = Self.attributeValue(raw); continue
            case .label: label = Self.attributeValue(raw); continue
            case .name: name = Self.attributeValue(raw); continue
            case .xmlLang where isRoot: xmlLang = Self.attributeValue(raw); continue
            case .lang where isRoot: lang = Self.attributeValue(raw); continue
            default: break
            }
            try countNode(location)
            var record = FormTree.Node(key: attributeName.localID, name: attributeName.writtenID, kind: .string,
                                       step: .attribute)
            record.pathParent = element
            record.parent = element
            record.line = Int32(location.line)
            record.column = Int32(location.column ?? 0)
            record.textStart = Int32(storage.text.count)
            Self.appendAttributeValue(raw, to: &storage.text)
            record.textCount = Int32(storage.text.count) - record.textStart
            let attribute = storage.append(record)
            if last >= 0 {
                storage.nodes[Int(last)].nextSibling = attribute
            } else {
                storage.nodes[Int(element)].firstAttribute = attribute
            }
            last = attribute
        }
        if isRoot, let locale = xmlLang ?? lang { declaredLocale = locale }
        if isRoot { rootID = id }
        // An empty key attribute names nothing: fall through to the next one.
        // Spelled out: an array of the three for `first(where:)` was allocated per element.
        let key: String? =
            if let id, !id.isEmpty { id } else if let label, !label.isEmpty { label } else if let name, !name.isEmpty { name } else { nil }
        return key.map { storage.keys.intern($0) }
    }

    /// An attribute value as SAX2 hands it over. Without entity substitution libxml2 writes an
    /// `&` that came from `&amp;` or `&#38;` as the character reference `&#38;` (a literal `&`
    /// cannot occur in an attribute value), so that is the one sequence to turn back.
    private static func attributeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let value = String(decoding: raw, as: UTF8.self)
        guard raw.contains(UInt8(ascii: "&")) else { return value }
        return value.replacingOccurrences(of: "&#38;", with: "&")
    }

    /// `attributeValue`, as bytes appended to the tree's text.
    private static func appendAttributeValue(_ raw: UnsafeBufferPointer<UInt8>, to text: inout [UInt8]) {
        guard raw.contains(UInt8(ascii: "&")) else {
            text.append(contentsOf: raw)
            return
        }
        let reference = Array("&#38;".utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "&"), index + reference.count <= raw.count,
               (0..<reference.count).allSatisfy({ raw[index + $0] == reference[$0] }) {
                text.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                text.append(raw[index])
                index += 1
            }
        }
    }

    mutating func appendText(_ characters: UnsafePointer<xmlChar>, _ length: Int) throws(Stop) {
        guard !stack.isEmpty else { return }
        let index = stack.count - 1
        let chunk = UnsafeBufferPointer(start: characters, count: length)
        let blank = Self.isBlank(chunk)
        // Blank text between child elements is layout, not content.
        if blank && textIsBlank && stack[index].hasChildElements { return }
        if storage.text.count - textStart + length > limits.maxValueBytes {
            throw Stop(diagnostic: valueTooLarge(storage.location(of: stack[index].node)))
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
        storage.text.append(contentsOf: chunk)
    }

    mutating func closeElement() {
        guard !isStopped, let element = stack.popLast() else { return }
        let node = element.node
        if element.hasChildElements {
            var element = element
            if !textIsBlank {
                element.textRuns += 1
                addTextRun(to: element.node, run: element.textRuns)
            }
            clearText()
            storage.nodes[Int(node)].kind = .section
            numberSameNameElements(of: node)
            storage.groupSiblings(of: node, scratch: &firstOfKey)
        } else {
            storage.nodes[Int(node)].textStart = Int32(textStart)
            storage.nodes[Int(node)].textCount = Int32(storage.text.count - textStart)
            textStart = storage.text.count
            textIsBlank = true
            textStartLine = nil
            textStartColumn = nil
        }
        if stack.isEmpty { root = node }
    }

    /// `[n]` on elements that share their name with a sibling (in document order, before
    /// same-key siblings are grouped).
    private mutating func numberSameNameElements(of parent: Int32) {
        var child = storage.nodes[Int(parent)].firstChild
        guard child >= 0, storage.nodes[Int(child)].nextSibling >= 0 else { return }
        if nameCounts.count < storage.keys.count {
            nameCounts.append(contentsOf: repeatElement(0, count: storage.keys.count - nameCounts.count))
        }
        var repeated = false
        while child >= 0 {
            if storage.nodes[Int(child)].step == .element {
                let name = Int(storage.nodes[Int(child)].name)
                nameCounts[name] += 1
                if nameCounts[name] > 1 { repeated = true }
            }
            child = storage.nodes[Int(child)].nextSibling
        }
        // Second pass: number the elements of repeated names. A name's total above 1 turns into
        // minus its running ordinal at its first element (totals of 1 are left alone); then all
        // counts are cleared.
        child = storage.nodes[Int(parent)].firstChild
        while child >= 0 {
            if storage.nodes[Int(child)].step == .element {
                let name = Int(storage.nodes[Int(child)].name)
                if repeated, nameCounts[name] > 1 || nameCounts[name] < 0 {
                    if nameCounts[name] > 1 { nameCounts[name] = 0 }
                    nameCounts[name] -= 1
                    storage.nodes[Int(child)].ordinal = -nameCounts[name]
                }
            }
            child = storage.nodes[Int(child)].nextSibling
        }
        child = storage.nodes[Int(parent)].firstChild
        while child >= 0 {
            if storage.nodes[Int(child)].step == .element { nameCounts[Int(storage.nodes[Int(child)].name)] = 0 }
            child = storage.nodes[Int(child)].nextSibling
        }
    }

    // MARK: Helpers

    /// Before a child element starts: non-blank pending text becomes a `#text` child.
    private mutating func flushText(of index: Int) {
        if !textIsBlank {
            stack[index].textRuns += 1
            addTextRun(to: stack[index].node, run: stack[index].textRuns)
        }
        clearText()
    }

    /// Drops the pending text (blank layout, or already taken by a text run).
    private mutating func clearText() {
        if textIsBlank { storage.text.removeSubrange(textStart...) }
        textStart = storage.text.count
        textIsBlank = true
        textStartLine = nil
        textStartColumn = nil
    }

    /// The pending text as a `#text` scalar child, at the line of its first non-blank
    /// character (which is where a reader would look).
    private mutating func addTextRun(to element: Int32, run: Int32) {
        var line = textStartLine ?? storage.location(of: element).map(\.line) ?? 1
        for byte in storage.text[textStart...] {
            if byte == 0x0A { line += 1 } else if byte != 0x20 && byte != 0x09 && byte != 0x0D { break }
        }
        if textRunKey < 0 { textRunKey = storage.keys.intern("#text") }
        var record = FormTree.Node(key: textRunKey, name: -1, kind: .string, step: .textRun)
        record.ordinal = run
        record.pathParent = element
        record.line = Int32(line)
        record.column = Int32(textStartColumn ?? 0)
        record.textStart = Int32(textStart)
        record.textCount = Int32(storage.text.count - textStart)
        let node = storage.append(record)
        storage.link(node, to: element)
        textStart = storage.text.count
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
            if let name = names[open.name].map({ storage.keys.string($0.writtenID) }) {
                diagnostic.arguments["expected"] = .text("</\(name)>")
            }
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

    /// A name's key ids and role, made once per name and document (libxml2 interns names per
    /// parser) straight from its bytes: no `String` is made for it.
    private mutating func cachedName(_ key: NameKey) -> CachedName {
        if let cached = names[key] { return cached }
        let localPointer = key.local.assumingMemoryBound(to: UInt8.self)
        let local = UnsafeBufferPointer(start: localPointer, count: strlen(key.local.assumingMemoryBound(to: CChar.self)))
        let prefix = key.prefix.map {
            UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: strlen($0.assumingMemoryBound(to: CChar.self)))
        }
        func equals(_ bytes: UnsafeBufferPointer<UInt8>?, _ text: StaticString) -> Bool {
            guard let bytes else { return false }
            return bytes.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        let role: CachedName.Role =
            if prefix == nil {
                equals(local, "id") ? .id : equals(local, "label") ? .label : equals(local, "name") ? .name
                    : equals(local, "lang") ? .lang : .value
            } else {
                equals(prefix, "xml") && equals(local, "lang") ? .xmlLang : .value
            }
        let localID = storage.keys.intern(local)
        var writtenID = localID
        if let prefix {
            let written = Array(prefix) + [UInt8(ascii: ":")] + Array(local)
            writtenID = written.withUnsafeBufferPointer { storage.keys.intern($0) }
        }
        var localKeyID = localID
        if local.contains(UInt8(ascii: "_")) {
            let localKey = local.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }
            localKeyID = localKey.withUnsafeBufferPointer { storage.keys.intern($0) }
        }
        let cached = CachedName(writtenID: writtenID, localKeyID: localKeyID, localID: localID, role: role)
        names.insert(cached, for: key)
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
}
