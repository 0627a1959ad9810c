/// The catalog of one locale: a base catalog (`es.json`) merged with its regional overlay
/// (`es-MX.json`) when there is one. An overlay entry replaces the base entry with the same
/// key; everything else comes from the base.
public struct LocaleCatalog: Sendable {
    /// `es` or `es-MX`: the most specific catalog merged in.
    public let locale: String
    /// `es`.
    public let language: String
    /// Entries by key, overlay applied.
    let entries: [String: CatalogEntry.Value]

    init(locale: String, language: String, entries: [String: CatalogEntry.Value]) {
        self.locale = locale
        self.language = language
        self.entries = entries
    }

    /// Labels of a section or field id (`applicant.city`, `criteria.*.status`,
    /// `outcomes[].value`): the official label first, then aliases. Empty when unknown.
    public func labels(for id: String) -> [String] {
        entries["labels." + id]?.strings ?? []
    }

    /// Every labelled id with its labels.
    public var labelsByID: [String: [String]] {
        var result: [String: [String]] = [:]
        for (key, value) in entries {
            if let name = Self.name(of: key, after: "labels.") { result[name] = value.strings }
        }
        return result
    }

    /// The localized title of a criterion (`DM1`).
    public func criterionTitle(_ id: String) -> String? {
        entries["criteria." + id]?.strings.first
    }

    /// The localized name of a practice area (`DM`).
    public func areaTitle(_ id: String) -> String? {
        entries["areas." + id]?.strings.first
    }

    /// Answer synonyms of an enumeration: `"status"` → `["met": ["Cumple", "Sí", …], …]`.
    public func synonyms(enum name: String) -> [String: [String]] {
        let prefix = "answers." + name + "."
        var result: [String: [String]] = [:]
        for (key, value) in entries {
            if let name = Self.name(of: key, after: prefix) { result[name] = value.strings }
        }
        return result
    }

    /// Country spellings ICU does not know, mapped to ISO 3166-1 alpha-2: `"EE. UU."` → `"US"`.
    public var countrySynonyms: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in entries {
            if let name = Self.name(of: key, after: "countries.") { result[name] = value.strings.first }
        }
        return result
    }

    /// The rest of `key` after `prefix`, or nil when it does not start with it: what
    /// `key.hasPrefix(prefix)` and `dropFirst(prefix.count)` give, compared byte by byte
    /// (these scans over every entry showed at start-up). Bytes decide when the prefix is
    /// plain (lower-case ASCII letters, digits, `.`, `_`, `-`: no other character is
    /// canonically equivalent to one of them) and is followed by an ASCII byte or nothing
    /// (so it cannot extend the prefix's last character); otherwise characters are compared.
    static func name(of key: String, after prefix: String) -> String? {
        let head = prefix.utf8
        let bytes = key.utf8
        let isPlain = head.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        if isPlain {
            guard bytes.starts(with: head) else { return nil }
            let rest = bytes.dropFirst(head.count)
            if rest.first.map({ $0 < 0x80 }) ?? true { return String(decoding: rest, as: UTF8.self) }
        }
        guard key.hasPrefix(prefix) else { return nil }
        return String(key.dropFirst(prefix.count))
    }

    /// The ICU MessageFormat pattern of a message key (a diagnostic code or a UI key).
    public func message(_ key: String) -> String? {
        entries["messages." + key]?.strings.first
    }
}
