import Testing
@testable import WWCIntake

@Suite struct MessageFormatterTests {
    let errors = "{count, plural, one {# erreur} other {# erreurs}} dans {file}"

    @Test(arguments: [(0, "0 erreur dans a.xml"), (1, "1 erreur dans a.xml"), (2, "2 erreurs dans a.xml")])
    func frenchPlural(count: Int, expected: String) throws {
        let text = try MessageFormatter.format(errors, locale: "fr-FR", arguments: ["count": .number(count), "file": "a.xml"])
        #expect(text == expected)
    }

    @Test(arguments: [(0, "0 errors"), (1, "1 error"), (2, "2 errors")])
    func englishPlural(count: Int, expected: String) throws {
        let pattern = "{count, plural, one {# error} other {# errors}}"
        #expect(try MessageFormatter.format(pattern, locale: "en", arguments: ["count": .number(count)]) == expected)
    }

    @Test func namedArgumentsAndNumberFormatting() throws {
        let pattern = "El valor «{value}» no es un número en {locale}; ejemplo: {example}. Total: {count, number}"
        let text = try MessageFormatter.format(pattern, locale: "es-CO", arguments: [
            "value": "12,34", "locale": "es-CO", "example": "1.234,5", "count": 1234567,
        ])
        #expect(text == "El valor «12,34» no es un número en es-CO; ejemplo: 1.234,5. Total: 1.234.567")
    }

    @Test func apostrophesFollowICURules() throws {
        #expect(try MessageFormatter.format("l''adresse {value}", locale: "fr", arguments: ["value": "x"]) == "l'adresse x")
    }

    @Test func syntaxErrorHasOffset() {
        do {
            _ = try MessageFormatter.format("{count, plural, one {x}", locale: "en", arguments: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.code == .messageSyntax)
            #expect(error.arguments["offset"] != nil)
        }
        #expect(code { try MessageFormatter.inspect("{value") } == .messageSyntax)
        #expect(code { try MessageFormatter.inspect("{count, plural, one {x}}") } == .messageSyntax)  // no "other"
    }

    /// ICU trims only Pattern_White_Space before a style: after a no-break space the skeleton
    /// `::group-off` would be a DecimalFormat pattern printing its own text.
    @Test func styleAfterANoBreakSpaceIsASyntaxError() throws {
        #expect(code { try MessageFormatter.inspect("ligne {line, number,\u{00A0}::group-off}") } == .messageSyntax)
        #expect(code { try MessageFormatter.inspect("ligne {line, number, \u{00A0}#,##0}") } == .messageSyntax)
        #expect(code { try MessageFormatter.inspect("{d, date,\u{2007}::yMMMd}") } == .messageSyntax)
        // Pattern_White_Space (space, tab, line break) before the style is ICU's to trim.
        #expect(try MessageFormatter.inspect("ligne {line, number,\t ::group-off}").argumentNames == ["line"])
        #expect(try MessageFormatter.format("ligne {line, number,\n::group-off}", locale: "fr",
                                            arguments: ["line": .number(12345)]) == "ligne 12345")
    }

    @Test func inspectListsArgumentsAndPluralKeywords() throws {
        let info = try MessageFormatter.inspect(
            "{count, plural, =0 {Aucune} one {# erreur dans {file}} other {# erreurs}} {value}")
        #expect(info.argumentNames == ["count", "file", "value"])
        #expect(info.pluralKeywords == ["count": ["=0", "one", "other"]])
        let plain = try MessageFormatter.inspect("Valeur {value} ({locale})")
        #expect(plain.argumentNames == ["value", "locale"])
        #expect(plain.pluralKeywords.isEmpty)
        let select = try MessageFormatter.inspect("{kind, select, a {A} other {B}}")
        #expect(select.argumentNames == ["kind"])
        #expect(select.pluralKeywords.isEmpty)
    }

    @Test(arguments: [
        ("en", ["one", "other"]),
        ("es", ["many", "one", "other"]),
        ("pt", ["many", "one", "other"]),
        ("pt-PT", ["many", "one", "other"]),
        ("fr", ["many", "one", "other"]),
        ("ja", ["other"]),
    ])
    func pluralCategories(locale: String, expected: [String]) {
        #expect(PluralRules.categories(locale: locale) == expected)
    }
}
