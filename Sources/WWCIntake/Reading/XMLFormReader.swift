import Foundation

/// Reads an XML form into a `FormDocument` with libxml2's streaming `xmlTextReader`.
///
/// Why streaming: the walk is iterative (no recursion on the input's nesting) and libxml2 frees
/// nodes as it goes, so memory stays bounded by the tree we build, which `ReaderLimits` bounds.
///
/// Safety: no entity substitution, no DTD loading, no network (see `LibXMLTextReader.options`).
/// Any DTD — internal subset or external id — is rejected with `xml.dtd_forbidden`, as is any
/// entity reference that needs one; so XXE, billion laughs and quadratic blow-up all end there.
///
/// Positions: element lines come from the node libxml2 built (`xmlGetLineNo`), not from the
/// parser, whose line runs ahead by a buffer. libxml2 2.9 stores no element column, so node
/// columns are nil; errors carry libxml2's line and column.
///
/// Decisions worth knowing:
/// - A NUL byte is `encoding.invalid` (it means UTF-16/32 without a BOM, or a binary file, far
///   more often than a stray control character), with its line and column.
/// - `id`/`label`/`name` attributes give the key and are not repeated as attribute values.
public struct XMLFormReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    public func read(_ data: Data) -> ReadResult {
        data.withUnsafeBytes { read($0) }
    }

    public func read(_ bytes: UnsafeRawBufferPointer) -> ReadResult {
        let isUTF16 = InputScreening.isUTF16XML(bytes)
        let encoding = InputScreening.xmlEncodingName(bytes)
        if let rejection = InputScreening.screen(bytes, limits: limits, allowsNUL: isUTF16, encoding: encoding) {
            return ReadResult(document: nil, diagnostics: [rejection])
        }
        if !isUTF16, let rejection = InputScreening.declaredEncodingConflict(bytes) {
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
        return errors.withThreadHandler {
            guard let reader = LibXMLTextReader(bytes: bytes, errors: errors) else {
                return ReadResult(document: nil, diagnostics: [
                    .error(.inputUnreadable, arguments: ["detail": "libxml2 could not create a reader"])
                ])
            }
            var builder = XMLTreeBuilder(reader: reader, errors: errors, bytes: bytes, limits: limits, encoding: encoding)
            return builder.run()
        }
    }
}
