import Testing
import WWCIntake

/// The JSON `intake value` prints and the canonical record holds, per kind.
@Suite struct ValueKindTests {
    @Test(arguments: [
        ("es-CO", ValueKind.integer, "7.181.469", "7181469"),
        ("en-US", .number, "1,234,567.5", "\"1234567.5\""),
        ("fr-FR", .percent, "73,4 %", "\"0.734\""),
        ("pt-BR", .money, "R$ 1.234,56", "{\"amount\":\"1234.56\",\"currency\":\"BRL\"}"),
        ("es-CO", .date, "15/03/2024", "\"2024-03-15\""),
        ("es-MX", .country, "México", "\"MX\""),
        ("en-US", .year, "2023", "2023"),
        ("en-US", .locale, "es_mx", "\"es-MX\""),
        ("es-PE", .email, "datos@municipalidad.cañete.pe", "\"datos@municipalidad.xn--caete-pta.pe\""),
        ("en-US", .text, " Bogotá\u{00A0} D.C. ", "\"Bogotá D.C.\""),
        ("en-US", .narrative, "Uno.\n\nDos.", "\"Uno.\\nDos.\""),
        ("es-CO", .phone, "+57 (601) 381-3000", "\"+576013813000\""),
        ("es-CO", .url, "https://Bogota.gov.co/datos", "\"https://bogota.gov.co/datos\""),
    ])
    func canonicalJSON(locale: String, kind: ValueKind, raw: String, json: String) throws {
        #expect(try ValueParser(locale: locale).json(kind, raw).value.serialized() == json)
    }

    @Test func errorsKeepTheirCodes() throws {
        let parser = try ValueParser(locale: "en-US")
        #expect(code { try parser.json(.integer, "12,34") } == .numberInvalid)
        #expect(code { try parser.json(.date, "31/02/2024") } == .dateInvalid)
        #expect(code { try parser.json(.money, "XYZ 5") } == .moneyCurrencyUnknown)
        #expect(code { try parser.json(.locale, "xx-YY") } == .localeInvalid)
    }
}
