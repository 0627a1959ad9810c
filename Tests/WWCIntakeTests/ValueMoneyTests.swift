import Foundation
import Testing
import WWCIntake

/// Money as people of each region write it (issue 14) and the fraction-digit rule (issue 13:
/// "money a thousand times too small").
@Suite struct ValueMoneyTests {
    // MARK: Symbols and codes from ICU's currency data

    @Test(arguments: [
        // A symbol plus the code that decides it (Mexican invoices).
        ("es-MX", "$2,500,000.00 MXN", "2500000", "MXN"),
        ("es-MX", "$2,500.00 USD", "2500", "USD"),
        ("es-MX", "MX$1,250", "1250", "MXN"),
        ("es-CO", "MX$ 1.250", "1250", "MXN"),
        ("es-CO", "$ 100 USD", "100", "USD"),
        ("es-AR", "US$ 1.250", "1250", "USD"),
        ("es-PE", "S/ 1,250.00", "1250", "PEN"),
        ("es-PE", "US$ 1,250.00", "1250", "USD"),
        ("es-CL", "$ 1.250.000", "1250000", "CLP"),
        ("es-CL", "$ 1.250 CLP", "1250", "CLP"),
        ("es-PR", "$1,250.00 USD", "1250", "USD"),
        ("pt-BR", "R$ 1.250,00", "1250", "BRL"),
        ("pt-BR", "US$ 1.000", "1000", "USD"),
        ("pt-PT", "1250,00 EUR", "1250", "EUR"),
        ("pt-PT", "US$ 1250,00", "1250", "USD"),
        ("fr-FR", "1 250,00 $US", "1250", "USD"),
        ("fr-FR", "1 250,00 $ US", "1250", "USD"),
        ("fr-CA", "1 234,56 $ CA", "1234.56", "CAD"),
        ("fr-HT", "1 250,00 G", "1250", "HTG"),
        ("fr-HT", "US$ 1 250,00", "1250", "USD"),
        ("en-US", "US$ 1,250,000", "1250000", "USD"),
        ("en-US", "R$ 1,250.00", "1250", "BRL"),
        ("en-CA", "CA$1,250", "1250", "CAD"),
        ("en-JM", "$1,250.00 JMD", "1250", "JMD"),
        ("en-JM", "US$1,250", "1250", "USD"),
    ])
    func symbolsAndCodes(locale: String, raw: String, amount: String, currency: String) throws {
        let parsed = try ValueParser(locale: locale).money(raw)
        #expect(parsed.value == MoneyValue(amount: amount, currency: currency))
        #expect(parsed.warnings.isEmpty)
    }

    @Test(arguments: [
        ("en-US", "€2,500 USD", "€", "USD"),
        ("es-MX", "R$ 100 MXN", "R$", "MXN"),
        ("fr-CA", "100 € CAD", "€", "CAD"),
        ("pt-BR", "US$ 100 BRL", "US$", "BRL"),
    ])
    func aSymbolThatContradictsTheCodeIsAnError(locale: String, raw: String, symbol: String, code: String) throws {
        do {
            let parsed = try ValueParser(locale: locale).money(raw)
            Issue.record("\(raw) read as \(parsed.value)")
        } catch {
            #expect(error.code == .moneyCurrencyConflict)
            #expect(error.arguments["symbol"] == .text(symbol))
            #expect(error.arguments["code"] == .text(code))
        }
    }

    /// `C$` is, in CLDR, only the córdoba's narrow symbol: alone outside Nicaragua it names
    /// no currency (an error asking for a code), never a silent NIO.
    @Test func aForeignNarrowSymbolAloneIsNotACurrency() throws {
        #expect(code { try ValueParser(locale: "en-CA").money("C$1,250") } == .moneyCurrencyUnknown)
        #expect(try ValueParser(locale: "en-US").money("C$ 100 NIO").value == MoneyValue(amount: "100", currency: "NIO"))
    }

    // MARK: Never more fraction digits than the currency has

