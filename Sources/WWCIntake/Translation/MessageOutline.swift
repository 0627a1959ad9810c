/// The outline of an ICU MessageFormat pattern: its argument names and, for each
/// `plural` / `select` / `selectordinal` argument, the variants and their texts.
///
/// Why a scanner of our own beside ICU: ICU validates and formats patterns (the authority on
/// syntax), but its C API does not hand back the text of each variant, and the translators'
/// check must compare variants with each other (`catalog.plural_identical`) and look at the
/// literal text (French spacing). Apostrophe quoting follows ICU's default mode
/// (`''` is a quote; `'` starts quoting only before `{`, `}`, `|` or, in a plural, `#`).
struct MessageOutline: Sendable, Hashable {
    struct Variant: Sendable, Hashable {
        var keyword: String
        var text: String
    }

    struct Choice: Sendable, Hashable {
        var argument: String
        var type: String
        var variants: [Variant]
    }

    private(set) var argumentNames: Set<String> = []
    private(set) var choices: [Choice] = []
    /// The literal text of the pattern, outside argument syntax, quoting resolved.
    private(set) var literalText = ""

    init?(_ pattern: String) {
        var scanner = Scanner(scalars: Array(pattern.unicodeScalars))
        guard scanner.message(inPlural: false, depth: 0), scanner.index == scanner.scalars.count else { return nil }
        argumentNames = scanner.argumentNames
        choices = scanner.choices
        literalText = scanner.literal
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var argumentNames: Set<String> = []
        var choices: [Choice] = []
        var literal = ""

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func skipSpace() {
            while let c = current, c.properties.isPatternWhitespace { index += 1 }
        }

        /// Scans message text until an unmatched `}` or the end. Returns false on a syntax error.
        mutating func message(inPlural: Bool, depth: Int) -> Bool {
            guard depth < 32 else { return false }
            while let c = current {
                switch c {
                case "'":
                    let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                    if next == "'" {
                        literal += "'"
                        index += 2
                    } else if let next, next == "{" || next == "}" || next == "|" || (inPlural && next == "#") {
                        index += 1
                        while let q = current {
                            index += 1
                            if q == "'" {
                                if current == "'" { literal += "'"; index += 1; continue }
                                break
                            }
                            literal.unicodeScalars.append(q)
                        }
                    } else {
                        literal += "'"
                        index += 1
                    }
                case "{":
                    index += 1
                    guard argument(depth: depth) else { return false }
                    literal += " "
                case "}":
                    return true
                default:
                    literal.unicodeScalars.append(c)
                    index += 1
                }
            }
            return true
        }

        mutating func identifier() -> String {
            var name = ""
            while let c = current, !c.properties.isPatternWhitespace, !c.properties.isPatternSyntax || c == "_" {
                name.unicodeScalars.append(c)
                index += 1
            }
            return name
        }

        mutating func argument(depth: Int) -> Bool {
            skipSpace()
            let name = identifier()
            guard !name.isEmpty else { return false }
            argumentNames.insert(name)
            skipSpace()
            if current == "}" {
                index += 1
                return true
            }
            guard current == "," else { return false }
            index += 1
            skipSpace()
            let type = identifier()
            skipSpace()
            switch type {
            case "plural", "select", "selectordinal":
                guard current == "," else { return false }
                index += 1
                var variants: [Variant] = []
                while true {
                    skipSpace()
                    if current == "}" {
                        index += 1
                        break
                    }
                    var keyword = ""
                    if current == "=" {
                        index += 1
                        keyword = "=" + identifier()
                    } else {
                        keyword = identifier()
                    }
                    guard !keyword.isEmpty else { return false }
                    if keyword.hasPrefix("offset:") || keyword == "offset" {
                        // `offset:1` — skip its number.
                        skipSpace()
                        if current == ":" { index += 1 }
                        skipSpace()
                        _ = identifier()
                        continue
                    }
                    skipSpace()
                    guard current == "{" else { return false }
                    index += 1
                    let start = index
                    guard message(inPlural: type != "select", depth: depth + 1), current == "}" else { return false }
                    variants.append(Variant(keyword: keyword, text: String(String.UnicodeScalarView(scalars[start..<index]))))
                    index += 1
                }
                guard !variants.isEmpty, variants.contains(where: { $0.keyword == "other" }) else { return false }
                choices.append(Choice(argument: name, type: type, variants: variants))
                return true
            case "number", "date", "time", "spellout", "ordinal", "duration":
                if current == "}" {
                    index += 1
                    return true
                }
                guard current == "," else { return false }
                index += 1
                var nesting = 0
                while let c = current {
                    index += 1
                    if c == "{" { nesting += 1 }
                    if c == "}" {
                        if nesting == 0 { return true }
                        nesting -= 1
                    }
                }
                return false
            default:
                return false
            }
        }
    }
}
