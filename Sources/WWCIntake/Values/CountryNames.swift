internal import CICU

/// ISO 3166 codes and country names as ICU (CLDR) has them, indexed by `MatchKey`.
///
/// Built once per process (a few thousand names, ~ms) and immutable afterwards, so it is
/// shared by all threads.
struct CountryNames: Sendable {
    /// The languages whose names are always accepted (the form languages).
    static let formLanguages = ["en", "es", "pt", "fr"]

    static let shared = CountryNames(languages: formLanguages)

    /// Alpha-2 codes ICU knows (upper case).
    let alpha2: Set<String>
    /// Alpha-3 → alpha-2.
    let alpha3: [String: String]
    /// Match key of a display name → alpha-2.
    let names: [String: String]

    init(languages: [String]) {
        var alpha2: Set<String> = []
        var alpha3: [String: String] = [:]
        var names: [String: String] = [:]
        let count = wwc_country_count()
        // All names of a language in one ICU call (one bundle look-up, not one per country).
        let namesByLanguage = languages.map { Self.names(in: $0, count: Int(count)) }
        for index in 0..<count {
            guard let code = try? ICUCall.string(initialCapacity: 8, { wwc_country_code(index, $0, $1) }).get() else {
                continue
            }
            alpha2.insert(code)
            if let three = try? ICUCall.string(initialCapacity: 8, { wwc_country_alpha3(code, $0, $1) }).get() {
                alpha3[three] = code
            }
            for languageNames in namesByLanguage {
                if let name = languageNames[Int(index)] {
                    let key = MatchKey.make(name)
                    if !key.isEmpty, names[key] == nil { names[key] = code }
                }
            }
        }
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.names = names
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
