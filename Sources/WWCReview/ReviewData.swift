import Foundation
import WWCIntake
import WWCRegister

/// What the pages show, independent of where it is stored: the routes fill these from the
/// register, the template tests build them by hand. Texts here are the stored values (a
/// city's name as submitted); every word of the interface comes from the catalogs.

/// One row of the applications table.
package struct ApplicationRow: Sendable, Hashable {
    package var id: Int64
    package var city: String?
    /// ISO 3166-1 alpha-2 code.
    package var country: String?
    /// The latest version's form locale (`es-MX`).
    package var locale: String?
    package var level: CertificationLevel?
    package var points: Int?
    package var state: ReviewState
    package var receivedAt: Date
    package var errors: Int
    package var warnings: Int

    package init(id: Int64, city: String?, country: String?, locale: String?, level: CertificationLevel?,
                points: Int?, state: ReviewState, receivedAt: Date, errors: Int, warnings: Int) {
        self.id = id
        self.city = city
        self.country = country
        self.locale = locale
        self.level = level
        self.points = points
        self.state = state
        self.receivedAt = receivedAt
        self.errors = errors
        self.warnings = warnings
    }
}

/// One submitted version of an application.
package struct ApplicationVersion: Sendable {
    package var number: Int
    package var file: String
    package var receivedAt: Date
    package var receivedBy: String
    /// The bytes as submitted.
    package var source: Data
    /// The form's locale as resolved by the converter (`pt-BR`); nil when it could not be told.
    package var locale: String?
    /// The canonical record as pretty JSON; nil when the form had errors.
    package var recordJSON: String?
    package var diagnostics: [Diagnostic]
    package var score: ScoreReport?

    package init(number: Int, file: String, receivedAt: Date, receivedBy: String, source: Data, locale: String?,
                recordJSON: String?, diagnostics: [Diagnostic], score: ScoreReport?) {
        self.number = number
        self.file = file
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
        self.source = source
        self.locale = locale
        self.recordJSON = recordJSON
        self.diagnostics = diagnostics
        self.score = score
    }
}

/// One entry of an application's timeline.
package struct TimelineEvent: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case version(number: Int, file: String)
        case stateChange(from: ReviewState?, to: ReviewState)
        case comment
    }

    package var kind: Kind
    package var at: Date
    package var who: String
    /// The note of a state change, or the comment's text.
    package var text: String?

    package init(kind: Kind, at: Date, who: String, text: String? = nil) {
        self.kind = kind
        self.at = at
        self.who = who
        self.text = text
    }
}

/// One difference between two versions' records (the register's diff: JSON Pointer, old, new).
package typealias RecordDifference = RecordChange

/// Everything the detail page shows about one application.
package struct ApplicationDetail: Sendable {
    package var summary: ApplicationRow
    /// Every version, oldest first.
    package var versionNumbers: [Int]
    /// The version shown (source, diagnostics, record, score).
    package var shown: ApplicationVersion
    package var timeline: [TimelineEvent]
    /// The versions compared and their differences; nil when fewer than two versions exist.
    package var comparison: (from: Int, to: Int, differences: [RecordDifference])?

    package init(summary: ApplicationRow, versionNumbers: [Int], shown: ApplicationVersion,
                timeline: [TimelineEvent], comparison: (from: Int, to: Int, differences: [RecordDifference])?) {
        self.summary = summary
        self.versionNumbers = versionNumbers
        self.shown = shown
        self.timeline = timeline
        self.comparison = comparison
    }
}

/// The list filters as the query string carries them (`?state=received&state=accepted&language=es`).
package struct ListFilter: Sendable, Hashable {
    package var states: Set<ReviewState> = []
    /// A language code (`es`): matches `es`, `es-MX`, …
    package var language: String?
    package var country: String?
    package var level: CertificationLevel?
    package var sort: SortKey = .received
    var descending = true

    package enum SortKey: String, Sendable, CaseIterable {
        case id, city, country, language, level, points, state, received, problems
    }

    package init() {}

    /// Reads the filter from query items; unknown values are ignored rather than guessed.
    package init(query: [(String, String)]) {
        for (name, value) in query where !value.isEmpty {
            switch name {
            case "state": if let state = ReviewState(rawValue: value) { states.insert(state) }
            case "language": language = value.lowercased()
            case "country": country = value.uppercased()
            case "level": level = CertificationLevel(rawValue: value)
            case "sort": if let key = SortKey(rawValue: value) { sort = key }
            case "order": descending = value != "asc"
            default: break
            }
        }
    }

    /// The query items that reproduce this filter, in a stable order.
    package func queryItems(sort: SortKey? = nil, descending: Bool? = nil) -> [(String, String)] {
        var items: [(String, String)] = ReviewState.allCases.filter(states.contains).map { ("state", $0.rawValue) }
        if let language { items.append(("language", language)) }
        if let country { items.append(("country", country)) }
        if let level { items.append(("level", level.rawValue)) }
        items.append(("sort", (sort ?? self.sort).rawValue))
        items.append(("order", (descending ?? self.descending) ? "desc" : "asc"))
        return items
    }

    /// Query items as a URL query (`state=received&sort=city`), percent-encoded.
    package static func queryString(_ items: [(String, String)]) -> String {
        items.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    package func matches(_ row: ApplicationRow) -> Bool {
        if !states.isEmpty, !states.contains(row.state) { return false }
        if let language {
            guard let locale = row.locale?.lowercased(),
                  locale == language || locale.hasPrefix(language + "-") else { return false }
        }
        if let country, row.country?.uppercased() != country { return false }
        if let level, row.level != level { return false }
        return true
    }

    /// Rows filtered and sorted; ties broken by id so the order is stable.
    package func apply(to rows: [ApplicationRow]) -> [ApplicationRow] {
        let kept = rows.filter(matches)
        return kept.sorted { a, b in
            let order = Self.compare(a, b, by: sort)
            if order == .orderedSame { return a.id < b.id }
            return descending ? order == .orderedDescending : order == .orderedAscending
        }
    }

    static func compare(_ a: ApplicationRow, _ b: ApplicationRow, by key: SortKey) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> ComparisonResult {
            switch (x, y) {
            case let (x?, y?): x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
            case (nil, nil): .orderedSame
            case (nil, _): .orderedAscending
            case (_, nil): .orderedDescending
            }
        }
        switch key {
        case .id: return cmp(a.id, b.id)
        case .city: return cmp(a.city?.lowercased(), b.city?.lowercased())
        case .country: return cmp(a.country, b.country)
        case .language: return cmp(a.locale, b.locale)
        case .level: return cmp(a.level, b.level)
        case .points: return cmp(a.points, b.points)
        case .state: return cmp(ReviewState.allCases.firstIndex(of: a.state), ReviewState.allCases.firstIndex(of: b.state))
        case .received: return cmp(a.receivedAt, b.receivedAt)
        case .problems: return cmp(a.errors * 1_000_000 + a.warnings, b.errors * 1_000_000 + b.warnings)
        }
    }
}
