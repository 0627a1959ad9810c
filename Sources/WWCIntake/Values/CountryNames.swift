internal import CICU

/// ISO 3166 codes and country names as ICU (CLDR) has them, indexed by `MatchKey`.
///
/// Shared by all threads. Each table is built on first use, because ICU answers a display
/// name in ~7,500 instructions and a form names its country in one language: building the
/// names of all four form languages up front cost more than the rest of start-up's value
/// layer. Built tables are never changed, only added.
final class CountryNames: Sendable {
    /// The languages whose names are always accepted (the form languages).
    static let formLanguages = ["en", "es", "pt", "fr"]

    static let shared = CountryNames()

    /// Alpha-2 codes ICU knows (upper case), by index in ICU's list.
    private let codesByIndex: [String?]
    /// The same codes, for membership.
    let alpha2: Set<String>
    private let alpha3Table = Locked<[String: String]?>(nil)
    private let nameTables = Locked<[String: [String: String]]>([:])

    private init() {
        codesByIndex = (0..<wwc_country_count()).map { index in
            try? ICUCall.string(initialCapacity: 8, { wwc_country_code(index, $0, $1) }).get()
        }
        alpha2 = Set(codesByIndex.compactMap { $0 })
    }

    /// Alpha-3 → alpha-2 (`MEX` → `MX`).
    func code(alpha3: String) -> String? {
        if let table = alpha3Table.withLock({ $0 }) { return table[alpha3] }
        var table: [String: String] = [:]
        for case let code? in codesByIndex {
            if let three = try? ICUCall.string(initialCapacity: 8, { wwc_country_alpha3(code, $0, $1) }).get() {
                table[three] = code
            }
        }
        alpha3Table.withLock { $0 = table }
        return table[alpha3]
    }

    /// The country whose name in one of `languages` has this match key: the first language
    /// that has the key decides.
    func code(matching key: String, in languages: [String]) -> String? {
        for language in languages {
            if let code = names(in: language)[key] { return code }
        }
        return nil
    }

    /// Match key of each display name in a language (`es-MX`, `fr`) → alpha-2. A key two
    /// countries share keeps ICU's first.
    func names(in language: String) -> [String: String] {
        if let table = nameTables.withLock({ $0[language] }) { return table }
        // Built outside the lock: two threads may both build it, and keep the same table.
        var table: [String: String] = [:]
        for (code, name) in zip(codesByIndex, Self.names(in: language, count: codesByIndex.count)) {
            guard let code, let name else { continue }
            let key = MatchKey.make(name)
            if !key.isEmpty, table[key] == nil { table[key] = code }
        }
        return nameTables.withLock { tables in
            if let built = tables[language] { return built }
            tables[language] = table
            return table
        }
    }

    /// `name(of:in:)` for every country of ICU's list, by index (nil where ICU has no name).
    static func names(in language: String, count: Int) -> [String?] {
        let result = ICUCall.string(initialCapacity: 16_384) { wwc_country_names(language, $0, $1) }
        guard case .success(let text) = result else { return Array(repeating: nil, count: count) }
        var names: [String?] = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            $0.isEmpty ? nil : String(Substring($0))
        }
        // The text ends with "\n", so the split has one extra empty piece.
        if names.count == count + 1 { names.removeLast() }
        guard names.count == count else { return Array(repeating: nil, count: count) }
        return names
    }

    /// The ICU display name of a country in a language, e.g. ("MX", "fr") → "Mexique".
    static func name(of code: String, in language: String) -> String? {
        try? ICUCall.string(initialCapacity: 128) { wwc_country_name(code, language, $0, $1) }.get()
    }
}
