import Testing
@testable import WWCIntake
import CICU

/// Pins the byte-level fast paths of the value parsers (ISO dates, printable-ASCII URLs and
/// e-mail addresses, plain host names without IDNA) to the general ICU/Foundation paths they
/// stand in for, and the results of country and money parsing across regional locales.
/// Expected values were taken from the release binary before the fast paths existed.
@Suite struct ValueFastPathTests {
    static let locales = ["en-US", "es-MX", "es-CO", "pt-BR", "pt-PT", "fr-CA", "fr-FR"]

    /// A result or the code of the error, for table comparisons.
    static func outcome<T>(_ body: () throws -> T) -> Result<T, ValueError> {
        do { return .success(try body()) } catch let error as ValueError { return .failure(error) } catch {
            return .failure(ValueError(.textEmpty, arguments: ["unexpected": .text("\(error)")]))
        }
    }

    // MARK: ISO dates

    @Test(arguments: [
        ("en-US", "2024-02-29", "2024-02-29"),
        ("en-US", "2023-02-29", "!date.invalid"),
        ("en-US", "0000-01-01", "!date.invalid"),
        ("en-US", "9999-12-31", "!date.invalid"),
        ("en-US", "2024-3-5", "!date.invalid"),
        ("en-US", "２０２４-０３-１５", "!date.invalid"),
        ("en-US", "2024-03-15 x", "!date.invalid"),
        ("en-US", "1800-01-01", "1800-01-01"),
        ("en-US", "2200-12-31", "2200-12-31"),
        ("en-US", "1799-12-31", "!date.invalid"),
        ("en-US", "2201-01-01", "!date.invalid"),
        ("en-US", "2024-13-01", "!date.invalid"),
        ("en-US", "2024-00-10", "!date.invalid"),
        ("en-US", "2024-04-31", "!date.invalid"),
        ("en-US", "2100-02-29", "!date.invalid"),
        ("en-US", "2000-02-29", "2000-02-29"),
        ("en-US", " 2024-03-15 ", "2024-03-15"),
        ("en-US", "2024-03-15T10:00", "2024-03-15"),
        ("es-MX", "2024-02-29", "2024-02-29"),
        ("es-MX", "2023-02-29", "!date.invalid"),
        ("es-MX", "0000-01-01", "!date.invalid"),
        ("es-MX", "9999-12-31", "!date.invalid"),
        ("es-MX", "2024-3-5", "!date.invalid"),
        ("es-MX", "２０２４-０３-１５", "!date.invalid"),
        ("es-MX", "2024-03-15 x", "!date.invalid"),
        ("es-MX", "1800-01-01", "1800-01-01"),
        ("es-MX", "2200-12-31", "2200-12-31"),
        ("es-MX", "1799-12-31", "!date.invalid"),
        ("es-MX", "2201-01-01", "!date.invalid"),
        ("es-MX", "2024-13-01", "!date.invalid"),
        ("es-MX", "2024-00-10", "!date.invalid"),
        ("es-MX", "2024-04-31", "!date.invalid"),
        ("es-MX", "2100-02-29", "!date.invalid"),
        ("es-MX", "2000-02-29", "2000-02-29"),
        ("es-MX", " 2024-03-15 ", "2024-03-15"),
        ("es-MX", "2024-03-15T10:00", "2024-03-15"),
        ("es-CO", "2024-02-29", "2024-02-29"),
        ("es-CO", "2023-02-29", "!date.invalid"),
        ("es-CO", "0000-01-01", "!date.invalid"),
        ("es-CO", "9999-12-31", "!date.invalid"),
        ("es-CO", "2024-3-5", "!date.invalid"),
        ("es-CO", "２０２４-０３-１５", "!date.invalid"),
        ("es-CO", "2024-03-15 x", "!date.invalid"),
        ("es-CO", "1800-01-01", "1800-01-01"),
        ("es-CO", "2200-12-31", "2200-12-31"),
        ("es-CO", "1799-12-31", "!date.invalid"),
        ("es-CO", "2201-01-01", "!date.invalid"),
        ("es-CO", "2024-13-01", "!date.invalid"),
        ("es-CO", "2024-00-10", "!date.invalid"),
        ("es-CO", "2024-04-31", "!date.invalid"),
        ("es-CO", "2100-02-29", "!date.invalid"),
        ("es-CO", "2000-02-29", "2000-02-29"),
        ("es-CO", " 2024-03-15 ", "2024-03-15"),
        ("es-CO", "2024-03-15T10:00", "2024-03-15"),
        ("pt-BR", "2024-02-29", "2024-02-29"),
        ("pt-BR", "2023-02-29", "!date.invalid"),
        ("pt-BR", "0000-01-01", "!date.invalid"),
        ("pt-BR", "9999-12-31", "!date.invalid"),
        ("pt-BR", "2024-3-5", "!date.invalid"),
        ("pt-BR", "２０２４-０３-１５", "!date.invalid"),
        ("pt-BR", "2024-03-15 x", "!date.invalid"),
        ("pt-BR", "1800-01-01", "1800-01-01"),
        ("pt-BR", "2200-12-31", "2200-12-31"),
        ("pt-BR", "1799-12-31", "!date.invalid"),
        ("pt-BR", "2201-01-01", "!date.invalid"),
        ("pt-BR", "2024-13-01", "!date.invalid"),
        ("pt-BR", "2024-00-10", "!date.invalid"),
        ("pt-BR", "2024-04-31", "!date.invalid"),
        ("pt-BR", "2100-02-29", "!date.invalid"),
        ("pt-BR", "2000-02-29", "2000-02-29"),
        ("pt-BR", " 2024-03-15 ", "2024-03-15"),
        ("pt-BR", "2024-03-15T10:00", "2024-03-15"),
        ("pt-PT", "2024-02-29", "2024-02-29"),
        ("pt-PT", "2023-02-29", "!date.invalid"),
        ("pt-PT", "0000-01-01", "!date.invalid"),
        ("pt-PT", "9999-12-31", "!date.invalid"),
        ("pt-PT", "2024-3-5", "!date.invalid"),
        ("pt-PT", "２０２４-０３-１５", "!date.invalid"),
        ("pt-PT", "2024-03-15 x", "!date.invalid"),
        ("pt-PT", "1800-01-01", "1800-01-01"),
        ("pt-PT", "2200-12-31", "2200-12-31"),
        ("pt-PT", "1799-12-31", "!date.invalid"),
        ("pt-PT", "2201-01-01", "!date.invalid"),
        ("pt-PT", "2024-13-01", "!date.invalid"),
        ("pt-PT", "2024-00-10", "!date.invalid"),
        ("pt-PT", "2024-04-31", "!date.invalid"),
        ("pt-PT", "2100-02-29", "!date.invalid"),
        ("pt-PT", "2000-02-29", "2000-02-29"),
        ("pt-PT", " 2024-03-15 ", "2024-03-15"),
        ("pt-PT", "2024-03-15T10:00", "2024-03-15"),
        ("fr-CA", "2024-02-29", "2024-02-29"),
        ("fr-CA", "2023-02-29", "!date.invalid"),
        ("fr-CA", "0000-01-01", "!date.invalid"),
        ("fr-CA", "9999-12-31", "!date.invalid"),
        ("fr-CA", "2024-3-5", "!date.invalid"),
        ("fr-CA", "２０２４-０３-１５", "2024-03-15"),
        ("fr-CA", "2024-03-15 x", "!date.invalid"),
        ("fr-CA", "1800-01-01", "1800-01-01"),
        ("fr-CA", "2200-12-31", "2200-12-31"),
        ("fr-CA", "1799-12-31", "!date.invalid"),
        ("fr-CA", "2201-01-01", "!date.invalid"),
        ("fr-CA", "2024-13-01", "!date.invalid"),
        ("fr-CA", "2024-00-10", "!date.invalid"),
        ("fr-CA", "2024-04-31", "!date.invalid"),
        ("fr-CA", "2100-02-29", "!date.invalid"),
        ("fr-CA", "2000-02-29", "2000-02-29"),
        ("fr-CA", " 2024-03-15 ", "2024-03-15"),
        ("fr-CA", "2024-03-15T10:00", "2024-03-15"),
        ("fr-FR", "2024-02-29", "2024-02-29"),
        ("fr-FR", "2023-02-29", "!date.invalid"),
        ("fr-FR", "0000-01-01", "!date.invalid"),
        ("fr-FR", "9999-12-31", "!date.invalid"),
        ("fr-FR", "2024-3-5", "!date.invalid"),
        ("fr-FR", "２０２４-０３-１５", "!date.invalid"),
        ("fr-FR", "2024-03-15 x", "!date.invalid"),
        ("fr-FR", "1800-01-01", "1800-01-01"),
        ("fr-FR", "2200-12-31", "2200-12-31"),
        ("fr-FR", "1799-12-31", "!date.invalid"),
        ("fr-FR", "2201-01-01", "!date.invalid"),
        ("fr-FR", "2024-13-01", "!date.invalid"),
        ("fr-FR", "2024-00-10", "!date.invalid"),
        ("fr-FR", "2024-04-31", "!date.invalid"),
        ("fr-FR", "2100-02-29", "!date.invalid"),
        ("fr-FR", "2000-02-29", "2000-02-29"),
        ("fr-FR", " 2024-03-15 ", "2024-03-15"),
        ("fr-FR", "2024-03-15T10:00", "2024-03-15"),
    ])
    func isoDates(locale: String, raw: String, expected: String) throws {
        let parser = try ValueParser(locale: locale)
        switch Self.outcome({ try parser.date(raw) }) {
        case .success(let parsed):
            #expect(parsed.value == expected)
            #expect(parsed.warnings.isEmpty)
        case .failure(let error):
            #expect("!" + error.code.rawValue == expected)
        }
    }

