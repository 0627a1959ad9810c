import Foundation
import Testing
@testable import WWCIntake

/// `intake score` takes a form (converted on the fly) or its canonical record: both must score
/// identically, for every shipped sample in every language and format.
@Suite struct ScoringFormTests {
    static let samples = [
        "en/austin.json", "en/winnipeg.xml", "es/bogota.xml", "es/monterrey.json", "fr/montreal.xml",
        "fr/port-au-prince.json", "pt/curitiba.xml", "pt/recife.json",
    ]

    @Test(arguments: samples)
    func scoringAFormAndItsRecordGiveIdenticalResults(sample: String) throws {
        let rubric = try ScoringFixtures.defaultRubric()
        let url = TestCatalogs.samples.appendingPathComponent(sample)
        let converted = TestCatalogs.converter.convert(try Data(contentsOf: url), file: sample)
        let record = try #require(converted.record, "\(converted.diagnostics)")
        let text = record.serialized(pretty: true) { _ in "" }
        let parsed = JSONValue.parse(Data(text.utf8))
        let readBack = try CanonicalApplication(json: try #require(parsed.value))
        let fromForm = rubric.score(record, file: sample)
        let fromRecord = rubric.score(readBack, file: sample)
        #expect(fromForm == fromRecord)
        #expect(fromForm.json { code, _ in code.rawValue }.serialized()
                == fromRecord.json { code, _ in code.rawValue }.serialized())
        #expect(fromForm.possible == 43)
        #expect(fromForm.city != nil)
    }

    /// A form in one language with `met` criteria met (core first) and one outcome.
    static func form(language: String, met: Int, outcome: (indicator: String, value: String)) -> String {
        let ids = ScoringFixtures.metCriteria(met)
        let order = ScoringFixtures.allCriteria.filter(ids.contains)
        switch language {
        case "es":
            let criteria = order.map { "\"\($0)\": \"Sí\"" }.joined(separator: ", ")
            return """
                {"Idioma": "es", "Fecha de envío": "2024-03-15", "Ciudad": "Medellín", "País": "Colombia",
                 "Población": "2.533.424", "Nombre del contacto": "Ana Gómez", "Correo electrónico": "datos@medellin.gov.co",
                 "Criterios": {\(criteria)},
                 "Resultados": [{"Indicador": "\(outcome.indicator)", "Valor": "\(outcome.value)", "Año": 2023}]}
                """
        case "fr":
            let criteria = order.map { "\"\($0)\": \"Oui\"" }.joined(separator: ", ")
            return """
                {"Langue": "fr-CA", "Date de soumission": "2024-03-15", "Ville": "Laval", "Pays": "Canada",
                 "Population": "438 366", "Nom de la personne-ressource": "Luc Roy", "Courriel": "donnees@laval.ca",
                 "Critères": {\(criteria)},
                 "Résultats": [{"Indicateur": "\(outcome.indicator)", "Valeur": "\(outcome.value)", "Année": 2023}]}
                """
        default:
            let criteria = order.map { "\"\($0)\": \"Sim\"" }.joined(separator: ", ")
            return """
                {"Envio": {"Idioma": "pt-BR", "Data de envio": "2024-03-15"},
                 "Requerente": {"Município": "Recife", "País": "Brasil", "População": "1.488.920",
                                "Contato": {"Nome do contato": "Ana Carvalho", "E-mail": "dados@recife.pe.gov.br"}},
                 "Critérios": {\(criteria)},
                 "Resultados": [{"Indicador": "\(outcome.indicator)", "Valor": "\(outcome.value)", "Ano": 2022}]}
                """
        }
    }

    /// Localized numbers reach the thresholds exactly through the converter: `15,0` µg/m³ in
    /// es-CO meets the PM2.5 standard and `15,1` does not; `59,9 %` in fr-CA misses 60 %.
    @Test(arguments: [
        ("es", 22, "Calidad del aire (PM2.5)", "15,0", CertificationLevel.silver),
        ("es", 22, "Calidad del aire (PM2.5)", "15,1", .none),
        ("es", 21, "Calidad del aire (PM2.5)", "14,2", .none),
        ("fr", 30, "Ménages avec accès haut débit", "60 %", .gold),
        ("fr", 30, "Ménages avec accès haut débit", "59,9 %", .none),
        ("pt", 37, "Domicílios com banda larga", "73,4 %", .platinum),
        ("pt", 36, "Domicílios com banda larga", "73,4 %", .gold),
    ])
    func localizedFormsScoreAtTheBoundaries(language: String, met: Int, indicator: String, value: String,
                                            level: CertificationLevel) throws {
        let rubric = try ScoringFixtures.defaultRubric()
        let text = Self.form(language: language, met: met, outcome: (indicator, value))
        let converted = TestCatalogs.converter.convert(Data(text.utf8), file: "form.json", format: .json)
        let record = try #require(converted.record, "\(converted.diagnostics)")
        #expect(record.outcomes.count == 1)
        let report = rubric.score(record)
        #expect(report.points == met)
        #expect(report.level == level)
        #expect(report.eligible && report.coreMet)
        let readBack = try CanonicalApplication(
            json: try #require(JSONValue.parse(Data(record.serialized { _ in "" }.utf8)).value))
        #expect(rubric.score(readBack) == report)
    }

    /// Every code scoring emits has a message in every language, with the arguments it gets.
    @Test(arguments: ["en", "es", "pt", "fr"])
    func everyScoringCodeHasAMessage(language: String) throws {
        let codes: [DiagnosticCode] = [
            .rubricMalformed, .rubricInvalid, .rubricUnknownCriterion, .rubricNotFound, .scoreLevel, .scoreCoreUnmet,
            .scoreIneligiblePopulation, .scoreIneligibleCountry, .scoreOutcomeUnmet, .scorePrerequisiteUnmet,
            .scoreAreaMinimum, .scoreBelowThreshold, .scoreApplicantIncomplete,
        ]
        let catalog = try #require(TestCatalogs.shared.catalog(for: language))
        for code in codes {
            #expect(catalog.message(code.rawValue) != nil, "\(language): \(code)")
        }
        let rendered = TestCatalogs.shared.render(
            Diagnostic(.warning, .scoreBelowThreshold, arguments: ["points": 29, "needed": 30, "level": "gold"]),
            language: language)
        #expect(rendered.contains("29") && rendered.contains("30"))
        #expect(!rendered.contains("score.below_threshold"))
    }
}
