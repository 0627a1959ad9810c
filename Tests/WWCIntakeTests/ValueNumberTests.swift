import Testing
import WWCIntake

/// One locale's way of writing the same quantities, and what it must refuse.
struct LocaleNumberCase: Sendable, CustomTestStringConvertible {
    var locale: String
    var integer: String            // 7181469
    var decimal: String            // 1234.5
    var percent: String            // 0.734
    var money: String              // 1234.56 in `currency`
    var currency: String
    var wrongSeparators: String    // 1234.5 written with another region's separators
    var testDescription: String { locale }
}

let nbsp = "\u{00A0}"
let nnbsp = "\u{202F}"

let localeNumberCases: [LocaleNumberCase] = [
    .init(locale: "en-US", integer: "7,181,469", decimal: "1,234.5", percent: "73.4%", money: "$1,234.56", currency: "USD", wrongSeparators: "1.234,5"),
    .init(locale: "en-CA", integer: "7,181,469", decimal: "1,234.5", percent: "73.4%", money: "$1,234.56", currency: "CAD", wrongSeparators: "1.234,5"),
    .init(locale: "es-MX", integer: "7,181,469", decimal: "1,234.5", percent: "73.4 %", money: "$1,234.56", currency: "MXN", wrongSeparators: "1.234,5"),
    .init(locale: "es-CO", integer: "7.181.469", decimal: "1.234,5", percent: "73,4 %", money: "$ 1.234,56", currency: "COP", wrongSeparators: "1,234.5"),
    .init(locale: "es-AR", integer: "7.181.469", decimal: "1.234,5", percent: "73,4 %", money: "$ 1.234,56", currency: "ARS", wrongSeparators: "1,234.5"),
    .init(locale: "es-GT", integer: "7,181,469", decimal: "1,234.5", percent: "73.4 %", money: "Q1,234.56", currency: "GTQ", wrongSeparators: "1.234,5"),
    .init(locale: "es-ES", integer: "7.181.469", decimal: "1.234,5", percent: "73,4 %", money: "1.234,56 €", currency: "EUR", wrongSeparators: "1,234.5"),
    .init(locale: "pt-BR", integer: "7.181.469", decimal: "1.234,5", percent: "73,4%", money: "R$ 1.234,56", currency: "BRL", wrongSeparators: "1,234.5"),
    .init(locale: "pt-PT", integer: "7\(nbsp)181\(nbsp)469", decimal: "1234,5", percent: "73,4 %", money: "1234,56 €", currency: "EUR", wrongSeparators: "1.234,5"),
    .init(locale: "fr-CA", integer: "7\(nbsp)181\(nbsp)469", decimal: "1 234,5", percent: "73,4 %", money: "1 234,56 $", currency: "CAD", wrongSeparators: "1.234,5"),
    .init(locale: "fr-FR", integer: "7\(nnbsp)181\(nnbsp)469", decimal: "1 234,5", percent: "73,4 %", money: "1 234,56 €", currency: "EUR", wrongSeparators: "1.234,5"),
    .init(locale: "fr-HT", integer: "7 181 469", decimal: "1\(nnbsp)234,5", percent: "73,4\(nbsp)%", money: "1 234,56 G", currency: "HTG", wrongSeparators: "1,234.5"),
]

@Suite struct ValueNumberTests {
    @Test(arguments: localeNumberCases)
    func integers(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(try parser.integer(sample.integer) == Parsed(7_181_469))
        #expect(try parser.integer("42") == Parsed(42))
    }

    @Test(arguments: localeNumberCases)
    func decimals(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(try parser.decimal(sample.decimal).value == "1234.5")
        #expect(try parser.decimal(sample.decimal).warnings.isEmpty)
    }

    @Test(arguments: localeNumberCases)
    func percents(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(try parser.percent(sample.percent) == Parsed("0.734"))
    }

    @Test(arguments: localeNumberCases)
    func money(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(try parser.money(sample.money) == Parsed(MoneyValue(amount: "1234.56", currency: sample.currency)))
    }