    /// Every text the ISO fast path accepts gives what ICU's parsers give (value, warnings,
    /// error and its arguments), and every other one goes to ICU; day, month and year boundaries.
    @Test(arguments: locales)
    func isoFastPathMatchesICU(locale: String) throws {
        let fast = try ValueParser(locale: locale)
        let slow = try ValueParser(locale: locale)
        var accepted = 0
        for year in [0, 1, 1582, 1799, 1800, 1900, 1999, 2000, 2023, 2024, 2100, 2200, 2201, 9999] {
            for month in [0, 1, 2, 3, 4, 6, 9, 11, 12, 13, 99] {
                for day in [0, 1, 9, 10, 12, 13, 28, 29, 30, 31, 32, 99] {
                    let text = ValueParser.isoDate(year: year, month: month, day: day)
                    if ValueParser.plainISODate(text) != nil { accepted += 1 }
                    let viaFastPath = Self.outcome { try fast.date(text) }
                    let viaICU = Self.outcome { try slow.dateViaICU(text, raw: text) }
                    #expect(viaFastPath == viaICU, "\(locale) \(text)")
                }
            }
        }
        // 8 plausible years × (7 months × 8 days + 3 thirty-firsts + 6 February days) + 2 leap days.
        #expect(accepted == 522)
    }

