/// A JSON value whose objects keep their member order, and its serializer.
///
/// Why not `JSONEncoder`: canonical records must be byte-identical across runs and emit keys
/// in the schema's order (`schema`, `source`, `submission`, …), and decimals must be written
/// as their exact text. Encoding through `Codable` would reorder keys or go through `Double`.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    /// An exact decimal written as is, e.g. `12500000.5` (no quotes).
    case rawNumber(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Builds an object, leaving out members whose value is `nil`.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { Member(key, $0) } })
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Serializes compactly (one line, for JSON Lines) or with two-space indentation.
    public func serialized(pretty: Bool = false) -> String {
        String(decoding: serializedUTF8(pretty: pretty), as: UTF8.self)
    }

    /// The same text as `serialized(pretty:)`, as UTF-8 bytes ready for a file or a pipe
    /// (no `String` in between). See `JSONOutput` for the layout and escapes.
    public func serializedUTF8(pretty: Bool = false) -> [UInt8] {
        var output = JSONOutput(pretty: pretty)
        output.value(self)
        return output.bytes
    }
}
