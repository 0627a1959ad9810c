internal import CLibXML2

/// Owns one libxml2 parser context over bytes in memory, set up for SAX2 callbacks into an
/// `XMLTreeBuilder`, and frees it in `deinit`.
///
/// Why SAX2 rather than `xmlTextReader`: the reader builds a libxml2 node for every element,
/// attribute and text chunk and frees it again; SAX2 hands us names (interned), attribute
/// values and text (as pointer and length) directly. Same parser, same errors, same lines
/// (the reader's node lines are the parser's line at these very callbacks), less work.
/// `xmlParseDocument` walks the input without recursing on its nesting in libxml2 2.9.
final class LibXMLSAXParser {
    /// libxml2 must initialize its globals once before threads use it concurrently.
    private static let parserInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// `NONET`: never fetch anything. `BIG_LINES`: line numbers past 65,535 stay right.
    /// Deliberately absent: `NOENT` (entity substitution: billion laughs, XXE), `DTDLOAD`/
    /// `DTDATTR` (external DTDs, default attributes), `HUGE` (lifts libxml2's own size and
    /// depth limits). A DTD never gets as far as its declarations anyway: the
    /// `internalSubset` callback, called at `<!DOCTYPE name`, stops the parser.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    let context: xmlParserCtxtPtr

    /// - Parameters:
    ///   - bytes: the document (libxml2 copies it into its input buffer).
    ///   - builder: receives the callbacks; kept alive by the caller while parsing.
    ///   - ignoreDeclaredEncoding: read UTF-8 whatever the XML declaration says
    ///     (`XML_PARSE_IGNORE_ENC`; see `InputScreening.singleByteDeclarationOverUTF8`).
    init?(bytes: UnsafeRawBufferPointer, builder: XMLTreeBuilder, ignoreDeclaredEncoding: Bool = false) {
        _ = Self.parserInitialized
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count <= Int(Int32.max),
            let created = xmlCreateMemoryParserCtxt(base, Int32(bytes.count))
        else { return nil }
        context = created
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = XMLTreeBuilder.startElementCallback
        handler.endElementNs = XMLTreeBuilder.endElementCallback
        handler.characters = XMLTreeBuilder.charactersCallback
        handler.ignorableWhitespace = XMLTreeBuilder.charactersCallback
        handler.cdataBlock = XMLTreeBuilder.charactersCallback
        handler.internalSubset = XMLTreeBuilder.internalSubsetCallback
        handler.externalSubset = XMLTreeBuilder.internalSubsetCallback
        handler.reference = XMLTreeBuilder.referenceCallback
        handler.serror = XMLTreeBuilder.errorCallback
        context.pointee.sax.pointee = handler
        context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
        xmlCtxtUseOptions(context, Self.options | (ignoreDeclaredEncoding ? Int32(XML_PARSE_IGNORE_ENC.rawValue) : 0))
    }

    /// Parses the whole document, calling the builder; false when libxml2 found it malformed.
    func parse() -> Bool {
        xmlParseDocument(context) == 0 && context.pointee.wellFormed != 0
    }

    deinit {
        // A document libxml2 started on its own (e.g. for a DTD's entity declarations after a
        // broken XML declaration) belongs to the caller, not to the context: free it too.
        if let document = context.pointee.myDoc {
            context.pointee.myDoc = nil
            xmlFreeDoc(document)
        }
        xmlFreeParserCtxt(context)
    }
}
