import Foundation
import Testing
@testable import WWCIntake

/// Messages rendered through ICU MessageFormat from the shipped catalogs. Runs once the value
/// layer's real `MessageFormatter` is linked (the temporary stand-in does no plural selection).
enum ICUMessageFormatting {
    static var available: Bool {
        (try? MessageFormatter.format("{n, plural, one {a} other {b}}", locale: "en", arguments: ["n": .number(1)])) == "a"
    }
}

@Suite("Catalog render", .enabled(if: ICUMessageFormatting.available))
struct CatalogRenderTests {

    static func summary(_ language: String, errors: Int, warnings: Int, files: Int) -> String {
        ShippedCatalogs.set.render(key: "summary.validate", arguments: [
            "errors": .number(errors), "warnings": .number(warnings), "files": .number(files),
        ], language: language)
    }

    @Test(arguments: [
        ("en", 1, 0, 1, "1 error, 0 warnings in 1 file."),
        ("en", 2, 1, 3, "2 errors, 1 warning in 3 files."),
        ("fr", 0, 1, 2, "0 erreur et 1 avertissement dans 2 fichiers."),
        ("fr-CA", 2, 0, 1, "2 erreurs et 0 avertissement dans 1 fichier."),
        ("es", 1, 2, 1, "1 error y 2 advertencias en 1 archivo."),
        ("es-MX", 0, 0, 0, "0 errores y 0 advertencias en 0 archivos."),
        ("pt", 1, 1, 2, "1 erro e 1 aviso em 2 arquivos."),
        ("pt-PT", 2, 0, 1, "2 erros e 0 avisos em 1 ficheiro."),
        ("fr", 1_000_000, 0, 1, "1\u{202F}000\u{202F}000 d’erreurs et 0 avertissement dans 1 fichier."),
        ("es", 1_000_000, 0, 1, "1.000.000 de errores y 0 advertencias en 1 archivo."),
    ])
    func pluralCorrectSummaries(language: String, errors: Int, warnings: Int, files: Int, expected: String) {
        #expect(Self.summary(language, errors: errors, warnings: warnings, files: files) == expected)
    }

    @Test func diagnosticWithFieldGetsTheLocalizedLabel() {
        let diagnostic = Diagnostic.error(.fieldRequired, field: "applicant.population")
        #expect(ShippedCatalogs.set.render(diagnostic, language: "es")
                == "Falta el campo obligatorio «Población» (applicant.population).")
        #expect(ShippedCatalogs.set.render(diagnostic, language: "pt-PT")
                == "Falta o campo obrigatório “População” (applicant.population).")
        #expect(ShippedCatalogs.set.render(diagnostic, language: "en")
                == "The required field “Population” (applicant.population) is missing.")
    }

    @Test func valueLayerArguments() {
        let diagnostic = Diagnostic.error(.dateInvalid, arguments: [
            "value": "31/02/2024", "locale": "es-CO", "example": "15/03/2024",
        ])
        #expect(ShippedCatalogs.set.render(diagnostic, language: "es")
                == "«31/02/2024» no es una fecha válida en es-CO; se esperaba una fecha como 15/03/2024.")
        #expect(ShippedCatalogs.set.render(diagnostic, language: "fr")
                == "«\u{00A0}31/02/2024\u{00A0}» n’est pas une date valide en es-CO\u{202F}; une date comme 15/03/2024 est attendue.")
    }

    @Test func lineNumbersAreNotGrouped() {
        let diagnostic = Diagnostic.error(.fieldDuplicate, arguments: [
            "key": "Población", "line": .number(23456), "firstKey": "Habitantes", "firstLine": .number(12345),
        ])
        #expect(ShippedCatalogs.set.render(diagnostic, language: "en")
                == "“Población” (line 23456) gives the same field as “Habitantes” (line 12345); a field takes one value.")
    }

    @Test func omittedArgumentsNeverShowAsBraces() {
        let diagnostic = Diagnostic.error(.numberInvalid, arguments: ["value": "12,34"])
        let text = ShippedCatalogs.set.render(diagnostic, language: "en")
        #expect(text == "“12,34” is not a number in …; expected a number such as ….")
        #expect(!text.contains("{"))
    }

    @Test func unknownLanguageFallsBackToEnglishAndUnknownCodeToTheCode() {
        let diagnostic = Diagnostic.error(.urlInvalid, arguments: ["value": "htp:/x", "example": "https://x.org"])
        #expect(ShippedCatalogs.set.render(diagnostic, language: "de")
                == "“htp:/x” is not a valid web address; expected an http or https URL such as https://x.org.")
        #expect(ShippedCatalogs.set.render(Diagnostic.error("no.such_code", arguments: ["value": "x"]), language: "es")
                == "no.such_code (value=x)")
    }

    @Test func selectOnLevel() {
        #expect(ShippedCatalogs.set.render(key: "score.level", arguments: ["level": "gold"], language: "pt") == "Nível: Ouro.")
        #expect(ShippedCatalogs.set.render(key: "score.level", arguments: ["level": "none"], language: "es")
                == "Nivel: sin nivel de certificación.")
    }
}
