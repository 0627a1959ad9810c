extension ValueParser {
    /// A country → ISO 3166-1 alpha-2 (`"MX"`).
    ///
    /// Accepted, in order: an alpha-2 or alpha-3 code in any case (`mx`, `MEX`); a synonym
    /// given at `init` (`EE. UU.` → `US`); a country name in English, Spanish, Portuguese,
    /// French or this locale (its regional variant and language), as ICU (CLDR) writes it (`Brasil`, `Brésil`,
    /// `États-Unis`, `Estados Unidos`, `México`, `Mexique`); a name that two languages give to
    /// different countries is read in this locale's language. Names and synonyms are compared by
    /// `MatchKey` (case, accents and punctuation ignored). Anything else → `country.unknown`.
    public func country(_ raw: String) throws(ValueError) -> String {
        let text = try self.text(raw)
        let names = CountryNames.shared
        let upper = text.uppercased()
        if upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            if upper.count == 2, names.alpha2.contains(upper) { return upper }
            if upper.count == 3, let code = names.code(alpha3: upper) { return code }
        }
        let key = MatchKey.make(text)
        if let code = countrySynonyms[key] { return code }
        if let code = names.code(matching: key, in: countryNameLanguages) { return code }
        throw failure(.countryUnknown, raw, example: CountryNames.name(of: "MX", in: language))
    }

    /// Where a country name is looked up, in order: the form languages, this locale's language
    /// first, then names as this very locale writes them when that adds anything (the regional
    /// variant: pt-PT, es-MX, fr-CA names can differ from pt, es, fr) and this language when it
    /// is not a form language.
    static func countryNameLanguages(locale: String, language: String) -> [String] {
        var languages = CountryNames.formLanguages.contains(language) ? [language] : []
        languages += CountryNames.formLanguages.filter { $0 != language }
        if locale != language { languages.append(locale) }
        if !CountryNames.formLanguages.contains(language) { languages.append(language) }
        return languages
    }
}
