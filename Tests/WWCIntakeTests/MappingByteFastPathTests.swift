import Testing
@testable import WWCIntake

/// The mapper's byte fast paths must answer exactly as the `Character` rules they stand in
/// for: `String.isBlank` as `allSatisfy(\.isWhitespace)`, `GroupPaths.asciiParts` as
/// `generalParts`, and both must leave to the general rule what they cannot decide.
@Suite struct MappingByteFastPathTests {
    static let ascii: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
    static let others = ["\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "\u{301}", "é", "e\u{301}", "\u{200B}", "\r\n"]

    @Test func isBlankIsAllWhiteSpaceForEveryASCIIPairAndOtherScalars() {
        let pieces = Self.ascii + Self.others
        var texts = [""]
        for first in pieces {
            texts.append(first)
            for second in pieces { texts.append(first + second) }
        }
        texts += [" \u{301}", "\t\u{A0} \n", "x ", " x", "\u{2029}\u{2028}"]
        for text in texts {
            #expect(text.isBlank == text.allSatisfy(\.isWhitespace), "\(Array(text.unicodeScalars))")
        }
        // Independently known answers.
        #expect(" \t\r\n\u{0B}\u{0C}".isBlank)
        #expect("\u{A0}\u{3000}".isBlank)
        #expect(!"a".isBlank)
        #expect(!" \u{1C}".isBlank)  // U+001C is not White_Space
    }

    @Test func asciiPartsAreTheGeneralPartsOfEveryASCIIKeyShape() {
        var keys = ["a/b", "a//b", "/a", "a/", "/", "a b/c", "a/b\tc", "ab", "a/b/c", "x\r\n/y", "State/Province",
                    "grupo_1/sub-grupo/campo.2"]
        for char in Self.ascii {
            keys += ["a" + char + "/b", "a/" + char, char + "/z", char]
        }
        for key in keys {
            let fast = GroupPaths.asciiParts(of: key)
            #expect(fast != nil, "an ASCII key is answered: \(key.debugDescription)")
            #expect(fast.flatMap { $0 } == GroupPaths.generalParts(of: key), "\(key.debugDescription)")
        }
        #expect(GroupPaths.asciiParts(of: "solicitante/contato/e_mail") == .some(["solicitante", "contato", "e_mail"]))
        #expect(GroupPaths.asciiParts(of: "a//b") == .some(nil))
        #expect(GroupPaths.asciiParts(of: "a/b c") == .some(nil))
    }

    @Test func asciiPartsLeaveOtherKeysToTheGeneralRule() {
        // A combining mark after `/` joins it into one `Character`: no split there.
        #expect(GroupPaths.asciiParts(of: "a/\u{301}b") == nil)
        #expect(GroupPaths.generalParts(of: "a/\u{301}b") == ["a/\u{301}b"])
        #expect(GroupPaths.segments(of: "a/\u{301}b", isWholeKey: { _ in false }) == nil)
        #expect(GroupPaths.asciiParts(of: "ação/nome") == nil)
        #expect(GroupPaths.segments(of: "ação/nome", isWholeKey: { _ in false }) == ["ação", "nome"])
        #expect(GroupPaths.segments(of: "ação/no\u{A0}me", isWholeKey: { _ in false }) == nil)
        #expect(GroupPaths.segments(of: "State/Province", isWholeKey: { $0 == "State/Province" }) == nil)
    }
}

@Suite struct KeyResolverWordsTests {
    @Test func wordsAreTheCharacterSplitOfEveryShape() {
        var matches = ["dm 1 data inventory", " a  b ", "", " ", "x", "ação pública", "a \u{301}b", "a\r\n b", "dm1"]
        for char in MappingByteFastPathTests.ascii { matches += ["a" + char + " b", char + " " + char] }
        for match in matches {
            #expect(KeyResolver.words(of: match) == match.split(separator: " "), "\(match.debugDescription)")
            let tokens = match.split(separator: " ")
            #expect(KeyResolver.joined(tokens[...]) == tokens.joined())
            #expect(KeyResolver.joined(tokens.dropFirst(), separator: " ") == tokens.dropFirst().joined(separator: " "))
        }
        #expect(KeyResolver.words(of: "dm 1 data") == ["dm", "1", "data"])
        #expect(KeyResolver.joined(["dm", "1"][...]) == "dm1")
    }
}
