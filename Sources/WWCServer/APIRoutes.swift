import Foundation
import Hummingbird
import WWCIntake
import WWCRegister

/// The JSON API (`openapi.yaml` describes every route): validate without signing in, submit
/// with a submitter's or staff token, everything else with a staff token.
struct APIRoutes: Sendable {
    let environment: ServerEnvironment
    var store: any RegisterStore { environment.store }
    var catalogs: CatalogSet { environment.catalogs }

    func add(to router: Router<IntakeRequestContext>) {
        router.get("healthz") { _, _ in json(.object(["status": .string("ok")])) }
        router.post("v1/validate", use: validate)
        router.post("v1/applications", use: submit)
        router.get("v1/applications", use: list)
        router.get("v1/applications/:id", use: show)
        router.get("v1/applications/:id/versions", use: versions)
        router.get("v1/applications/:id/versions/:number", use: version)
        router.get("v1/applications/:id/diff", use: diff)
        router.post("v1/applications/:id/review", use: review)
        router.post("v1/applications/:id/comments", use: comment)
        router.post("v1/reviews", use: bulkReview)
        router.get("v1/export.csv", use: exportCSV)
        router.get("v1/export.json", use: exportJSON)
        router.get("v1/audit.csv", use: auditCSV)
    }

    // MARK: - Forms

    /// Checks a form; nothing is stored and no token is needed. 200 whatever the form's
    /// problems (they are the answer), in JSON or, for `Accept: application/sarif+json`, SARIF.
    @Sendable func validate(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let (data, format) = try await form(request)
        let fileName = request.uri.queryParameters["file_name"].map(String.init) ?? "form"
        let result = environment.builder.convert(data, fileName: fileName, format: format)
        let entry = ReportEntry(file: fileName, diagnostics: result.diagnostics)
        let message = { (diagnostic: Diagnostic) in catalogs.render(diagnostic, language: context.language) }
        if request.headers[.accept]?.contains("application/sarif+json") == true {
            let log = SARIFLog(toolVersion: IntakeServer.version, baseDirectory: URL(fileURLWithPath: "/"),
                               language: context.language)
                .log(entries: [entry], rule: { catalogs.ruleText($0, language: context.language) }, message: message,
                     truncation: nil)
            return json(log, contentType: "application/sarif+json")
        }
        return json(entry.json(message: message))
    }

    /// A new version of an application: 201 with the record, diagnostics and score; 200 when
    /// these bytes already are a version (nothing stored twice); 422 when the form does not
    /// convert, with its located diagnostics.
    @Sendable func submit(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let identity = try context.require(.submitter)
        let (data, format) = try await form(request)
        let fileName = request.uri.queryParameters["file_name"].map(String.init)
        switch environment.builder.build(data, fileName: fileName, format: format) {
        case .rejected(let diagnostics):
            let first = diagnostics.first { $0.severity == .error }
            throw Problem(.unprocessableContent, code: first?.code ?? .requestInvalid, first?.arguments ?? [:],
                          diagnostics: diagnostics)
        case .accepted(let submission, let record, let score):
            let outcome = try await store.submit(submission, by: identity.name)
            guard let application = try await store.application(id: outcome.applicationID) else {
                throw Problem(.internalServerError, code: .serverError)
            }
            let message = { (diagnostic: Diagnostic) in catalogs.render(diagnostic, language: context.language) }
            let recordJSON = JSONValue.parse(Data(record.serialized(message: message).utf8)).value ?? .null
            let scoreJSON = score.json { code, arguments in
                catalogs.render(Diagnostic(.warning, code, arguments: arguments), language: context.language)
            }
            let body = JSONValue.object([
                "application": application.json(stateLabel: label(application.state, context)),
                "version": .integer(outcome.version),
                "created": .bool(outcome.created),
                "record": recordJSON,
                "diagnostics": .array(record.diagnostics.map { $0.json(message: message($0)) }),
                "score": scoreJSON,
            ])
            var response = json(body, status: outcome.created ? .created : .ok)
            response.headers[.location] = "/v1/applications/\(outcome.applicationID)/versions/\(outcome.version)"
            return response
        }
    }

