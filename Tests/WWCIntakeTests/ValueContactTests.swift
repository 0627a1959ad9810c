import Testing
@testable import WWCIntake

@Suite struct ValueContactTests {
    let parser = try! ValueParser(locale: "es-MX", countrySynonyms: ["EE. UU.": "US", "EUA": "us"])

    // MARK: Countries

    @Test(arguments: [
        ("MX", "MX"), ("mx", "MX"), ("MEX", "MX"), ("usa", "US"), ("BRA", "BR"),
        ("Brasil", "BR"), ("Brésil", "BR"), ("Brazil", "BR"),
        ("États-Unis", "US"), ("Estados Unidos", "US"), ("United States", "US"), ("etats unis", "US"),
        ("México", "MX"), ("Mexique", "MX"), ("Mexico", "MX"), ("MÉXICO", "MX"),
        ("Colombie", "CO"), ("Haïti", "HT"), ("Haití", "HT"), ("Canadá", "CA"), ("Perú", "PE"),
        ("EE. UU.", "US"), ("EE.UU.", "US"), ("ee uu", "US"), ("EUA", "US"),
    ])
    func countries(raw: String, expected: String) throws {
        #expect(try parser.country(raw) == expected)
    }

    @Test func unknownCountry() {
        for raw in ["Narnia", "XX", "ZZZ", "Bras"] {
            #expect(code { try parser.country(raw) } == .countryUnknown)
        }
        // Synonyms only count where given.
        #expect(code { try ValueParser(locale: "es-MX").country("EE. UU.") } == .countryUnknown)
    }

    /// A name that two form languages give to different countries is read in the form's own
    /// language; every other name means the same country whatever the form's language.
    @Test func countryNamesSharedByTwoLanguages() throws {
        let names = CountryNames.shared
        var conflicts: [String] = []
        for (index, first) in CountryNames.formLanguages.enumerated() {
            for second in CountryNames.formLanguages.dropFirst(index + 1) {
                for (key, code) in names.names(in: first).sorted(by: { $0.key < $1.key }) {
                    if let other = names.names(in: second)[key], other != code {
                        conflicts.append("\(key): \(first) \(code), \(second) \(other)")
                    }
                }
            }
        }
        #expect(conflicts == [])
    }

    // MARK: E-mail

    @Test(arguments: [
        ("datos@municipalidad.cañete.pe", "datos@municipalidad.xn--caete-pta.pe"),
        ("Datos@Bogota.GOV.co", "Datos@bogota.gov.co"),
        (" contacto@alcaldía.gov.co ", "contacto@xn--alcalda-dza.gov.co"),
        ("first.last+tag@example.org", "first.last+tag@example.org"),
    ])
    func emails(raw: String, expected: String) throws {
        #expect(try parser.email(raw) == expected)
    }

    @Test(arguments: ["foo@bar", "a b@c.com", "@c.com", "a@", "a@@b.com", "a..b@c.com", ".a@c.com", "x@-bad-.com", "no-at.example.com", "a@b_c.com"])
    func invalidEmails(raw: String) {
        #expect(code { try parser.email(raw) } == .emailInvalid)
    }

    // MARK: URLs

    @Test(arguments: [
        ("https://Alcaldía.gov.co/datos?x=1", "https://xn--alcalda-dza.gov.co/datos?x=1"),
        ("HTTP://Example.COM:8080/A", "http://example.com:8080/A"),
        ("https://münchen.de", "https://xn--mnchen-3ya.de"),
        ("https://www.bogota.gov.co", "https://www.bogota.gov.co"),
        ("https://datos.gov.co/Ruta/Archivo.pdf#p2", "https://datos.gov.co/Ruta/Archivo.pdf#p2"),
    ])
    func urls(raw: String, expected: String) throws {
        #expect(try parser.url(raw) == expected)
    }

    @Test(arguments: ["ftp://x.com", "www.x.com", "https://", "https://localhost/", "https://a b.com", "https://user@x.com", "https://x.com:99999999", "mailto:a@b.com", "javascript:alert(1)"])
    func invalidURLs(raw: String) {
        #expect(code { try parser.url(raw) } == .urlInvalid)
    }

    // MARK: Phones

    @Test(arguments: [
        ("+57 (601) 381-3000", "+576013813000"),
        ("601 381 3000", "6013813000"),
        ("+52 55.1234.5678", "+525512345678"),
        ("+1 212/555-0100", "+12125550100"),
        ("\u{0666}\u{0660}\u{0661} 381 3000", "6013813000"),  // Arabic-Indic digits, read as ASCII
        ("\u{FF16}\u{FF10}\u{FF11}-381-3000", "6013813000"),  // fullwidth digits
    ])
    func phones(raw: String, expected: String) throws {
        #expect(try parser.phone(raw) == expected)
    }

    @Test(arguments: ["601 381 3000 ext. 5", "57+1", "123", "+1234567890123456", "tel: 555", "n/a"])
    func invalidPhones(raw: String) {
        #expect(code { try parser.phone(raw) } == .phoneInvalid)
    }

    // MARK: Locales

    @Test(arguments: [("es_mx", "es-MX"), ("pt-br", "pt-BR"), ("EN", "en"), ("fr-ca", "fr-CA"), ("es-419", "es-419"), (" es-CO ", "es-CO")])
    func locales(raw: String, expected: String) throws {
        #expect(try ValueParser.locale(raw) == expected)
    }

    @Test(arguments: ["", "xx-YY", "es-XX", "español", "es_MX.UTF-8", "12"])
    func invalidLocales(raw: String) {
        #expect(code { try ValueParser.locale(raw) } == .localeInvalid)
    }

    @Test func parserRefusesLocalesWithoutData() {
        #expect(code { try ValueParser(locale: "qq-QQ") } == .localeInvalid)
        #expect(code { try ValueParser(locale: "zz") } == .localeInvalid)
        #expect((try? ValueParser(locale: "es_co"))?.locale == "es-CO")
    }

    @Test(arguments: [("es", "es-ES"), ("pt", "pt-BR"), ("fr", "fr-FR"), ("en", "en-US"), ("es-MX", "es-MX"), ("pt_pt", "pt-PT")])
    func likelyLocale(language: String, expected: String) {
        #expect(ValueParser.likelyLocale(language: language) == expected)
    }

    @Test func regionalLocale() {
        #expect(ValueParser.regionalLocale(language: "es", country: "MX") == "es-MX")
        #expect(ValueParser.regionalLocale(language: "pt", country: "br") == "pt-BR")
        #expect(ValueParser.regionalLocale(language: "fr", country: "HT") == "fr-HT")
    }
}
