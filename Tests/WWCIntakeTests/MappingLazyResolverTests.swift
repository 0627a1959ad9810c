import Foundation
import Testing
@testable import WWCIntake

/// Key resolvers are built per language on first use; the order in which languages are met
/// must not change any result, and locale detection must still see every language.
@Suite struct MappingLazyResolverTests {
    static let english = """
        {
          "submission": {"locale": "en", "date": "03/15/2024"},
          "applicant": {
            "city": "Austin", "country": "United States", "population": 974447,
            "contact": {"name": "Jordan Lee", "email": "open.data@austintexas.gov"}
          },
          "criteria": {"DM1": "Met", "PA2": "In progress"}
        }
        """

    /// No declaration at all: the language comes from the keys.
    static let undeclaredFrench = """
        {
          "Date de soumission": "15/03/2024",
          "Demandeur": {
            "Ville": "Lyon", "Pays": "France", "Population": "522 250",
            "Personne-ressource": {"Nom complet": "Claire Martin", "Courriel": "donnees@lyon.fr"}
          },
          "Critères": {"DM1": "Oui", "PA2": "En cours"}
        }
        """

    /// Catalogs are merged when a language is first needed: an English form and English
    /// messages need the English catalog alone, yet every file was read and checked, and the
    /// country synonyms of every catalog are there.
    @Test func anEnglishFormMergesTheEnglishCatalogAlone() throws {
        let (loaded, diagnostics) = CatalogSet.load(directory: TestCatalogs.locales)
        let catalogs = try #require(loaded)
        #expect(diagnostics.isEmpty)
        #expect(catalogs.languages == ["en", "es", "fr", "pt"])
        #expect(catalogs.overlays == ["es-CO", "es-MX", "fr-CA", "pt-PT"])
        let converter = Converter(catalogs: catalogs)
        #expect(catalogs.mergedLocales == [])
        let result = converter.convert(Data(Self.english.utf8), file: "austin.json", format: .json)
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.applicant.country == "US")
        _ = catalogs.render(key: "summary.convert", arguments: ["converted": .number(1)], language: "en")
        #expect(catalogs.mergedLocales == ["en"])
        // Spanish (`EE. UU.`), Mexican (`E.U.A.`) and French (`É.-U.`) spellings, unmerged.
        #expect(converter.countrySynonyms["EE. UU."] == "US")
        #expect(converter.countrySynonyms["E.U.A."] == "US")
        #expect(converter.countrySynonyms["É.-U."] == "US")
        #expect(catalogs.mergedLocales == ["en"])
        // An overlay is its base with its own entries over it.
        #expect(catalogs.catalog(for: "es-MX")?.locale == "es-MX")
        #expect(catalogs.catalog(for: "es_419")?.locale == "es")
        #expect(catalogs.mergedLocales == ["en", "es", "es-MX"])
    }

    @Test func spanishThenEnglishThenUndeclaredFrench() throws {
        let converter = Converter(catalogs: TestCatalogs.shared)
        #expect(converter.resolvers.builtResolverLanguages == [])
        #expect(converter.resolvers.languages == ["en", "es", "fr", "pt"])

        let spanish = converter.convert(Data(FormFixtures.spanish().utf8), file: "bogota.json", format: .json)
        let es = try #require(spanish.record, "\(spanish.diagnostics)")
        #expect(es.source.locale == "es-CO")
        #expect(es.source.localeSource == .country)
        #expect(es.source.declaredLocale == "es")
        #expect(es.applicant.city == "Bogotá")
        #expect(es.applicant.country == "CO")
        #expect(es.applicant.population == 7_181_469)
        #expect(es.applicant.contact.email == "datos@bogota.gov.co")
        #expect(es.submissionDate == "2024-03-15")
        #expect(es.criterion("DM1")?.status == .met)
        // `Idioma` was looked up in English first (languages in order), then found in Spanish.
        #expect(converter.resolvers.builtResolverLanguages == ["en", "es"])

        let englishResult = converter.convert(Data(Self.english.utf8), file: "austin.json", format: .json)
        let en = try #require(englishResult.record, "\(englishResult.diagnostics)")
        #expect(en.source.locale == "en-US")
        #expect(en.source.localeSource == .country)
        #expect(en.source.declaredLocale == "en")
        #expect(en.applicant.city == "Austin")
        #expect(en.applicant.country == "US")
        #expect(en.applicant.population == 974_447)
        #expect(en.submissionDate == "2024-03-15")
        #expect(en.criterion("DM1")?.status == .met)
        #expect(en.criterion("PA2")?.status == .inProgress)
        #expect(converter.resolvers.builtResolverLanguages == ["en", "es"])

        let frenchResult = converter.convert(Data(Self.undeclaredFrench.utf8), file: "lyon.json", format: .json)
        let fr = try #require(frenchResult.record, "\(frenchResult.diagnostics)")
        #expect(fr.source.locale == "fr-FR")
        #expect(fr.source.localeSource == .country)
        #expect(fr.source.declaredLocale == nil)
        #expect(fr.applicant.city == "Lyon")
        #expect(fr.applicant.country == "FR")
        #expect(fr.applicant.population == 522_250)
        #expect(fr.applicant.contact.name == "Claire Martin")
        #expect(fr.submissionDate == "2024-03-15")
        #expect(fr.criterion("DM1")?.status == .met)
        #expect(fr.criterion("PA2")?.status == .inProgress)
        // Detection compared the vocabulary of every language.
        #expect(converter.resolvers.builtLabelLanguages == ["en", "es", "fr", "pt"])
    }

    /// Every language met in any order gives the same records as a converter that met them
    /// in another order.
    @Test func orderOfLanguagesDoesNotMatter() throws {
        let forms = [FormFixtures.spanish(), Self.english, Self.undeclaredFrench]
        func records(_ order: [Int]) -> [Int: CanonicalApplication] {
            let converter = Converter(catalogs: TestCatalogs.shared)
            var result: [Int: CanonicalApplication] = [:]
            for index in order {
                result[index] = converter.convert(Data(forms[index].utf8), file: "form.json", format: .json).record
            }
            return result
        }
        let forward = records([0, 1, 2])
        #expect(forward.count == 3)
        #expect(records([2, 1, 0]) == forward)
        #expect(records([1, 2, 0]) == forward)
    }

    /// A form whose keys match no language well enough is still `locale.undetermined`,
    /// with the score of every language.
    @Test func weakEvidenceStillUndetermined() throws {
        let converter = Converter(catalogs: TestCatalogs.shared)
        let result = converter.convert(Data(#"{"applicant.city": "Lyon", "Zzz": "1"}"#.utf8), file: "x.json", format: .json)
        #expect(result.record == nil)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.code == .localeUndetermined)
        #expect(error.arguments["candidates"] == .text("en 0, es 0, fr 0, pt 0"))
    }
}
