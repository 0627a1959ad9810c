internal import CICU

extension ValueParser {
    /// The regional locale a bare language most likely means, from CLDR likely subtags
    /// (`es` → `es-ES`, `pt` → `pt-BR`, `fr` → `fr-FR`, `en` → `en-US`). Used only when a
    /// form names a language but no country to take the region from.
    /// The tag is canonicalized first (`pt_pt` → `pt-PT`); a tag with a region keeps it.
    public static func likelyLocale(language: String) -> String {
        let canonical = (try? locale(language)) ?? language
        let result = ICUCall.string(initialCapacity: 32) { buffer, capacity in
            wwc_locale_likely_region(canonical, buffer, capacity)
        }
        if case .success(let tag) = result, !tag.isEmpty { return tag }
        return canonical
    }

    /// A language's name in a display language, from ICU (`("pt", "es")` → `portugués`).
    static func languageName(_ language: String, in display: String) -> String? {
        try? ICUCall.string(initialCapacity: 64) { wwc_language_name(language, display, $0, $1) }.get()
    }
}
