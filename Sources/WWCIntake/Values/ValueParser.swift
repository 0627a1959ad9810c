internal import CICU

/// All value rules for one regional locale (e.g. `es-MX`): text, numbers, percents, money,
/// dates, years, countries, e-mail, URLs, phones.
///
/// Every parse consumes the whole value or throws a `ValueError` with a stable code; findings
/// that do not reject the value come back as `Parsed.warnings`.
///
/// ICU objects (number and date parsers) are opened lazily on first use and cached: opening
/// costs 3–12 µs, a cached parse about 0.6 µs. **Not thread-safe**: ICU parsers keep state,
/// so each worker thread creates its own `ValueParser` (they are cheap until used).
public final class ValueParser {
    /// The canonical BCP 47 tag, e.g. `es-MX`.
    public let locale: String
    /// The locale's language subtag (`es` of `es-MX`). Stored: asked for by most value rules,
    /// and cutting it from the tag `Character` by `Character` each time showed in profiles.
    let language: String
    /// Synonyms by match key → alpha-2 code.
    let countrySynonyms: [String: String]
    /// Example values for messages (`examples.json`), looked up by this parser's locale.
    let examples: ValueExamples
    /// Where a country name is looked up (see `countryNameLanguages(locale:language:)`).
    let countryNameLanguages: [String]

    private var numberFormats: [NumberFormatHandle.Style: NumberFormatHandle] = [:]
    /// Date parsers by `DateFormatPlan` entry, opened on first use; `.some(nil)` marks a
    /// pattern an earlier entry already has.
    private var dateFormatSlots: [DateFormatHandle??] = Array(repeating: nil, count: DateFormatPlan.entries.count)
    /// The patterns of the entries opened so far, for the duplicate check.
    private var openedDatePatterns: Set<String> = [DateFormatPlan.isoPattern]
    /// How many plan entries are decided (opened or marked duplicate), in plan order.
    private var decidedDateFormats = 1
    var cachedDateExample: String??
    private var cachedRegionCurrency: String??
    private var cachedSeparators: (grouping: String, decimal: String)?
    private var cachedOrdinalDays: [(form: [Unicode.Scalar], day: Int)]?
    private var cachedCurrencySymbols: (symbols: [String: Set<String>], narrow: [String: Set<String>])?

    /// - Parameters:
    ///   - locale: a BCP 47 tag (`es-MX`, `es_mx` …); unknown to ICU → `locale.invalid`.
    ///   - countrySynonyms: extra country names → alpha-2 (`"EE. UU." → "US"`), matched by `MatchKey`.
    ///   - examples: the example e-mail, web and phone values messages offer (`CatalogSet.valueExamples`).
    public init(locale: String, countrySynonyms: [String: String] = [:],
                examples: ValueExamples = ValueExamples()) throws(ValueError) {
        let canonical = try Self.locale(locale)
        guard wwc_locale_has_data(canonical) == Int32(WWC_OK) else {
            throw ValueError(.localeInvalid, arguments: ["value": .text(locale)])
        }
        self.locale = canonical
        let language = String(canonical.prefix { $0 != "-" })
        self.language = language
        self.countryNameLanguages = Self.countryNameLanguages(locale: canonical, language: language)
        var synonyms: [String: String] = [:]
        for (name, code) in countrySynonyms {
            synonyms[MatchKey.make(name)] = code.uppercased()
        }
        self.countrySynonyms = synonyms
        self.examples = examples
    }

    /// The example of `kind` for this parser's locale, from `examples.json`.
    func example(_ kind: ValueExamples.Kind) -> String? {
        examples.example(kind, locale: locale)
    }

    // MARK: Locales

