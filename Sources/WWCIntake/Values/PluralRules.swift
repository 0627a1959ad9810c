internal import CICU

/// The CLDR plural categories of a language, as the linked ICU has them (they change
/// between CLDR releases, so they are never written down in this code).
enum PluralRules {
    /// Cardinal categories, sorted: e.g. `fr` → `["many", "one", "other"]` with ICU 72.
    /// Empty when the locale is not a valid tag.
    static func categories(locale: String) -> [String] {
        guard let text = try? ICUCall.string(initialCapacity: 64, { wwc_plural_categories(locale, $0, $1) }).get()
        else { return [] }
        return text.split(separator: ",").map(String.init).sorted()
    }
}