    @Test(arguments: localeNumberCases)
    func rejectsTrailingText(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        for raw in [sample.integer + "abc", sample.integer + " personas"] {
            #expect(throws: ValueError.self) { try parser.integer(raw) }
            #expect(code { try parser.integer(raw) } == .numberInvalid)
        }
        #expect(code { try parser.decimal(sample.decimal + "x") } == .numberInvalid)
        #expect(code { try parser.percent(sample.percent + " aprox") } == .numberInvalid)
    }

    @Test(arguments: localeNumberCases)
    func rejectsOtherRegionsSeparators(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(code { try parser.decimal(sample.wrongSeparators) } == .numberInvalid)
        #expect(code { try parser.money(sample.wrongSeparators) } == .numberInvalid)
    }

    @Test(arguments: localeNumberCases)
    func rejectsExponentsAndUnknownCurrency(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        #expect(code { try parser.decimal("1e3") } == .numberInvalid)
        #expect(code { try parser.integer("1E3") } == .numberInvalid)
        let unknown = sample.money.replacingFirst(of: currencySymbol(in: sample.money), with: "XYZ")
        #expect(code { try parser.money(unknown) } == .moneyCurrencyUnknown)
    }

    @Test(arguments: localeNumberCases)
    func errorsNameTheValueTheLocaleAndAnExample(_ sample: LocaleNumberCase) throws {
        let parser = try ValueParser(locale: sample.locale)
        do {
            _ = try parser.decimal(sample.wrongSeparators)
            Issue.record("accepted \(sample.wrongSeparators)")
        } catch {
            #expect(error.arguments["value"] == .text(sample.wrongSeparators))
            #expect(error.arguments["locale"] == .text(sample.locale))
            // The example is 1234.5 the locale's way, so it parses back to 1234.5.
            guard case .text(let example)? = error.arguments["example"] else {
                Issue.record("no example")
                return
            }
            #expect(try parser.decimal(example).value == "1234.5")
        }
    }

    // MARK: Spec examples and pitfalls

    @Test func integerWithDecimalSeparatorIsAnErrorInEnglish() throws {
        let parser = try ValueParser(locale: "en-US")
        #expect(code { try parser.integer("1.234") } == .numberInvalid)
        #expect(code { try parser.integer("1.000") } == .numberInvalid)
        #expect(code { try parser.integer("12,34") } == .numberInvalid)
        #expect(code { try parser.integer("1,234abc") } == .numberInvalid)
        #expect(code { try parser.integer("1 234") } == .numberInvalid)
        // Where "." groups, the same text is a thousand and more.
        #expect(try ValueParser(locale: "es-CO").integer("1.234").value == 1234)
    }

    @Test(arguments: [
        ("en-US", "12500000.50", "12500000.5"),
        ("en-US", "12,500,000.5", "12500000.5"),
        ("en-US", "14.2", "14.2"),
        ("en-US", "0.734", "0.734"),
        ("en-US", ".5", "0.5"),
        ("en-US", "0.000001", "0.000001"),
        ("en-US", "12345678901234567890.5", "12345678901234567890.5"),
        ("en-US", "-1,234.50", "-1234.5"),
        ("en-US", "1,234,567.5", "1234567.5"),
        ("es-CO", "14,2", "14.2"),
        ("es-CO", "12.500.000,5", "12500000.5"),
        ("fr-FR", "14,2", "14.2"),
        ("pt-BR", "0,734", "0.734"),
    ])
    func exactDecimals(locale: String, raw: String, expected: String) throws {
        #expect(try ValueParser(locale: locale).decimal(raw).value == expected)
    }

    @Test(arguments: [
        ("en-US", "12,34"), ("en-US", "1,2345"), ("en-US", "1e3"), ("en-US", "1.5e2"), ("en-US", "+5"),
        ("en-US", "1,234abc"), ("en-US", "abc"), ("en-US", "1..2"), ("fr-FR", "1.234"), ("fr-FR", "1.234,5"),
        ("fr-CA", "1.234"), ("pt-PT", "1.234"), ("en-US", "1'234"), ("es-CO", "1,234.5"), ("es-MX", "1.234,5"),
    ])
    func rejectedDecimals(locale: String, raw: String) throws {
        #expect(code { try ValueParser(locale: locale).decimal(raw) } == .numberInvalid)
    }

    @Test func emptyNumberIsTextEmpty() throws {
        #expect(code { try ValueParser(locale: "en-US").decimal(" \u{00A0} ") } == .textEmpty)
    }

