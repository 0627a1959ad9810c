import Foundation

/// The register of applications: one protocol, two stores (SQLite, PostgreSQL) that behave
/// the same, held to it by one shared test suite.
///
/// Every method is one transaction: a submission's version, its state reset and its audit line
/// are stored together or not at all, and once a method returns the data is durable (a killed
/// server loses nothing it acknowledged). The audit log is append-only: nothing here changes or
/// removes a line, and both databases refuse UPDATE and DELETE on it with a trigger.
package protocol RegisterStore: Sendable {
    /// Stores a new version of its application (created on its first version) and resets the
    /// review state to `received`. The same bytes already stored for that application are the
    /// same version: nothing changes and `created` is false.
    func submit(_ submission: NewSubmission, by actor: Actor) async throws -> SubmitOutcome

    /// Applications passing the filter, by id.
    func applications(_ filter: ApplicationFilter) async throws -> [ApplicationSummary]

    func application(id: Int64) async throws -> ApplicationSummary?

    /// The versions' metadata, oldest first.
    func versions(applicationID: Int64) async throws -> [VersionSummary]

    /// One version in full (bytes, record, diagnostics, score).
    func version(applicationID: Int64, number: Int) async throws -> StoredVersion?

    /// Sets the review state. Throws `review.note_required` for `needs_changes` and `rejected`
    /// without a note, `application.not_found` for an unknown id. Setting the state it already
    /// has is still recorded (a second reviewer confirming is part of the history).
    @discardableResult
    func review(applicationID: Int64, state: ReviewState, note: String?, by actor: Actor) async throws -> AuditEntry

    @discardableResult
    func addComment(applicationID: Int64, text: String, by actor: Actor) async throws -> Comment

    func comments(applicationID: Int64) async throws -> [Comment]

    /// The audit log, oldest first; one application's, or all.
    func audit(applicationID: Int64?) async throws -> [AuditEntry]

    /// Stores a token's SHA-256 under a unique name (`token.duplicate` otherwise).
    func addToken(name: String, role: Role, sha256: String) async throws

    func token(sha256: String) async throws -> TokenIdentity?

    /// Releases connections (the PostgreSQL client's run task).
    func close() async
}

extension RegisterStore {
    /// Reviews every application the filter admits, each in its own transaction, in id order;
    /// the note rule is checked before anything changes.
    package func review(matching filter: ApplicationFilter, state: ReviewState, note: String?,
                       by actor: Actor) async throws -> [AuditEntry] {
        try RegisterRules.checkNote(state: state, note: note)
        var entries: [AuditEntry] = []
        for application in try await applications(filter) {
            entries.append(try await review(applicationID: application.id, state: state, note: note, by: actor))
        }
        return entries
    }
}

/// Rules both stores apply the same way.
package enum RegisterRules {
    package static func checkNote(state: ReviewState, note: String?) throws(RegisterError) {
        if state.requiresNote, (note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty {
            throw RegisterError(.reviewNoteRequired, ["state": .text(state.rawValue)])
        }
    }

    /// A note as stored: trimmed, and absent rather than empty.
    package static func normalizedNote(_ note: String?) -> String? {
        guard let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

/// SQL text both stores share: the same tables and columns, so the same queries.
enum RegisterSQL {
    static let versionColumns = """
        v.number, v.sha256, v.file_name, v.format, v.received_at, v.received_by, v.errors, v.warnings, \
        v.points, v.possible, v.level
        """

    /// Each application with its latest version (the highest number).
    static let summarySQL = """
        SELECT a.id, a.city, a.country, a.cycle, a.state, a.created_at, a.updated_at, \(versionColumns)
        FROM applications a JOIN versions v ON v.application_id = a.id
        WHERE v.number = (SELECT MAX(number) FROM versions WHERE application_id = a.id)
        """
}
