import Foundation
import Hummingbird
import MultipartKit
import WWCIntake
import WWCRegister
import WWCReview

/// The staff review pages under `/ui` (HTML from WWCReview's templates).
///
/// Staff sign in with a password (`intake staff password NAME` sets it in the staff file);
/// the session lives in an `HttpOnly; SameSite=Strict` cookie and every POST must carry the
/// session's CSRF token. Errors are pages, not problem+json: these routes catch their own.
struct ReviewPageRoutes: Sendable {
    let environment: ServerEnvironment
    let pages: ReviewPages
    let sessions = SessionStore()
    /// Read again at each sign-in, so a password set while the server runs works at once.
    let staffFile: URL
    let locales = RecordLocales()

    var store: any RegisterStore { environment.store }
    var catalogs: CatalogSet { environment.catalogs }

    /// The staff file: `WWC_INTAKE_STAFF`, else `intake-staff.json` in the working folder.
    static var defaultStaffFile: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["WWC_INTAKE_STAFF"] ?? "intake-staff.json")
    }

    /// Nil (and the pages are not served) when the templates cannot be read.
    init?(environment: ServerEnvironment, staffFile: URL = Self.defaultStaffFile) {
        guard let pages = try? ReviewPages(catalogs: environment.catalogs) else { return nil }
        self.environment = environment
        self.pages = pages
        self.staffFile = staffFile
    }

    func add(to router: Router<IntakeRequestContext>) {
        let ui = router.group("ui")
        ui.get("/") { _, _ in Self.redirect("/ui/applications") }
        ui.get("static/:name", use: staticFile)
        ui.get("language", use: language)
        ui.get("sign-in", use: signInPage)
        ui.post("sign-in", use: signIn)
        ui.post("sign-out", use: signOut)
        ui.get("applications", use: staff(list))
        ui.post("applications/review", use: staffForm(bulkReview))
        ui.get("applications/:id", use: staff(detail))
        ui.post("applications/:id/review", use: staffForm(review))
        ui.post("applications/:id/comments", use: staffForm(comment))
        ui.get("applications/:id/message.txt", use: staff(cityMessage))
        ui.get("export.csv", use: staff(exportCSV))
        ui.get("upload", use: staff(uploadPage))
        ui.post("upload", use: staff(upload))   // multipart: checks its CSRF part itself
    }

    typealias Handler = @Sendable (Request, IntakeRequestContext) async throws -> Response

    /// `handler` for signed-in staff; anyone else is sent to the sign-in page, which comes back.
    func staff(_ handler: @escaping @Sendable (Request, IntakeRequestContext, Visit) async throws -> Response) -> Handler {
        { request, context in
            switch await staffVisit(request) {
            case .respond(let redirect): return redirect
            case .proceed(let visit): return try await handler(request, context, visit)
            }
        }
    }

    /// `staff` for a URL-encoded form: `handler` gets its fields once the CSRF token matched.
    func staffForm(
        _ handler: @escaping @Sendable (Request, IntakeRequestContext, Visit, [(String, String)]) async throws -> Response
    ) -> Handler {
        staff { request, context, visit in
            switch try await postedForm(request, visit) {
            case .respond(let refused): return refused
            case .proceed(let fields): return try await handler(request, context, visit, fields)
            }
        }
    }

    // MARK: - Visits: session, language, CSRF

    /// One request's session (created when it has none) and interface language.
    struct Visit {
        var sessionID: String
        var session: SessionStore.Session
        var isNew: Bool
        var text: PageText
        var path: String
        var user: String? { session.user }
    }

    func visit(_ request: Request) async -> Visit {
        let cookieID = request.cookies[SessionStore.cookieName]?.value
        var isNew = false
        var id = cookieID ?? ""
        var session = await sessions.session(cookieID)
        if session == nil {
            let created = await sessions.create(user: nil)
            (id, session, isNew) = (created.id, created.session, true)
        }
        let language = PageLanguage.choose(cookie: request.cookies[PageLanguage.cookieName]?.value,
                                           acceptLanguage: request.headers[.acceptLanguage],
                                           available: catalogs.languages)
        var path = request.uri.path
        if let query = request.uri.query, !query.isEmpty { path += "?" + query }
        return Visit(sessionID: id, session: session!, isNew: isNew,
                     text: PageText(catalogs: catalogs, language: language), path: path)
    }

    func context(_ visit: Visit, notice: String? = nil, error: String? = nil) -> PageContext {
        PageContext(text: visit.text, user: visit.user, csrf: visit.session.csrf, path: visit.path,
                    notice: notice, error: error)
    }

    /// A signed-in visit, or the redirect to the sign-in page that comes back here.
    func staffVisit(_ request: Request) async -> Gate<Visit> {
        let visit = await visit(request)
        guard visit.user != nil else {
            var response = Self.redirect("/ui/sign-in?next=" + Self.queryEncoded(visit.path))
            Self.setSessionCookie(&response, visit)
            return .respond(response)
        }
        return .proceed(visit)
    }

    /// The fields of a URL-encoded form body, after checking its CSRF token (403 page otherwise).
    func postedForm(_ request: Request, _ visit: Visit, limit: Int = 256 * 1024) async throws -> Gate<[(String, String)]> {
        let buffer = try await request.body.collect(upTo: limit)
        let fields = Self.formFields(String(buffer: buffer))
        guard SessionStore.tokensMatch(Self.value("csrf", in: fields) ?? "", visit.session.csrf) else {
            return .respond(csrfRefused(visit))
        }
        return .proceed(fields)
    }

    func csrfRefused(_ visit: Visit) -> Response {
        html(pages.message(context(visit), text: visit.text.plain["csrf_invalid"] ?? ""), visit, status: .forbidden)
    }

    // MARK: - Sign-in

    @Sendable func signInPage(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let visit = await visit(request)
        let next = request.uri.queryParameters["next"].map(String.init) ?? "/ui/applications"
        return html(pages.signIn(self.context(visit), next: Self.safeNext(next)), visit)
    }

    @Sendable func signIn(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let visit = await visit(request)
        let fields: [(String, String)]
        switch try await postedForm(request, visit, limit: 16 * 1024) {
        case .respond(let refused): return refused
        case .proceed(let posted): fields = posted
        }
        let user = Self.value("user", in: fields) ?? ""
        let password = Self.value("password", in: fields) ?? ""
        let next = Self.safeNext(Self.value("next", in: fields) ?? "")
        let accounts = (try? StaffAccounts.load(from: staffFile)) ?? StaffAccounts()
        guard !user.isEmpty, accounts.verify(user: user, password: password) else {
            let page = pages.signIn(self.context(visit, error: visit.text.plain["signin_failed"]), next: next, user: user)
            return html(page, visit, status: .unauthorized)
        }
        // A new session id at sign-in: an id planted before it is worth nothing after.
        await sessions.end(visit.sessionID)
        let (id, session) = await sessions.create(user: user)
        var response = Self.redirect(next)
        Self.setSessionCookie(&response, Visit(sessionID: id, session: session, isNew: true, text: visit.text, path: next))
        return response
    }

    @Sendable func signOut(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let visit = await visit(request)
        if case .respond(let refused) = try await postedForm(request, visit) { return refused }
        await sessions.end(visit.sessionID)
        return Self.redirect("/ui/sign-in")
    }

    /// The switcher's links: remembers the language in a cookie and returns to the page.
    @Sendable func language(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let code = request.uri.queryParameters["lang"].map(String.init) ?? ""
        let back = Self.safeNext(request.uri.queryParameters["back"].map(String.init) ?? "")
        var response = Self.redirect(back)
        if catalogs.languages.contains(code) {
            response.headers[values: .setCookie].append("\(PageLanguage.cookieName)=\(code); Path=/ui; Max-Age=31536000; SameSite=Strict")
        }
        return response
    }

    @Sendable func staticFile(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let file = pages.staticFiles[name] else {
            return Response(status: .notFound)
        }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.cacheControl] = "no-cache"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
    }

    // MARK: - Applications

    /// Every application with what the table shows, and the register filter the list's
    /// filter maps to (language is filtered here: the register does not index it).
    func rows(_ filter: ListFilter) async throws -> (all: [ApplicationRow], summaries: [Int64: ApplicationSummary]) {
        let applications = try await store.applications(ApplicationFilter())
        var rows: [ApplicationRow] = []
        var summaries: [Int64: ApplicationSummary] = [:]
        for application in applications {
            summaries[application.id] = application
            let locale = try await locales.locale(of: application, store: store)
            rows.append(ApplicationRow(
                id: application.id, city: application.city, country: application.country, locale: locale,
                level: CertificationLevel(rawValue: application.latest.level), points: application.latest.points,
                state: application.state, receivedAt: Self.date(application.latest.receivedAt),
                errors: application.latest.errors, warnings: application.latest.warnings))
        }
        return (rows, summaries)
    }

    @Sendable func list(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        let query = Self.formFields(request.uri.query ?? "")
        let filter = ListFilter(query: query)
        let (all, _) = try await rows(filter)
        var notice: String?
        if let changed = Self.value("changed", in: query).flatMap(Int.init) {
            notice = visit.text.format("ui.bulk.done", ["count": .number(changed)])
        }
        return html(pages.list(self.context(visit, notice: notice), all: all, filter: filter), visit)
    }

    /// The state change on every application the list's filter shows, with one note.
    @Sendable func bulkReview(_ request: Request, context: IntakeRequestContext, visit: Visit,
        fields: [(String, String)]) async throws -> Response {
        let filter = ListFilter(query: fields)
        let back = "/ui/applications?" + ListFilter.queryString(filter.queryItems())
        guard let state = Self.value("to", in: fields).flatMap(ReviewState.init(rawValue:)) else {
            return Self.redirect(back)
        }
        let note = Self.value("note", in: fields)
        let (all, _) = try await rows(filter)
        let shown = filter.apply(to: all)
        do {
            try RegisterRules.checkNote(state: state, note: note)
        } catch {
            let page = pages.list(self.context(visit, error: visit.text.format(DiagnosticCode.reviewNoteRequired.rawValue, ["state": .text(state.rawValue)])), all: all, filter: filter)
            return html(page, visit, status: .unprocessableContent)
        }
        for row in shown {
            try await store.review(applicationID: row.id, state: state, note: RegisterRules.normalizedNote(note), by: visit.user!)
        }
        return Self.redirect(back + "&changed=\(shown.count)")
    }

    @Sendable func exportCSV(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        let filter = ListFilter(query: Self.formFields(request.uri.query ?? ""))
        let (all, summaries) = try await rows(filter)
        let chosen = filter.apply(to: all).compactMap { summaries[$0.id] }
        let export = RegisterExport(catalogs: catalogs, rubric: environment.rubric, language: visit.text.language)
        let csv = export.csv(try await export.rows(chosen, store: store))
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"applications.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    // MARK: - One application

    /// What the detail page and the city's message need, read from the register. The stored
    /// bytes are converted again: diagnostics keep their arguments that way, so they can be
    /// said in any language (the stored JSON has English messages only).
    func loadDetail(_ id: Int64, query: [(String, String)], language: String) async throws -> (ApplicationDetail, ApplicationSummary)? {
        guard let application = try await store.application(id: id) else { return nil }
        let versions = try await store.versions(applicationID: id)
        let numbers = versions.map(\.number)
        let requested = Self.value("version", in: query).flatMap(Int.init)
        let shownNumber = requested.flatMap { numbers.contains($0) ? $0 : nil } ?? application.latest.number
        guard let stored = try await store.version(applicationID: id, number: shownNumber) else { return nil }
        let result = environment.builder.convert(stored.raw, fileName: stored.summary.fileName,
                                                 format: SourceFormat(rawValue: stored.summary.format))
        let record = result.record
        let shown = ApplicationVersion(
            number: shownNumber, file: stored.summary.fileName ?? "form", receivedAt: Self.date(stored.summary.receivedAt),
            receivedBy: stored.summary.receivedBy, source: stored.raw, locale: record?.source.locale,
            recordJSON: record?.serialized(pretty: true) { catalogs.render($0, language: language) },
            diagnostics: result.diagnostics, score: record.map { environment.rubric.score($0) })

        var timeline: [(String, TimelineEvent)] = versions.map { version in
            (version.receivedAt, TimelineEvent(kind: .version(number: version.number, file: version.fileName ?? "form"),
                                               at: Self.date(version.receivedAt), who: version.receivedBy))
        }
        for entry in try await store.audit(applicationID: id) where entry.action == .stateChanged {
            guard let new = entry.new.flatMap(ReviewState.init(rawValue:)) else { continue }
            timeline.append((entry.at, TimelineEvent(kind: .stateChange(from: entry.old.flatMap(ReviewState.init(rawValue:)), to: new),
                                                     at: Self.date(entry.at), who: entry.actor, text: entry.note)))
        }
        for comment in try await store.comments(applicationID: id) {
            timeline.append((comment.at, TimelineEvent(kind: .comment, at: Self.date(comment.at), who: comment.author,
                                                       text: comment.text)))
        }
        timeline.sort { $0.0 < $1.0 }

        var comparison: (from: Int, to: Int, differences: [RecordDifference])?
        if numbers.count >= 2 {
            let to = Self.value("to", in: query).flatMap(Int.init).flatMap { numbers.contains($0) ? $0 : nil } ?? numbers.last!
            let from = Self.value("from", in: query).flatMap(Int.init).flatMap { numbers.contains($0) ? $0 : nil }
                ?? numbers[max(0, (numbers.firstIndex(of: to) ?? 1) - 1)]
            if let old = try await store.version(applicationID: id, number: from),
               let new = try await store.version(applicationID: id, number: to) {
                let changes = RecordDiff.changes(old: old.record, new: new.record)
                comparison = (from, to, changes)
            }
        }
        let row = ApplicationRow(
            id: id, city: application.city, country: application.country, locale: record?.source.locale,
            level: CertificationLevel(rawValue: application.latest.level), points: application.latest.points,
            state: application.state, receivedAt: Self.date(application.latest.receivedAt),
            errors: application.latest.errors, warnings: application.latest.warnings)
        let detail = ApplicationDetail(summary: row, versionNumbers: numbers, shown: shown,
                                       timeline: timeline.map(\.1), comparison: comparison)
        return (detail, application)
    }

    func notFound(_ visit: Visit) -> Response {
        html(pages.message(context(visit), text: visit.text.plain["not_found"] ?? ""), visit, status: .notFound)
    }

    @Sendable func detail(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
              let (detail, _) = try await loadDetail(id, query: Self.formFields(request.uri.query ?? ""),
                                                     language: visit.text.language)
        else { return notFound(visit) }
        return html(pages.detail(self.context(visit), detail), visit)
    }

    @Sendable func review(_ request: Request, context: IntakeRequestContext, visit: Visit,
        fields: [(String, String)]) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
              try await store.application(id: id) != nil else { return notFound(visit) }
        guard let state = Self.value("to", in: fields).flatMap(ReviewState.init(rawValue:)) else {
            return Self.redirect("/ui/applications/\(id)")
        }
        let note = Self.value("note", in: fields)
        do {
            try RegisterRules.checkNote(state: state, note: note)
        } catch {
            guard let (detail, _) = try await loadDetail(id, query: [], language: visit.text.language) else { return notFound(visit) }
            let page = pages.detail(self.context(visit, error: visit.text.format(DiagnosticCode.reviewNoteRequired.rawValue, ["state": .text(state.rawValue)])), detail)
            return html(page, visit, status: .unprocessableContent)
        }
        try await store.review(applicationID: id, state: state, note: RegisterRules.normalizedNote(note), by: visit.user!)
        return Self.redirect("/ui/applications/\(id)")
    }

    @Sendable func comment(_ request: Request, context: IntakeRequestContext, visit: Visit,
        fields: [(String, String)]) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
              try await store.application(id: id) != nil else { return notFound(visit) }
        if let text = Self.value("text", in: fields)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            try await store.addComment(applicationID: id, text: text, by: visit.user!)
        }
        return Self.redirect("/ui/applications/\(id)#h-timeline")
    }

    /// The problems in the form's own language as a text file, ready to send to the city.
    @Sendable func cityMessage(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
              let (detail, _) = try await loadDetail(id, query: Self.formFields(request.uri.query ?? ""),
                                                     language: visit.text.language)
        else { return notFound(visit) }
        let text = pages.cityMessage(summary: detail.summary, version: detail.shown, note: pages.latestNote(detail))
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"application-\(id)-v\(detail.shown.number)-message.txt\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Upload

    @Sendable func uploadPage(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        html(pages.upload(self.context(visit), outcomes: []), visit)
    }

    /// One or many forms from a multipart upload, each stored as a version like `POST /v1/applications`.
    @Sendable func upload(_ request: Request, context: IntakeRequestContext, visit: Visit) async throws -> Response {
        guard let boundary = Self.boundary(request.headers[.contentType]) else { return Self.redirect("/ui/upload") }
        // Up to 32 forms of the server's size limit in one upload.
        let body = try await request.body.collect(upTo: environment.maxBodyBytes * 32)
        let parts = try Self.multipartParts(body, boundary: boundary)
        guard SessionStore.tokensMatch(parts.first { $0.name == "csrf" }.map { String(decoding: $0.body, as: UTF8.self) } ?? "",
                                       visit.session.csrf) else { return csrfRefused(visit) }
        var outcomes: [UploadOutcome] = []
        for part in parts where part.name == "files" && !part.body.isEmpty {
            let fileName = part.fileName ?? "form"
            let format: SourceFormat? = fileName.lowercased().hasSuffix(".xml") ? .xml
                : fileName.lowercased().hasSuffix(".json") ? .json : nil
            switch environment.builder.build(part.body, fileName: fileName, format: format) {
            case .rejected(let diagnostics):
                let errors = diagnostics.filter { $0.severity == .error }
                let messages = errors.prefix(5).map { diagnostic in
                    let message = catalogs.render(diagnostic, language: visit.text.language)
                    guard let line = diagnostic.line else { return message }
                    return visit.text.format("ui.detail.place", ["line": .number(line), "column": .number(diagnostic.column ?? 1)])
                        + ": " + message
                }
                outcomes.append(UploadOutcome(file: fileName, applicationID: nil, errors: errors.count,
                                              warnings: diagnostics.count - errors.count, messages: messages))
            case .accepted(let submission, let record, _):
                let outcome = try await store.submit(submission, by: visit.user!)
                outcomes.append(UploadOutcome(file: fileName, applicationID: outcome.applicationID, errors: 0,
                                              warnings: record.diagnostics.count { $0.severity == .warning }))
            }
        }
        return html(pages.upload(self.context(visit), outcomes: outcomes), visit)
    }

    struct Part {
        var name: String?
        var fileName: String?
        var body: Data
    }

    static func multipartParts(_ buffer: ByteBuffer, boundary: String) throws -> [Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var current = Part(body: Data())
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            current.name = parameter("name", in: value)
            current.fileName = parameter("filename", in: value)
        }
        parser.onBody = { chunk in current.body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            parts.append(current)
            current = Part(body: Data())
        }
        try parser.execute(buffer)
        return parts
    }

    /// A quoted or bare parameter of a header value (`form-data; name="files"; filename="a.xml"`).
    static func parameter(_ key: String, in value: String) -> String? {
        for item in value.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var text = pair[1]
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            // Browsers send only the file's own name; anything path-like is cut off all the same.
            return text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? text
        }
        return nil
    }

    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", in: contentType)
    }

    // MARK: - Responses

    /// An HTML page, with the headers that keep it from running anything but our own script.
    func html(_ body: String, _ visit: Visit, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "same-origin"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        Self.setSessionCookie(&response, visit)
        return response
    }

    static func setSessionCookie(_ response: inout Response, _ visit: Visit) {
        if visit.isNew { response.headers[values: .setCookie].append(SessionStore.cookie(visit.sessionID)) }
    }

    /// 303 See Other: after a POST the browser GETs the page (no resubmission on reload).
    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Only a path of these pages: never a redirect to another site.
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/ui/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/ui/applications"
    }

    /// Pairs of an `application/x-www-form-urlencoded` text (`+` is a space), in order.
    static func formFields(_ text: String) -> [(String, String)] {
        var components = URLComponents()
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        return (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    static func value(_ name: String, in fields: [(String, String)]) -> String? {
        fields.first { $0.0 == name }?.1
    }

    static func queryEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The register's timestamps (ISO 8601 UTC with milliseconds).
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }
}

/// Either go on with a value, or answer at once (a redirect to sign-in, a refused form).
enum Gate<Value> {
    case proceed(Value)
    case respond(Response)
}

/// The form locale of each application's latest version, remembered by its SHA-256 (a
/// version never changes), so the list's language filter reads each record once.
actor RecordLocales {
    private var known: [String: String] = [:]

    func locale(of application: ApplicationSummary, store: any RegisterStore) async throws -> String? {
        let key = application.latest.sha256
        if let locale = known[key] { return locale }
        guard let version = try await store.version(applicationID: application.id, number: application.latest.number),
              let locale = JSONValue.parse(Data(version.record.utf8)).value?["source"]?["locale"]?.stringValue
        else { return nil }
        known[key] = locale
        return locale
    }
}
