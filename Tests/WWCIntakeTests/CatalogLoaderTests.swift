import Foundation
import Testing
@testable import WWCIntake

/// The shipped `locales/` folder, found from this source file (tests run from any directory).
enum ShippedCatalogs {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("locales")

    static let set: CatalogSet = {
        let (set, diagnostics) = CatalogSet.load(directory: directory)
        precondition(diagnostics.isEmpty, "shipped catalogs: \(diagnostics)")
        return set!
    }()
}

@Suite("Catalog loader")
struct CatalogLoaderTests {
    @Test func loadsShippedCatalogsWithoutFindings() {
        let (set, diagnostics) = CatalogSet.load(directory: ShippedCatalogs.directory)
        #expect(diagnostics.isEmpty)
        #expect(set?.languages == ["en", "es", "fr", "pt"])
        #expect(set?.overlays == ["es-CO", "es-MX", "fr-CA", "pt-PT"])
    }

    @Test func formDefinitionHasTheStandard() throws {
        let definition = ShippedCatalogs.set.definition
        #expect(definition.version == "2023")
        #expect(definition.criteria.count == 43)
        #expect(definition.criteria.first?.id == "DM1")
        #expect(definition.criteria.last?.id == "EVAL4")
        #expect(definition.criteria.filter(\.core).map(\.id) == ["DM1", "LC1", "PA1"])
        #expect(definition.criteria.first { $0.id == "RDC8" }?.area == "RDC")
        #expect(Dictionary(grouping: definition.criteria, by: \.area).mapValues(\.count)
                == ["DM": 9, "LC": 7, "OD": 4, "PA": 5, "BF": 3, "RDC": 8, "CI": 3, "EVAL": 4])
        #expect(definition.field("applicant.population")?.type == "integer")
        #expect(definition.field("applicant.contact.email")?.required == true)
        #expect(definition.field("outcomes[].value")?.type == "decimalOrPercent")
        #expect(definition.field("criteria.*.status")?.scope == "criteria.*")
        #expect(definition.section("outcomes")?.kind == .list)
        #expect(definition.section("criteria")?.kind == .map)
        #expect(definition.enums["status"] == ["met", "in_progress", "not_met"])
    }

    @Test(arguments: [
        ("es", "es", "applicant.city", "Ciudad"),
        ("es-CO", "es-CO", "applicant.region", "Departamento"),
        ("es-MX", "es-MX", "applicant.region", "Estado"),
        ("es-AR", "es", "applicant.region", "Departamento o estado"),
        ("pt-BR", "pt", "applicant.contact", "Contato"),
        ("pt-PT", "pt-PT", "applicant.contact", "Contacto"),
        ("fr-CA", "fr-CA", "applicant.region", "Province ou territoire"),
        ("fr-FR", "fr", "applicant.region", "Province ou État"),
        ("en-US", "en", "applicant.population", "Population"),
        ("ES_mx", "es-MX", "applicant.contact.email", "Correo electrónico"),
    ])
    func resolvesLocaleWithOverlay(tag: String, resolved: String, id: String, official: String) throws {
        let catalog = try #require(ShippedCatalogs.set.catalog(for: tag))
        #expect(catalog.locale == resolved)
        #expect(catalog.labels(for: id).first == official)
    }

    @Test func unknownLanguageHasNoCatalog() {
        #expect(ShippedCatalogs.set.catalog(for: "de-DE") == nil)
    }

    @Test func catalogContent() throws {
        let es = try #require(ShippedCatalogs.set.catalog(for: "es"))
        #expect(es.criterionTitle("DM1") == "Implementación de la estrategia y gobernanza de datos")
        #expect(es.synonyms(enum: "status")["met"]?.contains("Sí") == true)
        #expect(es.synonyms(enum: "status")["in_progress"]?.contains("En curso") == true)
        #expect(es.countrySynonyms["EE. UU."] == "US")
        #expect(es.labels(for: "applicant.city").contains("Nombre de la ciudad"))
        let mx = try #require(ShippedCatalogs.set.catalog(for: "es-MX"))
        #expect(mx.countrySynonyms["EUA"] == "US")
        #expect(mx.countrySynonyms["EE. UU."] == "US")
        let pt = try #require(ShippedCatalogs.set.catalog(for: "pt-PT"))
        #expect(pt.labels(for: "applicant.contact.phone").contains("Telemóvel"))
        #expect(pt.synonyms(enum: "status")["in_progress"]?.first == "Em curso")
        #expect(pt.criterionTitle("DM2") == "Manutenção de um inventário de dados abrangente")
        for language in ShippedCatalogs.set.languages {
            let catalog = try #require(ShippedCatalogs.set.catalog(for: language))
            for criterion in ShippedCatalogs.set.definition.criteria {
                #expect(catalog.criterionTitle(criterion.id)?.isEmpty == false)
            }
            for id in ShippedCatalogs.set.definition.labelledIDs {
                #expect(!catalog.labels(for: id).isEmpty, "\(language) \(id)")
            }
        }
    }

    @Test func everyDiagnosticCodeHasAMessageInEveryLanguage() throws {
        let codes: [DiagnosticCode] = [
            .xmlMalformed, .xmlDTDForbidden, .jsonMalformed, .encodingInvalid, .inputTooLarge, .inputTooDeep,
            .inputUnreadable, .localeUndetermined, .localeInvalid, .fieldRequired, .fieldUnknown, .fieldDuplicate,
            .fieldAmbiguous, .criterionUnknown, .textEmpty, .numberInvalid, .numberAmbiguous, .numberOutOfRange,
            .percentAmbiguous, .moneyCurrencyUnknown, .dateInvalid, .dateAmbiguous, .enumUnknown, .countryUnknown,
            .emailInvalid, .urlInvalid, .phoneInvalid, .messageSyntax, .catalogMalformed, .catalogCollision,
            "score.level", "score.core_unmet", "score.ineligible_population", "score.ineligible_country",
            "score.outcome_unmet", "score.prerequisite_unmet", "score.area_minimum", "score.below_threshold",
        ]
        for language in ShippedCatalogs.set.languages {
            let catalog = try #require(ShippedCatalogs.set.catalog(for: language))
            for code in codes {
                #expect(catalog.message(code.rawValue) != nil, "\(language) \(code)")
            }
            #expect(catalog.message("summary.validate") != nil)
            #expect(catalog.message("summary.convert") != nil)
        }
    }

    @Test func shippedFilesAreInCanonicalForm() throws {
        for file in ShippedCatalogs.set.files {
            let bytes = try String(contentsOf: file.url, encoding: .utf8)
            #expect(CatalogWriter.serialize(file) == bytes, "\(file.fileName)")
        }
    }

    @Test func malformedCatalogIsReportedWithItsLine() throws {
        let folder = try CatalogFixture.copyOfShipped()
        try "{\n  \"catalog\": \"wwc-intake-catalog/1\",\n  \"locale\": \"de\"\n  \"version\": \"2023\"\n}\n"
            .write(to: folder.appendingPathComponent("de.json"), atomically: true, encoding: .utf8)
        let (set, diagnostics) = CatalogSet.load(directory: folder)
        #expect(set != nil)
        let finding = try #require(diagnostics.first)
        #expect(finding.code == .catalogMalformed)
        #expect(finding.file?.hasSuffix("/de.json") == true)
        #expect(finding.line == 4)
    }

    @Test func missingReferenceMakesTheSetUnusable() throws {
        let folder = try CatalogFixture.copyOfShipped()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("en.json"))
        let (set, diagnostics) = CatalogSet.load(directory: folder)
        #expect(set == nil)
        #expect(diagnostics.contains { $0.severity == .error })
    }
}

/// Temporary copies of the shipped catalogs that a test may break.
enum CatalogFixture {
    static func copyOfShipped() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("wwc-catalog-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: ShippedCatalogs.directory.path)
        where name.hasSuffix(".json") {
            try FileManager.default.copyItem(at: ShippedCatalogs.directory.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
