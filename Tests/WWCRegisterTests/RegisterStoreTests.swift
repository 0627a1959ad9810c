import Foundation
import Testing
import WWCIntake
@testable import WWCRegister

/// One suite, both stores: what one does, the other must do too.
@Suite struct RegisterStoreTests {
    @Test(arguments: Backend.available)
    func firstVersionCreatesTheApplicationInReceived(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let submission = Forms.submission()
            let outcome = try await store.submit(submission, by: "alice")
            #expect(outcome.version == 1)
            #expect(outcome.created)
            #expect(outcome.state == .received)
            let application = try #require(try await store.application(id: outcome.applicationID))
            #expect(application.city == "Austin")
            #expect(application.country == "US")
            #expect(application.cycle == 2024)
            #expect(application.state == .received)
            #expect(application.latest.receivedBy == "alice")
            #expect(application.latest.sha256 == "07397d633f25a7101990a75864ae03d5a3b9ac07c4ed6accbc52cbfd7d7c13b4")  // sha256sum of "form"
            // ISO 8601 UTC with milliseconds.
            #expect(application.latest.receivedAt.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
            let audit = try await store.audit(applicationID: outcome.applicationID)
            #expect(audit.map(\.action) == [.versionAdded])
            #expect(audit.first?.old == nil)
            #expect(audit.first?.new == "received")
            #expect(audit.first?.actor == "alice")
        }
    }

    @Test(arguments: Backend.available)
    func sameBytesTwiceAreOneVersion(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let first = try await store.submit(Forms.submission(body: "v1"), by: "alice")
            let again = try await store.submit(Forms.submission(body: "v1"), by: "bob")
            #expect(again.applicationID == first.applicationID)
            #expect(again.version == 1)
            #expect(!again.created)
            #expect(try await store.versions(applicationID: first.applicationID).count == 1)
            #expect(try await store.audit(applicationID: first.applicationID).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aNewVersionResetsTheStateToReceived(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let first = try await store.submit(Forms.submission(body: "v1"), by: "city")
            try await store.review(applicationID: first.applicationID, state: .accepted, note: nil, by: "staff")
            #expect(try await store.application(id: first.applicationID)?.state == .accepted)
            let second = try await store.submit(Forms.submission(body: "v2", level: "gold", points: 60), by: "city")
            #expect(second.applicationID == first.applicationID)
            #expect(second.version == 2)
            let application = try #require(try await store.application(id: first.applicationID))
            #expect(application.state == .received)
            #expect(application.latest.number == 2)
            #expect(application.latest.level == "gold")
            let audit = try await store.audit(applicationID: first.applicationID)
            #expect(audit.map(\.action) == [.versionAdded, .stateChanged, .versionAdded])
            #expect(audit.last?.old == "accepted")
            #expect(audit.last?.new == "received")
            // Another city or another cycle is another application.
            let otherCycle = try await store.submit(Forms.submission(cycle: 2025, body: "v1"), by: "city")
            let otherCity = try await store.submit(Forms.submission(city: "Bogotá", country: "CO", body: "v1"), by: "city")
            #expect(Set([first.applicationID, otherCycle.applicationID, otherCity.applicationID]).count == 3)
        }
    }

    @Test(arguments: Backend.available)
    func versionsKeepTheirBytesAndRecords(_ backend: Backend) async throws {
        try await backend.withStore { store in
            // Bytes that are not UTF-8 must come back unchanged.
            var submission = Forms.submission(body: "bytes")
            submission.version.raw = Data([0x3C, 0x00, 0xFF, 0xFE, 0x0A, 0xC3])
            let outcome = try await store.submit(submission, by: "alice")
            let stored = try #require(try await store.version(applicationID: outcome.applicationID, number: 1))
            #expect(stored.raw == Data([0x3C, 0x00, 0xFF, 0xFE, 0x0A, 0xC3]))
            #expect(stored.record == submission.version.record)
            #expect(stored.score == #"{"points":30}"#)
            #expect(stored.summary.fileName == "austin.json")
            #expect(stored.summary.warnings == 1)
            #expect(try await store.version(applicationID: outcome.applicationID, number: 2) == nil)
            #expect(try await store.application(id: outcome.applicationID + 1000) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func needsChangesAndRejectedRequireANote(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let id = try await store.submit(Forms.submission(), by: "city").applicationID
            for state in [ReviewState.needsChanges, .rejected] {
                for note in [nil, "", "  \n "] as [String?] {
                    await #expect(throws: RegisterError(.reviewNoteRequired, ["state": .text(state.rawValue)])) {
                        try await store.review(applicationID: id, state: state, note: note, by: "staff")
                    }
                }
            }
            #expect(try await store.application(id: id)?.state == .received)
            let entry = try await store.review(applicationID: id, state: .needsChanges, note: "  Population year missing ",
                                               by: "staff")
            #expect(entry.old == "received")
            #expect(entry.new == "needs_changes")
            #expect(entry.note == "Population year missing")
            try await store.review(applicationID: id, state: .accepted, note: nil, by: "staff")
            let audit = try await store.audit(applicationID: id)
            #expect(audit.map(\.new) == ["received", "needs_changes", "accepted"])
            #expect(audit.map(\.actor) == ["city", "staff", "staff"])
            await #expect(throws: RegisterError(.applicationNotFound, ["id": "999999"])) {
                try await store.review(applicationID: 999_999, state: .accepted, note: nil, by: "staff")
            }
        }
    }

    @Test(arguments: Backend.available)
    func theAuditLogRefusesChanges(_ backend: Backend) async throws {
        try await backend.withStore { store in
            _ = try await store.submit(Forms.submission(), by: "city")
            let execute: (String) async throws -> Void = switch store {
            case let sqlite as SQLiteRegisterStore: sqlite.execute
            case let postgres as PostgresRegisterStore: postgres.execute
            default: { _ in }
            }
            await #expect(throws: (any Error).self) { try await execute("UPDATE audit SET note = 'edited'") }
            await #expect(throws: (any Error).self) { try await execute("DELETE FROM audit") }
            let audit = try await store.audit(applicationID: nil)
            #expect(audit.count == 1)
            #expect(audit.first?.note == "version 1")
        }
    }

    @Test(arguments: Backend.available)
    func filtersSelectByStateLevelCountryAndCycle(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let austin = try await store.submit(Forms.submission(body: "a", level: "silver"), by: "c").applicationID
            let bogota = try await store.submit(Forms.submission(city: "Bogotá", country: "CO", body: "b", level: "gold"), by: "c")
                .applicationID
            let lima = try await store.submit(Forms.submission(city: "Lima", country: "PE", cycle: 2025, body: "l", level: "none"),
                                              by: "c").applicationID
            try await store.review(applicationID: bogota, state: .rejected, note: "late", by: "s")
            func ids(_ filter: ApplicationFilter) async throws -> [Int64] { try await store.applications(filter).map(\.id) }
            #expect(try await ids(ApplicationFilter()) == [austin, bogota, lima])
            #expect(try await ids(ApplicationFilter(states: [.rejected])) == [bogota])
            #expect(try await ids(ApplicationFilter(states: [.received, .accepted])) == [austin, lima])
            #expect(try await ids(ApplicationFilter(levels: ["gold", "none"])) == [bogota, lima])
            #expect(try await ids(ApplicationFilter(country: "pe")) == [lima])
            #expect(try await ids(ApplicationFilter(cycle: 2024)) == [austin, bogota])
            #expect(try await ids(ApplicationFilter(states: [.received], levels: ["gold"])) == [])
            // Bulk review: the filtered set only, in id order.
            let entries = try await store.review(matching: ApplicationFilter(states: [.received]), state: .accepted, note: nil, by: "s")
            #expect(entries.map(\.applicationID) == [austin, lima])
            #expect(try await ids(ApplicationFilter(states: [.accepted])) == [austin, lima])
            await #expect(throws: RegisterError(.reviewNoteRequired, ["state": "rejected"])) {
                _ = try await store.review(matching: ApplicationFilter(), state: .rejected, note: nil, by: "s")
            }
            #expect(try await ids(ApplicationFilter(states: [.rejected])) == [bogota])
        }
    }

    @Test(arguments: Backend.available)
    func commentsAreKeptAndAudited(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let id = try await store.submit(Forms.submission(), by: "c").applicationID
            let comment = try await store.addComment(applicationID: id, text: "Call the mayor's office", by: "staff")
            #expect(try await store.comments(applicationID: id) == [comment])
            #expect(try await store.audit(applicationID: id).last?.action == .commentAdded)
            await #expect(throws: RegisterError(.applicationNotFound, ["id": "424242"])) {
                try await store.addComment(applicationID: 424_242, text: "x", by: "staff")
            }
        }
    }

    @Test(arguments: Backend.available)
    func tokensAreFoundByTheirHashOnly(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let token = BearerToken.generate()
            #expect(token.hasPrefix("wwc_"))
            #expect(token.count == 4 + 43)  // 32 bytes in unpadded base64url
            try await store.addToken(name: "alice", role: .staff, sha256: BearerToken.sha256(token))
            #expect(try await store.token(sha256: BearerToken.sha256(token)) == TokenIdentity(name: "alice", role: .staff))
            #expect(try await store.token(sha256: token) == nil)
            #expect(try await store.token(sha256: BearerToken.sha256(token + "x")) == nil)
            await #expect(throws: RegisterError(.tokenDuplicate, ["name": "alice"])) {
                try await store.addToken(name: "alice", role: .submitter, sha256: BearerToken.sha256("other"))
            }
        }
    }

    /// 8 writers at once, each its own city's versions and a shared city's: nothing lost,
    /// versions numbered 1…n without gaps or repeats.
    @Test(arguments: Backend.available)
    func concurrentSubmissionsLoseNothing(_ backend: Backend) async throws {
        try await backend.withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for n in 0..<10 {
                            _ = try await store.submit(Forms.submission(city: "City\(writer)", body: "\(writer)-\(n)"), by: "w\(writer)")
                            _ = try await store.submit(Forms.submission(city: "Shared", body: "shared-\(writer)-\(n)"), by: "w\(writer)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let applications = try await store.applications(ApplicationFilter())
            #expect(applications.count == 9)
            let shared = try #require(applications.first { $0.city == "Shared" })
            #expect(try await store.versions(applicationID: shared.id).map(\.number) == Array(1...80))
            for application in applications where application.city != "Shared" {
                #expect(try await store.versions(applicationID: application.id).count == 10)
            }
            #expect(try await store.audit(applicationID: nil).count == 160)
        }
    }
}

@Suite struct SQLiteRegisterFileTests {
    /// One file, created on first use (with its folder), in WAL mode, reopened with its data.
    @Test func theFileIsCreatedOnFirstUseAndReopened() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-register-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("intake.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try SQLiteRegisterStore(path: path)
        let id = try await store.submit(Forms.submission(), by: "alice").applicationID
        await store.close()
        #expect(FileManager.default.fileExists(atPath: path))
        let header = try #require(FileManager.default.contents(atPath: path)).prefix(20)
        #expect(Array(header.prefix(16)) == Array("SQLite format 3\0".utf8))
        #expect(header[18] == 2 && header[19] == 2)  // file format versions 2: WAL
        let reopened = try SQLiteRegisterStore(path: path)
        #expect(try await reopened.application(id: id)?.city == "Austin")
        await reopened.close()
    }
}
