import Foundation

/// A deterministic corpus of realistic application forms in XML and JSON, written to a
/// temporary directory, for benchmarks (`readers` now, `convert` later).
///
/// "Realistic": the shape of the samples in `samples/` — nested sections with localized keys,
/// `label` attributes, 43 criteria with status, date, evidence URLs and narratives of a few
/// hundred words with accents, paragraph breaks and markup characters that need escaping, and
/// a list of outcomes — in es, pt, fr and en. The same seed always gives the same bytes.
struct Corpus {
    enum Format: String {
        case xml, json
    }

    struct File {
        let url: URL
        let format: Format
        let bytes: Data
    }

    let directory: URL
    let xmlFiles: [File]
    let jsonFiles: [File]

    var xmlBytes: Int { xmlFiles.reduce(0) { $0 + $1.bytes.count } }
    var jsonBytes: Int { jsonFiles.reduce(0) { $0 + $1.bytes.count } }

    /// Generates at least `megabytes` MB (10^6 bytes) of each format into a new temp directory.
    static func generate(megabytesPerFormat megabytes: Int, seed: UInt64 = 2023) throws -> Corpus {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wwc-intake-corpus-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        var xml: [File] = []
        var json: [File] = []
        var xmlTotal = 0
        var jsonTotal = 0
        var index = 0
        let target = megabytes * 1_000_000
        while xmlTotal < target || jsonTotal < target {
            let form = FormContent.make(index: index, random: &random)
            if xmlTotal < target {
                let data = Data(form.xml().utf8)
                let url = directory.appendingPathComponent(String(format: "form-%04d.xml", index))
                try data.write(to: url)
                xml.append(File(url: url, format: .xml, bytes: data))
                xmlTotal += data.count
            }
            if jsonTotal < target {
                let data = Data(form.json().utf8)
                let url = directory.appendingPathComponent(String(format: "form-%04d.json", index))
                try data.write(to: url)
                json.append(File(url: url, format: .json, bytes: data))
                jsonTotal += data.count
            }
            index += 1
        }
        return Corpus(directory: directory, xmlFiles: xml, jsonFiles: json)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A small, fast, seedable generator (SplitMix64) so corpora are identical across runs and
/// machines — `SystemRandomNumberGenerator` cannot be seeded.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The content of one form, rendered to either format.
struct FormContent {
    struct Language {
        let code: String
        let root: String
        let submission: String
        let date: String
        let applicant: String
        let city: String
        let population: String
        let contact: String
        let email: String
        let criteria: String
        let criterion: String
        let status: String
        let since: String
        let evidence: String
        let narrative: String
        let outcomes: String
        let indicator: String
        let value: String
        let year: String
        let statuses: [String]
        let cities: [String]
        let words: [String]
        let indicators: [String]
    }

    static let languages: [Language] = [
        Language(code: "es-MX", root: "solicitud", submission: "envio", date: "fecha_de_envio", applicant: "solicitante",
                 city: "ciudad", population: "poblacion", contact: "contacto", email: "Correo electrónico",
                 criteria: "criterios", criterion: "criterio", status: "estado", since: "desde", evidence: "evidencia",
                 narrative: "descripcion", outcomes: "resultados", indicator: "indicador", value: "valor", year: "año",
                 statuses: ["Sí", "Cumple", "En curso", "No"],
                 cities: ["Bogotá", "Monterrey", "Medellín", "León", "Mérida", "Querétaro"],
                 words: ["la", "alcaldía", "adoptó", "una", "estrategia", "de", "datos", "con", "comité", "gobernanza",
                         "que", "se", "reúne", "cada", "mes", "y", "aprueba", "estándares", "calidad", "inventario",
                         "información", "pública", "participación", "ciudadana", "evaluación", "políticas", "públicas",
                         "análisis", "presupuesto", "técnico", "decisión", "año", "niños", "región", "municipio",
                         "publicación", "según", "también", "más", "través"],
                 indicators: ["Calidad del aire (PM2.5)", "Hogares con banda ancha", "Tiempo de respuesta de emergencias"]),
        Language(code: "pt-BR", root: "candidatura", submission: "envio", date: "data_de_envio", applicant: "requerente",
                 city: "municipio", population: "populacao", contact: "contato", email: "E-mail",
                 criteria: "criterios", criterion: "criterio", status: "situacao", since: "desde", evidence: "evidencias",
                 narrative: "descricao", outcomes: "resultados", indicator: "indicador", value: "valor", year: "ano",
                 statuses: ["Sim", "Atende", "Em andamento", "Não"],
                 cities: ["Recife", "Curitiba", "São Paulo", "Belém", "Florianópolis", "Niterói"],
                 words: ["a", "prefeitura", "instituiu", "uma", "política", "municipal", "de", "dados", "por", "decreto",
                         "com", "comitê", "gestão", "que", "avalia", "padrões", "qualidade", "informação", "pública",
                         "participação", "cidadã", "avaliação", "orçamento", "técnica", "decisão", "ação", "região",
                         "município", "publicação", "também", "além", "através", "após", "serviços", "saúde",
                         "educação", "transparência", "indicadores", "metas", "são"],
                 indicators: ["Domicílios com banda larga", "Qualidade do ar (PM2.5)", "Tempo de atendimento"]),
        Language(code: "fr-CA", root: "demande", submission: "envoi", date: "date_d_envoi", applicant: "demandeur",
                 city: "ville", population: "population", contact: "contact", email: "Courriel",
                 criteria: "criteres", criterion: "critere", status: "statut", since: "depuis", evidence: "preuves",
                 narrative: "description", outcomes: "resultats", indicator: "indicateur", value: "valeur", year: "annee",
                 statuses: ["Oui", "Atteint", "En cours", "Non"],
                 cities: ["Montréal", "Québec", "Trois-Rivières", "Lévis", "Gatineau", "Sherbrooke"],
                 words: ["la", "ville", "a", "adopté", "une", "stratégie", "de", "données", "avec", "comité",
                         "gouvernance", "qui", "se", "réunit", "chaque", "mois", "et", "approuve", "normes", "qualité",
                         "inventaire", "information", "publique", "participation", "citoyenne", "évaluation",
                         "politiques", "budget", "décision", "année", "région", "été", "élaboré", "déjà", "où",
                         "très", "également", "après", "services", "santé"],
                 indicators: ["Qualité de l'air (PM2.5)", "Ménages branchés à large bande", "Délai d'intervention"]),
        Language(code: "en-US", root: "application", submission: "submission", date: "date", applicant: "applicant",
                 city: "city", population: "population", contact: "contact", email: "Email",
                 criteria: "criteria", criterion: "criterion", status: "status", since: "since", evidence: "evidence",
                 narrative: "narrative", outcomes: "outcomes", indicator: "indicator", value: "value", year: "year",
                 statuses: ["Met", "Yes", "In progress", "Not met"],
                 cities: ["Austin", "Winnipeg", "Boise", "Tulsa", "Santa Fe", "San José"],
                 words: ["the", "city", "adopted", "a", "data", "strategy", "with", "governance", "board", "that",
                         "meets", "every", "month", "and", "approves", "quality", "standards", "inventory", "public",
                         "information", "resident", "engagement", "evaluation", "policy", "budget", "analysis",
                         "decision", "year", "region", "performance", "open", "portal", "services", "health",
                         "results", "café", "naïve", "résumé", "office", "team"],
                 indicators: ["Households with broadband", "Air quality (PM2.5)", "Emergency response time"]),
    ]

    static let criterionIDs = [
        "BF1", "BF2", "BF3", "CI1", "CI2", "CI3", "DM1", "DM2", "DM3", "DM4", "DM5", "DM6", "DM7", "DM8", "DM9",
        "EVAL1", "EVAL2", "EVAL3", "EVAL4", "LC1", "LC2", "LC3", "LC4", "LC5", "LC6", "LC7", "OD1", "OD2", "OD3",
        "OD4", "PA1", "PA2", "PA3", "PA4", "PA5", "RDC1", "RDC2", "RDC3", "RDC4", "RDC5", "RDC6", "RDC7", "RDC8",
    ]

    struct Criterion {
        let id: String
        let status: String
        let since: String
        let evidence: [String]
        let narrative: String
    }

    struct Outcome {
        let indicator: String
        let value: String
        let year: Int
    }

    let language: Language
    let city: String
    let population: Int
    let date: String
    let email: String
    let criteria: [Criterion]
    let outcomes: [Outcome]

    static func make(index: Int, random: inout SplitMix64) -> FormContent {
        let language = languages[index % languages.count]
        let city = language.cities[Int.random(in: 0..<language.cities.count, using: &random)]
        let slug = city.lowercased().filter { $0.isLetter && $0.isASCII }
        let criteria = criterionIDs.map { id in
            Criterion(
                id: id,
                status: language.statuses[Int.random(in: 0..<language.statuses.count, using: &random)],
                since: String(format: "%02d/%02d/%04d", Int.random(in: 1...28, using: &random),
                              Int.random(in: 1...12, using: &random), Int.random(in: 2015...2024, using: &random)),
                evidence: (0..<Int.random(in: 1...3, using: &random)).map { n in
                    "https://datos.\(slug).gob.example/\(id.lowercased())/\(n)?ref=\(index)&lang=\(language.code)"
                },
                narrative: narrative(language: language, words: Int.random(in: 150...400, using: &random), random: &random))
        }
        let outcomes = (0..<Int.random(in: 3...8, using: &random)).map { _ in
            Outcome(indicator: language.indicators[Int.random(in: 0..<language.indicators.count, using: &random)],
                    value: String(format: "%d,%d", Int.random(in: 1...99, using: &random), Int.random(in: 0...9, using: &random)),
                    year: Int.random(in: 2019...2024, using: &random))
        }
        return FormContent(language: language, city: city, population: Int.random(in: 50_000...9_000_000, using: &random),
                           date: "15/03/2024", email: "datos@\(slug).gob.example", criteria: criteria, outcomes: outcomes)
    }

    /// Sentences of random words, with paragraph breaks and the odd `&`, `<` and quote.
    static func narrative(language: Language, words: Int, random: inout SplitMix64) -> String {
        Prose.sentences(from: language.words, count: words, markupOneIn: 10, random: &random)
    }

    // MARK: XML

    func xml() -> String {
        let l = language
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out.reserveCapacity(120_000)
        out += "<\(l.root) xml:lang=\"\(l.code)\">\n"
        out += "  <\(l.submission)>\n    <\(l.date)>\(date)</\(l.date)>\n  </\(l.submission)>\n"
        out += "  <\(l.applicant)>\n    <\(l.city)>\(Self.escapeXML(city))</\(l.city)>\n"
        out += "    <\(l.population)>\(population)</\(l.population)>\n"
        out += "    <\(l.contact)>\n      <campo label=\"\(l.email)\">\(email)</campo>\n    </\(l.contact)>\n"
        out += "  </\(l.applicant)>\n  <\(l.criteria)>\n"
        for criterion in criteria {
            out += "    <\(l.criterion) id=\"\(criterion.id)\">\n"
            out += "      <\(l.status)>\(criterion.status)</\(l.status)>\n"
            out += "      <\(l.since)>\(criterion.since)</\(l.since)>\n"
            for url in criterion.evidence { out += "      <\(l.evidence)>\(Self.escapeXML(url))</\(l.evidence)>\n" }
            out += "      <\(l.narrative)>\(Self.escapeXML(criterion.narrative))</\(l.narrative)>\n"
            out += "    </\(l.criterion)>\n"
        }
        out += "  </\(l.criteria)>\n  <\(l.outcomes)>\n"
        for outcome in outcomes {
            out += "    <item unidad=\"%\">\n      <\(l.indicator)>\(Self.escapeXML(outcome.indicator))</\(l.indicator)>\n"
            out += "      <\(l.value)>\(outcome.value)</\(l.value)>\n      <\(l.year)>\(outcome.year)</\(l.year)>\n    </item>\n"
        }
        out += "  </\(l.outcomes)>\n</\(l.root)>\n"
        return out
    }

    static func escapeXML(_ text: String) -> String { Prose.escapeXML(text) }

    // MARK: JSON

    func json() -> String {
        let l = language
        var out = "{\n"
        out.reserveCapacity(120_000)
        out += "  \"\(l.submission)\": {\"locale\": \"\(l.code)\", \"\(l.date)\": \"\(date)\"},\n"
        out += "  \"\(l.applicant)\": {\n    \"\(l.city)\": \(Self.quoteJSON(city)),\n"
        out += "    \"\(l.population)\": \(population),\n"
        out += "    \"\(l.contact)\": {\"\(l.email)\": \"\(email)\"}\n  },\n"
        out += "  \"\(l.criteria)\": {\n"
        for (n, criterion) in criteria.enumerated() {
            out += "    \"\(criterion.id)\": {\"\(l.status)\": \"\(criterion.status)\", \"\(l.since)\": \"\(criterion.since)\",\n"
            out += "      \"\(l.evidence)\": [" + criterion.evidence.map(Self.quoteJSON).joined(separator: ", ") + "],\n"
            out += "      \"\(l.narrative)\": \(Self.quoteJSON(criterion.narrative))}"
            out += n + 1 < criteria.count ? ",\n" : "\n"
        }
        out += "  },\n  \"\(l.outcomes)\": [\n"
        for (n, outcome) in outcomes.enumerated() {
            out += "    {\"\(l.indicator)\": \(Self.quoteJSON(outcome.indicator)), \"\(l.value)\": \"\(outcome.value)\", "
            out += "\"\(l.year)\": \(outcome.year)}" + (n + 1 < outcomes.count ? ",\n" : "\n")
        }
        out += "  ]\n}\n"
        return out
    }

    static func quoteJSON(_ text: String) -> String { Prose.quoteJSON(text) }
}
