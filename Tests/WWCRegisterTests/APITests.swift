import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WWCIntake
import WWCRegister
import WWCServer

/// Every route, status and role of the API, in process (HummingbirdTesting), on SQLite; the
/// routes' store calls are the suite-tested ones, so PostgreSQL adds nothing here but time.
@Suite struct APITests {
    @Test func healthNeedsNoToken() async throws {
        try await APIFixture.run { _, client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json == .object(["status": .string("ok")]))
            }
        }
    }

    @Test func unknownRoutesAreProblems() async throws {
        try await APIFixture.run { _, client in
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.isProblem(.notFound, code: "route.not_found"))
                #expect(response.json?["instance"]?.stringValue == "/v1/nothing")
            }
            // A known path with a method it does not have.
            try await client.execute(uri: "/v1/validate", method: .get) { response in
                #expect(response.isProblem(.notFound, code: "route.not_found"))
            }
        }
    }

    // MARK: - /v1/validate

    @Test func validateAnswersDiagnosticsWithoutStoringAnything() async throws {
        try await APIFixture.run { fixture, client in
            let form = try Repository.sample("invalid/en-email-invalid.xml")
            try await client.execute(uri: "/v1/validate?file_name=winnipeg.xml", method: .post,
                                     body: ByteBuffer(data: form)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = try #require(response.json)
                #expect(body["valid"] == .bool(false))
                #expect(body["file"]?.stringValue == "winnipeg.xml")
                let first = try #require(body["diagnostics"]?.arrayValue.first)
                #expect(first["code"]?.stringValue == "email.invalid")
                #expect(first["line"]?.integerValue == 13)
                #expect(first["message"]?.stringValue?.contains("email") == true)
            }
            try await client.execute(uri: "/v1/validate", method: .post, body: ByteBuffer(data: try Repository.sample("en/austin.json"))) {
                #expect($0.json?["valid"] == .bool(true))
            }
            #expect(try await fixture.environment.store.applications(ApplicationFilter()).isEmpty)
        }
    }

    @Test func validateSpeaksTheAcceptedLanguage() async throws {
        try await APIFixture.run { _, client in
            let form = try Repository.sample("invalid/en-email-invalid.xml")
            var messages: [String: String] = [:]
            for language in ["es-CO,es;q=0.9", "fr", "pt-BR", "de, en;q=0.5", "xx"] {
                try await client.execute(uri: "/v1/validate", method: .post, headers: [.acceptLanguage: language],
                                         body: ByteBuffer(data: form)) { response in
                    messages[language] = response.json?["diagnostics"]?.arrayValue.first?["message"]?.stringValue
                }
            }
            // Each catalog's own wording for email.invalid (locales/*.json), not the English one.
            #expect(messages["es-CO,es;q=0.9"]?.contains("no es una dirección de correo") == true)
            #expect(messages["fr"]?.contains("adresse") == true)
            #expect(messages["pt-BR"]?.contains("não é um endereço de e-mail") == true)
            #expect(messages["de, en;q=0.5"]?.contains("is not a valid email address") == true)
            #expect(messages["xx"] == messages["de, en;q=0.5"])
        }
    }

    @Test func validateAnswersSARIFWhenAsked() async throws {
        try await APIFixture.run { _, client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: [.accept: "application/sarif+json"],
                                     body: ByteBuffer(data: try Repository.sample("invalid/en-email-invalid.xml"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/sarif+json")
                let log = try #require(response.json)
                #expect(log["version"]?.stringValue == "2.1.0")
                let result = try #require(log["runs"]?.arrayValue.first?["results"]?.arrayValue.first)
                #expect(result["ruleId"]?.stringValue == "email.invalid")
            }
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await APIFixture.run(maxBodyBytes: 1000) { fixture, client in
            let big = ByteBuffer(data: try Repository.sample("en/austin.json"))
            #expect(big.readableBytes > 1000)
            for uri in ["/v1/validate", "/v1/applications"] {
                try await client.execute(uri: uri, method: .post, headers: .bearer(fixture.submitter), body: big) { response in
                    #expect(response.isProblem(.contentTooLarge, code: "input.too_large"))
                    #expect(response.json?["detail"]?.stringValue?.contains("1,000 bytes") == true)
                }
            }
        }
    }

    // MARK: - Tokens and roles

    @Test func submittingNeedsAToken() async throws {
        try await APIFixture.run { _, client in
            let form = ByteBuffer(data: try Repository.sample("en/austin.json"))
            try await client.execute(uri: "/v1/applications", method: .post, body: form) { response in
                #expect(response.isProblem(.unauthorized, code: "auth.required"))
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            for header in ["Bearer wwc_not-a-token", "Basic YWxpY2U6c2VjcmV0", "Bearer"] {
                try await client.execute(uri: "/v1/applications", method: .post, headers: [.authorization: header], body: form) {
                    #expect($0.isProblem(.unauthorized, code: "auth.required"))
                }
            }
        }
    }

    @Test func submittersMaySubmitOnly() async throws {
        try await APIFixture.run { fixture, client in
            try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.submitter),
                                     body: ByteBuffer(data: try Repository.sample("en/austin.json"))) {
                #expect($0.status == .created)
            }
            let staffOnly: [(String, HTTPRequest.Method)] = [
                ("/v1/applications", .get), ("/v1/applications/1", .get), ("/v1/applications/1/versions", .get),
                ("/v1/applications/1/versions/1", .get), ("/v1/applications/1/diff", .get),
                ("/v1/applications/1/review", .post), ("/v1/applications/1/comments", .post), ("/v1/reviews", .post),
                ("/v1/export.csv", .get), ("/v1/export.json", .get), ("/v1/audit.csv", .get),
            ]
            for (uri, method) in staffOnly {
                try await client.execute(uri: uri, method: method, headers: .bearer(fixture.submitter),
                                         body: ByteBuffer(string: #"{"state":"accepted","text":"x"}"#)) { response in
                    #expect(response.isProblem(.forbidden, code: "auth.forbidden"), "\(method) \(uri)")
                }
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.isProblem(.unauthorized, code: "auth.required"), "\(method) \(uri)")
                }
            }
        }
    }

    // MARK: - Submissions

    @Test func aSubmissionAnswersTheRecordDiagnosticsAndScore() async throws {
        try await APIFixture.run { fixture, client in
            let form = ByteBuffer(data: try Repository.sample("en/austin.json"))
            try await client.execute(uri: "/v1/applications?file_name=austin.json", method: .post,
                                     headers: .bearer(fixture.submitter, [.contentType: "application/json"]), body: form) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/v1/applications/1/versions/1")
                let body = try #require(response.json)
                #expect(body["created"] == .bool(true))
                #expect(body["version"]?.integerValue == 1)
                #expect(body["application"]?["city"]?.stringValue == "Austin")
                #expect(body["application"]?["country"]?.stringValue == "US")
                #expect(body["application"]?["cycle"]?.integerValue == 2024)  // submission date 03/15/2024
                #expect(body["application"]?["state"]?.stringValue == "received")
                #expect(body["application"]?["state_label"]?.stringValue == "Received")
                #expect(body["application"]?["latest_version"]?["received_by"]?.stringValue == "city-bot")
                #expect(body["record"]?["schema"]?.stringValue == "wwc-application/1")
                // sha256sum samples/en/austin.json
                #expect(body["record"]?["source"]?["sha256"]?.stringValue
                        == "5f01a4fdab741a7597f6927abac93568c021bfa5af18629c112c7165fe2abffe")
                #expect(body["score"]?["possible"]?.integerValue == 43)
                // samples/en/austin.expected.json: one warning, percent.ambiguous at 29:48.
                let diagnostics = body["diagnostics"]?.arrayValue ?? []
                #expect(diagnostics.compactMap { $0["code"]?.stringValue } == ["percent.ambiguous"])
                #expect(diagnostics.first?["line"]?.integerValue == 29)
                #expect(diagnostics.first?["column"]?.integerValue == 48)
            }
            // The same bytes again: the same version, nothing new stored.
            try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.staff), body: form) { response in
                #expect(response.status == .ok)
                #expect(response.json?["created"] == .bool(false))
                #expect(response.json?["version"]?.integerValue == 1)
            }
            #expect(try await fixture.environment.store.versions(applicationID: 1).count == 1)
        }
    }

    @Test func formsThatDoNotConvertAre422WithTheirDiagnostics() async throws {
        try await APIFixture.run { fixture, client in
            let cases: [(String, String)] = [
                ("invalid/en-email-invalid.xml", "email.invalid"), ("invalid/es-json-malformed.json", "json.malformed"),
                ("invalid/fr-xml-dtd-forbidden.xml", "xml.dtd_forbidden"), ("invalid/pt-field-required.xml", "field.required"),
                ("invalid/es-input-too-deep.json", "input.too_deep"),
            ]
            for (file, code) in cases {
                try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.submitter),
                                         body: ByteBuffer(data: try Repository.sample(file))) { response in
                    #expect(response.isProblem(.unprocessableContent, code: code), "\(file)")
                    let codes = response.json?["diagnostics"]?.arrayValue.compactMap { $0["code"]?.stringValue } ?? []
                    #expect(codes.contains(code), "\(file)")
                }
            }
            // A form without a city converts but cannot be filed.
            let noCity = #"{"submission": {"locale": "en", "date": "2024-03-15"}, "applicant": {"country": "Canada", "population": 700000}}"#
            try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.submitter),
                                     body: ByteBuffer(string: noCity)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.submitter),
                                     body: ByteBuffer(string: "\u{0}\u{1}binary")) { response in
                #expect(response.status == .unprocessableContent)
            }
            #expect(try await fixture.environment.store.applications(ApplicationFilter()).isEmpty)
        }
    }

    // MARK: - Reading

    @Test func applicationsVersionsAndDiffs() async throws {
        try await APIFixture.run { fixture, client in
            let staff = HTTPFields.bearer(fixture.staff)
            try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                     body: ByteBuffer(data: try Repository.sample("en/austin.json"))) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                     body: ByteBuffer(data: try Repository.austinRevised())) { response in
                #expect(response.status == .created)
                #expect(response.json?["version"]?.integerValue == 2)
            }
            try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                     body: ByteBuffer(data: try Repository.sample("es/bogota.xml"))) { #expect($0.status == .created) }

            try await client.execute(uri: "/v1/applications", method: .get, headers: staff) { response in
                #expect(response.status == .ok)
                let cities = response.json?.arrayValue.compactMap { $0["city"]?.stringValue }
                #expect(cities == ["Austin", "Bogotá"])
            }
            try await client.execute(uri: "/v1/applications?country=CO", method: .get, headers: staff) {
                #expect($0.json?.arrayValue.compactMap { $0["city"]?.stringValue } == ["Bogotá"])
            }
            try await client.execute(uri: "/v1/applications?state=accepted", method: .get, headers: staff) {
                #expect($0.json?.arrayValue.isEmpty == true)
            }
            try await client.execute(uri: "/v1/applications?state=approved", method: .get, headers: staff) {
                #expect($0.isProblem(.badRequest, code: "review.state_unknown"))
            }
            try await client.execute(uri: "/v1/applications?level=diamond", method: .get, headers: staff) {
                #expect($0.isProblem(.badRequest, code: "request.invalid"))
            }
            try await client.execute(uri: "/v1/applications/1", method: .get, headers: staff) { response in
                let body = try #require(response.json)
                #expect(body["versions"]?.arrayValue.compactMap { $0["number"]?.integerValue } == [1, 2])
                #expect(body["timeline"]?.arrayValue.compactMap { $0["action"]?.stringValue } == ["version_added", "version_added"])
            }
            try await client.execute(uri: "/v1/applications/1/versions", method: .get, headers: staff) {
                #expect($0.json?.arrayValue.count == 2)
            }
            try await client.execute(uri: "/v1/applications/1/versions/2", method: .get, headers: staff) { response in
                #expect(response.json?["record"]?["applicant"]?["population"]?.integerValue == 975_000)
                #expect(response.json?["score"]?["possible"]?.integerValue == 43)
            }
            try await client.execute(uri: "/v1/applications/1/diff", method: .get, headers: staff) { response in
                let changes = response.json?["changes"]?.arrayValue ?? []
                let population = changes.first { $0["path"]?.stringValue == "/applicant/population" }
                #expect(population?["old"]?.stringValue == "974447")
                #expect(population?["new"]?.stringValue == "975000")
                #expect(changes.contains { $0["path"]?.stringValue == "/source/sha256" })
                #expect(response.json?["from"]?.integerValue == 1)
                #expect(response.json?["to"]?.integerValue == 2)
            }
            try await client.execute(uri: "/v1/applications/1/diff?from=2&to=2", method: .get, headers: staff) {
                #expect($0.json?["changes"]?.arrayValue.isEmpty == true)
            }
            try await client.execute(uri: "/v1/applications/1/diff?from=1&to=9", method: .get, headers: staff) {
                #expect($0.isProblem(.notFound, code: "version.not_found"))
            }
            try await client.execute(uri: "/v1/applications/99", method: .get, headers: staff) {
                #expect($0.isProblem(.notFound, code: "application.not_found"))
            }
            try await client.execute(uri: "/v1/applications/abc", method: .get, headers: staff) {
                #expect($0.isProblem(.badRequest, code: "request.invalid"))
            }
            try await client.execute(uri: "/v1/applications/1/versions/3", method: .get, headers: staff) {
                #expect($0.isProblem(.notFound, code: "version.not_found"))
            }
        }
    }

    // MARK: - Reviewing

    @Test func reviewsFollowTheStateRules() async throws {
        try await APIFixture.run { fixture, client in
            let staff = HTTPFields.bearer(fixture.staff)
            try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                     body: ByteBuffer(data: try Repository.sample("en/austin.json"))) { #expect($0.status == .created) }
            func review(_ body: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
                try await client.execute(uri: "/v1/applications/1/review", method: .post, headers: staff,
                                         body: ByteBuffer(string: body)) { try check($0) }
            }
            try await review(#"{"state":"needs_changes"}"#) { #expect($0.isProblem(.unprocessableContent, code: "review.note_required")) }
            try await review(#"{"state":"rejected","note":"   "}"#) { #expect($0.isProblem(.unprocessableContent, code: "review.note_required")) }
            try await review(#"{"state":"approved"}"#) { #expect($0.isProblem(.badRequest, code: "review.state_unknown")) }
            try await review(#"{"note":"x"}"#) { #expect($0.isProblem(.badRequest, code: "request.invalid")) }
            try await review(#"{"state":"accepted","note":7}"#) { #expect($0.isProblem(.badRequest, code: "request.invalid")) }
            try await review("not json") { #expect($0.isProblem(.badRequest, code: "request.invalid")) }
            try await review(#"{"state":"needs_changes","note":"Add the population year"}"#) { response in
                #expect(response.status == .ok)
                #expect(response.json?["old"]?.stringValue == "received")
                #expect(response.json?["new"]?.stringValue == "needs_changes")
                #expect(response.json?["actor"]?.stringValue == "staff-alice")
                #expect(response.json?["note"]?.stringValue == "Add the population year")
            }
            try await client.execute(uri: "/v1/applications/99/review", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"state":"accepted"}"#)) {
                #expect($0.isProblem(.notFound, code: "application.not_found"))
            }
            try await client.execute(uri: "/v1/applications/1", method: .get, headers: staff, testCallback: { response in
                #expect(response.json?["state"]?.stringValue == "needs_changes")
            })
            // A new version sets it back to received.
            try await client.execute(uri: "/v1/applications", method: .post, headers: .bearer(fixture.submitter),
                                     body: ByteBuffer(data: try Repository.austinRevised())) {
                #expect($0.json?["application"]?["state"]?.stringValue == "received")
            }
            try await client.execute(uri: "/v1/applications/1/comments", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"text":"Population now matches the census"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.json?["author"]?.stringValue == "staff-alice")
            }
            try await client.execute(uri: "/v1/applications/1/comments", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"text":""}"#)) {
                #expect($0.isProblem(.badRequest, code: "request.invalid"))
            }
        }
    }

    @Test func bulkReviewActsOnTheFilteredSet() async throws {
        try await APIFixture.run { fixture, client in
            let staff = HTTPFields.bearer(fixture.staff)
            for sample in ["en/austin.json", "es/bogota.xml", "fr/montreal.xml"] {
                try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                         body: ByteBuffer(data: try Repository.sample(sample))) { #expect($0.status == .created) }
            }
            try await client.execute(uri: "/v1/reviews", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"state":"rejected","filter":{"country":"CO"}}"#)) {
                #expect($0.isProblem(.unprocessableContent, code: "review.note_required"))
            }
            try await client.execute(uri: "/v1/reviews", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"state":"accepted","filter":{"state":["received"],"country":"CA"}}"#)) { response in
                #expect(response.json?["reviewed"]?.integerValue == 1)
                #expect(response.json?["entries"]?.arrayValue.first?["application_id"]?.integerValue == 3)
            }
            try await client.execute(uri: "/v1/reviews", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"state":"accepted","filter":"all"}"#)) {
                #expect($0.isProblem(.badRequest, code: "request.invalid"))
            }
            try await client.execute(uri: "/v1/applications?state=accepted", method: .get, headers: staff) {
                #expect($0.json?.arrayValue.compactMap { $0["city"]?.stringValue } == ["Montréal"])
            }
        }
    }

    // MARK: - Exports

    @Test func exportsAreCSVWithLocalizedStateLabels() async throws {
        try await APIFixture.run { fixture, client in
            let staff = HTTPFields.bearer(fixture.staff)
            for sample in ["en/austin.json", "es/bogota.xml"] {
                try await client.execute(uri: "/v1/applications", method: .post, headers: staff,
                                         body: ByteBuffer(data: try Repository.sample(sample))) { #expect($0.status == .created) }
            }
            try await client.execute(uri: "/v1/applications/2/review", method: .post, headers: staff,
                                     body: ByteBuffer(string: #"{"state":"rejected","note":"Falta la población, \"año\""}"#)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/export.csv", method: .get,
                                     headers: .bearer(fixture.staff, [.acceptLanguage: "es"])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = response.text.components(separatedBy: "\r\n")
                #expect(lines.first?.hasPrefix("id,city,country,cycle,state,state_label,version,") == true)
                #expect(lines.first?.contains("criterion_DM1") == true)
                #expect(lines.count == 4)  // header, two rows, and the empty string after the last CRLF
                #expect(lines[1].hasPrefix("1,Austin,US,2024,received,Recibida,1,"))
                #expect(lines[2].hasPrefix("2,Bogotá,CO,2024,rejected,Rechazada,1,"))
            }
            try await client.execute(uri: "/v1/export.json", method: .get, headers: staff) { response in
                let rows = response.json?.arrayValue ?? []
                #expect(rows.count == 2)
                #expect(rows.first?["state_label"]?.stringValue == "Received")
                #expect(rows.first?["possible"]?.integerValue == 43)
            }
            try await client.execute(uri: "/v1/audit.csv", method: .get, headers: staff) { response in
                let lines = response.text.components(separatedBy: "\r\n")
                #expect(lines.first == "id,at,actor,application_id,action,old,new,note")
                #expect(lines.count == 5)
                #expect(lines[3].contains(",staff-alice,2,state_changed,received,rejected,\"Falta la población, \"\"año\"\"\""))
            }
            try await client.execute(uri: "/v1/audit.csv?application=1", method: .get, headers: staff) {
                #expect($0.text.components(separatedBy: "\r\n").count == 3)
            }
        }
    }
}
