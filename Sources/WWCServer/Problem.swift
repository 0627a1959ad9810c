import Foundation
import Hummingbird
import WWCIntake
import WWCRegister

/// An error answered as RFC 9457 `application/problem+json`: `type` names our stable code
/// (`urn:wwc-intake:problem:<code>`), `code` repeats it bare for scripts, `title` and `detail`
/// come from the catalogs in the caller's language. `diagnostics` carries a rejected form's
/// located problems.
package struct Problem: Error, Sendable {
    package var status: HTTPResponse.Status
    package var code: DiagnosticCode
    package var arguments: [String: MessageArgument]
    package var diagnostics: [Diagnostic]

    package init(_ status: HTTPResponse.Status, code: DiagnosticCode, _ arguments: [String: MessageArgument] = [:],
                diagnostics: [Diagnostic] = []) {
        self.status = status
        self.code = code
        self.arguments = arguments
        self.diagnostics = diagnostics
    }

    /// The problem a register refusal is answered with.
    package init(_ error: RegisterError) {
        let status: HTTPResponse.Status = switch error.code {
        case .applicationNotFound, .versionNotFound: .notFound
        case .reviewNoteRequired, .applicationUnidentified: .unprocessableContent
        case .tokenDuplicate: .conflict
        case .registerUnavailable: .serviceUnavailable
        default: .badRequest
        }
        self.init(status, code: error.code, error.arguments)
    }

    package func json(catalogs: CatalogSet, language: String, instance: String) -> JSONValue {
        let detail = catalogs.render(Diagnostic(.error, code, arguments: arguments), language: language)
        var members: [JSONValue.Member] = [
            .init("type", .string("urn:wwc-intake:problem:" + code.rawValue)),
            .init("title", .string(catalogs.ruleText(code, language: language).short)),
            .init("status", .integer(status.code)),
            .init("detail", .string(detail)),
            .init("instance", .string(instance)),
            .init("code", .string(code.rawValue)),
        ]
        if !diagnostics.isEmpty {
            members.append(.init("diagnostics", .array(diagnostics.map {
                $0.json(message: catalogs.render($0, language: language))
            })))
        }
        return .object(members)
    }
}

extension DiagnosticCode {
    /// No bearer token, or one the register does not know.
    static let authRequired: Self = "auth.required"
    /// A valid token whose role may not do this.
    static let authForbidden: Self = "auth.forbidden"
    /// No route at this path (or not with this method).
    static let routeNotFound: Self = "route.not_found"
    /// A malformed request: bad JSON body, query or path parameter.
    static let requestInvalid: Self = "request.invalid"
    /// Something failed on the server's side (logged; never a form's fault).
    static let serverError: Self = "server.error"
}

/// Turns every error of every route (and of "no route") into problem+json, so that no client
/// ever sees an empty or HTML error body. Unexpected errors are logged and answered 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = IntakeRequestContext
    let catalogs: CatalogSet
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(request.headers[.acceptLanguage])
        do {
            return try await next(request, context)
        } catch {
            let problem = problem(for: error)
            if problem.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            }
            return Self.response(problem.json(catalogs: catalogs, language: context.language, instance: request.uri.path),
                                 status: problem.status, contentType: "application/problem+json")
        }
    }

    func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let refused as RegisterError: return Problem(refused)
        case let http as HTTPError:
            switch http.status {
            case .notFound: return Problem(.notFound, code: .routeNotFound)
            case .contentTooLarge:
                return Problem(.contentTooLarge, code: .inputTooLarge, ["what": "bytes", "limit": .number(maxBodyBytes)])
            case .unauthorized: return Problem(.unauthorized, code: .authRequired)
            default:
                return http.status.code < 500
                    ? Problem(http.status, code: .requestInvalid, ["parameter": "body"])
                    : Problem(.internalServerError, code: .serverError)
            }
        default: return Problem(.internalServerError, code: .serverError)
        }
    }

    /// The first of en, es, pt, fr the client accepts (by q-value, then order), else en.
    static func language(_ header: String?) -> String {
        guard let header else { return "en" }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Double, Int, String)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (q, index, String(tag.prefix(2)).lowercased())
        }.filter { $0.0 > 0 }.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }
        return ranked.first { ["en", "es", "pt", "fr"].contains($0.2) }?.2 ?? "en"
    }

    static func response(_ value: JSONValue, status: HTTPResponse.Status, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.serializedUTF8())))
    }
}

/// Reads `Authorization: Bearer …` and looks the token's hash up. A token that is present but
/// unknown is refused at once (401): a typo should not silently fall back to anonymous.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = IntakeRequestContext
    let store: any RegisterStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let identity = try await store.token(sha256: BearerToken.sha256(String(parts[1]).trimmingCharacters(in: .whitespaces)))
        else {
            throw Problem(.unauthorized, code: .authRequired)
        }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
