import Foundation
import Testing
@testable import WWCIntake

/// The ASCII fast path of `MatchKey` must give exactly the key ICU gives (`wwc_match_key`),
/// and must leave every non-ASCII text to ICU.
@Suite struct ValueMatchKeyFastPathTests {
    /// Every ASCII byte, alone and between letters, upper- and lower-case.
    static let asciiScalars: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    @Test func everyASCIICharacterAloneAndBetweenLetters() {
        for char in Self.asciiScalars {
            for text in [char, "A" + char + "b", char + "Z9" + char, char + char, "x" + char + char + "y"] {
                expectSameKey(text)
            }
        }
    }

    @Test func everyPairOfASCIICharacters() {
        for first in Self.asciiScalars {
            for second in Self.asciiScalars {
                expectSameKey(first + second)
            }
        }
    }

    @Test(arguments: [
        ("", ""),
        (" ", ""),
        ("     ", ""),
        ("\t\n\r\u{0B}\u{0C}", ""),
        ("Site Web", "site web"),
        ("site-web", "site web"),
        ("SITE_WEB", "site web"),
        ("  Site \t\n Web  ", "site web"),
        ("submission.date", "submission date"),
        ("populationYear", "populationyear"),
        ("DM-1", "dm 1"),
        ("dm 1", "dm 1"),
        ("a", "a"),
        ("already a key 42", "already a key 42"),
        ("trailing ", "trailing"),
        (" leading", "leading"),
        ("double  space", "double space"),
        ("Line\r\nbreak", "line break"),
        ("nul\u{0}inside", "nul inside"),
        ("bell\u{07}del\u{7F}", "bell del"),
        ("$1,250,000.50", "1 250 000 50"),
        ("(512) 974-2000", "512 974 2000"),
        ("https://www.austintexas.gov", "https www austintexas gov"),
        ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ""),
    ])
    func knownASCIIKeys(text: String, expected: String) {
        #expect(MatchKey.asciiKey(text) == expected)
        #expect(MatchKey.computeWithICU(text) == expected)
        #expect(MatchKey.make(text) == expected)
    }

    @Test(arguments: [
        "Año", "é", "e\u{0301}", "Lições", "Mise en œuvre", "ＡＢＣ", "a\u{00A0}b", "Straße", "x\u{200B}y",
        "ﬁle", "\u{0085}", "a\u{2028}b", "Dénomination", "\u{FEFF}",
    ])
    func nonASCIIGoesToICU(text: String) {
        #expect(MatchKey.asciiKey(text) == nil)
        #expect(MatchKey.make(text) == MatchKey.computeWithICU(text))
    }

    @Test func longInputs() {
        let words = (0..<2_000).map { "Word\($0)" }
        for separator in [" ", "  ", "-", "\n", "_.,", "\t\t"] {
            expectSameKey(words.joined(separator: separator))
            expectSameKey(separator + words.joined(separator: separator) + separator)
        }
        expectSameKey(String(repeating: "A", count: 100_000))
        expectSameKey(String(repeating: "/", count: 100_000))
    }

    /// Random ASCII strings over a small alphabet that hits every class (deterministic).
    @Test func generatedShapes() {
        let alphabet = Array("aZ09 _-.\t\n\r\u{0}\u{7F}~'")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59)
            var text = ""
            for index in 0..<length {
                let pick = Int((state >> UInt64((index * 4) % 56)) & 0xF) % alphabet.count
                text.append(alphabet[pick])
            }
            expectSameKey(text)
        }
    }

    /// Every text the shipped catalogs hold (labels, aliases, titles, answers, messages) and
    /// every country name ICU gives in the form languages.
    @Test func everyCatalogTextAndCountryName() {
        var texts: [String] = []
        for file in TestCatalogs.shared.files {
            for entry in file.entries {
                texts += entry.value.strings
                texts.append(entry.key)
                texts.append(entry.name)
            }
        }
        for code in CountryNames.shared.alpha2.sorted() {
            for language in CountryNames.formLanguages {
                if let name = CountryNames.name(of: code, in: language) { texts.append(name) }
            }
        }
        var ascii = 0
        for text in texts {
            if MatchKey.asciiKey(text) != nil { ascii += 1 }
            #expect(MatchKey.make(text) == MatchKey.computeWithICU(text), "\(text)")
        }
        #expect(ascii > 1_000)
    }

    private func expectSameKey(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let fast = MatchKey.asciiKey(text)
        #expect(fast != nil, sourceLocation: sourceLocation)
        #expect(fast == MatchKey.computeWithICU(text), "\(text.debugDescription)", sourceLocation: sourceLocation)
    }
}
