import Testing
import WWCIntake

/// 15 March 2024 as each locale writes it in its short, medium and long forms (ICU 72 / CLDR 42).
struct LocaleDateCase: Sendable, CustomTestStringConvertible {
    var locale: String
    var short: String
    var shortFourDigitYear: String
    var medium: String
    var long: String
    /// 31 February in the locale's numeric order.
    var february31: String
    /// A day/month order this locale does not use.
    var wrongOrder: String
    var testDescription: String { locale }
}

let localeDateCases: [LocaleDateCase] = [
    .init(locale: "en-US", short: "3/15/24", shortFourDigitYear: "03/15/2024", medium: "Mar 15, 2024", long: "March 15, 2024", february31: "2/31/2024", wrongOrder: "15/03/2024"),
    .init(locale: "en-CA", short: "3/15/24", shortFourDigitYear: "3/15/2024", medium: "Mar 15, 2024", long: "March 15, 2024", february31: "2/31/2024", wrongOrder: "15/03/2024"),
    .init(locale: "es-MX", short: "15/03/24", shortFourDigitYear: "15/03/2024", medium: "15 mar 2024", long: "15 de marzo de 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "es-CO", short: "15/03/24", shortFourDigitYear: "15/03/2024", medium: "15/03/2024", long: "15 de marzo de 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "es-AR", short: "15/3/24", shortFourDigitYear: "15/3/2024", medium: "15 mar 2024", long: "15 de marzo de 2024", february31: "31/2/2024", wrongOrder: "3/15/2024"),
    .init(locale: "es-GT", short: "15/03/24", shortFourDigitYear: "15/03/2024", medium: "15/03/2024", long: "15 de marzo de 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "es-ES", short: "15/3/24", shortFourDigitYear: "15/03/2024", medium: "15 mar 2024", long: "15 de marzo de 2024", february31: "31/2/2024", wrongOrder: "3/15/2024"),
    .init(locale: "pt-BR", short: "15/03/2024", shortFourDigitYear: "15/03/2024", medium: "15 de mar. de 2024", long: "15 de março de 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "pt-PT", short: "15/03/24", shortFourDigitYear: "15/03/2024", medium: "15/03/2024", long: "15 de março de 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "fr-CA", short: "2024-03-15", shortFourDigitYear: "2024-03-15", medium: "15 mars 2024", long: "15 mars 2024", february31: "2024-02-31", wrongOrder: "03/15/2024"),
    .init(locale: "fr-FR", short: "15/03/2024", shortFourDigitYear: "15/03/2024", medium: "15 mars 2024", long: "15 mars 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
    .init(locale: "fr-HT", short: "15/03/2024", shortFourDigitYear: "15/03/2024", medium: "15 mars 2024", long: "15 mars 2024", february31: "31/02/2024", wrongOrder: "03/15/2024"),
]

@Suite struct ValueDateTests {
    @Test(arguments: localeDateCases)
    func localeForms(_ sample: LocaleDateCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        for raw in [sample.short, sample.shortFourDigitYear, sample.medium, sample.long, "2024-03-15"] {
            #expect(try parser.date(raw) == Parsed("2024-03-15"), "\(raw)")
        }
    }

    @Test(arguments: localeDateCases)
    func noRollover(_ sample: LocaleDateCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(code { try parser.date(sample.february31) } == .dateInvalid)
        #expect(code { try parser.date("2024-02-30") } == .dateInvalid)
        #expect(code { try parser.date("2024-13-01") } == .dateInvalid)
        // 29 February exists in 2024 only.
        #expect(try parser.date("2024-02-29").value == "2024-02-29")
        #expect(code { try parser.date("2023-02-29") } == .dateInvalid)
        #expect(code { try parser.date("0001-01-01") } == .dateInvalid)
        #expect(code { try parser.date("2999-01-01") } == .dateInvalid)
    }

    @Test(arguments: localeDateCases)
    func rejectsOtherOrdersAndTrailingText(_ sample: LocaleDateCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(code { try parser.date(sample.wrongOrder) } == .dateInvalid)
        #expect(code { try parser.date(sample.long + " aprox.") } == .dateInvalid)
        #expect(code { try parser.date(sample.shortFourDigitYear + "x") } == .dateInvalid)
        #expect(code { try parser.date("mañana") } == .dateInvalid)
        // ISO needs two-digit months; fr-CA's own short form (y-MM-dd) reads 2024-3-15 like ICU does.
        if sample.locale != "fr-CA" {
            #expect(code { try parser.date("2024-3-15") } == .dateInvalid)
        }
    }

    @Test(arguments: localeDateCases)
    func errorCarriesALocalExample(_ sample: LocaleDateCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        do {
            _ = try parser.date("32 32 32")
            Issue.record("accepted")
        } catch {
            #expect(error.arguments["locale"] == .text(sample.locale))
            guard case .text(let example)? = error.arguments["example"] else {
                Issue.record("no example")
                return
            }
            #expect(example.contains("2024"))
            #expect(try parser.date(example).value == "2024-03-15")
        }
    }

    @Test(arguments: [
        ("es-CO", "15/03/2024", "2024-03-15"),
        ("en-US", "03/15/2024", "2024-03-15"),
        ("fr-CA", "2024-03-15", "2024-03-15"),
        ("pt-BR", "15 de março de 2024", "2024-03-15"),
        ("pt-PT", "15 de março de 2024", "2024-03-15"),
        ("es-CO", "1/06/2021", "2021-06-01"),
        ("es-MX", "viernes, 15 de marzo de 2024", "2024-03-15"),
        ("en-US", "march 15, 2024", "2024-03-15"),
        ("en-US", "MARCH 15, 2024", "2024-03-15"),
        ("es-CO", "15 De Marzo De 2024", "2024-03-15"),
        ("fr-FR", "15 MARS 2024", "2024-03-15"),
        ("es-CO", " 15/03/2024 ", "2024-03-15"),
    ])
    func specExamples(locale: String, raw: String, expected: String) throws {
        #expect(try ValueParser(locale: locale).date(raw).value == expected)
    }

    @Test func swappableDayAndMonthAreFlagged() throws {
        let parsed = try ValueParser(locale: "es-CO").date("03/04/2024")
        #expect(parsed.value == "2024-04-03")
        #expect(parsed.warnings.map(\.code) == [.dateAmbiguous])
        #expect(parsed.warnings.first?.arguments["alternative"] == "2024-03-04")
        #expect(try ValueParser(locale: "en-US").date("03/04/2024").value == "2024-03-04")
        // Not ambiguous: ISO, a month name, day > 12, or day == month.
        #expect(try ValueParser(locale: "es-CO").date("2024-04-03").warnings.isEmpty)
        #expect(try ValueParser(locale: "es-CO").date("3 de abril de 2024").warnings.isEmpty)
        #expect(try ValueParser(locale: "es-CO").date("13/04/2024").warnings.isEmpty)
        #expect(try ValueParser(locale: "es-CO").date("04/04/2024").warnings.isEmpty)
    }

    @Test func englishDayFirstIsNotSilentlyRolledOver() throws {
        // Lenient ICU reads this as month 15 → 2025-03-03.
        #expect(code { try ValueParser(locale: "en-US").date("15/03/2024") } == .dateInvalid)
    }
}
