/// CLDR display names through ICU, for the review pages (language switcher, country column).
package enum DisplayNames {
    /// The language's name in a display language: ("es", "es") → "español", ("fr", "en") → "French".
    package static func language(_ code: String, in display: String) -> String? {
        ValueParser.languageName(code, in: display)
    }

    /// The country's name in a display language: ("MX", "fr") → "Mexique".
    package static func country(_ code: String, in display: String) -> String? {
        CountryNames.name(of: code, in: display)
    }
}
