internal import CLibXML2

/// Owns one libxml2 `xmlTextReader` over bytes in memory and frees it in `deinit`.
///
/// The reader does not copy the input: the bytes must outlive this object, which is why
/// `XMLFormReader` creates and drops it inside one `withUnsafeBytes`.
final class LibXMLTextReader {
    /// libxml2 must initialize its globals once before threads use it concurrently.
    private static let parserInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// `NONET`: never fetch anything. `BIG_LINES`: line numbers past 65,535 stay right.
    /// `COMPACT`: short text stored inline (xmllint's default too). Deliberately absent:
    /// `NOENT` (entity substitution: billion laughs, XXE), `DTDLOAD`/`DTDATTR` (external DTDs,
    /// default attributes), `HUGE` (lifts libxml2's own size and depth limits).
    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue)

    let handle: xmlTextReaderPtr

    /// - Parameters:
    ///   - bytes: the document; must stay valid while this reader lives.
    ///   - errors: receives every error of this reader (kept alive by the caller).
    init?(bytes: UnsafeRawBufferPointer, errors: LibXMLErrorCollector) {
        _ = Self.parserInitialized
        var empty: CChar = 0
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        let created = withUnsafePointer(to: &empty) { emptyPointer in
            xmlReaderForMemory(base ?? emptyPointer, Int32(bytes.count), nil, nil, Self.options)
        }
        guard let created else { return nil }
        handle = created
        xmlTextReaderSetStructuredErrorHandler(handle, LibXMLErrorCollector.handler, errors.opaque)
    }

    /// The document behind the reader, once asked for (see `currentDocument()`).
    private var document: xmlDocPtr?

    /// The document libxml2 is building, to inspect after a failure (did it see a DTD?).
    /// Asking for it makes libxml2 stop freeing it (`xmlTextReaderCurrentDoc` sets the reader's
    /// `preserve` flag), so from then on this object frees it, after the reader.
    func currentDocument() -> xmlDocPtr? {
        if document == nil { document = xmlTextReaderCurrentDoc(handle) }
        return document
    }

    deinit {
        xmlFreeTextReader(handle)
        if let document { xmlFreeDoc(document) }
    }
}
