import Foundation

/// A deterministic corpus of application forms that the converter ACCEPTS (95 %) and rejects
/// (5 %), for `intake-bench convert`.
///
/// Keys come from the catalogs' own labels (`locales/{en,es,fr,pt}.json`: `labels`, status
/// and indicator `answers`, criterion ids), so every key binds to a field; values are written
/// in each region's own conventions (grouping and decimal separators, day/month order,
/// currency), so every value parses. Ten regional locales over the four languages, three
/// form shapes per format (nested labelled sections, `<item label=…>` / flat label keys,
/// flat field ids), narratives of 40–250 words on most criteria. Every 20th form carries one
/// error of a rotating kind (impossible date, missing required field, truncated document,
/// non-numeric population), so the rejected share is exactly 5 %.
struct ConvertCorpus {
    struct Region: Sendable {
        let tag: String
        let language: String
        let country: String
        let grouping: String
        let decimal: String
        enum DateOrder: Sendable { case dmy, mdy, iso }
        let dateOrder: DateOrder
        /// Currency amount as written in the region (amount text already grouped).
        let money: @Sendable (String) -> String
        let cities: [(String, String)]
        let domain: String
        /// How a percentage ends (`%` or ` %`).
        var percent: String { decimal == "." ? "%" : " %" }
    }

    static let regions: [Region] = [
        Region(tag: "en-US", language: "en", country: "United States", grouping: ",", decimal: ".", dateOrder: .mdy,
               money: { "$" + $0 }, cities: [("Austin", "Texas"), ("Louisville", "Kentucky"), ("Boise", "Idaho"), ("Tulsa", "Oklahoma")],
               domain: "gov"),
        Region(tag: "en-CA", language: "en", country: "Canada", grouping: ",", decimal: ".", dateOrder: .iso,
               money: { "$" + $0 }, cities: [("Winnipeg", "Manitoba"), ("Calgary", "Alberta"), ("Halifax", "Nova Scotia")],
               domain: "ca"),
        Region(tag: "en-GB", language: "en", country: "United Kingdom", grouping: ",", decimal: ".", dateOrder: .dmy,
               money: { "£" + $0 }, cities: [("Leeds", "England"), ("Bristol", "England"), ("Cardiff", "Wales")],
               domain: "gov.uk"),
        Region(tag: "es-MX", language: "es", country: "México", grouping: ",", decimal: ".", dateOrder: .dmy,
               money: { "$" + $0 }, cities: [("Monterrey", "Nuevo León"), ("Mérida", "Yucatán"), ("Querétaro", "Querétaro")],
               domain: "gob.mx"),
        Region(tag: "es-CO", language: "es", country: "Colombia", grouping: ".", decimal: ",", dateOrder: .dmy,
               money: { "$ " + $0 }, cities: [("Bogotá", "Bogotá D.C."), ("Medellín", "Antioquia"), ("Cali", "Valle del Cauca")],
               domain: "gov.co"),
        Region(tag: "es-ES", language: "es", country: "España", grouping: ".", decimal: ",", dateOrder: .dmy,
               money: { $0 + " €" }, cities: [("Valencia", "Comunidad Valenciana"), ("Zaragoza", "Aragón"), ("Málaga", "Andalucía")],
               domain: "es"),
        Region(tag: "pt-BR", language: "pt", country: "Brasil", grouping: ".", decimal: ",", dateOrder: .dmy,
               money: { "R$ " + $0 }, cities: [("Recife", "Pernambuco"), ("Curitiba", "Paraná"), ("Niterói", "Rio de Janeiro")],
               domain: "gov.br"),
        Region(tag: "pt-PT", language: "pt", country: "Portugal", grouping: "", decimal: ",", dateOrder: .dmy,
               money: { $0 + " €" }, cities: [("Lisboa", "Lisboa"), ("Porto", "Porto"), ("Braga", "Braga")],
               domain: "pt"),
        Region(tag: "fr-FR", language: "fr", country: "France", grouping: " ", decimal: ",", dateOrder: .dmy,
               money: { $0 + " €" }, cities: [("Lyon", "Auvergne-Rhône-Alpes"), ("Nantes", "Pays de la Loire"), ("Lille", "Hauts-de-France")],
               domain: "fr"),
        Region(tag: "fr-CA", language: "fr", country: "Canada", grouping: " ", decimal: ",", dateOrder: .iso,
               money: { $0 + " $" }, cities: [("Montréal", "Québec"), ("Québec", "Québec"), ("Gatineau", "Québec")],
               domain: "qc.ca"),
    ]