    @Test(arguments: [
        ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"), ("1800-01-01", "1800-01-01"),
        ("2200-12-31", "2200-12-31"), ("2024-12-31", "2024-12-31"), ("2024-04-30", "2024-04-30"),
    ])
    func plainISODateAccepts(text: String, expected: String) {
        #expect(ValueParser.plainISODate(text) == expected)
    }

    @Test(arguments: [
        "2023-02-29", "2100-02-29", "1900-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00",
        "2024-01-32", "1799-12-31", "2201-01-01", "0000-01-01", "9999-12-31", "2024-3-5", "2024-03-5",
        "2024/03/15", "２０２４-０３-１５", "2024-03-15 ", "2024-03-15x", "+024-03-15", "2024-0a-15", "", "-",
    ])
    func plainISODateLeavesToICU(text: String) {
        #expect(ValueParser.plainISODate(text) == nil)
    }

    @Test(arguments: locales)
    func isoParserPattern(locale: String) throws {
        // The lazily opened parsers skip duplicates against this constant instead of opening
        // the ISO parser: it must be what ICU reports for it.
        let handle = try DateFormatHandle(locale: locale, style: .iso, fourDigitYear: false)
        #expect(handle.pattern == DateFormatPlan.isoPattern)
    }

    @Test(arguments: [
        ("en-US", "03/04/2024", "2024-03-04"), ("es-CO", "03/04/2024", "2024-04-03"),
        ("es-MX", "15 de marzo de 2024", "2024-03-15"), ("pt-BR", "15 de março de 2024", "2024-03-15"),
        ("fr-FR", "15 mars 2024", "2024-03-15"), ("fr-CA", "2024-03-15", "2024-03-15"),
        ("pt-PT", "15/03/2024", "2024-03-15"), ("en-US", "March 15, 2024", "2024-03-15"),
    ])
    func localizedDatesStillThroughICU(locale: String, raw: String, expected: String) throws {
        let parser = try ValueParser(locale: locale)
        #expect(try parser.date(raw).value == expected)
        // The same parser answers the same again (cached, lazily opened parsers).
        #expect(try parser.date(raw) == ValueParser(locale: locale).dateViaICU(raw, raw: raw))
    }

    @Test(arguments: locales)
    func dateErrorsKeepTheirExample(locale: String) throws {
        let parser = try ValueParser(locale: locale)
        guard case .failure(let error) = Self.outcome({ try parser.date("31/02/2024x") }) else {
            Issue.record("accepted")
            return
        }
        #expect(error.code == .dateInvalid)
        #expect(error.arguments["example"] != nil)
        // First the example, then a parse: the same example either way round.
        let other = try ValueParser(locale: locale)
        let example = try other.dateExample()
        #expect(error.arguments["example"]?.description == example)
    }

    /// Numeric dates read without ICU: for every all-numeric parser of a locale, each text the
    /// fast reader accepts is read the same by ICU alone, and what it leaves gets ICU's answer.
    @Test(arguments: locales + ["en-GB", "es-ES", "en-CA", "de-DE", "it-IT", "nl-NL", "ja-JP", "zh-CN", "ru-RU", "sv-SE", "hu-HU"])
    func numericDatesMatchICU(locale: String) throws {
        var shapes = 0
        for entry in DateFormatPlan.entries {
            let handle = try DateFormatHandle(locale: locale, style: entry.style, fourDigitYear: entry.fourDigitYear)
            guard let shape = handle.numericShape else { continue }
            shapes += 1
            let days = ["1", "5", "01", "09", "10", "12", "13", "28", "29", "30", "31", "32", "0", "00", "001", "123"]
            let months = ["1", "2", "02", "4", "04", "12", "13", "0", "00", "012"]
            let years = ["2024", "2023", "1800", "2200", "1799", "2201", "2100", "2000", "24", "024", "0024", "20240", "99"]
            let own = shape.separators.map { String(UnicodeScalar($0)) }
            var accepted = 0
            for separators in [own, own.map { $0 == "/" ? "-" : "/" }] {
                for day in days {
                    for month in months {
                        for year in years {
                            let parts = shape.fields.map { field -> String in
                                switch field {
                                case .day: day
                                case .month: month
                                case .year: year
                                }
                            }
                            let text = parts[0] + separators[0] + parts[1] + separators[1] + parts[2]
                            if shape.read(text) != nil { accepted += 1 }
                            #expect(handle.parse(text) == handle.parseViaICU(text), "\(locale) \(handle.pattern) \(text)")
                        }
                    }
                }
            }
            #expect(accepted > 100, "\(locale) \(handle.pattern)")
            for text in ["", "1", "1/2/", "/1/2024", "1//2024", "1/2/2024/", " 1/2/2024", "1/2/2024 ", "1-2-2024", "2024-1-2", "１/２/２０２４"] {
                #expect(handle.parse(text) == handle.parseViaICU(text), "\(locale) \(handle.pattern) \(text)")
            }
        }
        #expect(shapes >= (Self.locales.contains(locale) ? 2 : 1), "\(locale)")
    }

    @Test(arguments: [
        ("d/MM/yy", true), ("M/d/yy", true), ("dd/MM/y", true), ("y-MM-dd", true), ("yyyy-MM-dd", true), ("dd.MM.yy", true),
        ("d MMM y", false), ("dd/MM/yyy", false), ("d/M", false), ("d/M/y/d", false), ("d//M/y", false), ("'le' d/M/y", false),
        ("yMMdd", false), ("dd/MM/y G", false), ("ddd/MM/y", false),
    ])
    func numericShapes(pattern: String, numeric: Bool) {
        #expect((NumericDateShape(pattern: pattern) != nil) == numeric)
    }

    // MARK: URLs

