import Foundation
import Testing
@testable import WWCIntake

/// A complete, valid form body in each language (JSON, labels), to vary one thing at a time.
enum FormFixtures {
    static func spanish(_ extra: String = "", population: String = "\"7.181.469\"", country: String = "Colombia") -> String {
        """
        {
          "Idioma": "es",
          "Fecha de envío": "15/03/2024",
          "Solicitante": {
            "Ciudad": "Bogotá",
            "País": "\(country)",
            "Población": \(population),
            "Contacto": {"Nombre del contacto": "María Ruiz", "Correo electrónico": "datos@bogota.gov.co"}
          },
          "Criterios": {"DM1": "Sí"}\(extra)
        }
        """
    }
}

@Suite struct MappingTests {
    @Test func mapsNestedSpanishLabelsWithRegionFromCountry() throws {
        let result = TestCatalogs.convert(FormFixtures.spanish())
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.source.locale == "es-CO")
        #expect(record.source.localeSource == .country)
        #expect(record.source.declaredLocale == "es")
        #expect(record.applicant.population == 7_181_469)
        #expect(record.applicant.country == "CO")
        #expect(record.submissionDate == "2024-03-15")
        #expect(record.criterion("DM1")?.status == .met)
        #expect(result.statistics.leaves == result.statistics.mapped + result.statistics.unmapped)
    }

    @Test(arguments: [
        ("México", "1,142,994", "es-MX", 1_142_994),
        ("Colombia", "1.142.994", "es-CO", 1_142_994),
        ("Argentina", "1.142.994", "es-AR", 1_142_994),
    ])
    func regionDecidesNumberConventions(country: String, population: String, locale: String, expected: Int) throws {
        let result = TestCatalogs.convert(FormFixtures.spanish(population: "\"\(population)\"", country: country))
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.source.locale == locale)
        #expect(record.applicant.population == expected)
    }

    @Test func unknownKeysAreKeptWithTheirPosition() throws {
        let result = TestCatalogs.convert(FormFixtures.spanish(",\n  \"Observaciones\": \"Enviado tarde\""))
        let record = try #require(result.record)
        #expect(record.unmapped.map(\.key) == ["Observaciones"])
        #expect(record.unmapped.first?.value == "Enviado tarde")
        #expect(record.unmapped.first?.location?.line == 11)
        let warning = try #require(result.diagnostics.first { $0.code == .fieldUnknown })
        #expect(warning.severity == .warning)
        #expect(warning.line == 11)
        #expect(warning.path == "/Observaciones")
    }

    @Test(arguments: [
        // (extra members, expected code, expected field, expected line)
        (",\n  \"Descripción\": \"texto\"", DiagnosticCode.fieldAmbiguous, nil as String?, 11),
        (",\n  \"Ciudad\": \"Otra\"", .fieldDuplicate, "applicant.city", 11),
        (",\n  \"DM12\": \"Sí\"", .criterionUnknown, nil, 11),
        (",\n  \"Resultados\": [{\"Indicador\": \"Calidad del aire (PM2.5)\", \"Valor\": \"14,2abc\"}]", .numberInvalid, "outcomes[].value", 11),
        (",\n  \"Resultados\": [{\"Indicador\": \"Ozono\", \"Valor\": \"14,2\"}]", .enumUnknown, "outcomes[].indicator", 11),
    ])
    func mapperErrorsAreLocated(extra: String, code: DiagnosticCode, field: String?, line: Int) throws {
        let result = TestCatalogs.convert(FormFixtures.spanish(extra))
        #expect(result.record == nil)
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(result.diagnostics)")
        #expect(error.code == code)
        #expect(error.field == field)
        #expect(error.line == line)
        #expect(error.file == "form.json")
    }

    @Test func missingRequiredFieldIsNamed() throws {
        let text = FormFixtures.spanish().replacingOccurrences(of: "\"Ciudad\": \"Bogotá\",", with: "")
        let result = TestCatalogs.convert(text)
        #expect(result.record == nil)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [.fieldRequired])
        #expect(result.diagnostics.first?.field == "applicant.city")
    }

    @Test func undeterminedLocaleIsAnErrorFixableWithTheOption() throws {
        let text = """
            {"submission.date": "2024-03-15", "applicant.city": "Austin", "applicant.country": "US",
             "applicant.population": 974447, "applicant.contact.name": "J. Lee",
             "applicant.contact.email": "a@b.gov"}
            """
        let undetermined = TestCatalogs.convert(text)
        #expect(undetermined.diagnostics.map(\.code) == [.localeUndetermined])
        let forced = TestCatalogs.convert(text, locale: "en-US")
        let record = try #require(forced.record, "\(forced.diagnostics)")
        #expect(record.source.locale == "en-US")
        #expect(record.source.localeSource == .option)
    }

    @Test func flatLabelsAndCriterionSpellings() throws {
        let text = """
            <application lang="en-US">
              <field label="Submission date">03/15/2024</field>
              <City>Austin</City>
              <Country>United States</Country>
              <Population>974,447</Population>
              <field label="Contact name">Jordan Lee</field>
              <Email>data@austintexas.gov</Email>
              <Criteria>
                <c id="dm-1">Met</c>
                <c id="LC 1"><Status>In progress</Status></c>
                <c label="Selecting &amp; Using Performance Metrics for Strategic Goals &amp; Priorities">No</c>
              </Criteria>
            </application>
            """
        let result = TestCatalogs.convert(text)
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.criteria.map(\.id) == ["DM1", "LC1", "PA1"])
        #expect(record.criteria.map(\.status) == [.met, .inProgress, .notMet])
        #expect(record.source.format == .xml)
    }
}