    /// The body, at most `maxBodyBytes` (413 beyond), and its format from `Content-Type`
    /// (XML or JSON; anything else is sniffed from the first bytes).
    func form(_ request: Request) async throws -> (Data, SourceFormat?) {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > environment.maxBodyBytes {
            throw HTTPError(.contentTooLarge)
        }
        let buffer = try await request.body.collect(upTo: environment.maxBodyBytes)
        let data = Data(buffer: buffer)
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let format: SourceFormat? = type.contains("xml") ? .xml : type.contains("json") ? .json : FormReader.sniff(data)
        return (data, format)
    }

    // MARK: - Reading the register

    @Sendable func list(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let applications = try await store.applications(try filter(request.uri.queryParameters))
        return json(.array(applications.map { $0.json(stateLabel: label($0.state, context)) }))
    }

    @Sendable func show(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let application = try await existing(context)
        let versions = try await store.versions(applicationID: application.id)
        let audit = try await store.audit(applicationID: application.id)
        let comments = try await store.comments(applicationID: application.id)
        var body = application.json(stateLabel: label(application.state, context))
        if case .object(var members) = body {
            members.append(.init("versions", .array(versions.map(\.json))))
            members.append(.init("timeline", .array(audit.map(\.json))))
            members.append(.init("comments", .array(comments.map(\.json))))
            body = .object(members)
        }
        return json(body)
    }

    @Sendable func versions(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let application = try await existing(context)
        return json(.array(try await store.versions(applicationID: application.id).map(\.json)))
    }

    /// One version: its metadata, record, diagnostics and score as stored.
    @Sendable func version(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let application = try await existing(context)
        let number = try integer(context.parameters.get("number"), name: "number")
        guard let stored = try await store.version(applicationID: application.id, number: number) else {
            throw Problem(.notFound, code: .versionNotFound, ["id": .text(String(application.id)), "version": .number(number)])
        }
        var body = stored.summary.json
        if case .object(var members) = body {
            members.append(.init("record", JSONValue.parse(Data(stored.record.utf8)).value ?? .null))
            members.append(.init("diagnostics", JSONValue.parse(Data(stored.diagnostics.utf8)).value ?? .null))
            members.append(.init("score", JSONValue.parse(Data(stored.score.utf8)).value ?? .null))
            body = .object(members)
        }
        return json(body)
    }

    /// The record's differences between two versions (`from`, `to`; default: the one before
    /// the latest, and the latest) as path / old / new.
    @Sendable func diff(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let application = try await existing(context)
        let query = request.uri.queryParameters
        let to = try query["to"].map { try integer(String($0), name: "to") } ?? application.latest.number
        let from = try query["from"].map { try integer(String($0), name: "from") } ?? max(1, to - 1)
        var records: [String] = []
        for number in [from, to] {
            guard let stored = try await store.version(applicationID: application.id, number: number) else {
                throw Problem(.notFound, code: .versionNotFound, ["id": .text(String(application.id)), "version": .number(number)])
            }
            records.append(stored.record)
        }
        let changes = RecordDiff.changes(old: records[0], new: records[1])
        return json(.object([
            "application_id": .integer(Int(application.id)), "from": .integer(from), "to": .integer(to),
            "changes": .array(changes.map(\.json)),
        ]))
    }

    // MARK: - Reviewing

    @Sendable func review(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let identity = try context.require(.staff)
        let application = try await existing(context)
        let body = try await jsonBody(request)
        let (state, note) = try reviewRequest(body)
        let entry = try await store.review(applicationID: application.id, state: state, note: note, by: identity.name)
        return json(entry.json)
    }

    /// The same review on every application a filter selects (KoboToolbox's bulk status).
    @Sendable func bulkReview(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let identity = try context.require(.staff)
        let body = try await jsonBody(request)
        let (state, note) = try reviewRequest(body)
        var filter = ApplicationFilter()
        if let selection = body["filter"] {
            guard case .object = selection else { throw invalid("filter") }
            filter.states = try strings(selection["state"], name: "filter.state").map(reviewState)
            filter.levels = try strings(selection["level"], name: "filter.level")
            filter.country = selection["country"]?.stringValue
            filter.cycle = selection["cycle"]?.integerValue
        }
        let entries = try await store.review(matching: filter, state: state, note: note, by: identity.name)
        return json(.object(["reviewed": .integer(entries.count), "entries": .array(entries.map(\.json))]))
    }