    @Test(arguments: [
        ("HTTP://Example.COM:8080/A", "http://example.com:8080/A"),
        ("https://www.bogota.gov.co", "https://www.bogota.gov.co"),
        ("https://WWW.BOGOTA.GOV.CO/Datos?Q=1#F", "https://www.bogota.gov.co/Datos?Q=1#F"),
        ("https://münchen.de", "https://xn--mnchen-3ya.de"),
        ("https://MÜNCHEN.DE/x", "https://xn--mnchen-3ya.de/x"),
        ("https://xn--mnchen-3ya.de/a", "https://xn--mnchen-3ya.de/a"),
        ("https://XN--MNCHEN-3YA.DE", "https://xn--mnchen-3ya.de"),
        ("https://example.com/ä?ü=1", "https://example.com/ä?ü=1"),
        ("https://a.b.c:1/", "https://a.b.c:1/"),
        ("https://example.com?x=a@b", "https://example.com?x=a@b"),
        ("https://1.2.3.4/", "https://1.2.3.4/"),
        ("https://a-b.c-d.org", "https://a-b.c-d.org"),
        ("https://Alcaldía.gov.co/datos?x=1", "https://xn--alcalda-dza.gov.co/datos?x=1"),
    ])
    func urls(raw: String, expected: String) throws {
        for locale in Self.locales {
            #expect(try ValueParser(locale: locale).url(raw) == expected)
        }
    }

    @Test(arguments: [
        "https://user@x.com", "https://x.com:", "https://x.com:123456", "https://x.com:8a", "ftp://x.com",
        "https://localhost", "https://a..b.com", "https://-a.com", "https://a-.com", "https://ab--cd.com",
        "https://a_b.com", "https://xn--zz.com", "https://.com", "https://", "https:///x.com", "x.com",
        "https://a b.com", "https://[::1]/", "https://x.com:80:90",
    ])
    func invalidURLs(raw: String) throws {
        #expect(Self.outcome { try ValueParser(locale: "es-MX").url(raw) }.code == .urlInvalid)
    }

    /// Printable-ASCII text: the byte path and the `Character` path agree.
    @Test(arguments: [
        "HTTP://Example.COM:8080/A", "https://www.bogota.gov.co", "https://a.b.", "https://A.B.", "https://x.com:0/",
        "https://user@x.com", "https://x.com:", "https://x.com:123456", "https://x.com:12345", "ftp://x.com",
        "https://localhost", "https://a..b.com", "https://-a.com", "https://a-.com", "https://ab--cd.com",
        "https://a_b.com", "https://xn--zz.com", "https://xn--mnchen-3ya.de", "https://.com", "https://",
        "https:///x.com", "x.com", "://x.com", "https:/x.com", "https://x.com?@", "https://x.com#:1",
        "https://[::1]/", "https://x.com:80:90", "HtTpS://A.B", "https://a.xn--p1ai", "https://xn--.com",
        "https://" + String(repeating: "a", count: 63) + ".com", "https://" + String(repeating: "a", count: 64) + ".com",
        "https://%41.com", "https://a.b/c d", "a://b://c.d", "https://a.b://c",
        "https://a.b:1.2", "https://a:1.b", "https://.a:80", "https://a.:80", "https://a.b.:", "http://a.b:00000/",
        "https:/://a.b", "httpss://a.b", "htt://a.b", "https://a.b?x://y", "xhttps://a.b", "https://a.b#@",
        "https://a@b.c/", "https://a.b/@", "HTTPS://WWW.EXAMPLE.ORG:443/Path?Q=V#Frag", "https://a.b:", "http://a.b:1",
        "https://a.b?", "https://a.b#", "https://a.b/", "http://xn--mnchen-3ya.de:8080/x", "https://ab.c-", "https://a.b.c.d.e",
    ])
    func asciiURLMatchesGeneral(text: String) {
        #expect(ValueParser.printableASCII(text))
        #expect(ValueParser.asciiURL(text) == ValueParser.generalURL(text), "\(text)")
    }

    // MARK: E-mail

    @Test(arguments: [
        "Datos@Bogota.GOV.co", "a@b.c", "a.@b.com", ".a@b.com", "a..b@c.com", "a@.b.com", "a@b..com", "a@b.com.",
        "\"q\"@b.com", "a(b)@c.com", String(repeating: "x", count: 64) + "@b.com",
        String(repeating: "x", count: 65) + "@b.com", "a@b@c.com", "user+tag@EXAMPLE.ORG", "a@xn--mnchen-3ya.de",
        "a@-b.com", "a@b_c.com", "@b.com", "a@", "a@b", "first.last+tag@example.org", "!#$%&'*+/=?^_`{|}~-@x.io",
        "a b@c.com", "a@XN--MNCHEN-3YA.DE",
    ])
    func asciiEmailMatchesGeneral(text: String) {
        #expect(ValueParser.asciiEmail(text) == ValueParser.generalEmail(text), "\(text)")
    }

    @Test(arguments: [
        ("Datos@Bogota.GOV.co", "Datos@bogota.gov.co"), ("datos@municipalidad.cañete.pe", "datos@municipalidad.xn--caete-pta.pe"),
        ("ñandú@ejemplo.com", "ñandú@ejemplo.com"), ("a@XN--MNCHEN-3YA.DE", "a@xn--mnchen-3ya.de"),
    ])
    func emails(raw: String, expected: String) throws {
        #expect(try ValueParser(locale: "pt-BR").email(raw) == expected)
    }

    // MARK: Host names without IDNA

