internal import CICU

/// The text a translator wrote in a MessageFormat pattern, as ICU's `MessagePattern` parses
/// it (`wwc_message_outline`): each variant of a `plural` / `selectordinal` argument, and the
/// literal text outside argument syntax.
///
/// Why beside `MessageFormatter.inspect` (argument names and plural keywords, used when a
/// message is rendered): only the translators' checks need the text, to compare the variants
/// of one argument with each other (`catalog.plural_identical`) and to look at the literal
/// text (French spacing). ICU is the authority on the syntax, quoting included.
struct MessagePatternText: Sendable, Hashable {
    struct Variant: Sendable, Hashable {
        /// `one`, `other`, `=0`.
        var keyword: String
        /// The variant's message as written, between its braces.
        var text: String
    }

    /// One `plural` or `selectordinal` argument of the pattern, its variants in pattern order.
    struct PluralChoice: Sendable, Hashable {
        var argument: String
        var variants: [Variant]
    }

    /// Every plural and selectordinal argument, nested ones included, in pattern order.
    private(set) var pluralChoices: [PluralChoice] = []
    /// The literal text with quoting resolved: each argument is one space, the variants of a
    /// plural or select argument are kept (in pattern order), `#` stays.
    private(set) var literalText = ""

    /// Nil when ICU cannot parse the pattern (`MessageFormatter.inspect` says why).
    init?(_ pattern: String) {
        let result = ICUCall.withUTF8(pattern) { pointer, length in
            ICUCall.string { out, capacity in wwc_message_outline(pointer, length, out, capacity) }
        }
        guard case .success(let facts) = result else { return nil }
        // "V\t<choice>\t<argument>\t<keyword>\t<start>\t<limit>\n" per variant (UTF-16 offsets
        // of its text in the pattern; <choice> tells the arguments apart), then "L\t<literal>".
        let units = Array(pattern.utf16)
        var choiceIndex: [Substring: Int] = [:]
        var rest = Substring(facts)
        while rest.hasPrefix("V\t"), let end = rest.utf8.firstIndex(of: 0x0A) {
            let fields = rest[..<end].split(separator: "\t", omittingEmptySubsequences: false)
            rest = rest[rest.utf8.index(after: end)...]
            guard fields.count == 6, let start = Int(fields[4]), let limit = Int(fields[5]),
                  0 <= start, start <= limit, limit <= units.count else { return nil }
            let variant = Variant(keyword: String(fields[3]),
                                  text: String(decoding: units[start..<limit], as: UTF16.self))
            if let index = choiceIndex[fields[1]] {
                pluralChoices[index].variants.append(variant)
            } else {
                choiceIndex[fields[1]] = pluralChoices.count
                pluralChoices.append(PluralChoice(argument: String(fields[2]), variants: [variant]))
            }
        }
        guard rest.hasPrefix("L\t") else { return nil }
        literalText = String(rest.dropFirst(2))
    }
}