    /// Issue 13's examples and their kin: the only reading ICU offers has three decimals for a
    /// two-decimal currency; the other (thousands) needs a separator the locale does not use.
    @Test(arguments: [
        ("es-CO", "US$ 250,000", "250", "250000", "USD"),
        ("pt-BR", "R$ 1,250", "1.25", "1250", "BRL"),
        ("es-MX", "$1.250", "1.25", "1250", "MXN"),
        ("fr-CA", "250,000 $", "250", "250000", "CAD"),
        ("es-CO", "$ 250,000", "250", "250000", "COP"),
        ("es-PE", "S/ 1.250", "1.25", "1250", "PEN"),
        ("es-AR", "$ 2,500", "2.5", "2500", "ARS"),
        ("es-PR", "$1.250", "1.25", "1250", "USD"),
        ("pt-PT", "1,250 €", "1.25", "1250", "EUR"),
        ("fr-FR", "1,250 €", "1.25", "1250", "EUR"),
        ("fr-HT", "1,250 G", "1.25", "1250", "HTG"),
        ("en-US", "$1.250", "1.25", "1250", "USD"),
        ("en-CA", "$2.500", "2.5", "2500", "CAD"),
        ("en-JM", "$1.250", "1.25", "1250", "JMD"),
        ("pt-BR", "1,250", "1.25", "1250", "BRL"),   // bare amount: the region's currency
    ])
    func aReadingWithTooManyDecimalsIsNeverChosen(
        locale: String, raw: String, interpretation: String, alternative: String, currency: String
    ) throws {
        do {
            let parsed = try ValueParser(locale: locale).money(raw)
            Issue.record("\(raw) in \(locale) read as \(parsed.value)")
        } catch {
            #expect(error.code == .moneyAmbiguous)
            #expect(error.arguments["interpretation"] == .text(interpretation))
            #expect(error.arguments["alternative"] == .text(alternative))
            #expect(error.arguments["currency"] == .text(currency))
            #expect(error.arguments["digits"] == .number(2))
        }
    }

    /// The error says how to write each reading the locale's way.
    @Test func theErrorShowsHowToWriteIt() throws {
        do {
            _ = try ValueParser(locale: "es-CO").money("US$ 250,000")
            Issue.record("accepted")
        } catch {
            #expect(error.arguments["example"] == .text("US$\u{00A0}250.000,00"))
            #expect(error.arguments["interpretationExample"] == .text("US$\u{00A0}250,00"))
        }
        do {
            _ = try ValueParser(locale: "es-MX").money("$1.250")
            Issue.record("accepted")
        } catch {
            #expect(error.arguments["example"] == .text("$1,250.00"))
        }
    }

    @Test func currenciesWithOtherMinorUnits() throws {
        // CLP has no minor unit: a fraction that is not three-digit grouping is not a number.
        #expect(code { try ValueParser(locale: "es-CL").money("$ 1,5") } == .numberInvalid)
        // Nor is a four-digit fraction anywhere.
        #expect(code { try ValueParser(locale: "pt-BR").money("R$ 1,2500") } == .numberInvalid)
        // Written the locale's way, the same amounts are fine.
        #expect(try ValueParser(locale: "es-CO").money("US$ 250.000").value == MoneyValue(amount: "250000", currency: "USD"))
        #expect(try ValueParser(locale: "pt-BR").money("R$ 1,25").value == MoneyValue(amount: "1.25", currency: "BRL"))
        #expect(try ValueParser(locale: "fr-CA").money("250 000 $").value == MoneyValue(amount: "250000", currency: "CAD"))
        // Three minor digits (BHD): 1,500 can be read either way and stays a warning.
        #expect(try ValueParser(locale: "en-US").money("BHD 1,500").warnings.map(\.code) == [.numberAmbiguous])
    }

    @Test func inAFormTheRecordIsNotWritten() throws {
        let form = try String(contentsOf: TestCatalogs.samples.appendingPathComponent("es/monterrey.json"), encoding: .utf8)
        #expect(TestCatalogs.convert(form).record?.budgetDataAnnual == CanonicalApplication.Money(amount: "2500000.5", currency: "MXN"))
        let changed = form.replacingOccurrences(of: "\"$2,500,000.50\"", with: "\"$2.500\"")
        #expect(changed != form)
        let result = TestCatalogs.convert(changed)
        #expect(result.record == nil)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [.moneyAmbiguous])
        #expect(result.diagnostics.first?.field == "budget.dataAnnual")
    }
}
