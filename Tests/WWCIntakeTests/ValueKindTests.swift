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

/// JSON numbers are JSON grammar, not the locale's writing.
@Suite struct ValueScalarTests {
    let colombian = try! ValueParser(locale: "es-CO")

    @Test(arguments: [
        (ValueKind.number, "14.2", "\"14.2\""),
        (.number, "12.50", "\"12.5\""),
        (.number, "1.5e3", "\"1500\""),
        (.number, "-2E-2", "\"-0.02\""),
        (.integer, "7181469", "7181469"),
        (.integer, "1E3", "1000"),
        (.year, "2023", "2023"),
        (.percent, "73.4", "\"0.734\""),
        (.percent, "0.6", "\"0.6\""),
        (.money, "1250000000", "{\"amount\":\"1250000000\",\"currency\":\"COP\"}"),
        (.phone, "6013813000", "\"6013813000\""),
        (.text, "42", "\"42\""),
    ])
    func jsonNumbers(kind: ValueKind, text: String, json: String) throws {
        let parsed = try colombian.json(kind, scalar: FormScalar(text, kind: .number))
        #expect(parsed.value.serialized() == json)
    }

    @Test func jsonNumberWarnings() throws {
        #expect(try colombian.json(.percent, scalar: FormScalar("0.6", kind: .number)).warnings.map(\.code) == [.percentAmbiguous])
        #expect(try colombian.json(.money, scalar: FormScalar("5", kind: .number)).warnings.map(\.code) == [.moneyCurrencyAssumed])
    }

    @Test func jsonScalarsRejected() throws {
        #expect(code { try colombian.json(.integer, scalar: FormScalar("7.5", kind: .number)) } == .numberInvalid)
        #expect(code { try colombian.json(.integer, scalar: FormScalar("1e30", kind: .number)) } == .numberOutOfRange)
        #expect(code { try colombian.json(.year, scalar: FormScalar("1700", kind: .number)) } == .numberOutOfRange)
        #expect(code { try colombian.json(.number, scalar: FormScalar("true", kind: .bool)) } == .numberInvalid)
        #expect(code { try colombian.json(.number, scalar: FormScalar("01", kind: .number)) } == .numberInvalid)
        #expect(code { try colombian.json(.date, scalar: FormScalar("20240315", kind: .number)) } == .dateInvalid)
        // A string is the locale's writing: "14.2" in es-CO is not fourteen point two.
        #expect(code { try colombian.json(.number, scalar: FormScalar("14.2,5")) } == .numberInvalid)
        #expect(try colombian.json(.number, scalar: FormScalar("14,2")).value == .string("14.2"))
    }
}