    /// Words for narratives, per language (with the accents and ligatures real text has).
    static let words: [String: [String]] = [
        "en": ["the", "city", "adopted", "a", "data", "strategy", "with", "governance", "board", "that", "meets", "every",
               "month", "and", "approves", "quality", "standards", "inventory", "public", "information", "resident",
               "engagement", "evaluation", "policy", "budget", "analysis", "decision", "year", "region", "performance",
               "open", "portal", "services", "health", "results", "office", "team", "café", "naïve", "résumé"],
        "es": ["la", "alcaldía", "adoptó", "una", "estrategia", "de", "datos", "con", "comité", "gobernanza", "que", "se",
               "reúne", "cada", "mes", "y", "aprueba", "estándares", "calidad", "inventario", "información", "pública",
               "participación", "ciudadana", "evaluación", "políticas", "análisis", "presupuesto", "técnico", "decisión",
               "año", "niños", "región", "municipio", "publicación", "según", "también", "más", "través", "el"],
        "pt": ["a", "prefeitura", "instituiu", "uma", "política", "municipal", "de", "dados", "por", "decreto", "com",
               "comitê", "gestão", "que", "avalia", "padrões", "qualidade", "informação", "pública", "participação",
               "cidadã", "avaliação", "orçamento", "técnica", "decisão", "ação", "região", "município", "publicação",
               "também", "além", "através", "após", "serviços", "saúde", "educação", "transparência", "indicadores", "metas", "são"],
        "fr": ["la", "ville", "a", "adopté", "une", "stratégie", "de", "données", "avec", "comité", "gouvernance", "qui",
               "se", "réunit", "chaque", "mois", "et", "approuve", "normes", "qualité", "inventaire", "information",
               "publique", "participation", "citoyenne", "évaluation", "politiques", "budget", "décision", "année",
               "région", "été", "élaboré", "déjà", "où", "très", "également", "après", "œuvre", "santé"],
    ]

    static let firstNames = ["María", "João", "Camille", "Jordan", "Ana", "Luis", "Priya", "François", "Beatriz", "Sam"]
    static let lastNames = ["Ruiz", "Tremblay", "Carvalho", "Lee", "Garza", "Singh", "Côté", "Souza", "Núñez", "Okafor"]

    /// What the catalogs say, per language.
    struct Vocabulary {
        var labels: [String: [String]]
        var statuses: [[String]]  // met, in progress, not met
        var indicators: [[String]]
        var criteria: [String]
    }

    enum Format: String { case xml, json }

    struct Stats {
        var files = 0
        var bytes = 0
        var invalid = 0
    }

    let directory: URL
    var xml = Stats()
    var json = Stats()
    var xmlDirectory: URL { directory.appendingPathComponent("xml") }
    var jsonDirectory: URL { directory.appendingPathComponent("json") }
    /// One small valid form (a few fields, no narrative) for the fresh-process timing.
    var smallForm: URL { directory.appendingPathComponent("small.json") }

    /// Loads the four base catalogs' labels and answers from `locales`.
    static func vocabularies(locales: URL) throws -> [String: Vocabulary] {
        var result: [String: Vocabulary] = [:]
        for language in ["en", "es", "fr", "pt"] {
            let url = locales.appendingPathComponent("\(language).json")
            guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
                  let labels = object["labels"] as? [String: [String]],
                  let answers = object["answers"] as? [String: [String: [String]]],
                  let status = answers["status"], let indicator = answers["indicator"],
                  let criteria = object["criteria"] as? [String: Any]
            else { throw BenchmarkError.failed("\(url.path): not a catalog with labels, answers and criteria") }
            result[language] = Vocabulary(
                labels: labels,
                statuses: ["met", "in_progress", "not_met"].map { status[$0] ?? [] },
                indicators: ["air_quality_pm25", "broadband_households"].compactMap { indicator[$0] },
                criteria: criteria.keys.sorted())
        }
        return result
    }