    @Test func frenchSpacesAreAllGrouping() throws {
        let parser = try ValueParser(locale: "fr-FR")
        for space in [" ", "\u{00A0}", "\u{202F}"] {
            #expect(try parser.integer("7\(space)181\(space)469").value == 7_181_469)
            #expect(try parser.percent("12,5\(space)%").value == "0.125")
            #expect(try parser.money("1\(space)234,56\(space)€").value == MoneyValue(amount: "1234.56", currency: "EUR"))
        }
        let canadian = try ValueParser(locale: "fr-CA")
        for space in [" ", "\u{00A0}", "\u{202F}"] {
            #expect(try canadian.money("1\(space)234,56\(space)$").value == MoneyValue(amount: "1234.56", currency: "CAD"))
        }
    }

    // MARK: Ambiguity

    @Test func singleGroupingSeparatorIsAmbiguous() throws {
        let english = try ValueParser(locale: "en-US")
        let parsed = try english.decimal("1,234")
        #expect(parsed.value == "1234")
        #expect(parsed.warnings.map(\.code) == [.numberAmbiguous])
        #expect(parsed.warnings.first?.arguments["interpretation"] == "1234")
        #expect(parsed.warnings.first?.arguments["alternative"] == "1.234")
        let colombian = try ValueParser(locale: "es-CO")
        #expect(try colombian.decimal("1.234").warnings.map(\.code) == [.numberAmbiguous])
        // Not ambiguous: two groups, a decimal part, or a space group.
        #expect(try english.decimal("1,234,567").warnings.isEmpty)
        #expect(try english.decimal("1,234.5").warnings.isEmpty)
        #expect(try english.decimal("1234").warnings.isEmpty)
        #expect(try ValueParser(locale: "fr-FR").decimal("1 234").warnings.isEmpty)
        // A lone decimal separator before three digits could be grouping written elsewhere.
        let mexican = try ValueParser(locale: "es-MX").decimal("1.500")
        #expect(mexican.value == "1.5")
        #expect(mexican.warnings.first?.code == .numberAmbiguous)
        #expect(mexican.warnings.first?.arguments["alternative"] == "1500")
        #expect(try english.decimal("0.125").warnings.isEmpty)
        #expect(try english.decimal("14.2").warnings.isEmpty)
        #expect(try english.decimal("1234.567").warnings.isEmpty)
        #expect(try english.decimal("-1,234").warnings.first?.arguments["alternative"] == "-1.234")
        // Money is stricter: "$1.500" in es-MX cannot be 1.500 pesos (two minor digits) and
        // 1500 would need "." grouping, so it is an error (ValueMoneyTests).
        #expect(code { try ValueParser(locale: "es-MX").money("$1.500") } == .moneyAmbiguous)
        // …but "$850,000" cannot mean 850.000 dollars (two minor digits): not ambiguous.
        #expect(try ValueParser(locale: "en-CA").money("$850,000").warnings.isEmpty)
        #expect(try ValueParser(locale: "es-CO").money("$ 1.500").warnings.isEmpty)
        // A currency with three minor digits keeps the warning.
        #expect(try ValueParser(locale: "en-US").money("BHD 1,500").warnings.map(\.code) == [.numberAmbiguous])
        // Integer fields cannot mean 1.234, so no warning.
        #expect(try english.integer("1,234").warnings.isEmpty)
    }

    // MARK: Percent

    @Test(arguments: [
        ("fr-FR", "73,4 %", "0.734", false),
        ("en-US", "73.4%", "0.734", false),
        ("en-US", "150%", "1.5", false),
        ("en-US", "-5%", "-0.05", false),
        ("en-US", "73.4", "0.734", false),
        ("en-US", "60", "0.6", false),
        ("en-US", "0.734", "0.734", true),
        ("en-US", "1", "1", true),
        ("en-US", "0", "0", false),
        ("es-CO", "0,6", "0.6", true),
        ("es-CO", "60", "0.6", false),
    ])
    func percentToFraction(locale: String, raw: String, expected: String, ambiguous: Bool) throws {
        let parsed = try ValueParser(locale: locale).percent(raw)
        #expect(parsed.value == expected)
        #expect(parsed.warnings.map(\.code) == (ambiguous ? [.percentAmbiguous] : []))
    }

