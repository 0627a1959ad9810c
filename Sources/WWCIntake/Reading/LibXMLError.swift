internal import CLibXML2

/// One libxml2 error, copied out of libxml2's `xmlError` while the callback runs (libxml2 reuses
/// the struct afterwards), with its position already 1-based.
///
/// This is the single place where libxml2's error vocabulary (domain/code/level/message) is
/// turned into our diagnostic codes, so the mapping can be read and tested in one piece.
struct LibXMLError: Sendable, Hashable {
    var domain: Int32
    var code: Int32
    var level: Int32
    /// libxml2's English message, trailing newline removed; goes to `arguments["detail"]`.
    var message: String
    /// 1-based; nil when libxml2 did not know it (it reports 0).
    var line: Int?
    var column: Int?

    init(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        domain = raw.domain
        code = raw.code
        level = Int32(bitPattern: raw.level.rawValue)
        var text = raw.message.map { String(cString: $0) } ?? ""
        while let last = text.last, last.isWhitespace { text.removeLast() }
        message = text
        line = raw.line > 0 ? Int(raw.line) : nil
        // `int2` carries the column for parser errors (libxml2 names it so in a comment only).
        column = raw.int2 > 0 ? Int(raw.int2) : nil
    }

    init(domain: Int32, code: Int32, level: Int32, message: String, line: Int?, column: Int?) {
        self.domain = domain
        self.code = code
        self.level = level
        self.message = message
        self.line = line
        self.column = column
    }

    /// Warnings (e.g. a relative namespace URI) do not reject a form; errors and fatal errors do.
    var isError: Bool { level >= Int32(bitPattern: XML_ERR_ERROR.rawValue) }

    var location: SourceLocation? { line.map { SourceLocation(line: $0, column: column) } }

    /// Errors raised by character decoding: a declared encoding libxml2 cannot use, or bytes
    /// that are not valid in the encoding in force (declared, BOM-detected or UTF-8 by default).
    var isEncodingError: Bool {
        if domain == Int32(bitPattern: XML_FROM_I18N.rawValue) { return true }
        switch code {
        case Int32(bitPattern: XML_ERR_INVALID_ENCODING.rawValue),
            Int32(bitPattern: XML_ERR_UNKNOWN_ENCODING.rawValue),
            Int32(bitPattern: XML_ERR_UNSUPPORTED_ENCODING.rawValue):
            return true
        case Int32(bitPattern: XML_ERR_INVALID_CHAR.rawValue):
            // Same code for "Char 0x1 out of allowed range" (markup) and bad UTF-8 (encoding).
            // A NUL character is an encoding finding, as a NUL byte is (see XMLFormReader).
            return message.contains("not proper UTF-8") || message.contains("encoding")
                || message.hasPrefix("Char 0x0 ")
        default:
            return message.contains("input conversion failed") || message.contains("Unsupported encoding")
        }
    }

    /// libxml2's own hard limits (it runs without `XML_PARSE_HUGE`): text nodes over 10 MB,
    /// names over 50,000 bytes, attribute values over 10 MB.
    var isSizeLimit: Bool {
        message.contains("huge text node") || message.contains("too long") || message.contains("too big")
            || code == Int32(bitPattern: XML_ERR_NAME_TOO_LONG.rawValue)
    }

    /// libxml2's own depth limit (256 without `XML_PARSE_HUGE`), reached only when a caller
    /// raises `ReaderLimits.maxDepth` above it.
    var isDepthLimit: Bool { message.contains("Excessive depth") }

    /// Entity problems that only a DTD can cause (a loop or amplification needs declarations).
    var isEntityError: Bool {
        code == Int32(bitPattern: XML_ERR_ENTITY_LOOP.rawValue)
            || message.contains("Detected an entity reference loop")
    }

    /// The diagnostic for this error. `limits` fills the `limit` argument of limit findings,
    /// `encoding` (the encoding in force) the `encoding` argument of encoding findings.
    func diagnostic(limits: ReaderLimits, encoding: String = "UTF-8") -> Diagnostic {
        let detail: MessageArgument = .text(message)
        if isEncodingError {
            return .error(.encodingInvalid, arguments: ["encoding": .text(encoding), "detail": detail], location: location)
        }
        if isDepthLimit {
            return .error(.inputTooDeep, arguments: ["limit": .number(min(limits.maxDepth, 256)), "detail": detail],
                          location: location)
        }
        if isSizeLimit {
            return .error(.inputTooLarge,
                          arguments: ["limit": .number(limits.maxValueBytes), "what": "value bytes", "detail": detail],
                          location: location)
        }
        if isEntityError {
            return .error(.xmlDTDForbidden, arguments: ["detail": detail], location: location)
        }
        return .error(.xmlMalformed, arguments: ["detail": detail], location: location)
    }
}
