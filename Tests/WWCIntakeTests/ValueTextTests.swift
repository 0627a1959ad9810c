import Testing
@testable import WWCIntake

@Suite struct ValueTextTests {
    let parser = try! ValueParser(locale: "es-CO")

    @Test(arguments: [
        ("  Bogotá  ", "Bogotá"),
        ("Bogota\u{0301}", "Bogotá"),                       // NFD → NFC
        ("Bogotá\u{00A0}\u{00A0}D.C.", "Bogotá D.C."),      // NBSP run → one space
        ("1\u{202F}234", "1 234"),                          // narrow NBSP
        ("San\t\tJosé\n del\r\nGuaviare", "San José del Guaviare"),
        ("Medel\u{200B}lín", "Medellín"),                   // zero-width space removed
        ("\u{FEFF}Cali", "Cali"),                           // BOM removed
        ("Bar\u{0007}ranquilla", "Barranquilla"),           // control removed
        ("Santa\u{00AD}Marta", "SantaMarta"),               // soft hyphen removed
        ("Ａｂｃ", "Ａｂｃ"),                                   // width kept in text (only keys fold it)
    ])
    func text(raw: String, expected: String) throws {
        #expect(try parser.text(raw) == expected)
    }

    @Test func emptyText() {
        for raw in ["", "   ", "\u{00A0}\u{202F}", "\u{200B}", "\n\t"] {
            #expect(code { try parser.text(raw) } == .textEmpty)
            #expect(code { try parser.narrative(raw) } == .textEmpty)
        }
    }

    @Test func narrativeKeepsParagraphs() throws {
        #expect(try parser.narrative("  Primer párrafo.\r\n\r\n\r\n  Segundo   párrafo.  \n") == "Primer párrafo.\nSegundo párrafo.")
        #expect(try parser.narrative("Línea uno\nLínea dos") == "Línea uno\nLínea dos")
        #expect(try parser.narrative("A \u{2029} B") == "A\nB")
        #expect(try parser.text("Línea uno\nLínea dos") == "Línea uno Línea dos")
    }

    // MARK: MatchKey

    @Test(arguments: [
        ["Población", "poblacion", "POBLACIÓN", " población "],
        ["Site Web", "site-web", "SITE_WEB", "site  web", "Site\u{00A0}Web"],
        ["Año", "ano", "AÑO"],
        ["Nom de la ville", "nom-de-la-ville", "NOM DE LA VILLE"],
        ["Population (residents)", "population residents", "Population, residents"],
        ["População total", "populacao total", "POPULAÇÃO TOTAL"],
        ["Ｐｏｂｌａｃｉóｎ", "poblacion"],                       // full width
        ["Straße", "strasse"],
        ["Français", "francais"],
        ["DM-1", "dm 1", "DM 1", "dm_1"],
        ["Mise en œuvre", "mise en oeuvre", "MISE EN ŒUVRE"],
        ["Ærø", "aero"],
    ])
    func matchKeysAgree(_ spellings: [String]) {
        let keys = Set(spellings.map(MatchKey.make))
        #expect(keys.count == 1, "\(spellings) → \(keys)")
    }

    @Test(arguments: [
        ("Población", "poblacion"),
        ("Site Web", "site web"),
        ("  ¿Año?  ", "ano"),
        ("PM2.5 (µg/m³)", "pm2 5 μg m3"),
        ("DM1", "dm1"),
        ("", ""),
        ("—", ""),
    ])
    func matchKeyValues(raw: String, expected: String) {
        #expect(MatchKey.make(raw) == expected)
    }

    /// The spec's enum synonyms, as typed by people, meet the catalog spelling.
    @Test(arguments: [
        ("Sí", "si"), ("SI", "sí"), ("Sim", "sim"), ("Não", "nao"), ("NÃO", "não"), ("Oui", "oui"),
        ("En curso", "en  curso"), ("Em andamento", "em-andamento"), ("En cours", "EN COURS"),
        ("In progress", "in_progress"), ("Implementación de la estrategia y gobernanza de datos",
            "implementacion de la estrategia y gobernanza de datos"),
    ])
    func specSynonymsMeet(typed: String, catalog: String) {
        #expect(MatchKey.make(typed) == MatchKey.make(catalog))
    }

    @Test func matchKeysNeverDropLettersOrDigits() {
        #expect(MatchKey.make("DM1") != MatchKey.make("DM2"))
        #expect(MatchKey.make("Sí") != MatchKey.make("S"))
        #expect(MatchKey.make("en curso") != MatchKey.make("encurso"))
        #expect(MatchKey.make("Não") == "nao")
    }
}
