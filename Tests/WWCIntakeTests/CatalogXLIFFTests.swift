import Foundation
import Testing
@testable import WWCIntake

@Suite("Catalog XLIFF")
struct CatalogXLIFFTests {
    static let locales = ["es", "pt", "fr", "es-MX", "es-CO", "pt-PT", "fr-CA"]

    @Test(arguments: locales)
    func exportThenImportIsByteIdentical(locale: String) throws {
        let set = ShippedCatalogs.set
        let xliff = try #require(CatalogXLIFF.export(set, locale: locale))
        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "\(locale).xlf", into: set)
        #expect(result.diagnostics.isEmpty)
        #expect(result.updated == 0)
        #expect(result.untranslated == 0)
        #expect(result.locale == locale)
        let original = try String(contentsOf: ShippedCatalogs.directory.appendingPathComponent("\(locale).json"),
                                  encoding: .utf8)
        #expect(result.contents == original)
    }

    @Test func exportIsXLIFF21WithNotes() throws {
        let xliff = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "fr-CA"))
        #expect(xliff.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"en\" trgLang=\"fr-CA\">"))
        #expect(xliff.contains("<unit id=\"labels.criteria._x2A_.status\" name=\"labels.criteria.*.status\">"))
        #expect(xliff.contains("Labels of field applicant.contact.email (type email, required)."))
        #expect(xliff.contains("Keep these arguments: {example} {locale} {value}."))
        let categories = PluralRules.categories(locale: "fr-CA").joined(separator: ", ")
        #expect(Set(PluralRules.categories(locale: "fr-CA")) == ["one", "many", "other"])
        #expect(xliff.contains("Plural categories for fr-CA: \(categories)."))
        #expect(xliff.contains("<target xml:space=\"preserve\">Courriel\nAdresse courriel"))
        #expect(CatalogXLIFF.export(ShippedCatalogs.set, locale: "en") == nil)
    }

    @Test func importMergesAChangedTranslation() throws {
        let set = ShippedCatalogs.set
        var xliff = try #require(CatalogXLIFF.export(set, locale: "es"))
        xliff = xliff.replacingOccurrences(of: "<target xml:space=\"preserve\">Compartir datos</target>",
                                           with: "<target xml:space=\"preserve\">Intercambio de datos</target>")
        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "es.xlf", into: set)
        #expect(result.updated == 1)
        let contents = try #require(result.contents)
        #expect(contents.contains("\"DM3\": \"Intercambio de datos\","))
        #expect(!contents.contains("Compartir datos"))
    }

    @Test func importIntoOverlayStoresOnlyWhatDiffers() throws {
        let set = ShippedCatalogs.set
        var xliff = try #require(CatalogXLIFF.export(set, locale: "es-CO"))
        xliff = xliff.replacingOccurrences(of: "<target xml:space=\"preserve\">Política de datos abiertos</target>",
                                           with: "<target xml:space=\"preserve\">Política de datos abiertos de la ciudad</target>")
        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "es-CO.xlf", into: set)
        #expect(result.updated == 1)
        let contents = try #require(result.contents)
        #expect(contents.contains("\"criteria\": {\n    \"OD1\": \"Política de datos abiertos de la ciudad\"\n  }"))
        #expect(!contents.contains("DM1"))
    }

    @Test func importReportsUnknownIdsPlaceholderMismatchesAndUntranslatedUnits() throws {
        let set = ShippedCatalogs.set
        var xliff = try #require(CatalogXLIFF.export(set, locale: "pt"))
        xliff = xliff.replacingOccurrences(of: "<unit id=\"areas.DM\" name=\"areas.DM\">",
                                           with: "<unit id=\"areas.XX\" name=\"areas.XX\">")
        xliff = xliff.replacingOccurrences(of: "esperava-se uma data como {example}", with: "esperava-se uma data como {exemplo}")
        xliff = xliff.replacingOccurrences(of: "<target xml:space=\"preserve\">Política de dados abertos</target>", with: "")
        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "pt.xlf", into: set)
        let codes = result.diagnostics.map(\.code)
        #expect(codes.contains(.catalogUnknownID))
        #expect(codes.contains(.catalogPlaceholderMismatch))
        #expect(!codes.contains(.catalogUntranslated))  // counted in the summary, not one warning each
        #expect(result.untranslated == 1)
        let mismatch = try #require(result.diagnostics.first { $0.code == .catalogPlaceholderMismatch })
        #expect(mismatch.arguments["key"] == "messages.date.invalid")
        #expect(mismatch.file == "pt.xlf")
        let lines = xliff.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("{exemplo}") }) + 1
        #expect(mismatch.line == line)
        // An error refuses the whole import: nothing is to be written.
        #expect(result.refused)
        #expect(result.contents == nil)
    }

    @Test func importRejectsDTDAndNonXLIFF() {
        let set = ShippedCatalogs.set
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><xliff/>"
        #expect(CatalogXLIFF.importing(Data(dtd.utf8), file: "x.xlf", into: set).contents == nil)
        let other = "<?xml version=\"1.0\"?><html/>"
        let result = CatalogXLIFF.importing(Data(other.utf8), file: "x.xlf", into: set)
        #expect(result.contents == nil)
        #expect(result.diagnostics.first?.code == .catalogXLIFFInvalid)
    }
}