/// The mapper's errors in XML forms, located by line, in each language.
@Suite struct MappingXMLErrorTests {
    static func form(_ language: String, _ body: String) -> String {
        let fields: [String: String] = [
            "en": "<SubmissionDate>2024-03-15</SubmissionDate><City>Austin</City><Country>US</Country><Population>974447</Population><Contact><field label=\"Contact name\">J. Lee</field><Email>a@austintexas.gov</Email></Contact>",
            "es": "<field label=\"Fecha de envío\">2024-03-15</field><Ciudad>Bogotá</Ciudad><País>CO</País><Población>7181469</Población><Contacto><field label=\"Nombre del contacto\">M. Ruiz</field><field label=\"Correo electrónico\">d@bogota.gov.co</field></Contacto>",
            "pt": "<field label=\"Data de envio\">2024-03-15</field><Município>Recife</Município><País>BR</País><População>1488920</População><Contato><field label=\"Nome do contato\">A. Carvalho</field><E-mail>d@recife.pe.gov.br</E-mail></Contato>",
            "fr": "<field label=\"Date de soumission\">2024-03-15</field><Ville>Montréal</Ville><Pays>CA</Pays><Population>1762949</Population><field label=\"Nom de la personne-ressource\">C. Tremblay</field><Courriel>d@montreal.ca</Courriel>",
        ]
        return "<form lang=\"\(language)\">\(fields[language]!)\n\(body)\n</form>"
    }

    @Test(arguments: [
        ("en", "<Criteria><c id=\"DM12\">Met</c></Criteria>", DiagnosticCode.criterionUnknown, nil as String?),
        ("es", "<Descripción>texto</Descripción>", .fieldAmbiguous, nil),
        ("pt", "<Critérios><c id=\"DM1\">Talvez</c></Critérios>", .enumUnknown, "criteria.*.status"),
        ("fr", "<Ville>Laval</Ville>", .fieldDuplicate, "applicant.city"),
        ("fr", "<Critères><c id=\"LC1\"><Depuis>2020-01-01</Depuis></c></Critères>", .fieldRequired, "criteria.LC1.status"),
        ("es", "<Resultados><item><Indicador>Hogares con banda ancha</Indicador><Valor>68,5 %%</Valor></item></Resultados>", .numberInvalid, "outcomes[].value"),
    ])
    func errorIsOnItsLine(language: String, body: String, code: DiagnosticCode, field: String?) throws {
        let result = TestCatalogs.convert(Self.form(language, body))
        #expect(result.record == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [code], "\(result.diagnostics)")
        #expect(errors.first?.line == 2)
        #expect(errors.first?.field == field)
        #expect(errors.first?.file == "form.xml")
    }
}

@Suite struct MappingRequiredTests {
    /// A rejected status in one criterion does not hide a missing status in another.
    @Test func eachCriterionIsCheckedOnItsOwn() throws {
        let text = FormFixtures.spanish().replacingOccurrences(
            of: "\"Criterios\": {\"DM1\": \"Sí\"}",
            with: "\"Criterios\": {\"DM1\": \"Quizás\",\n \"DM2\": {\"Desde\": \"2021-01-01\"}}")
        let result = TestCatalogs.convert(text)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.enumUnknown, .fieldRequired], "\(result.diagnostics)")
        #expect(errors.map(\.line) == [10, 11])
        #expect(errors.last?.field == "criteria.DM2.status")
    }
}

@Suite struct MappingCriterionIDTests {
    /// `<c><id source="portal">DM1</id>…</c>`: the id names the criterion; its attribute is kept.
    @Test func attributesOfACriterionIDAreKept() throws {
        let body = "<Criteria><c><id source=\"portal\">DM1</id><Status>Met</Status></c></Criteria>"
        let result = TestCatalogs.convert(MappingXMLErrorTests.form("en", body))
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.criterion("DM1")?.status == .met)
        #expect(record.unmapped.map(\.path) == ["/form/Criteria/c/id/@source"])
        #expect(record.unmapped.first?.value == "portal")
        #expect(result.statistics.mapped + result.statistics.unmapped == result.statistics.leaves)
    }

    /// An `id` with no letter or digit has an empty matching key; looking it up as a criterion
    /// trapped (`1...0`) and took the whole batch down. Now it is an unknown criterion.
    @Test(arguments: ["!!!", "", "  ", "—"])
    func idWithoutLettersIsAnUnknownCriterion(id: String) throws {
        let body = "<Criteria><c><id>\(id)</id><Status>Met</Status></c></Criteria>"
        let result = TestCatalogs.convert(MappingXMLErrorTests.form("en", body))
        #expect(result.record == nil)
        #expect(result.diagnostics.map(\.code) == [.criterionUnknown])
        #expect(result.diagnostics.first?.path == "/form/Criteria/c")
    }
}