    // MARK: Money

    @Test(arguments: [
        ("pt-BR", "R$ 1.234,56", "1234.56", "BRL"),
        ("pt-BR", "R$1.234,56", "1234.56", "BRL"),
        ("es-MX", "$1,234.56", "1234.56", "MXN"),
        ("es-MX", "$ 1,234.56", "1234.56", "MXN"),
        ("es-CO", "$ 1.250.000.000", "1250000000", "COP"),
        ("es-CO", "$1.250.000,50", "1250000.5", "COP"),
        ("es-AR", "$ 1.234,56", "1234.56", "ARS"),
        ("fr-CA", "1 234,56 $", "1234.56", "CAD"),
        ("fr-CA", "1 234,56$", "1234.56", "CAD"),
        ("en-CA", "$1,234.56", "1234.56", "CAD"),
        ("en-US", "$1,234.56", "1234.56", "USD"),
        ("en-US", "USD 1,200.50", "1200.5", "USD"),
        ("en-US", "1,200.50 USD", "1200.5", "USD"),
        ("en-US", "EUR 1,200.50", "1200.5", "EUR"),
        ("fr-FR", "1 200,50 EUR", "1200.5", "EUR"),
        ("fr-FR", "1 200,50 €", "1200.5", "EUR"),
        ("es-MX", "MXN 1,234.56", "1234.56", "MXN"),
        ("es-CO", "USD 1.234,56", "1234.56", "USD"),
        ("pt-BR", "R$ 1.234.567,89", "1234567.89", "BRL"),     // spec: canonical record example
    ])
    func moneyAmounts(locale: String, raw: String, amount: String, currency: String) throws {
        let parsed = try ValueParser(locale: locale).money(raw)
        #expect(parsed.value == MoneyValue(amount: amount, currency: currency))
        #expect(parsed.warnings.isEmpty)
    }

    @Test func bareAmountTakesTheRegionCurrencyWithAWarning() throws {
        let parsed = try ValueParser(locale: "es-CO").money("1.250.000,50")
        #expect(parsed.value == MoneyValue(amount: "1250000.5", currency: "COP"))
        #expect(parsed.warnings.map(\.code) == [.moneyCurrencyAssumed])
        #expect(parsed.warnings.first?.arguments["currency"] == "COP")
    }

    @Test func unknownCurrency() throws {
        let parser = try ValueParser(locale: "en-US")
        do {
            _ = try parser.money("XYZ 1,200.50")
            Issue.record("accepted XYZ")
        } catch {
            #expect(error.code == .moneyCurrencyUnknown)
            #expect(error.arguments["currency"] == "XYZ")
        }
        #expect(code { try parser.money("1,200.50 ABC") } == .moneyCurrencyUnknown)
        #expect(code { try parser.money("1,234abc") } == .numberInvalid)
        #expect(code { try ValueParser(locale: "pt-BR").money("R$ 1,234.56") } == .numberInvalid)
    }

    // MARK: Years

    @Test func years() throws {
        let parser = try ValueParser(locale: "es-CO")
        #expect(try parser.year("2023") == 2023)
        #expect(try parser.year(" 1800 ") == 1800)
        #expect(code { try parser.year("2.023") } == .numberInvalid)
        #expect(code { try parser.year("2023.0") } == .numberInvalid)
        #expect(code { try parser.year("año 2023") } == .numberInvalid)
        #expect(code { try parser.year("1799") } == .numberOutOfRange)
        #expect(code { try parser.year("2201") } == .numberOutOfRange)
    }
}

/// The code a throwing parse fails with, or nil when it succeeds.
func code<T>(_ body: () throws -> T) -> DiagnosticCode? {
    do {
        _ = try body()
        return nil
    } catch let error as ValueError {
        return error.code
    } catch {
        return "unexpected.error"
    }
}

/// The non-numeric run of a money sample (its currency sign).
func currencySymbol(in money: String) -> String {
    let scalars = money.unicodeScalars.filter { !($0.properties.numericType == .decimal || " .,\u{00A0}\u{202F}".unicodeScalars.contains($0)) }
    return String(String.UnicodeScalarView(scalars))
}

extension String {
    func replacingFirst(of target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
