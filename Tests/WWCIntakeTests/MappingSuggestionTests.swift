import Foundation
import Testing
@testable import WWCIntake

/// "Did you mean": an unknown key one or two typing slips from exactly one label of the form's
/// language names that label, and the missing field's `field.required` points at the key.
@Suite struct MappingSuggestionTests {
    static func sample(_ path: String, replacing original: String, with typo: String) throws -> String {
        let text = try String(contentsOf: TestCatalogs.samples.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("\"\(original)\""))
        return text.replacingOccurrences(of: "\"\(original)\"", with: "\"\(typo)\"")
    }

    @Test(arguments: [
        ("en/louisville.json", "Population", "Popluation", "en", 8, 5,
         "“Popluation” is not a field of this form (did you mean “Population”?); its value is kept under “unmapped”.",
         "The required field “Population” (applicant.population) is missing; “Popluation” here looks like a misspelling of it."),
        ("es/monterrey.json", "Población", "Pobalción", "es", 6, 3,
         "«Pobalción» no es un campo de este formulario (¿quiso decir «Población»?); su valor se conserva en «unmapped».",
         "Falta el campo obligatorio «Población» (applicant.population); «Pobalción», aquí, parece una errata de ese nombre."),
        ("pt/recife.json", "População", "Popualção", "pt", 7, 5,
         "“Popualção” não é um campo deste formulário (você quis dizer “População”?); o valor foi mantido em “unmapped”.",
         "Falta o campo obrigatório “População” (applicant.population); “Popualção”, aqui, parece um erro de digitação desse nome."),
        ("fr/port-au-prince.json", "Population", "Populaton", "fr", 7, 3,
         "«\u{A0}Populaton\u{A0}» n’est pas un champ de ce formulaire (vouliez-vous dire «\u{A0}Population\u{A0}»\u{202F}?)\u{202F}; sa valeur est conservée sous «\u{A0}unmapped\u{A0}».",
         "Le champ obligatoire «\u{A0}Population\u{A0}» (applicant.population) est absent\u{202F}; «\u{A0}Populaton\u{A0}», ici, semble en être une faute de frappe."),
    ])
    func typoOfOneLabelIsNamedInBothDiagnostics(
        path: String, original: String, typo: String, language: String, line: Int, column: Int,
        warning: String, error: String
    ) throws {
        let result = TestCatalogs.convert(try Self.sample(path, replacing: original, with: typo))
        #expect(result.record == nil)
        let unknown = try #require(result.diagnostics.first { $0.code == .fieldUnknown && $0.arguments["key"] == .text(typo) })
        let required = try #require(result.diagnostics.first { $0.code == .fieldRequired })
        #expect(required.field == "applicant.population")
        #expect(unknown.line == line && unknown.column == column)
        #expect(required.line == line && required.column == column)  // points at the misspelled key
        #expect(TestCatalogs.shared.render(unknown, language: language) == warning)
        #expect(TestCatalogs.shared.render(required, language: language) == error)
    }

    @Test func onlyOneFieldWithinReachIsSuggested() throws {
        let resolver = try #require(TestCatalogs.converter.resolvers.resolver(for: "en"))
        #expect(resolver.suggestion(for: "Cty", in: .root) == nil)  // too short to guess from
        // One slip from `Date` (submission.date) and from `State` (applicant.region): no guess.
        #expect(resolver.suggestion(for: "Sate", in: .root) == nil)
        #expect(resolver.suggestion(for: "Contact nme", in: .root)?.label == "Contact name")
        #expect(resolver.suggestion(for: "Popluation", in: .root).map { resolver.schema[$0.field].id } == "applicant.population")
        #expect(resolver.suggestion(for: "Population", in: .root) == nil)  // an exact label is no typo
        #expect(resolver.suggestion(for: "Zzzzzzzzzz", in: .root) == nil)
    }

    @Test(arguments: [
        ("ab", "ba", 1), ("popluation", "population", 1), ("pobalcion", "poblacion", 1),
        ("kitten", "sitting", nil), ("abc", "abc", 0), ("city", "cities", nil), ("state", "sate", 1),
    ] as [(String, String, Int?)])
    func optimalStringAlignmentDistance(a: String, b: String, expected: Int?) {
        #expect(LabelSuggestion.distance(Array(a), Array(b), limit: 2) == expected)
    }
}