    /// Writes `forms` forms (half XML, half JSON) into a new temp directory.
    static func generate(forms: Int, locales: URL, seed: UInt64 = 8) throws -> ConvertCorpus {
        let vocabularies = try vocabularies(locales: locales)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wwc-intake-convert-corpus-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        var corpus = ConvertCorpus(directory: directory)
        for folder in [corpus.xmlDirectory, corpus.jsonDirectory] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        var random = SplitMix64(seed: seed)
        for index in 0..<forms {
            let format: Format = index % 2 == 0 ? .xml : .json
            let region = regions[(index / 2) % regions.count]
            let generator = FormGenerator(region: region, vocabulary: vocabularies[region.language]!,
                                          words: words[region.language]!, index: index)
            // 5 % of each format: the 14th of every 20, one error kind after another.
            let invalid = (index / 2) % 20 == 13
            let kind = invalid ? (index / 40) % 4 : -1
            let text = format == .xml ? generator.xml(random: &random, error: kind)
                                      : generator.json(random: &random, error: kind)
            let data = Data(text.utf8)
            let folder = format == .xml ? corpus.xmlDirectory : corpus.jsonDirectory
            try data.write(to: folder.appendingPathComponent(String(format: "form-%05d-%@.%@", index, region.tag, format.rawValue)))
            if format == .xml {
                corpus.xml.files += 1; corpus.xml.bytes += data.count; corpus.xml.invalid += invalid ? 1 : 0
            } else {
                corpus.json.files += 1; corpus.json.bytes += data.count; corpus.json.invalid += invalid ? 1 : 0
            }
        }
        var small = FormGenerator(region: regions[0], vocabulary: vocabularies["en"]!, words: words["en"]!, index: 0)
        small.small = true
        try Data(small.json(random: &random, error: -1).utf8).write(to: corpus.smallForm)
        return corpus
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Writes one form in one region's conventions.
struct FormGenerator {
    let region: ConvertCorpus.Region
    let vocabulary: ConvertCorpus.Vocabulary
    let words: [String]
    let index: Int
    var small = false

    /// One field's value, or a nested group, in document order.
    indirect enum Entry {
        case value(field: String, text: String)
        case number(field: String, value: Int)
        case list(field: String, items: [String])
        case group(field: String, entries: [Entry])
        /// A criterion: keyed by its id.
        case criterion(id: String, entries: [Entry])
        /// The outcomes list.
        case outcomes([[Entry]])
    }

    // MARK: Content

    func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    func grouped(_ value: Int) -> String {
        let digits = String(value)
        guard !region.grouping.isEmpty else { return digits }
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += region.grouping }
            out.append(character)
        }
        return out
    }

