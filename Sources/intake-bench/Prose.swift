import WWCIntake

/// Random sentences for the corpora's narratives: words of the form's language, the odd
/// paragraph break, and the odd `&`, `<` and quote that XML and JSON writers must escape.
enum Prose {
    /// `markupOneIn`: one sentence end in that many is the `(I+D & "TIC" < 5 %).` aside.
    static func sentences(from words: [String], count: Int, markupOneIn: Int, random: inout SplitMix64) -> String {
        var text = ""
        text.reserveCapacity(count * 9)
        var sentenceLength = 0
        for n in 0..<count {
            var word = words[Int.random(in: 0..<words.count, using: &random)]
            if sentenceLength == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            if n > 0 { text += " " }
            text += word
            sentenceLength += 1
            if sentenceLength > 8 && Int.random(in: 0..<6, using: &random) == 0 {
                switch Int.random(in: 0..<markupOneIn, using: &random) {
                case 0: text += " (I+D & \"TIC\" < 5 %)."
                case 1: text += ".\n\n"
                default: text += "."
                }
                sentenceLength = 0
            }
        }
        return text + "."
    }

    /// Escapes `&`, `<` and `"` for XML text and attribute values.
    static func escapeXML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "\"") }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A JSON string literal, through the library's writer (the same escaping as the records).
    static func quoteJSON(_ text: String) -> String { JSONValue.string(text).serialized() }
}
