import Foundation
import Testing
@testable import WWCIntake

/// Example values in messages come from the form's region (`locales/examples.json`), whatever
/// language the message is shown in.
@Suite struct MessageExampleTests {
    static let examples = TestCatalogs.shared.valueExamples

    /// A Spanish form from `country` whose contact e-mail is `email`.
    static func form(country: String, email: String) -> String {
        FormFixtures.spanish(country: country).replacingOccurrences(of: "datos@bogota.gov.co", with: email)
    }

    @Test(arguments: [
        ("Colombia", "es-CO", "datos@ciudad.gov.co"),
        ("México", "es-MX", "datos@ciudad.gob.mx"),
        ("Argentina", "es-AR", "datos@ciudad.gob.ar"),
        ("Perú", "es-PE", "datos@municipalidad.gob.pe"),
    ])
    func emailExampleFollowsTheFormsCountry(country: String, locale: String, example: String) throws {
        let result = TestCatalogs.convert(Self.form(country: country, email: "datos(at)ciudad"))
        let diagnostic = try #require(result.diagnostics.first { $0.code == .emailInvalid }, "\(result.diagnostics)")
        #expect(diagnostic.arguments["example"] == .text(example))
        // The message's language changes; the example, which the city must follow, does not.
        let expected = [
            "en": "“datos(at)ciudad” is not a valid email address; expected an address such as \(example).",
            "es": "«datos(at)ciudad» no es una dirección de correo electrónico válida; se esperaba una dirección como \(example).",
        ]
        for language in ["en", "es", "pt", "fr"] {
            let message = TestCatalogs.shared.render(diagnostic, language: language)
            #expect(message.contains(" \(example)"), "\(language): \(message)")
            if let text = expected[language] { #expect(message == text) }
        }
    }

    /// One parser per form language and region: the example is the region's, in its language's words.
    @Test(arguments: [
        ("en-US", "data@city.gov", "https://www.city.gov/data", "+1 201 555 0123"),
        ("en-CA", "data@city.ca", "https://www.city.ca/data", "+1 506 234 5678"),
        ("es-CO", "datos@ciudad.gov.co", "https://www.ciudad.gov.co/datos", "+57 601 234 5678"),
        ("pt-BR", "dados@cidade.sp.gov.br", "https://www.cidade.sp.gov.br/dados", "+55 11 2345 6789"),
        ("pt-PT", "dados@cm-cidade.pt", "https://www.cm-cidade.pt/dados", "+351 212 345 678"),
        ("fr-CA", "donnees@ville.qc.ca", "https://www.ville.qc.ca/donnees", "+1 506 234 5678"),
        ("fr-HT", "donnees@ville.gouv.ht", "https://www.ville.gouv.ht/donnees", "+509 22 45 3300"),
        ("es-UY", "datos@ciudad.org", "https://www.ciudad.org/datos", "+52 200 123 4567"),
    ])
    func contactExamplesByRegion(locale: String, email: String, url: String, phone: String) throws {
        let parser = try ValueParser(locale: locale, examples: Self.examples)
        func example(_ parse: () throws(ValueError) -> String) -> MessageArgument? {
            do throws(ValueError) {
                _ = try parse()
                return nil
            } catch {
                return error.arguments["example"]
            }
        }
        #expect(example { () throws(ValueError) in try parser.email("no at sign") } == .text(email))
        #expect(example { () throws(ValueError) in try parser.url("www dot city") } == .text(url))
        #expect(example { () throws(ValueError) in try parser.phone("call the office") } == .text(phone))
    }

    /// Every example offered is itself a value the parser accepts (a message must never show
    /// an example that would be rejected).
    @Test func everyExampleIsAcceptedByItsOwnRule() throws {
        #expect(Self.examples.values.count >= 16)
        for (tag, values) in Self.examples.values {
            let parser = try ValueParser(locale: tag.count == 2 && tag.uppercased() == tag ? "en-\(tag)" : tag)
            for (kind, example) in values {
                switch kind {
                case .email: #expect(throws: Never.self, "\(tag)") { _ = try parser.email(example) }
                case .url: #expect(throws: Never.self, "\(tag)") { _ = try parser.url(example) }
                case .phone: #expect(throws: Never.self, "\(tag)") { _ = try parser.phone(example) }
                }
            }
        }
    }

    @Test func lookupGoesFromLocaleToRegionToLanguageToEnglish() {
        let examples = ValueExamples(values: [
            "fr-CA": [.email: "a"], "CA": [.email: "b", .phone: "c"], "fr": [.url: "d"], "en": [.url: "e", .phone: "f"],
        ])
        #expect(examples.example(.email, locale: "fr-CA") == "a")
        #expect(examples.example(.email, locale: "en-CA") == "b")
        #expect(examples.example(.phone, locale: "fr-CA") == "c")
        #expect(examples.example(.url, locale: "fr-CA") == "d")
        #expect(examples.example(.url, locale: "de-AT") == "e")
        #expect(examples.example(.phone, locale: "es") == "f")
        #expect(examples.example(.email, locale: "es") == nil)
    }

    /// Money examples are written the way the form's region writes money (ICU, es-CO: the peso,
    /// `.` grouping, `,` decimals), not the way the message language does.
    @Test func moneyExampleIsInTheFormsRegionNotTheMessageLanguage() throws {
        let parser = try ValueParser(locale: "es-CO", examples: Self.examples)
        do throws(ValueError) {
            _ = try parser.money("mil pesos")
            Issue.record("accepted")
        } catch {
            guard case .text(let example) = error.arguments["example"] else {
                Issue.record("no example: \(error)")
                return
            }
            #expect(example.filter(\.isNumber) == "123456")
            #expect(example.contains("1.234,56"))
            let diagnostic = error.diagnostic()
            for language in ["en", "es", "pt", "fr"] {
                #expect(TestCatalogs.shared.render(diagnostic, language: language).contains(example))
            }
        }
    }
}