    /// BCP 47 canonical form: `es_mx` → `es-MX`, `pt-br` → `pt-BR`, `EN` → `en`.
    /// Malformed tags, unknown languages or regions → `locale.invalid`.
    public static func locale(_ raw: String) throws(ValueError) -> String {
        let cacheable = raw.utf8.count <= canonicalTagsCacheableLength
        let known = cacheable ? canonicalTags.withLock { $0[raw] } : nil
        let tag: String?
        if let known {
            tag = known
        } else {
            let trimmed = raw.trimmingSpaces
            let result = ICUCall.withUTF8(trimmed) { pointer, length in
                ICUCall.string(initialCapacity: 64) { wwc_locale_canonical(pointer, length, $0, $1) }
            }
            tag = if case .success(let tag) = result, !tag.isEmpty { tag } else { nil }
            if cacheable {
                canonicalTags.withLock { cache in
                    if cache.count >= canonicalTagsLimit { cache.removeAll(keepingCapacity: true) }
                    cache[raw] = .some(tag)
                }
            }
        }
        guard let tag else {
            throw ValueError(.localeInvalid, arguments: ["value": .text(raw), "example": "es-MX"])
        }
        return tag
    }

    /// Canonical tags (nil: invalid) by the text given. Every form asks for its declared locale
    /// and its regional locale (`es` + `MX`), a batch repeats the same few, and each ICU round
    /// (language tag → locale id → canonical → ISO checks → tag) is far dearer than a look-up.
    /// Shared by all threads; short texts only, and emptied when full, so forms declaring
    /// 100,000 different locales cannot grow it without bound.
    private static let canonicalTags = Locked<[String: String?]>([:])
    private static let canonicalTagsLimit = 1_000
    private static let canonicalTagsCacheableLength = 64

    /// The regional locale for a language and a country: `("es", "MX")` → `es-MX`.
    /// (Number, date and currency conventions differ by region, so forms are parsed with it.)
    public static func regionalLocale(language: String, country: String) -> String {
        let tag = "\(language)-\(country)"
        return (try? locale(tag)) ?? tag
    }

    /// The language subtag of this parser's locale (`es` for `es-MX`).
    // MARK: Cached ICU objects

    func numberFormat(_ style: NumberFormatHandle.Style) throws(ValueError) -> NumberFormatHandle {
        if let cached = numberFormats[style] { return cached }
        do {
            let handle = try NumberFormatHandle(locale: locale, style: style)
            numberFormats[style] = handle
            return handle
        } catch {
            throw ValueError(.localeInvalid, arguments: ["value": .text(locale)])
        }
    }

    /// The date parser of `DateFormatPlan.entries[index]`, or nil when an earlier entry has the
    /// same pattern (ICU would give the same answer again). Entries are opened in plan order,
    /// so which one counts as the duplicate is the same as when all were opened at once; only
    /// the ISO parser, whose pattern is fixed, opens independently (many forms never need it).
    func dateFormat(at index: Int) throws(ValueError) -> DateFormatHandle? {
        if let slot = dateFormatSlots[index] { return slot }
        if index == 0 {
            let handle = try openDateFormat(DateFormatPlan.entries[0])
            dateFormatSlots[0] = .some(handle)
            return handle
        }
        while decidedDateFormats <= index {
            let entry = DateFormatPlan.entries[decidedDateFormats]
            let handle = try openDateFormat(entry)
            dateFormatSlots[decidedDateFormats] = .some(handle.flatMap { openedDatePatterns.insert($0.pattern).inserted ? $0 : nil })
            decidedDateFormats += 1
        }
        return dateFormatSlots[index] ?? nil
    }

    /// The parser of a plan entry; nil for a language entry that does not apply here.
    private func openDateFormat(_ entry: DateFormatPlan.Entry) throws(ValueError) -> DateFormatHandle? {
        if entry.ofLanguage {
            guard language != locale,
                let own = try? DateFormatHandle(locale: locale, style: .short, fourDigitYear: false), own.pattern.hasPrefix("y"),
                let languageForm = try? DateFormatHandle(locale: language, style: entry.style, fourDigitYear: entry.fourDigitYear),
                languageForm.pattern.hasPrefix("d")
            else { return nil }
            return languageForm
        }
        guard let handle = try? DateFormatHandle(locale: locale, style: entry.style, fourDigitYear: entry.fourDigitYear) else {
            throw ValueError(.localeInvalid, arguments: ["value": .text(locale)])
        }
        return handle
    }

