/// One translatable entry of a catalog file, flattened to a dotted key so that checks,
/// statistics and XLIFF units can address it: `labels.applicant.city`, `criteria.DM1`,
/// `areas.DM`, `answers.status.met`, `countries.EE. UU.`, `messages.date.invalid`.
struct CatalogEntry: Sendable, Hashable {
    enum Value: Sendable, Hashable {
        /// A title, a message pattern, or a country code.
        case text(String)
        /// Labels (official first, then aliases) or answer synonyms.
        case list([String])

        /// Every string the value holds, in order.
        var strings: [String] {
            switch self {
            case .text(let text): [text]
            case .list(let items): items
            }
        }
    }

    /// The dotted key; its first component is the catalog section (`labels`, `messages`, …).
    let key: String
    var value: Value
    /// 1-based line (and column) of the entry's key in its file.
    let line: Int
    let column: Int?

    init(key: String, value: Value, line: Int, column: Int? = nil) {
        self.key = key
        self.value = value
        self.line = line
        self.column = column
    }

    /// `labels`, `criteria`, `areas`, `answers`, `countries` or `messages`.
    var section: String {
        String(key.prefix { $0 != "." })
    }

    /// The key without its section: `applicant.city`, `DM1`, `status.met`, `date.invalid`.
    var name: String {
        guard let dot = key.firstIndex(of: ".") else { return "" }
        return String(key[key.index(after: dot)...])
    }

    /// The catalog sections in their canonical order (also the order the writer uses).
    static let sections = ["labels", "criteria", "areas", "answers", "countries", "messages"]
}
