import Foundation
import Mustache
import WWCIntake
import WWCRegister

/// What every page needs besides its own content: the interface language, who is signed in,
/// the CSRF token its forms carry, and where the language switcher should come back to.
package struct PageContext: Sendable {
    package var text: PageText
    package var user: String?
    package var csrf: String
    /// The current path and query, to return to after switching language.
    package var path: String
    package var notice: String?
    package var error: String?

    package init(text: PageText, user: String?, csrf: String, path: String, notice: String? = nil, error: String? = nil) {
        self.text = text
        self.user = user
        self.csrf = csrf
        self.path = path
        self.notice = notice
        self.error = error
    }
}

/// One uploaded file's outcome, for the upload page.
package struct UploadOutcome: Sendable {
    package var file: String
    /// The application it became a version of; nil when the form was refused.
    package var applicationID: Int64?
    package var errors: Int
    package var warnings: Int
    /// Why it was refused: the errors' messages in the interface language, with their place.
    package var messages: [String]

    package init(file: String, applicationID: Int64?, errors: Int, warnings: Int, messages: [String] = []) {
        self.file = file
        self.applicationID = applicationID
        self.errors = errors
        self.warnings = warnings
        self.messages = messages
    }
}

/// Renders the review pages from the Mustache templates in `web/templates`.
///
/// Templates escape every `{{value}}` for HTML (the library's default content type); none uses
/// the unescaped `{{{…}}}` form, which a test enforces, so submitted text is always shown as
/// text. View models are dictionaries of strings, numbers, booleans and lists: whatever a form
/// holds arrives in a template as a string.
package final class ReviewPages: Sendable {
    package let catalogs: CatalogSet
    let library: MustacheLibrary
    /// The stylesheet and script, served as they are.
    package let staticFiles: [String: (contentType: String, body: Data)]

    package init(catalogs: CatalogSet, webDirectory: URL? = nil) throws {
        self.catalogs = catalogs
        let web = webDirectory ?? Self.bundledWebDirectory
        var library = MustacheLibrary()
        let templates = web.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted()
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("style.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            files[name] = (type, try Data(contentsOf: web.appendingPathComponent("static").appendingPathComponent(name)))
        }
        self.staticFiles = files
    }

    /// The `web/` folder (templates and static files): `$WWC_INTAKE_WEB`, else
    /// `../share/wwc-intake/web` beside the program, else a checkout's, like the catalogs.
    static var bundledWebDirectory: URL {
        DataLocator.process.locate(explicit: nil, variable: "WWC_INTAKE_WEB", shipped: "web",
                                   marker: "templates/layout.mustache")?.url
            ?? URL(fileURLWithPath: "web")
    }

    package var languages: [String] { catalogs.languages }

    func render(_ template: String, _ context: PageContext, _ content: [String: Any]) -> String {
        var model = content
        model["t"] = context.text.plain
        model["page"] = pageModel(context)
        return library.render(model, withTemplate: template) ?? ""
    }

    func pageModel(_ context: PageContext) -> [String: Any] {
        let language = context.text.language
        let languages: [[String: Any]] = catalogs.languages.map { code in
            // Each language in its own name, so a reader finds theirs whatever is shown now.
            let name = DisplayNames.language(code, in: code).map { capitalizedFirst($0, code) } ?? code
            return ["code": code, "name": name, "current": code == language]
        }
        var page: [String: Any] = [
            "language": language,
            "languages": languages,
            "csrf": context.csrf,
            "back": percentEncoded(context.path),
        ]
        if let user = context.user {
            page["user"] = user
            page["signedIn"] = context.text.format("ui.nav.signed_in", ["user": .text(user)])
        }
        if let notice = context.notice { page["notice"] = notice }
        if let error = context.error { page["error"] = error }
        return page
    }

    // MARK: Pages

    package func signIn(_ context: PageContext, next: String, user: String = "") -> String {
        render("signin", context, ["next": next, "user": user])
    }

    /// A short page with one sentence (not found, expired form).
    package func message(_ context: PageContext, text: String) -> String {
        render("message", context, ["text": text])
    }

    package func upload(_ context: PageContext, outcomes: [UploadOutcome]) -> String {
        let results: [[String: Any]] = outcomes.map { outcome in
            var model: [String: Any] = [
                "errors": outcome.errors > 0, "messages": outcome.messages,
                "summary": context.text.format("ui.upload.result", ["file": .text(outcome.file),
                                                                     "errors": .number(outcome.errors),
                                                                     "warnings": .number(outcome.warnings)]),
            ]
            if let id = outcome.applicationID { model["id"] = String(id) }
            return model
        }
        return render("upload", context, ["results": results, "hasResults": !results.isEmpty])
    }

    /// The applications table. `all` is every application (for the per-state counts and the
    /// country choices); the filter picks and orders the rows shown.
    package func list(_ context: PageContext, all: [ApplicationRow], filter: ListFilter) -> String {
        let text = context.text
        let rows = filter.apply(to: all)
        var stateless = filter
        stateless.states = []
        let counted = all.filter(stateless.matches)
        let states: [[String: Any]] = ReviewState.allCases.map { state in
            ["code": state.rawValue, "label": text.state(state), "checked": filter.states.contains(state),
             "total": counted.count { $0.state == state }]
        }
        let languages: [[String: Any]] = catalogs.languages.map { code in
            ["code": code, "name": languageName(code, text), "selected": filter.language == code]
        }
        let countryCodes = Set(all.compactMap(\.country)).sorted()
        let countries: [[String: Any]] = countryCodes.map { code in
            ["code": code, "name": countryName(code, text), "selected": filter.country == code]
        }
        let levels: [[String: Any]] = CertificationLevel.allCases.map { level in
            ["code": level.rawValue, "name": text.level(level), "selected": filter.level == level]
        }
        let columns: [(ListFilter.SortKey, String, Bool)] = [
            (.id, text.plain["column_id"] ?? "", true), (.city, text.plain["column_city"] ?? "", false),
            (.country, text.plain["filter_country"] ?? "", false), (.language, text.plain["filter_language"] ?? "", false),
            (.level, text.plain["filter_level"] ?? "", false), (.points, text.plain["column_points"] ?? "", true),
            (.state, text.plain["filter_state"] ?? "", false), (.received, text.plain["column_received"] ?? "", false),
            (.problems, text.plain["column_problems"] ?? "", true),
        ]
        let columnModels: [[String: Any]] = columns.map { key, label, numeric in
            let sorted = filter.sort == key
            // A second click on the sorted column reverses it; a new column starts descending.
            let descending = sorted ? !filter.descending : true
            var model: [String: Any] = ["label": label, "numeric": numeric,
                                        "href": Self.query(filter.queryItems(sort: key, descending: descending))]
            if sorted {
                model["sorted"] = ["direction": filter.descending ? "descending" : "ascending",
                                   "arrow": filter.descending ? "▼" : "▲"]
            }
            return model
        }
        let rowModels: [[String: Any]] = rows.map { row in
            var model: [String: Any] = [
                "id": String(row.id), "city": row.city.map(SourceView.visible) ?? "—", "country": row.country.map { countryName($0, text) } ?? "—",
                "language": row.locale ?? "—", "level": text.level(row.level), "stateCode": row.state.rawValue,
                "state": text.state(row.state), "received": Self.displayDate(row.receivedAt),
                "receivedISO": Self.isoDate(row.receivedAt), "points": row.points.map(String.init) ?? "—",
            ]
            if row.errors > 0 { model["errors"] = String(row.errors) }
            if row.warnings > 0 { model["warnings"] = String(row.warnings) }
            return model
        }
        let filterFields: [[String: Any]] = filter.queryItems().map { ["name": $0.0, "value": $0.1] }
        return render("list", context, [
            "count": text.format("ui.list.count", ["count": .number(rows.count)]),
            "states": states, "languages": languages, "countries": countries, "levels": levels,
            "sort": filter.sort.rawValue, "order": filter.descending ? "desc" : "asc",
            "query": Self.query(filter.queryItems()), "columns": columnModels, "rows": rowModels,
            "hasRows": !rows.isEmpty, "filterFields": filterFields,
            "bulkTitle": text.format("ui.bulk.title", ["count": .number(rows.count)]),
            "stateOptions": ReviewState.allCases.map { ["code": $0.rawValue, "label": text.state($0)] },
        ])
    }

    package func detail(_ context: PageContext, _ detail: ApplicationDetail, note: String? = nil) -> String {
        let text = context.text
        let summary = detail.summary
        let version = detail.shown
        let located = version.diagnostics.enumerated().map { (index: $0.offset + 1, diagnostic: $0.element) }
        let source = SourceView(source: version.source, located: located)
        var messagesByIndex: [Int: [String: Any]] = [:]
        let diagnostics: [[String: Any]] = located.map { index, diagnostic in
            let message = catalogs.render(diagnostic, language: text.language)
            let model: [String: Any] = [
                "index": index, "severity": diagnostic.severity.rawValue, "code": diagnostic.code.rawValue,
                "message": message, "line": diagnostic.line.map(String.init) ?? "",
                "place": diagnostic.line.map { line in
                    text.format("ui.detail.place", ["line": .number(line), "column": .number(diagnostic.column ?? 1)])
                } ?? "—",
            ]
            messagesByIndex[index] = model
            return model
        }
        let lines: [[String: Any]] = source.lines.map { line in
            [
                "number": line.number, "anchor": line.anchor, "hasDiagnostic": line.hasDiagnostic,
                "severity": line.severity,
                "segments": line.segments.map { ["text": $0.text, "marked": $0.marked, "control": $0.control,
                                                  "severity": $0.severity] as [String: Any] },
                "messages": line.diagnostics.compactMap { messagesByIndex[$0] },
            ]
        }
        let title = summary.city ?? version.file
        let messageLanguage = Self.messageLanguage(version.locale, fallback: text.language)
        var content: [String: Any] = [
            "id": String(summary.id), "title": SourceView.visible(title), "file": SourceView.visible(version.file), "stateCode": summary.state.rawValue,
            "state": text.state(summary.state), "country": summary.country.map { countryName($0, text) } ?? "",
            "language": version.locale ?? "", "level": text.level(summary.level),
            "points": version.score.map { text.format("ui.detail.points", ["points": .number($0.points),
                                                                          "possible": .number($0.possible)]) } ?? "",
            "problems": text.format("ui.detail.problems", ["count": .number(version.diagnostics.count)]),
            "hasDiagnostics": !diagnostics.isEmpty, "diagnostics": diagnostics, "lines": lines,
            "hasManyVersions": detail.versionNumbers.count > 1,
            "versions": detail.versionNumbers.map { ["number": $0, "selected": $0 == version.number] as [String: Any] },
            "versionNumber": version.number,
            "stateOptions": ReviewState.allCases.map { ["code": $0.rawValue, "label": text.state($0),
                                                        "selected": $0 == summary.state] as [String: Any] },
            "messageLanguage": messageLanguage,
            "messageHint": text.format("ui.message.hint", ["language": .text(languageName(messageLanguage, text))]),
            "cityMessage": cityMessage(summary: summary, version: version, note: note ?? latestNote(detail)),
            "timeline": detail.timeline.map { timelineModel($0, text) },
        ]
        if let record = version.recordJSON { content["record"] = record }
        if let score = version.score { content["score"] = scoreModel(score, text) }
        if let comparison = detail.comparison {
            content["comparison"] = [
                "fromOptions": detail.versionNumbers.map { ["number": $0, "selected": $0 == comparison.from] as [String: Any] },
                "toOptions": detail.versionNumbers.map { ["number": $0, "selected": $0 == comparison.to] as [String: Any] },
                "hasDifferences": !comparison.differences.isEmpty,
                "differences": comparison.differences.map { ["path": SourceView.visible($0.path), "old": $0.old.map(SourceView.visible) ?? "—",
                                                              "new": $0.new.map(SourceView.visible) ?? "—"] },
            ] as [String: Any]
        }
        return render("detail", context, content)
    }

    // MARK: The message for the city

    /// The note of the latest change to `needs_changes`, which the message to the city repeats.
    package func latestNote(_ detail: ApplicationDetail) -> String? {
        detail.timeline.last { event in
            if case .stateChange(_, .needsChanges) = event.kind { return true }
            return false
        }?.text
    }

    /// The form's language for the message: its resolved locale when the catalogs have it,
    /// else the interface language (a form whose language could not be told).
    static func messageLanguage(_ locale: String?, fallback: String) -> String {
        guard let locale, !locale.isEmpty else { return fallback }
        return locale
    }

    /// The list of problems in the form's own language, as plain text to send back to the city.
    package func cityMessage(summary: ApplicationRow, version: ApplicationVersion, note: String?) -> String {
        let language = Self.messageLanguage(version.locale, fallback: CatalogSet.referenceLanguage)
        func say(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String {
            catalogs.render(key: key, arguments: arguments, language: language)
        }
        var lines = [say("city.subject"), "", say("city.greeting", ["city": .text(summary.city ?? "—")]), ""]
        let problems = version.diagnostics
        if problems.isEmpty {
            lines.append(say("city.intro_none", ["file": .text(version.file)]))
        } else {
            lines.append(say("city.intro", ["file": .text(version.file), "count": .number(problems.count)]))
            lines.append("")
            for (offset, diagnostic) in problems.enumerated() {
                let message = catalogs.render(diagnostic, language: language)
                let item: String
                if let line = diagnostic.line, let column = diagnostic.column {
                    item = say("city.item", ["line": .number(line), "column": .number(column), "message": .text(message)])
                } else if let line = diagnostic.line {
                    item = say("city.item_line", ["line": .number(line), "message": .text(message)])
                } else {
                    item = message
                }
                lines.append("\(offset + 1). \(item)")
            }
        }
        if let note, !note.isEmpty {
            lines += ["", say("city.note", ["note": .text(note)])]
        }
        lines += ["", say("city.closing"), ""]
        return lines.joined(separator: "\n")
    }

    // MARK: Pieces

    func timelineModel(_ event: TimelineEvent, _ text: PageText) -> [String: Any] {
        let sentence: String
        switch event.kind {
        case let .version(number, file):
            sentence = text.format("ui.timeline.version", ["number": .number(number), "who": .text(SourceView.visible(event.who)),
                                                           "file": .text(SourceView.visible(file))])
        case let .stateChange(from, to):
            sentence = text.format("ui.timeline.state", ["who": .text(event.who),
                                                         "old": .text(from.map(text.state) ?? "—"),
                                                         "new": .text(text.state(to))])
        case .comment:
            sentence = text.format("ui.timeline.comment", ["who": .text(event.who)])
        }
        var model: [String: Any] = ["when": Self.displayDate(event.at), "iso": Self.isoDate(event.at), "text": sentence]
        if let note = event.text, !note.isEmpty { model["note"] = SourceView.visible(note) }
        return model
    }

    func scoreModel(_ score: ScoreReport, _ text: PageText) -> [String: Any] {
        let bars = ScoreBars(areas: score.areas.map { area in
            (code: area.area,
             name: catalogs.catalog(for: text.language)?.areaTitle(area.area) ?? area.area,
             met: area.met, total: area.total)
        })
        let barModels: [[String: Any]] = bars.bars.map { bar in
            [
                "area": bar.name, "met": bar.met, "total": bar.total, "y": bar.y, "textY": bar.textY,
                "trackX": bars.trackX, "trackWidth": bars.trackWidth, "fillWidth": bar.fillWidth,
                "barHeight": bars.barHeight, "countX": bars.countX, "complete": bar.met == bar.total && bar.total > 0,
                "label": text.format("ui.score.bar", ["area": .text(bar.fullName), "met": .number(bar.met),
                                                      "total": .number(bar.total)]),
            ]
        }
        return [
            "level": text.level(score.level),
            "points": text.format("ui.detail.points", ["points": .number(score.points), "possible": .number(score.possible)]),
            "width": bars.width, "height": bars.height, "bars": barModels,
            "reasons": score.reasons.map { catalogs.render(key: $0.code.rawValue, arguments: $0.arguments, language: text.language) },
        ]
    }

    func languageName(_ code: String, _ text: PageText) -> String {
        DisplayNames.language(code, in: text.language).map { capitalizedFirst($0, text.language) } ?? code
    }

    func countryName(_ code: String, _ text: PageText) -> String {
        DisplayNames.country(code, in: text.language) ?? code
    }

    /// CLDR writes language names lower-case in es/pt/fr (for running text); standing alone as
    /// a choice they start with a capital (Unicode case mapping of the first character).
    func capitalizedFirst(_ name: String, _ language: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }

    static func query(_ items: [(String, String)]) -> String { ListFilter.queryString(items) }

    /// Times are shown in UTC with the ISO date, the same in every language (staff in several
    /// countries compare them).
    static func displayDate(_ date: Date) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).dateTimeSeparator(.space)
        return String(date.formatted(format).prefix(16)) + " UTC"
    }

    static func isoDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters kept).
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    allowed = allowed.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
