import Foundation

/// Reads a well-formed catalog file straight into a `CatalogFile`, without building the
/// position-tracking form tree first.
///
/// Every `intake` run loads all catalogs (~115 KB), and going through `JSONFormReader` (node
/// paths, form nodes, then a second pass over them) cost ~11 M instructions, a tenth of a
/// one-form conversion. This reader handles only the common case, a catalog with nothing to
/// report: it gives up (nil) at the first thing it does not expect — a byte order mark, NUL,
/// an escape sequence, a control character, invalid UTF-8, a value that is not a string or a
/// list of strings where the shape wants one, an empty list, a duplicate key (or two keys
/// that are merely canonically equivalent), an unknown member, a header that does not
/// match, a limit of `ReaderLimits.default` reached. The caller then takes the general path
/// (`CatalogFileParser`), which reports it with file, line and JSON Pointer, so `catalog
/// check` findings are unchanged. Lines and columns are counted exactly as `JSONParser`
/// does (columns in characters: UTF-8 continuation bytes on the line are not counted).
struct CatalogFastReader: JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var line = 1
    var lineStart = 0
    var continuationBytes = 0
    private var nodeCount = 0
    private let limits = ReaderLimits.default

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The catalog, or nil when the general path must read this file.
    static func read(_ data: Data, url: URL) -> CatalogFile? {
        data.withUnsafeBytes { raw -> CatalogFile? in
            guard let base = raw.baseAddress else { return nil }
            var reader = CatalogFastReader(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self),
                                                                      count: raw.count))
            return reader.catalog(url: url)
        }
    }

    private struct Location {
        var line: Int
        var column: Int
    }

    private mutating func catalog(url: URL) -> CatalogFile? {
        // Deepest catalog nesting: root → answers → enum → list.
        guard bytes.count <= limits.maxInputBytes, min(limits.maxDepth, JSONParser.hardDepthCap) >= 4,
              let first = bytes.first, first != 0xEF, first != 0xFE, first != 0xFF,
              memchr(bytes.baseAddress!, 0, bytes.count) == nil else { return nil }
        var headers: [String: String] = [:]
        var headerLines: [String: Int] = [:]
        var identical: [String] = []
        var entries: [CatalogEntry] = []
        var sections: [String] = []
        skipWhitespace()
        let complete = members { reader, key, location in
            headerLines[key] = location.line
            switch key {
            case "catalog", "locale", "version":
                guard let text = reader.string() else { return false }
                headers[key] = text
            case "identical":
                guard let list = reader.strings() else { return false }
                identical = list
            case "labels":
                sections.append(key)
                return reader.members { reader, item, location in
                    guard let list = reader.strings() else { return false }
                    entries.append(CatalogEntry(key: "labels." + item, value: .list(list), line: location.line,
                                                column: location.column))
                    return true
                }
            case "criteria", "areas", "countries", "messages":
                sections.append(key)
                let isCountries = key == "countries"
                return reader.members { reader, item, location in
                    guard let text = reader.string() else { return false }
                    if isCountries, !CatalogFileParser.isCountryCode(text) { return false }
                    entries.append(CatalogEntry(key: key + "." + item, value: .text(text), line: location.line,
                                                column: location.column))
                    return true
                }
            case "answers":
                sections.append(key)
                return reader.members { reader, name, _ in
                    reader.members { reader, value, location in
                        guard let list = reader.strings() else { return false }
                        entries.append(CatalogEntry(key: "answers." + name + "." + value, value: .list(list),
                                                    line: location.line, column: location.column))
                        return true
                    }
                }
            default:
                return false
            }
            return true
        }
        guard complete else { return nil }
        skipWhitespace()
        guard position == bytes.count else { return nil }
        let stem = url.deletingPathExtension().lastPathComponent
        guard headers["catalog"] == CatalogFile.formatID, let locale = headers["locale"], locale == stem,
              let version = headers["version"] else { return nil }
        return CatalogFile(url: url, locale: locale, version: version, identical: identical, entries: entries,
                           sections: sections, headerLines: headerLines)
    }

    // MARK: JSON

    /// Reads an object whose value starts here, calling `member` with each key (and where the
    /// key is) positioned at its value; `member` must read the value. False on anything else.
    private mutating func members(_ member: (inout CatalogFastReader, String, Location) -> Bool) -> Bool {
        guard countNode(), peek(UInt8(ascii: "{")) else { return false }
        position += 1
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            return true
        }
        var seen: Set<String> = []
        while true {
            skipWhitespace()
            let location = self.location
            guard peek(UInt8(ascii: "\"")), let key = scanString(), seen.insert(key).inserted else { return false }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { return false }
            position += 1
            skipWhitespace()
            guard member(&self, key, location) else { return false }
            skipWhitespace()
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { return false }
            position += 1
            return true
        }
    }

    /// A non-empty list of strings.
    private mutating func strings() -> [String]? {
        guard countNode(), peek(UInt8(ascii: "[")) else { return nil }
        position += 1
        skipWhitespace()
        var list: [String] = []
        while true {
            guard let text = string() else { return nil }
            list.append(text)
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { return nil }
            position += 1
            return list
        }
    }

    /// A string value.
    private mutating func string() -> String? {
        guard countNode(), peek(UInt8(ascii: "\"")) else { return nil }
        return scanString()
    }

    /// A string without escapes or control characters, in valid UTF-8, within the value limit.
    private mutating func scanString() -> String? {
        let start = position + 1
        var index = start
        var continuations = 0
        var bits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            bits |= byte
            continuations &+= Int((byte & 0xC0) == 0x80 ? 1 : 0)
            index &+= 1
        }
        guard index < bytes.count, index - start <= limits.maxValueBytes,
              let text = Self.validated(UnsafeBufferPointer(rebasing: bytes[start..<index]), isASCII: bits < 0x80)
        else { return nil }
        continuationBytes += continuations
        position = index + 1
        return text
    }

    /// The text of valid UTF-8 bytes, nil for invalid ones: what `String(validating:as:)`
    /// gives, at a fraction of its cost here (its generic path was 40 % of this reader).
    /// Decoding repairs invalid sequences with U+FFFD, so the bytes come back unchanged
    /// exactly when they were valid.
    private static func validated(_ raw: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String? {
        var text = String(decoding: raw, as: UTF8.self)
        if isASCII { return text }
        let same = text.withUTF8 { decoded in
            decoded.count == raw.count && (raw.isEmpty || memcmp(decoded.baseAddress!, raw.baseAddress!, raw.count) == 0)
        }
        return same ? text : nil
    }

    /// Counts a value as `JSONParser` does, against the node limit.
    private mutating func countNode() -> Bool {
        nodeCount += 1
        return nodeCount <= limits.maxNodes
    }

    private var location: Location {
        Location(line: line, column: position - lineStart - continuationBytes + 1)
    }
}
