import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WWCIntake
import WWCRegister
import WWCServer

/// The repository's own data (catalogs, rubric, samples), as the server would load them.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples")

    static let builder: SubmissionBuilder? = {
        guard let catalogs = CatalogSet.load(directory: root.appendingPathComponent("locales")).catalogs,
              let rubric = Rubric.load(contentsOf: root.appendingPathComponent("rubrics/wwc-2022.json")).rubric
        else { return nil }
        return SubmissionBuilder(converter: Converter(catalogs: catalogs), rubric: rubric)
    }()

    static func sample(_ path: String) throws -> Data {
        try Data(contentsOf: samples.appendingPathComponent(path))
    }

    /// austin.json with its population changed: a second version of the same application.
    static func austinRevised(population: Int = 975_000) throws -> Data {
        let text = String(decoding: try sample("en/austin.json"), as: UTF8.self)
        return Data(text.replacingOccurrences(of: "\"population\": 974447", with: "\"population\": \(population)").utf8)
    }
}

/// A server on a fresh register with a staff and a submitter token.
struct APIFixture {
    let environment: ServerEnvironment
    let staff: String
    let submitter: String

    static func make(store: any RegisterStore, maxBodyBytes: Int? = nil) async throws -> APIFixture {
        let builder = try #require(Repository.builder, "locales/ and rubrics/ must load")
        let staff = BearerToken.generate()
        let submitter = BearerToken.generate()
        try await store.addToken(name: "staff-alice", role: .staff, sha256: BearerToken.sha256(staff))
        try await store.addToken(name: "city-bot", role: .submitter, sha256: BearerToken.sha256(submitter))
        let environment = ServerEnvironment(store: store, builder: builder, maxBodyBytes: maxBodyBytes)
        return APIFixture(environment: environment, staff: staff, submitter: submitter)
    }

    /// Runs `body` against the app in process (HummingbirdTesting's router framework).
    static func run(_ backend: Backend = .sqlite, maxBodyBytes: Int? = nil,
                    _ body: @escaping @Sendable (APIFixture, any TestClientProtocol) async throws -> Void) async throws {
        try await backend.withStore { store in
            let fixture = try await make(store: store, maxBodyBytes: maxBodyBytes)
            let app = IntakeServer.application(fixture.environment, host: "127.0.0.1", port: 0)
            try await app.test(.router) { client in try await body(fixture, client) }
        }
    }
}

extension HTTPFields {
    static func bearer(_ token: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.authorization] = "Bearer \(token)"
        return fields
    }
}

extension TestResponse {
    var json: JSONValue? { JSONValue.parse(Data(buffer: body)).value }
    var text: String { String(buffer: body) }

    /// Whether this is problem+json with `code` and the status repeated in the body.
    func isProblem(_ status: HTTPResponse.Status, code: String) -> Bool {
        self.status == status && headers[.contentType] == "application/problem+json"
            && json?["code"]?.stringValue == code && json?["status"]?.integerValue == status.code
            && json?["type"]?.stringValue == "urn:wwc-intake:problem:" + code
            && !(json?["title"]?.stringValue ?? "").isEmpty && !(json?["detail"]?.stringValue ?? "").isEmpty
    }
}

extension JSONValue {
    var arrayValue: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
