import Foundation
import Testing
@testable import WWCIntake

/// `catalog import` cannot break a catalog: every `catalog check` rule runs on the merged
/// result first, and a refused import leaves every file as it was.
@Suite("Catalog import safety")
struct CatalogImportSafetyTests {
    /// A private copy of the shipped catalogs, so the command line can write into it.
    static func copyOfLocales() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ShippedCatalogs.directory, to: folder)
        return folder
    }

    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func pluralIncompleteTranslationIsRefusedAndEveryCatalogFileIsByteIdentical() throws {
        let folder = try Self.copyOfLocales()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.contents(of: folder)
        var xliff = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "es"))
        // The Spanish summary without its `many` variants (es needs one, many, other), and one
        // harmless change beside it that must not be written either.
        let complete = "{errors, plural, one {# error} many {# de errores} other {# errores}}"
        #expect(xliff.contains(complete))
        xliff = xliff.replacingOccurrences(of: complete, with: "{errors, plural, one {# error} other {# errores}}")
        xliff = xliff.replacingOccurrences(of: "<target xml:space=\"preserve\">Compartir datos</target>",
                                           with: "<target xml:space=\"preserve\">Intercambio de datos</target>")
        let file = folder.appendingPathComponent("es.xlf")
        try Data(xliff.utf8).write(to: file)

        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "es.xlf", into: ShippedCatalogs.set)
        #expect(result.refused)
        #expect(result.contents == nil)
        let plural = try #require(result.diagnostics.first { $0.code == .catalogPluralMissing })
        #expect(plural.arguments["key"] == "messages.summary.validate")
        #expect(plural.file == "es.xlf")
        let unitLine = try #require(xliff.components(separatedBy: "\n").firstIndex {
            $0.contains("<unit id=\"messages.summary.validate\"")
        }) + 1
        #expect(plural.line == unitLine)

        let run = try IntakeExecutable.run(["catalog", "import", file.path, "--catalogs", folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("[catalog.plural_missing]"))
        #expect(run.stderr.contains("nothing was written"))
        try FileManager.default.removeItem(at: file)
        #expect(try Self.contents(of: folder) == before)
    }

    @Test func importWithoutTargetsReportsUntranslatedOnceAndWritesNothing() throws {
        let folder = try Self.copyOfLocales()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xliff = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "it"))
        let units = xliff.components(separatedBy: "<unit ").count - 1
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("it-\(UUID().uuidString).xlf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(xliff.utf8).write(to: file)
        let run = try IntakeExecutable.run(["catalog", "import", file.path, "--catalogs", folder.path])
        #expect(run.status == 0)
        #expect(run.stderr == "\(folder.appendingPathComponent("it.json").path): 0 translations updated, \(units) units still untranslated.\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("it.json").path))
    }

    @Test func aCompleteNewLanguageIsWrittenAndAPartialOneRefused() throws {
        // Spanish retargeted as a new language: every rule passes, and the file is es.json
        // with its own locale.
        let spanish = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "es"))
        let asNew = spanish.replacingOccurrences(of: "trgLang=\"es\"", with: "trgLang=\"eo\"")
        let result = CatalogXLIFF.importing(Data(asNew.utf8), file: "eo.xlf", into: ShippedCatalogs.set)
        #expect(!result.refused)
        let original = try String(contentsOf: ShippedCatalogs.directory.appendingPathComponent("es.json"), encoding: .utf8)
        #expect(result.contents == original.replacingOccurrences(of: "\"locale\": \"es\"", with: "\"locale\": \"eo\""))
        // One translated unit of a new language: the catalog would lack every other key.
        let partial = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "it")).replacingOccurrences(
            of: "<source xml:space=\"preserve\">Open Data Policy</source>",
            with: "<source xml:space=\"preserve\">Open Data Policy</source><target xml:space=\"preserve\">Politica sui dati aperti</target>")
        let refused = CatalogXLIFF.importing(Data(partial.utf8), file: "it.xlf", into: ShippedCatalogs.set)
        #expect(refused.refused)
        #expect(refused.diagnostics.contains { $0.code == .catalogMissingKey })
    }

    @Test func unitIdIsTheIdentityNotItsName() throws {
        var xliff = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "es"))
        // A tool rewrote the name: the id still finds the entry.
        xliff = xliff.replacingOccurrences(of: "<unit id=\"criteria.DM3\" name=\"criteria.DM3\">",
                                           with: "<unit id=\"criteria.DM3\" name=\"Data sharing\">")
        xliff = xliff.replacingOccurrences(of: "<target xml:space=\"preserve\">Compartir datos</target>",
                                           with: "<target xml:space=\"preserve\">Intercambio de datos</target>")
        // A changed id is unknown, and reported by that id.
        xliff = xliff.replacingOccurrences(of: "<unit id=\"areas.DM\" name=\"areas.DM\">",
                                           with: "<unit id=\"areas.XX\" name=\"areas.DM\">")
        let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "es.xlf", into: ShippedCatalogs.set)
        #expect(result.updated == 1)
        #expect(try #require(result.contents).contains("\"DM3\": \"Intercambio de datos\","))
        let unknown = try #require(result.diagnostics.first { $0.code == .catalogUnknownID })
        #expect(unknown.arguments["key"] == "areas.XX")
        #expect(result.diagnostics.count == 1)
    }

    @Test func overlayExportMarksInheritedEntriesAndCanLeaveThemOut() throws {
        let overlay = try String(contentsOf: ShippedCatalogs.directory.appendingPathComponent("es-MX.json"), encoding: .utf8)
        let overlayKeys = try #require(ShippedCatalogs.set.file(for: "es-MX")).entries.filter { $0.section != "countries" }.count
        #expect(overlay.contains("\"labels\""))
        let marked = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "es-MX"))
        let translated = marked.components(separatedBy: "<segment state=\"translated\">").count - 1
        let inherited = marked.components(separatedBy: "<segment state=\"initial\" subState=\"wwc:inherited\">").count - 1
        // The overlay's own entries (and its country lines) are translated; the rest inherited.
        #expect(translated == overlayKeys + 1)
        let reference = try #require(ShippedCatalogs.set.file(for: "en")).entries.filter { $0.section != "countries" }.count
        #expect(inherited == reference - overlayKeys)
        let only = try #require(CatalogXLIFF.export(ShippedCatalogs.set, locale: "es-MX", inherited: .omitted))
        #expect(!only.contains("wwc:inherited"))
        #expect(only.components(separatedBy: "<unit ").count - 1 == overlayKeys + 1)
        // Either export imports back without changing the overlay.
        for xliff in [marked, only] {
            let result = CatalogXLIFF.importing(Data(xliff.utf8), file: "es-MX.xlf", into: ShippedCatalogs.set)
            #expect(result.contents == overlay)
            #expect(result.updated == 0)
        }
    }

    @Test func xliffVersionTwoZeroForToolsThatReadOnlyThat() throws {
        let run = try IntakeExecutable.run(["catalog", "export", "--locale", "fr", "--xliff-version", "2.0"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">"))
        let result = CatalogXLIFF.importing(Data(run.stdout.utf8), file: "fr.xlf", into: ShippedCatalogs.set)
        #expect(result.updated == 0 && !result.refused)
        let bad = try IntakeExecutable.run(["catalog", "export", "--locale", "fr", "--xliff-version", "1.2"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("2.1 or 2.0"))
    }
}
