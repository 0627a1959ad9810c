import Testing
@testable import WWCIntake

/// One `ValueParser` per worker; `MatchKey`, country names, IDNA and messages shared.
@Suite struct ValueConcurrencyTests {
    @Test func parsersPerTaskAgree() async throws {
        let locales = ["en-US", "es-CO", "fr-FR", "pt-BR", "es-MX", "fr-CA", "es-AR", "pt-PT"]
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for locale in locales {
                group.addTask {
                    let parser = try ValueParser(locale: locale)
                    var seen: [String] = []
                    for _ in 0..<200 {
                        seen.append(try parser.date("2024-03-15").value)
                        seen.append(try parser.country("Estados Unidos"))
                        seen.append(MatchKey.make("Población Total"))
                        seen.append(MatchKey.make("Mise en Œuvre"))
                        seen.append(try parser.email("datos@cañete.pe"))
                        seen.append(try MessageFormatter.format("{n, plural, one {#} other {# x}}", locale: locale, arguments: ["n": 2]))
                    }
                    return Array(Set(seen)).sorted()
                }
            }
            var all: [[String]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == locales.count)
        for result in results {
            #expect(result == ["2 x", "2024-03-15", "US", "datos@xn--caete-pta.pe", "mise en oeuvre", "poblacion total"])
        }
    }
}
