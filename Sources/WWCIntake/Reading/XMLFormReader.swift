import Foundation

/// Reads an XML form into a `FormDocument` with libxml2's SAX2 parser (see `LibXMLSAXParser`).
///
/// Why SAX2: libxml2 hands over names, attribute values and text directly, without building
/// (and freeing) a node for each, and our tree builder keeps its own explicit stack, so nothing
/// recurses on the input's nesting and memory is bounded by the tree, which `ReaderLimits`
/// bounds. (An earlier version used `xmlTextReader`: same lines, ~15 % slower.)
///
/// Safety: no entity substitution, no DTD loading, no network (see `LibXMLSAXParser.options`).
/// Any DTD — internal subset or external id — is rejected with `xml.dtd_forbidden` the moment
/// libxml2 reads `<!DOCTYPE name`, before any declaration in it; so XXE, billion laughs and
/// quadratic blow-up all end there, and so would any entity reference needing a DTD.
///
/// Positions: an element's line is libxml2's line when it has read the start tag (what
/// `xmlGetLineNo` reports for tree nodes, too). libxml2 2.9 has no element columns, so node
/// columns are nil; errors carry libxml2's line and column.
///
/// Before libxml2 sees the bytes (all linear, a fraction of parse time):
/// - size (`input.too_large`); a NUL byte, or a NUL character in UTF-16, is `encoding.invalid`
///   with its line and column — it means UTF-16/32 without a BOM or a binary file far more
///   often than a stray control character (`JSONFormReader` decides the same);
/// - a UTF-8 BOM contradicting the declared encoding, and 8-bit bytes under a declared
///   US-ASCII, are `encoding.invalid` (libxml2 2.9 would mis-decode or misreport them);
/// - valid multi-byte UTF-8 under a declared single-byte encoding is read as UTF-8 (libxml2
///   told to ignore the declaration) with warning `encoding.mismatch`;
/// - more than `maxAttributesPerElement` attributes on one element is `input.too_large`
///   (libxml2 2.9 checks attribute names pairwise: 100,000 attributes would take minutes).
///
/// Other decisions worth knowing:
/// - `id`/`label`/`name` attributes give the key and are not repeated as attribute values;
///   an empty one falls through to the next.
/// - Errors raised by iconv (windows-1252, Shift_JIS, …) carry no position; the offending
///   bytes libxml2 quotes are found in the input to give line and column.
/// - A file that just stops inside an element is `xml.malformed` with detail "Premature end
///   of data" and `expected` = the missing end tag (libxml2's push parser says "Extra content").
/// - libxml2's own limits (10 MB text, depth 256) map to `input.too_large` / `input.too_deep`.
/// - libxml2 errors never reach stderr: a per-read structured handler, plus per-thread global
///   structured and generic handlers restored afterwards (see `LibXMLErrorCollector`).
package struct XMLFormReader: Sendable {
    package var limits: ReaderLimits

    package init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    package func read(_ data: Data) -> ReadResult {
        data.withUnsafeBytes { read($0) }
    }

    package func read(_ bytes: UnsafeRawBufferPointer) -> ReadResult {
        let isUTF16 = InputScreening.isUTF16XML(bytes)
        let encoding = InputScreening.xmlEncodingName(bytes)
        if let rejection = InputScreening.screen(bytes, limits: limits, allowsNUL: isUTF16, encoding: encoding) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        if isUTF16, let rejection = InputScreening.utf16NUL(bytes, encoding: encoding) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        // UTF-8 bytes under a single-byte declaration: read as UTF-8, with a warning.
        let mismatch = isUTF16 ? nil : InputScreening.singleByteDeclarationOverUTF8(bytes)
        if mismatch == nil, !isUTF16, let rejection = InputScreening.declaredEncodingConflict(bytes) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        if let rejection = InputScreening.tooManyAttributes(bytes, limit: limits.maxAttributesPerElement, isUTF16: isUTF16) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return ReadResult(document: nil, diagnostics: [
                .error(.xmlMalformed, arguments: ["detail": "Document is empty"], location: SourceLocation(line: 1, column: 1))
            ])
        }
        let errors = LibXMLErrorCollector()
        var result = errors.withThreadHandler {
            XMLTreeBuilder(errors: errors, bytes: bytes, limits: limits, encoding: mismatch == nil ? encoding : "UTF-8",
                           ignoreDeclaredEncoding: mismatch != nil).run()
        }
        if let mismatch { result.diagnostics.insert(mismatch, at: 0) }
        return result
    }
}
