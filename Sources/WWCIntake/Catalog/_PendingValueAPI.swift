// TEMPORARY stand-ins for the value layer's API (branch `values`), so the catalog code
// builds before it lands on main. Delete this file when merging main.
import Foundation

public struct ValueError: Error, Sendable {
    public var code: DiagnosticCode
    public init(code: DiagnosticCode) { self.code = code }
}

public struct MessagePatternInfo: Sendable {
    public var argumentNames: Set<String>
    public var pluralKeywords: [String: [String]]
}

public enum MessageFormatter {
    public static func format(_ pattern: String, locale: String, arguments: [String: MessageArgument]) throws(ValueError) -> String {
        guard let outline = MessageOutline(pattern) else { throw ValueError(code: .messageSyntax) }
        _ = outline
        var text = pattern
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value.description) }
        return text
    }

    public static func inspect(_ pattern: String) throws(ValueError) -> MessagePatternInfo {
        guard let outline = MessageOutline(pattern) else { throw ValueError(code: .messageSyntax) }
        var plurals: [String: [String]] = [:]
        for choice in outline.choices where choice.type == "plural" {
            plurals[choice.argument, default: []].append(contentsOf: choice.variants.map(\.keyword))
        }
        return MessagePatternInfo(argumentNames: outline.argumentNames, pluralKeywords: plurals)
    }
}

public enum PluralRules {
    public static func categories(locale: String) -> [String] {
        locale.hasPrefix("en") ? ["one", "other"] : ["one", "many", "other"]
    }
}

public enum MatchKey {
    public static func make(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) { out.unicodeScalars.append(scalar) } else { out += " " }
        }
        return out.split(separator: " ").joined(separator: " ")
    }
}

extension DiagnosticCode {
    // Declared by the values branch; here only until it lands.
    public static let messageSyntax: Self = "message.syntax"
    public static let moneyCurrencyAssumed: Self = "money.currency_assumed"
}
