internal import CLibXML2

/// A libxml2 `xmlTextWriter` writing into memory, owned by Swift (freed in `deinit`).
///
/// Why libxml2's writer and not string concatenation: it escapes text and attribute values
/// correctly (`&`, `<`, quotes, control characters), which hand-built XML gets wrong on the
/// first translator who types an ampersand.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var finished = false

    init(indent: Bool = true) {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            Self.withXMLString("  ") { _ = xmlTextWriterSetIndentString(writer, $0) }
        }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        if !finished { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    static func withXMLString<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        text.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
        }
    }

    func start(_ name: String) {
        Self.withXMLString(name) { _ = xmlTextWriterStartElement(writer, $0) }
    }

    func attribute(_ name: String, _ value: String) {
        Self.withXMLString(name) { name in
            Self.withXMLString(value) { value in _ = xmlTextWriterWriteAttribute(writer, name, value) }
        }
    }

    func text(_ value: String) {
        Self.withXMLString(value) { _ = xmlTextWriterWriteString(writer, $0) }
    }

    func comment(_ value: String) {
        // `--` may not appear in an XML comment.
        let safe = value.replacingOccurrences(of: "--", with: "‑‑")
        Self.withXMLString(" " + safe + " ") { _ = xmlTextWriterWriteComment(writer, $0) }
    }

    func end() {
        xmlTextWriterEndElement(writer)
    }

    /// Ends an element as `<x></x>` even when empty, so a form to fill in shows both tags.
    func fullEnd() {
        xmlTextWriterFullEndElement(writer)
    }

    /// Closes every open element and returns the document.
    func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        finished = true
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}
