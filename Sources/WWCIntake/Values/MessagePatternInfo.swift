/// What a MessageFormat pattern refers to, for catalog checks (placeholder mismatch,
/// plural-category coverage).
struct MessagePatternInfo: Sendable, Hashable {
    /// Every argument name used anywhere in the pattern (`{count}`, `{value}` …).
    var argumentNames: Set<String>
    /// For each plural/selectordinal argument, its selector keywords in pattern order,
    /// e.g. `["count": ["one", "other"]]` (explicit values appear as `"=0"`).
    var pluralKeywords: [String: [String]]

    init(argumentNames: Set<String> = [], pluralKeywords: [String: [String]] = [:]) {
        self.argumentNames = argumentNames
        self.pluralKeywords = pluralKeywords
    }
}