    func date(day: Int, month: Int, year: Int) -> String {
        switch region.dateOrder {
        case .dmy: String(format: "%02d/%02d/%04d", day, month, year)
        case .mdy: String(format: "%02d/%02d/%04d", month, day, year)
        case .iso: String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    func decimal(_ whole: Int, _ fraction: Int) -> String { "\(whole)\(region.decimal)\(fraction)" }

    func narrative(_ count: Int, _ random: inout SplitMix64) -> String {
        Prose.sentences(from: words, count: count, markupOneIn: 12, random: &random)
    }

    /// The form's content; `error` (0…3) plants one error, -1 none.
    func entries(_ random: inout SplitMix64, error: Int, declareLocale: Bool = false) -> [Entry] {
        let (city, state) = pick(region.cities, &random)
        let slug = city.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { $0.isLetter }
        let day = Int.random(in: 1...28, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let submitted = error == 0 ? date(day: 31, month: 2, year: 2024) : date(day: day, month: month, year: 2024)
        var submission: [Entry] = [.value(field: "submission.date", text: submitted)]
        if Int.random(in: 0..<2, using: &random) == 0 || declareLocale { submission.insert(.value(field: "submission.locale", text: region.tag), at: 0) }
        let name = pick(ConvertCorpus.firstNames, &random) + " " + pick(ConvertCorpus.lastNames, &random)
        var contact: [Entry] = [.value(field: "applicant.contact.name", text: name)]
        if !small { contact.append(.value(field: "applicant.contact.title", text: pick(vocabulary.labels["applicant.contact.title"]!, &random))) }
        if error != 1 { contact.append(.value(field: "applicant.contact.email", text: "datos@\(slug).\(region.domain)")) }
        let population = Int.random(in: 60_000...9_000_000, using: &random)
        var applicant: [Entry] = [
            .value(field: "applicant.city", text: city),
            .value(field: "applicant.region", text: state),
            .value(field: "applicant.country", text: region.country),
            .value(field: "applicant.population", text: error == 3 ? "unknown" : grouped(population)),
            .number(field: "applicant.populationYear", value: Int.random(in: 2018...2023, using: &random)),
        ]
        if !small { applicant.append(.value(field: "applicant.website", text: "https://www.\(slug).\(region.domain)")) }
        applicant.append(.group(field: "applicant.contact", entries: contact))
        var form: [Entry] = [
            .group(field: "submission", entries: submission),
            .group(field: "applicant", entries: applicant),
        ]
        if small { return form }
        let budget = grouped(Int.random(in: 100...9_000, using: &random) * 1000) + "\(region.decimal)00"
        form.append(.group(field: "budget", entries: [.value(field: "budget.dataAnnual", text: region.money(budget))]))
        var criteria: [Entry] = []
        var ids = vocabulary.criteria
        ids.shuffle(using: &random)
        for id in ids.prefix(Int.random(in: 6...20, using: &random)).sorted() {
            var entries: [Entry] = [.value(field: "criteria.*.status", text: pick(pick(vocabulary.statuses, &random), &random))]
            if Int.random(in: 0..<2, using: &random) == 0 {
                entries.append(.value(field: "criteria.*.since", text: date(
                    day: Int.random(in: 1...28, using: &random), month: Int.random(in: 1...12, using: &random),
                    year: Int.random(in: 2016...2023, using: &random))))
            }
            let links = Int.random(in: 0...2, using: &random)
            if links > 0 {
                entries.append(.list(field: "criteria.*.evidence", items: (0..<links).map {
                    "https://datos.\(slug).\(region.domain)/\(id.lowercased())/\($0)?ref=\(index)&lang=\(region.tag)"
                }))
            }
            if Int.random(in: 0..<10, using: &random) < 7 {
                entries.append(.value(field: "criteria.*.narrative", text: narrative(Int.random(in: 40...250, using: &random), &random)))
            }
            criteria.append(.criterion(id: id, entries: entries))
        }
        form.append(.group(field: "criteria", entries: criteria))
        let outcomes = (0..<Int.random(in: 1...4, using: &random)).map { _ -> [Entry] in
            // Air quality is a plain number; broadband a share, often written as a percentage.
            let kind = Int.random(in: 0..<vocabulary.indicators.count, using: &random)
            var value = decimal(Int.random(in: 1...99, using: &random), Int.random(in: 0...9, using: &random))
            if kind == 1 && Int.random(in: 0..<2, using: &random) == 0 { value += region.percent }
            return [
                .value(field: "outcomes[].indicator", text: pick(vocabulary.indicators[kind], &random)),
                .value(field: "outcomes[].value", text: value),
                .number(field: "outcomes[].year", value: Int.random(in: 2019...2023, using: &random)),
            ]
        }
        form.append(.outcomes(outcomes))
        return form
    }

    func label(_ field: String, _ random: inout SplitMix64) -> String {
        guard let labels = vocabulary.labels[field], !labels.isEmpty else { return field }
        // Mostly the first (preferred) label, sometimes a variant.
        return Int.random(in: 0..<4, using: &random) == 0 ? pick(labels, &random) : labels[0]
    }

    // MARK: XML

    /// Shapes: 0 nested elements named by labels, 1 `<item label=…>`, 2 flat `<field id=…>`.
    func xml(random: inout SplitMix64, error: Int) -> String {
        let shape = (index / 2) % 3
        let content = entries(&random, error: error)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let root = region.language == "en" ? "application" : region.language == "es" ? "solicitud"
            : region.language == "pt" ? "candidatura" : "demande"
        let declared = Int.random(in: 0..<3, using: &random) == 0 ? region.language : region.tag
        out += "<\(root) xml:lang=\"\(declared)\">\n"
        for entry in content { xmlEntry(entry, shape: shape, depth: 1, into: &out, &random) }
        out += "</\(root)>\n"
        if error == 2 { out.removeLast(root.utf8.count + 4) }  // truncated: no closing root tag
        return out
    }

    func xmlEntry(_ entry: Entry, shape: Int, depth: Int, into out: inout String, _ random: inout SplitMix64) {
        let indent = String(repeating: "  ", count: depth)
        func open(_ field: String) -> (String, String) {
            if shape == 2 { return ("field id=\"\(field)\"", "field") }
            let label = label(field, &random)
            if shape == 0, let name = Self.elementName(label) { return (name, name) }
            return ("item label=\"\(Self.escapeXML(label))\"", "item")
        }
        switch entry {
        case .value(let field, let text):
            let (start, end) = open(field)
            out += "\(indent)<\(start)>\(Self.escapeXML(text))</\(end)>\n"
        case .number(let field, let value):
            let (start, end) = open(field)
            out += "\(indent)<\(start)>\(value)</\(end)>\n"
        case .list(let field, let items):
            let (start, end) = open(field)
            for item in items { out += "\(indent)<\(start)>\(Self.escapeXML(item))</\(end)>\n" }
        case .group(let field, let entries):
            if shape == 2 && field != "criteria" {
                for entry in entries { xmlEntry(entry, shape: shape, depth: depth, into: &out, &random) }
                return
            }
            let (start, end) = shape == 2 ? ("criteria", "criteria") : open(field)
            out += "\(indent)<\(start)>\n"
            for entry in entries { xmlEntry(entry, shape: shape, depth: depth + 1, into: &out, &random) }
            out += "\(indent)</\(end)>\n"
        case .criterion(let id, let entries):
            let name = shape == 2 ? "criterion" : (Self.elementName(vocabulary.labels["criteria.*.title"]?.last ?? "") ?? "item")
            out += "\(indent)<\(name) id=\"\(id)\">\n"
            for entry in entries {
                if shape == 2, case .value(let field, let text) = entry {
                    // Flat exports carry a criterion's fields under their own labels.
                    let element = Self.elementName(label(field, &random)) ?? "item"
                    out += "\(indent)  <\(element)>\(Self.escapeXML(text))</\(element)>\n"
                } else {
                    xmlEntry(entry, shape: shape == 2 ? 0 : shape, depth: depth + 1, into: &out, &random)
                }
            }
            out += "\(indent)</\(name)>\n"
        case .outcomes(let items):
            let (start, end) = shape == 2 ? ("outcomes", "outcomes") : open("outcomes")
            out += "\(indent)<\(start)>\n"
            for item in items {
                out += "\(indent)  <item>\n"
                for entry in item { xmlEntry(entry, shape: shape == 2 ? 0 : shape, depth: depth + 2, into: &out, &random) }
                out += "\(indent)  </item>\n"
            }
            out += "\(indent)</\(end)>\n"
        }
    }

    /// A label as an element name (spaces → `_`), or nil when it is not a plain XML name.
    static func elementName(_ label: String) -> String? {
        let name = label.replacingOccurrences(of: " ", with: "_")
        guard let first = name.first, first.isLetter,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return name
    }

    static func escapeXML(_ text: String) -> String { Prose.escapeXML(text) }

    // MARK: JSON

    /// Shapes: 0 nested sections under labels, 1 flat label keys (groups dissolved), 2 nested ids.
    func json(random: inout SplitMix64, error: Int) -> String {
        let shape = (index / 2) % 3
        // Keys that are field ids say nothing about the language: such exports declare it.
        let content = entries(&random, error: error, declareLocale: shape == 2)
        var out = "{\n"
        var first = true
        for entry in content { jsonEntry(entry, shape: shape, depth: 1, first: &first, into: &out, &random) }
        out += "\n}\n"
        if error == 2 { out.removeLast(3) }  // truncated: no closing brace
        return out
    }

    func jsonKey(_ field: String, shape: Int, _ random: inout SplitMix64) -> String {
        if shape == 2 { return String(field.split(separator: ".").last ?? Substring(field)).replacingOccurrences(of: "[]", with: "") }
        return label(field, &random)
    }

    func jsonEntry(_ entry: Entry, shape: Int, depth: Int, first: inout Bool, into out: inout String, _ random: inout SplitMix64) {
        let indent = String(repeating: "  ", count: depth)
        func member(_ key: String) {
            if !first { out += ",\n" }
            first = false
            out += indent + Self.quoteJSON(key) + ": "
        }
        switch entry {
        case .value(let field, let text):
            member(jsonKey(field, shape: shape, &random))
            out += Self.quoteJSON(text)
        case .number(let field, let value):
            member(jsonKey(field, shape: shape, &random))
            out += "\(value)"
        case .list(let field, let items):
            member(jsonKey(field, shape: shape, &random))
            out += "[" + items.map(Self.quoteJSON).joined(separator: ", ") + "]"
        case .group(let field, let entries):
            if shape == 1 && field != "criteria" {
                for entry in entries { jsonEntry(entry, shape: shape, depth: depth, first: &first, into: &out, &random) }
                return
            }
            member(jsonKey(field, shape: shape, &random))
            out += "{\n"
            var inner = true
            for entry in entries { jsonEntry(entry, shape: shape, depth: depth + 1, first: &inner, into: &out, &random) }
            out += "\n\(indent)}"
        case .criterion(let id, let entries):
            member(id)
            out += "{"
            var inner = true
            for entry in entries { jsonEntry(entry, shape: shape == 1 ? 0 : shape, depth: 0, first: &inner, into: &out, &random) }
            out += "}"
        case .outcomes(let items):
            member(jsonKey("outcomes", shape: shape, &random))
            out += "[\n"
            for (n, item) in items.enumerated() {
                out += indent + "  {"
                var inner = true
                for entry in item { jsonEntry(entry, shape: shape == 1 ? 0 : shape, depth: 0, first: &inner, into: &out, &random) }
                out += "}" + (n + 1 < items.count ? ",\n" : "\n")
            }
            out += indent + "]"
        }
    }

    static func quoteJSON(_ text: String) -> String { Prose.quoteJSON(text) }
}
