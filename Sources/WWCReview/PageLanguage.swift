import Foundation
import WWCIntake
import WWCRegister

/// The interface language of a request: the `lang` cookie the switcher sets, else the best
/// `Accept-Language` match among the catalogs' base languages, else English.
package enum PageLanguage {
    package static let cookieName = "intake_lang"

    package static func choose(cookie: String?, acceptLanguage: String?, available: [String]) -> String {
        if let cookie = cookie?.lowercased(), available.contains(cookie) { return cookie }
        for tag in preferred(acceptLanguage) {
            let language = String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
            if available.contains(language) { return language }
        }
        return CatalogSet.referenceLanguage
    }

    /// `Accept-Language` tags by descending quality (RFC 9110 §12.5.4); `q=0` means "not this".
    static func preferred(_ header: String?) -> [String] {
        guard let header else { return [] }
        var weighted: [(tag: String, q: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty, tag != "*" else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            if q > 0 { weighted.append((tag, q, order)) }
        }
        return weighted.sorted { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }.map(\.tag)
    }
}

/// The interface text of one language, from the catalogs' `ui.*` messages.
///
/// Templates read plain texts as `{{t.list_empty}}` (`ui.list.empty`, dots made underscores,
/// because a dot in a Mustache name walks into a child); texts with arguments (plurals,
/// names) are formatted here, by ICU, through `format`.
package struct PageText: Sendable {
    package let language: String
    let catalogs: CatalogSet
    /// Every `ui.*` message without arguments, keyed for templates.
    package let plain: [String: String]

    package init(catalogs: CatalogSet, language: String) {
        self.language = language
        self.catalogs = catalogs
        var plain: [String: String] = [:]
        for key in Self.plainKeys {
            let name = key.dropFirst(3).replacingOccurrences(of: ".", with: "_")
            plain[name] = catalogs.render(key: key, arguments: [:], language: language)
        }
        self.plain = plain
    }

    /// A UI message with arguments, in this language.
    package func format(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String {
        catalogs.render(key: key, arguments: arguments, language: language)
    }

    /// The state's readable label (the register's `state.…` messages, as in its exports).
    package func state(_ state: ReviewState) -> String { state.label(catalogs, language: language) }
    package func level(_ level: CertificationLevel?) -> String {
        format("ui.level", ["level": .text(level?.rawValue ?? "none")])
    }

    /// The keys read as `{{t.…}}` by the templates (messages without arguments).
    static let plainKeys = [
        "ui.app_title", "ui.skip", "ui.nav.applications", "ui.nav.upload", "ui.nav.sign_out", "ui.language",
        "ui.signin.title", "ui.signin.user", "ui.signin.password", "ui.signin.submit", "ui.signin.failed",
        "ui.csrf.invalid", "ui.not_found", "ui.list.empty", "ui.filter.title", "ui.filter.state",
        "ui.filter.language", "ui.filter.country", "ui.filter.level", "ui.filter.any", "ui.filter.apply",
        "ui.filter.clear", "ui.column.id", "ui.column.city", "ui.column.received", "ui.column.points",
        "ui.column.problems", "ui.sort.hint", "ui.bulk.submit", "ui.review.new_state", "ui.review.note",
        "ui.review.note_hint", "ui.review.submit", "ui.export.csv",
        "ui.upload.title", "ui.upload.files", "ui.upload.drop", "ui.upload.submit", "ui.upload.open",
        "ui.detail.back", "ui.detail.timeline", "ui.detail.source", "ui.detail.version", "ui.detail.record",
        "ui.detail.no_record", "ui.detail.score", "ui.detail.diff", "ui.diff.from", "ui.diff.to",
        "ui.diff.compare", "ui.diff.path", "ui.diff.old", "ui.diff.new", "ui.diff.none", "ui.diff.single",
        "ui.detail.review", "ui.detail.comment", "ui.comment.submit", "ui.detail.message",
        "ui.message.download", "ui.message.copy",
    ]
}
