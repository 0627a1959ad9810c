import Foundation

/// One entry point for reading a form in either format, so callers (the CLI, the pipeline)
/// do not choose a reader themselves.
package enum FormReader {
    /// Reads `data` with the reader for `format`, enforcing `limits`.
    package static func read(_ data: Data, format: SourceFormat, limits: ReaderLimits = .default) -> ReadResult {
        switch format {
        case .xml: XMLFormReader(limits: limits).read(data)
        case .json: JSONFormReader(limits: limits).read(data)
        }
    }

    /// The format of a file: by extension (`.xml`, `.json`, any case), else by its first
    /// non-whitespace character after any BOM (`<` is XML, `{` or `[` is JSON); nil if neither.
    package static func format(forPath path: String, data: Data) -> SourceFormat? {
        switch pathExtension(path).lowercased() {
        case "xml": return .xml
        case "json": return .json
        default: return sniff(data)
        }
    }

    /// The extension of the path's last component (`xml` of `a/b.XML`); none for a name that
    /// only starts with a dot (`.json`), as `NSString.pathExtension` says (which bridges the
    /// path to an `NSString` on every form).
    static func pathExtension(_ path: String) -> Substring {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return name[name.utf8.index(after: dot)...]
    }

    /// The format judged from the content alone.
    package static func sniff(_ data: Data) -> SourceFormat? {
        data.withUnsafeBytes { bytes -> SourceFormat? in
            var index = 0
            var stride = 1
            var shift = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                index = 3
            } else if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
                index = 2; stride = 2; shift = 0  // UTF-16LE: the ASCII byte comes first
            } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
                index = 2; stride = 2; shift = 1  // UTF-16BE: the ASCII byte comes second
            }
            while index + shift < bytes.count {
                if stride == 2, bytes[index + 1 - shift] != 0 { return nil }  // not ASCII
                switch bytes[index + shift] {
                case 0x20, 0x09, 0x0A, 0x0D: index += stride
                case UInt8(ascii: "<"): return .xml
                case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
                default: return nil
                }
            }
            return nil
        }
    }
}