    /// The locale's grouping and decimal separators (`.` and `,` in es-CO).
    func separators() throws(ValueError) -> (grouping: String, decimal: String) {
        if let cachedSeparators { return cachedSeparators }
        let format = try numberFormat(.decimal)
        let result = (grouping: format.groupingSeparator, decimal: format.decimalSeparator)
        cachedSeparators = result
        return result
    }

    /// The currency of the locale's region (`MXN` for es-MX), if it has one.
    var regionCurrency: String? {
        if let cachedRegionCurrency { return cachedRegionCurrency }
        let code = try? ICUCall.string(initialCapacity: 8) { wwc_locale_currency(locale, $0, $1) }.get()
        cachedRegionCurrency = .some(code)
        return code
    }

    /// Currency signs → the ISO codes they can stand for, from ICU's currency data for this
    /// locale (see `wwc_currency_symbols`), keyed without white space: `symbols` from the
    /// symbol, formal and variant names (every ISO code stands for itself), `narrow` from the
    /// narrow symbols, which CLDR means for contexts where the currency is already clear
    /// (`$` is the narrow symbol of every dollar and peso, `C$` that of the córdoba). Built on
    /// first use (only money that ICU's currency pattern does not read needs it).
    var currencySymbolTable: (symbols: [String: Set<String>], narrow: [String: Set<String>]) {
        if let cachedCurrencySymbols { return cachedCurrencySymbols }
        let lines = (try? ICUCall.string(initialCapacity: 65_536) { wwc_currency_symbols(locale, $0, $1) }.get()) ?? ""
        var symbols: [String: Set<String>] = [:]
        var narrow: [String: Set<String>] = [:]
        for line in lines.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2)
            guard parts.count == 3 else { continue }
            let code = String(parts[0])
            symbols[code, default: []].insert(code)
            if parts[1] == "N" {
                narrow[Self.symbolKey(String(parts[2])), default: []].insert(code)
            } else {
                symbols[Self.symbolKey(String(parts[2])), default: []].insert(code)
            }
        }
        cachedCurrencySymbols = (symbols, narrow)
        return (symbols, narrow)
    }

    /// The days 1…31 as ICU's ordinal rule-based number format writes them in this locale
    /// and its language (`wwc_ordinal_days`), longest first so `22nd` wins over a shorter form.
    var ordinalDayForms: [(form: [Unicode.Scalar], day: Int)] {
        if let cachedOrdinalDays { return cachedOrdinalDays }
        let lines = (try? ICUCall.string(initialCapacity: 4096) { wwc_ordinal_days(locale, $0, $1) }.get()) ?? ""
        var forms: [(form: [Unicode.Scalar], day: Int)] = []
        for line in lines.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let day = Int(parts[0]) else { continue }
            let form = Array(parts[1].unicodeScalars)
            // A form that is just the digits says nothing about ordinals.
            guard form.count > String(day).count, !forms.contains(where: { $0.form == form }) else { continue }
            forms.append((form, day))
        }
        forms.sort { $0.form.count > $1.form.count }
        cachedOrdinalDays = forms
        return forms
    }

    // MARK: Errors

    func failure(
        _ code: DiagnosticCode, _ raw: String, example: String? = nil, _ extra: [String: MessageArgument] = [:]
    ) -> ValueError {
        var arguments: [String: MessageArgument] = ["value": .text(raw), "locale": .text(locale)]
        if let example { arguments["example"] = .text(example) }
        arguments.merge(extra) { _, new in new }
        return ValueError(code, arguments: arguments)
    }
}

extension String {
    /// Trimmed of white space at both ends (Unicode white space, incl. U+00A0).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