    @Sendable func comment(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let identity = try context.require(.staff)
        let application = try await existing(context)
        let body = try await jsonBody(request)
        guard case .string(let raw)? = body["text"], case let text = raw.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty
        else {
            throw invalid("text")
        }
        let comment = try await store.addComment(applicationID: application.id, text: text, by: identity.name)
        return json(comment.json, status: .created)
    }

    // MARK: - Exports

    @Sendable func exportCSV(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let export = RegisterExport(catalogs: catalogs, rubric: environment.rubric, language: context.language)
        let rows = try await export.rows(try await store.applications(try filter(request.uri.queryParameters)), store: store)
        return text(export.csv(rows), contentType: "text/csv; charset=utf-8", fileName: "applications.csv")
    }

    @Sendable func exportJSON(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let export = RegisterExport(catalogs: catalogs, rubric: environment.rubric, language: context.language)
        let rows = try await export.rows(try await store.applications(try filter(request.uri.queryParameters)), store: store)
        return json(export.json(rows))
    }

    @Sendable func auditCSV(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try context.require(.staff)
        let application = try request.uri.queryParameters["application"].map { Int64(try integer(String($0), name: "application")) }
        let entries = try await store.audit(applicationID: application)
        return text(RegisterExport.auditCSV(entries), contentType: "text/csv; charset=utf-8", fileName: "audit.csv")
    }

    // MARK: - Helpers

    func label(_ state: ReviewState, _ context: IntakeRequestContext) -> String {
        state.label(catalogs, language: context.language)
    }

    func existing(_ context: IntakeRequestContext) async throws -> ApplicationSummary {
        let id = try integer(context.parameters.get("id"), name: "id")
        guard let application = try await store.application(id: Int64(id)) else {
            throw Problem(.notFound, code: .applicationNotFound, ["id": .text(String(id))])
        }
        return application
    }

    func integer(_ text: String?, name: String) throws(Problem) -> Int {
        guard let text, let value = Int(text), value >= 0, value <= Int(Int32.max) else {
            throw invalid(name)
        }
        return value
    }

    /// 400 naming the parameter (or body member) at fault.
    func invalid(_ parameter: String) -> Problem {
        Problem(.badRequest, code: .requestInvalid, ["parameter": .text(parameter)])
    }

    func reviewState(_ text: String) throws(Problem) -> ReviewState {
        guard let state = ReviewState(rawValue: text) else {
            throw Problem(.badRequest, code: .reviewStateUnknown, ["state": .text(text)])
        }
        return state
    }

    /// `{"state": "…", "note": "…"|null}`: strings only (a number is not a note).
    func reviewRequest(_ body: JSONValue) throws -> (ReviewState, String?) {
        guard case .string(let text)? = body["state"] else { throw invalid("state") }
        switch body["note"] {
        case nil, .null?: return (try reviewState(text), nil)
        case .string(let note)?: return (try reviewState(text), note)
        default: throw invalid("note")
        }
    }

    /// `state=received&state=accepted` or `state=received,accepted`; likewise level, plus
    /// country and cycle.
    func filter(_ query: Parameters) throws -> ApplicationFilter {
        func values(_ name: String) -> [String] {
            query.getAll(name).flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        }
        let levels = values("level")
        if levels.contains(where: { CertificationLevel(rawValue: $0) == nil }) {
            throw invalid("level")
        }
        let cycle = try query["cycle"].map { try integer(String($0), name: "cycle") }
        return ApplicationFilter(states: try values("state").map(reviewState), levels: levels,
                                 country: query["country"].map(String.init), cycle: cycle)
    }

    func strings(_ value: JSONValue?, name: String) throws -> [String] {
        switch value {
        case nil, .null?: return []
        case .string(let text)?: return [text]
        case .array(let items)?:
            return try items.map { item in
                guard case .string(let text) = item else { throw invalid(name) }
                return text
            }
        default: throw invalid(name)
        }
    }

    /// A JSON object body (at most 64 KiB: a review or comment is short).
    func jsonBody(_ request: Request) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        guard let value = JSONValue.parse(Data(buffer: buffer)).value, case .object = value else {
            throw invalid("body")
        }
        return value
    }
}

func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
    ProblemMiddleware.response(value, status: status, contentType: contentType)
}

func text(_ text: String, contentType: String, fileName: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = contentType
    headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
}