    @Test(arguments: [
        "example.com", "EXAMPLE.COM", "Www.Bogota.Gov.Co", "a", "a.b", "123.456", "a-b.c-d", "-a.b", "a.b-", "a..b",
        ".a.b", "a.b.", "", "_a.b", "ex%41.com", "xn--mnchen-3ya.de", "XN--MNCHEN-3YA.DE", "xn--zz.com", "ab--cd.com",
        "abc-.d", "a--b.com", "ab-c.com",
        String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 64) + ".com",
        [String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abcd",  // 253
        [String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abcde",  // 254
        [String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abcd.",
    ])
    func plainHostsMatchIDNA(host: String) {
        var copy = host
        let fast = copy.withUTF8 { ValueParser.domainToASCII($0[...]) }
        #expect(fast == ValueParser.idnaASCII(host), "\(host)")
    }

    // MARK: Countries

    @Test(arguments: [
        ("en-US", "Mexico", "MX"),
        ("en-US", "México", "MX"),
        ("en-US", "Mexique", "MX"),
        ("en-US", "Germany", "DE"),
        ("en-US", "Alemania", "DE"),
        ("en-US", "Alemanha", "DE"),
        ("en-US", "Allemagne", "DE"),
        ("en-US", "United States", "US"),
        ("en-US", "Estados Unidos", "US"),
        ("en-US", "États-Unis", "US"),
        ("en-US", "Irão", "!country.unknown"),
        ("en-US", "Irã", "IR"),
        ("en-US", "Iran", "IR"),
        ("en-US", "mx", "MX"),
        ("en-US", "DEU", "DE"),
        ("en-US", "usa", "US"),
        ("en-US", "Narnia", "!country.unknown"),
        ("en-US", "XX", "!country.unknown"),
        ("en-US", "Côte d’Ivoire", "CI"),
        ("en-US", "Cote d'Ivoire", "CI"),
        ("es-MX", "Mexico", "MX"),
        ("es-MX", "México", "MX"),
        ("es-MX", "Mexique", "MX"),
        ("es-MX", "Germany", "DE"),
        ("es-MX", "Alemania", "DE"),
        ("es-MX", "Alemanha", "DE"),
        ("es-MX", "Allemagne", "DE"),
        ("es-MX", "United States", "US"),
        ("es-MX", "Estados Unidos", "US"),
        ("es-MX", "États-Unis", "US"),
        ("es-MX", "Irão", "!country.unknown"),
        ("es-MX", "Irã", "IR"),
        ("es-MX", "Iran", "IR"),
        ("es-MX", "mx", "MX"),
        ("es-MX", "DEU", "DE"),
        ("es-MX", "usa", "US"),
        ("es-MX", "Narnia", "!country.unknown"),
        ("es-MX", "XX", "!country.unknown"),
        ("es-MX", "Côte d’Ivoire", "CI"),
        ("es-MX", "Cote d'Ivoire", "CI"),
        ("es-CO", "Mexico", "MX"),
        ("es-CO", "México", "MX"),
        ("es-CO", "Mexique", "MX"),
        ("es-CO", "Germany", "DE"),
        ("es-CO", "Alemania", "DE"),
        ("es-CO", "Alemanha", "DE"),
        ("es-CO", "Allemagne", "DE"),
        ("es-CO", "United States", "US"),
        ("es-CO", "Estados Unidos", "US"),
        ("es-CO", "États-Unis", "US"),
        ("es-CO", "Irão", "!country.unknown"),
        ("es-CO", "Irã", "IR"),
        ("es-CO", "Iran", "IR"),
        ("es-CO", "mx", "MX"),
        ("es-CO", "DEU", "DE"),
        ("es-CO", "usa", "US"),
        ("es-CO", "Narnia", "!country.unknown"),
        ("es-CO", "XX", "!country.unknown"),
        ("es-CO", "Côte d’Ivoire", "CI"),
        ("es-CO", "Cote d'Ivoire", "CI"),
        ("pt-BR", "Mexico", "MX"),
        ("pt-BR", "México", "MX"),
        ("pt-BR", "Mexique", "MX"),
        ("pt-BR", "Germany", "DE"),
        ("pt-BR", "Alemania", "DE"),
        ("pt-BR", "Alemanha", "DE"),
        ("pt-BR", "Allemagne", "DE"),
        ("pt-BR", "United States", "US"),
        ("pt-BR", "Estados Unidos", "US"),
        ("pt-BR", "États-Unis", "US"),
        ("pt-BR", "Irão", "!country.unknown"),
        ("pt-BR", "Irã", "IR"),
        ("pt-BR", "Iran", "IR"),
        ("pt-BR", "mx", "MX"),
        ("pt-BR", "DEU", "DE"),
        ("pt-BR", "usa", "US"),
        ("pt-BR", "Narnia", "!country.unknown"),
        ("pt-BR", "XX", "!country.unknown"),
        ("pt-BR", "Côte d’Ivoire", "CI"),
        ("pt-BR", "Cote d'Ivoire", "CI"),
        ("pt-PT", "Mexico", "MX"),
        ("pt-PT", "México", "MX"),
        ("pt-PT", "Mexique", "MX"),
        ("pt-PT", "Germany", "DE"),
        ("pt-PT", "Alemania", "DE"),
        ("pt-PT", "Alemanha", "DE"),
        ("pt-PT", "Allemagne", "DE"),
        ("pt-PT", "United States", "US"),
        ("pt-PT", "Estados Unidos", "US"),
        ("pt-PT", "États-Unis", "US"),
        ("pt-PT", "Irão", "IR"),
        ("pt-PT", "Irã", "IR"),
        ("pt-PT", "Iran", "IR"),
        ("pt-PT", "mx", "MX"),
        ("pt-PT", "DEU", "DE"),
        ("pt-PT", "usa", "US"),
        ("pt-PT", "Narnia", "!country.unknown"),
        ("pt-PT", "XX", "!country.unknown"),
        ("pt-PT", "Côte d’Ivoire", "CI"),
        ("pt-PT", "Cote d'Ivoire", "CI"),
        ("fr-CA", "Mexico", "MX"),
        ("fr-CA", "México", "MX"),
        ("fr-CA", "Mexique", "MX"),
        ("fr-CA", "Germany", "DE"),
        ("fr-CA", "Alemania", "DE"),
        ("fr-CA", "Alemanha", "DE"),
        ("fr-CA", "Allemagne", "DE"),
        ("fr-CA", "United States", "US"),
        ("fr-CA", "Estados Unidos", "US"),
        ("fr-CA", "États-Unis", "US"),
        ("fr-CA", "Irão", "!country.unknown"),
        ("fr-CA", "Irã", "IR"),
        ("fr-CA", "Iran", "IR"),
        ("fr-CA", "mx", "MX"),
        ("fr-CA", "DEU", "DE"),
        ("fr-CA", "usa", "US"),
        ("fr-CA", "Narnia", "!country.unknown"),
        ("fr-CA", "XX", "!country.unknown"),
        ("fr-CA", "Côte d’Ivoire", "CI"),
        ("fr-CA", "Cote d'Ivoire", "CI"),
        ("fr-FR", "Mexico", "MX"),
        ("fr-FR", "México", "MX"),
        ("fr-FR", "Mexique", "MX"),
        ("fr-FR", "Germany", "DE"),
        ("fr-FR", "Alemania", "DE"),
        ("fr-FR", "Alemanha", "DE"),
        ("fr-FR", "Allemagne", "DE"),
        ("fr-FR", "United States", "US"),
        ("fr-FR", "Estados Unidos", "US"),
        ("fr-FR", "États-Unis", "US"),
        ("fr-FR", "Irão", "!country.unknown"),
        ("fr-FR", "Irã", "IR"),
        ("fr-FR", "Iran", "IR"),
        ("fr-FR", "mx", "MX"),
        ("fr-FR", "DEU", "DE"),
        ("fr-FR", "usa", "US"),
        ("fr-FR", "Narnia", "!country.unknown"),
        ("fr-FR", "XX", "!country.unknown"),
        ("fr-FR", "Côte d’Ivoire", "CI"),
        ("fr-FR", "Cote d'Ivoire", "CI"),
    ])
    func countries(locale: String, raw: String, expected: String) throws {
        switch Self.outcome({ try ValueParser(locale: locale).country(raw) }) {
        case .success(let code): #expect(code == expected)
        case .failure(let error): #expect("!" + error.code.rawValue == expected)
        }
    }

    /// The batched names are ICU's per-country names, for every country and language used.
    @Test(arguments: ["en", "es", "pt", "fr", "en-US", "es-MX", "es-CO", "pt-BR", "pt-PT", "fr-CA", "fr-FR", "de", "ja"])
    func batchedCountryNamesMatchICU(language: String) throws {
        let count = Int(wwcCountryCount())
        let batched = CountryNames.names(in: language, count: count)
        #expect(batched.count == count)
        var named = 0
        for index in 0..<count {
            let code = try #require(CountryNames.codeForTests(index))
            let single = CountryNames.name(of: code, in: language)
            #expect(batched[index] == single, "\(language) \(code)")
            if single != nil { named += 1 }
        }
        #expect(named > 200)
    }

    // MARK: Plain digits

    /// Plain ASCII digits read without ICU give what ICU gives (values and errors), per locale.
    @Test(arguments: locales)
    func plainDigitsMatchICU(locale: String) throws {
        let parser = try ValueParser(locale: locale)
        let texts = [
            "0", "00", "007", "1", "12", "999", "1000", "1234", "1799", "1800", "2023", "2200", "2201", "0002024",
            "123456789012345678", "999999999999999999", "1234567890123456789", "99999999999999999999",
        ]
        for text in texts {
            let plain = ValueParser.plainDigitsValue(text)
            #expect(plain == (text.utf8.count <= 18 ? Int(text) : nil))
            #expect(Self.outcome { try parser.integer(text) } == Self.outcome { try parser.integerViaICU(text, raw: text) }, "\(text)")
            #expect(Self.outcome { try parser.decimal(text) } == Self.outcome { try parser.decimalViaICU(text, raw: text) }, "\(text)")
            #expect(Self.outcome { try parser.year(text) } == Self.outcome { try parser.year(nil, text: text, raw: text) }, "\(text)")
        }
    }

    @Test(arguments: ["", " ", "+1", "-1", "1,000", "1.000", "1 000", "１２", "٣", "12a", "1e3", "0x1", "1234567890123456789"])
    func plainDigitsLeaveOthersToICU(text: String) {
        #expect(ValueParser.plainDigitsValue(text) == nil)
    }

    @Test(arguments: [
        ("en-US", "2023", 2023), ("es-CO", " 2023 ", 2023), ("pt-BR", "1800", 1800), ("fr-FR", "2200", 2200),
    ])
    func years(locale: String, raw: String, expected: Int) throws {
        #expect(try ValueParser(locale: locale).year(raw) == expected)
    }

    @Test(arguments: [("en-US", "1799"), ("es-MX", "2201"), ("fr-CA", "0"), ("pt-PT", "007")])
    func yearsOutOfRange(locale: String, raw: String) throws {
        let error = Self.outcome { try ValueParser(locale: locale).year(raw) }
        #expect(error.code == .numberOutOfRange)
    }

    // MARK: Money

    @Test(arguments: [
        ("en-US", "$1,250.50", "1250.5 USD", ""),
        ("en-US", "$ 1.234,56", "!number.invalid", ""),
        ("en-US", "R$ 1.234,56", "!number.invalid", ""),
        ("en-US", "1 234,56 €", "!number.invalid", ""),
        ("en-US", "1.234,56 €", "!number.invalid", ""),
        ("en-US", "USD 1,200.50", "1200.5 USD", ""),
        ("en-US", "1.200,50 EUR", "!number.invalid", ""),
        ("en-US", "1234.56", "1234.56 USD", "money.currency_assumed"),
        ("en-US", "1,500", "1500 USD", "money.currency_assumed"),
        ("en-US", "€ 5", "5 EUR", ""),
        ("en-US", "US$ 10", "10 USD", ""),
        ("en-US", "XYZ 10", "!money.currency_unknown", ""),
        ("en-US", "10 XYZ", "!money.currency_unknown", ""),
        ("en-US", "abc", "!number.invalid", ""),
        ("en-US", "MXN 1,000", "1000 MXN", ""),
        ("en-US", "£1,000", "1000 GBP", ""),
        ("en-US", "EUR1.200,50", "!number.invalid", ""),
        ("es-MX", "$1,250.50", "1250.5 MXN", ""),
        ("es-MX", "$ 1.234,56", "!number.invalid", ""),
        ("es-MX", "R$ 1.234,56", "!number.invalid", ""),
        ("es-MX", "1 234,56 €", "!number.invalid", ""),
        ("es-MX", "1.234,56 €", "!number.invalid", ""),
        ("es-MX", "USD 1,200.50", "1200.5 USD", ""),
        ("es-MX", "1.200,50 EUR", "!number.invalid", ""),
        ("es-MX", "1234.56", "1234.56 MXN", "money.currency_assumed"),
        ("es-MX", "1,500", "1500 MXN", "money.currency_assumed"),
        ("es-MX", "€ 5", "5 EUR", ""),
        ("es-MX", "US$ 10", "10 USD", ""),
        ("es-MX", "XYZ 10", "!money.currency_unknown", ""),
        ("es-MX", "10 XYZ", "!money.currency_unknown", ""),
        ("es-MX", "abc", "!number.invalid", ""),
        ("es-MX", "MXN 1,000", "1000 MXN", ""),
        ("es-MX", "£1,000", "!money.currency_unknown", ""),
        ("es-MX", "EUR1.200,50", "!number.invalid", ""),
        ("es-CO", "$1,250.50", "!number.invalid", ""),
        ("es-CO", "$ 1.234,56", "1234.56 COP", ""),
        ("es-CO", "R$ 1.234,56", "1234.56 BRL", ""),
        ("es-CO", "1 234,56 €", "!number.invalid", ""),
        ("es-CO", "1.234,56 €", "1234.56 EUR", ""),
        ("es-CO", "USD 1,200.50", "!number.invalid", ""),
        ("es-CO", "1.200,50 EUR", "1200.5 EUR", ""),
        ("es-CO", "1234.56", "!number.invalid", ""),
        ("es-CO", "1,500", "!money.ambiguous", ""),
        ("es-CO", "€ 5", "5 EUR", ""),
        ("es-CO", "US$ 10", "10 USD", ""),
        ("es-CO", "XYZ 10", "!money.currency_unknown", ""),
        ("es-CO", "10 XYZ", "!money.currency_unknown", ""),
        ("es-CO", "abc", "!number.invalid", ""),
        ("es-CO", "MXN 1,000", "!money.ambiguous", ""),
        ("es-CO", "£1,000", "!money.currency_unknown", ""),
        ("es-CO", "EUR1.200,50", "1200.5 EUR", ""),
        ("pt-BR", "$1,250.50", "!number.invalid", ""),
        ("pt-BR", "$ 1.234,56", "!money.currency_unknown", ""),
        ("pt-BR", "R$ 1.234,56", "1234.56 BRL", ""),
        ("pt-BR", "1 234,56 €", "!number.invalid", ""),
        ("pt-BR", "1.234,56 €", "1234.56 EUR", ""),
        ("pt-BR", "USD 1,200.50", "!number.invalid", ""),
        ("pt-BR", "1.200,50 EUR", "1200.5 EUR", ""),
        ("pt-BR", "1234.56", "!number.invalid", ""),
        ("pt-BR", "1,500", "!money.ambiguous", ""),
        ("pt-BR", "€ 5", "5 EUR", ""),
        ("pt-BR", "US$ 10", "10 USD", ""),
        ("pt-BR", "XYZ 10", "!money.currency_unknown", ""),
        ("pt-BR", "10 XYZ", "!money.currency_unknown", ""),
        ("pt-BR", "abc", "!number.invalid", ""),
        ("pt-BR", "MXN 1,000", "!money.ambiguous", ""),
        ("pt-BR", "£1,000", "!money.ambiguous", ""),
        ("pt-BR", "EUR1.200,50", "1200.5 EUR", ""),
        ("pt-PT", "$1,250.50", "!number.invalid", ""),
        ("pt-PT", "$ 1.234,56", "!number.invalid", ""),
        ("pt-PT", "R$ 1.234,56", "!number.invalid", ""),
        ("pt-PT", "1 234,56 €", "1234.56 EUR", ""),
        ("pt-PT", "1.234,56 €", "!number.invalid", ""),
        ("pt-PT", "USD 1,200.50", "!number.invalid", ""),
        ("pt-PT", "1.200,50 EUR", "!number.invalid", ""),
        ("pt-PT", "1234.56", "!number.invalid", ""),
        ("pt-PT", "1,500", "!money.ambiguous", ""),
        ("pt-PT", "€ 5", "5 EUR", ""),
        ("pt-PT", "US$ 10", "10 USD", ""),
        ("pt-PT", "XYZ 10", "!money.currency_unknown", ""),
        ("pt-PT", "10 XYZ", "!money.currency_unknown", ""),
        ("pt-PT", "abc", "!number.invalid", ""),
        ("pt-PT", "MXN 1,000", "!money.ambiguous", ""),
        ("pt-PT", "£1,000", "!money.ambiguous", ""),
        ("pt-PT", "EUR1.200,50", "!number.invalid", ""),
        ("fr-CA", "$1,250.50", "!number.invalid", ""),
        ("fr-CA", "$ 1.234,56", "!number.invalid", ""),
        ("fr-CA", "R$ 1.234,56", "!number.invalid", ""),
        ("fr-CA", "1 234,56 €", "1234.56 EUR", ""),
        ("fr-CA", "1.234,56 €", "!number.invalid", ""),
        ("fr-CA", "USD 1,200.50", "!number.invalid", ""),
        ("fr-CA", "1.200,50 EUR", "!number.invalid", ""),
        ("fr-CA", "1234.56", "!number.invalid", ""),
        ("fr-CA", "1,500", "!money.ambiguous", ""),
        ("fr-CA", "€ 5", "5 EUR", ""),
        ("fr-CA", "US$ 10", "10 USD", ""),
        ("fr-CA", "XYZ 10", "!money.currency_unknown", ""),
        ("fr-CA", "10 XYZ", "!money.currency_unknown", ""),
        ("fr-CA", "abc", "!number.invalid", ""),
        ("fr-CA", "MXN 1,000", "!money.ambiguous", ""),
        ("fr-CA", "£1,000", "!money.ambiguous", ""),
        ("fr-CA", "EUR1.200,50", "!number.invalid", ""),
        ("fr-FR", "$1,250.50", "!number.invalid", ""),
        ("fr-FR", "$ 1.234,56", "!number.invalid", ""),
        ("fr-FR", "R$ 1.234,56", "!number.invalid", ""),
        ("fr-FR", "1 234,56 €", "1234.56 EUR", ""),
        ("fr-FR", "1.234,56 €", "!number.invalid", ""),
        ("fr-FR", "USD 1,200.50", "!number.invalid", ""),
        ("fr-FR", "1.200,50 EUR", "!number.invalid", ""),
        ("fr-FR", "1234.56", "!number.invalid", ""),
        ("fr-FR", "1,500", "!money.ambiguous", ""),
        ("fr-FR", "€ 5", "5 EUR", ""),
        ("fr-FR", "US$ 10", "10 USD", ""),
        ("fr-FR", "XYZ 10", "!money.currency_unknown", ""),
        ("fr-FR", "10 XYZ", "!money.currency_unknown", ""),
        ("fr-FR", "abc", "!number.invalid", ""),
        ("fr-FR", "MXN 1,000", "!money.ambiguous", ""),
        ("fr-FR", "£1,000", "!money.currency_unknown", ""),
        ("fr-FR", "EUR1.200,50", "!number.invalid", ""),
    ])
    func money(locale: String, raw: String, expected: String, warnings: String) throws {
        switch Self.outcome({ try ValueParser(locale: locale).money(raw) }) {
        case .success(let parsed):
            #expect(parsed.value.amount + " " + parsed.value.currency == expected)
            #expect(parsed.warnings.map(\.code.rawValue).joined(separator: ",") == warnings)
        case .failure(let error):
            #expect("!" + error.code.rawValue == expected)
        }
    }
}

extension CountryNames {
    fileprivate static func codeForTests(_ index: Int) -> String? {
        try? ICUCall.string(initialCapacity: 8, { wwc_country_code(Int32(index), $0, $1) }).get()
    }
}

private func wwcCountryCount() -> Int32 { wwc_country_count() }

extension Result {
    fileprivate var code: DiagnosticCode? {
        if case .failure(let error as ValueError) = self { return error.code }
        return nil
    }
}

/// `ValueParser.isDecimalDigit` and the ASCII separator comparison of `checkFractionDigits`
/// against the general rules they skip.
@Suite struct ValueScalarFastPathTests {
    @Test func isDecimalDigitIsTheNumericTypeForEveryASCIIScalarAndSomeOthers() {
        let others: [UInt32] = [0x660, 0x669, 0x6F0, 0x966, 0xFF10, 0xFF19, 0x1D7CE, 0xB2, 0xBD, 0x2160, 0x2212]
        for value in Array(0..<128) + others {
            let scalar = Unicode.Scalar(value)!
            #expect(ValueParser.isDecimalDigit(scalar) == (scalar.properties.numericType == .decimal), "U+\(value)")
        }
        #expect(ValueParser.isDecimalDigit("7"))
        #expect(!ValueParser.isDecimalDigit("a"))
        #expect(ValueParser.isDecimalDigit("\u{0663}"))  // ARABIC-INDIC DIGIT THREE
    }

    @Test func noOtherASCIIScalarIsCanonicallyEquivalentToAnASCIISeparator() {
        for separator in [".", ",", "'", " "] {
            for value in 0..<128 {
                let scalar = Unicode.Scalar(UInt8(value))
                #expect((String(scalar) == separator) == (String(scalar) == separator && scalar == separator.unicodeScalars.first!))
            }
        }
        // The reason only ASCII is compared directly: a non-ASCII scalar can equal an ASCII one.
        #expect(String(Unicode.Scalar(0x037E)!) == ";")
    }
}
