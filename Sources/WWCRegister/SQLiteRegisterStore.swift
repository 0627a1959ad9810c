import Foundation
import GRDB

/// The embedded register: one SQLite file, created on first use, in WAL mode (readers never
/// wait for the writer), with versioned migrations. `synchronous = NORMAL` in WAL mode keeps
/// every committed transaction across a killed process; only a power loss can drop the last
/// ones, which `FULL` would cost a sync per submission to prevent.
package final class SQLiteRegisterStore: RegisterStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the register at `path` and brings its schema up to date.
    package init(path: String) throws {
        var configuration = Configuration()
        // Several processes may share the file (a server and `intake register review`).
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Schema versions, in order; a shipped migration is never edited, only followed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE applications (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    city TEXT NOT NULL,
                    country TEXT NOT NULL,
                    cycle INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (city, country, cycle)
                );
                CREATE TABLE versions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id),
                    number INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    file_name TEXT,
                    format TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    received_by TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    record TEXT NOT NULL,
                    diagnostics TEXT NOT NULL,
                    score TEXT NOT NULL,
                    errors INTEGER NOT NULL,
                    warnings INTEGER NOT NULL,
                    points INTEGER NOT NULL,
                    possible INTEGER NOT NULL,
                    level TEXT NOT NULL,
                    UNIQUE (application_id, number),
                    UNIQUE (application_id, sha256)
                );
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    application_id INTEGER NOT NULL REFERENCES applications(id),
                    action TEXT NOT NULL,
                    old TEXT,
                    new TEXT,
                    note TEXT
                );
                CREATE INDEX audit_application ON audit (application_id, id);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TABLE comments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id),
                    at TEXT NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    package func submit(_ submission: NewSubmission, by actor: Actor) async throws -> SubmitOutcome {
        try await pool.write { db in
            let now = RegisterClock.now()
            let version = submission.version
            let applicationID: Int64
            let oldState: ReviewState?
            if let row = try Row.fetchOne(db, sql: """
                SELECT id, state FROM applications WHERE city = ? AND country = ? AND cycle = ?
                """, arguments: [submission.city, submission.country, submission.cycle]) {
                applicationID = row["id"]
                oldState = ReviewState(rawValue: row["state"]) ?? .received
                if let existing = try Int.fetchOne(db, sql: """
                    SELECT number FROM versions WHERE application_id = ? AND sha256 = ?
                    """, arguments: [applicationID, version.summary.sha256]) {
                    return SubmitOutcome(applicationID: applicationID, version: existing, created: false,
                                         state: oldState ?? .received)
                }
            } else {
                try db.execute(sql: """
                    INSERT INTO applications (city, country, cycle, state, created_at, updated_at)
                    VALUES (?, ?, ?, 'received', ?, ?)
                    """, arguments: [submission.city, submission.country, submission.cycle, now, now])
                applicationID = db.lastInsertedRowID
                oldState = nil
            }
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE application_id = ?",
                                          arguments: [applicationID]) ?? 1
            let s = version.summary
            try db.execute(sql: """
                INSERT INTO versions (application_id, number, sha256, file_name, format, received_at, received_by,
                    raw, record, diagnostics, score, errors, warnings, points, possible, level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [applicationID, number, s.sha256, s.fileName, s.format, now, actor,
                                 version.raw, version.record, version.diagnostics, version.score,
                                 s.errors, s.warnings, s.points, s.possible, s.level])
            try db.execute(sql: "UPDATE applications SET state = 'received', updated_at = ? WHERE id = ?",
                           arguments: [now, applicationID])
            try Self.appendAudit(db, at: now, actor: actor, applicationID: applicationID, action: .versionAdded,
                                 old: oldState?.rawValue, new: ReviewState.received.rawValue, note: "version \(number)")
            return SubmitOutcome(applicationID: applicationID, version: number, created: true, state: .received)
        }
    }

    package func applications(_ filter: ApplicationFilter) async throws -> [ApplicationSummary] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !filter.states.isEmpty {
                conditions.append("a.state IN (\(filter.states.map { _ in "?" }.joined(separator: ",")))")
                for state in filter.states { _ = arguments.append(contentsOf: [state.rawValue]) }
            }
            if !filter.levels.isEmpty {
                conditions.append("v.level IN (\(filter.levels.map { _ in "?" }.joined(separator: ",")))")
                for level in filter.levels { _ = arguments.append(contentsOf: [level]) }
            }
            if let country = filter.country {
                conditions.append("a.country = ?")
                _ = arguments.append(contentsOf: [country.uppercased()])
            }
            if let cycle = filter.cycle {
                conditions.append("a.cycle = ?")
                _ = arguments.append(contentsOf: [cycle])
            }
            let whereClause = conditions.isEmpty ? "" : "AND " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: RegisterSQL.summarySQL + " \(whereClause) ORDER BY a.id", arguments: arguments)
                .map(Self.summary)
        }
    }

    package func application(id: Int64) async throws -> ApplicationSummary? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: RegisterSQL.summarySQL + " AND a.id = ?", arguments: [id]).map(Self.summary)
        }
    }

    package func versions(applicationID: Int64) async throws -> [VersionSummary] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(RegisterSQL.versionColumns) FROM versions v WHERE v.application_id = ? ORDER BY v.number
                """, arguments: [applicationID]).map(Self.versionSummary)
        }
    }

    package func version(applicationID: Int64, number: Int) async throws -> StoredVersion? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(RegisterSQL.versionColumns), v.raw, v.record, v.diagnostics, v.score
                FROM versions v WHERE v.application_id = ? AND v.number = ?
                """, arguments: [applicationID, number]).map { row in
                StoredVersion(summary: Self.versionSummary(row), raw: row["raw"], record: row["record"],
                              diagnostics: row["diagnostics"], score: row["score"])
            }
        }
    }

    package func review(applicationID: Int64, state: ReviewState, note: String?, by actor: Actor) async throws -> AuditEntry {
        try RegisterRules.checkNote(state: state, note: note)
        return try await pool.write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT state FROM applications WHERE id = ?",
                                                arguments: [applicationID]) else {
                throw RegisterError(.applicationNotFound, ["id": .text(String(applicationID))])
            }
            let now = RegisterClock.now()
            try db.execute(sql: "UPDATE applications SET state = ?, updated_at = ? WHERE id = ?",
                           arguments: [state.rawValue, now, applicationID])
            return try Self.appendAudit(db, at: now, actor: actor, applicationID: applicationID, action: .stateChanged,
                                        old: old, new: state.rawValue, note: RegisterRules.normalizedNote(note))
        }
    }

    package func addComment(applicationID: Int64, text: String, by actor: Actor) async throws -> Comment {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM applications WHERE id = ?", arguments: [applicationID]) != nil else {
                throw RegisterError(.applicationNotFound, ["id": .text(String(applicationID))])
            }
            let now = RegisterClock.now()
            try db.execute(sql: "INSERT INTO comments (application_id, at, author, text) VALUES (?, ?, ?, ?)",
                           arguments: [applicationID, now, actor, text])
            let comment = Comment(id: db.lastInsertedRowID, applicationID: applicationID, at: now, author: actor, text: text)
            try Self.appendAudit(db, at: now, actor: actor, applicationID: applicationID, action: .commentAdded,
                                 old: nil, new: nil, note: text)
            return comment
        }
    }

    package func comments(applicationID: Int64) async throws -> [Comment] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, application_id, at, author, text FROM comments WHERE application_id = ? ORDER BY id",
                             arguments: [applicationID]).map { row in
                Comment(id: row["id"], applicationID: row["application_id"], at: row["at"], author: row["author"], text: row["text"])
            }
        }
    }

    package func audit(applicationID: Int64?) async throws -> [AuditEntry] {
        try await pool.read { db in
            let sql = "SELECT id, at, actor, application_id, action, old, new, note FROM audit"
            let rows = if let applicationID {
                try Row.fetchAll(db, sql: sql + " WHERE application_id = ? ORDER BY id", arguments: [applicationID])
            } else {
                try Row.fetchAll(db, sql: sql + " ORDER BY id")
            }
            return rows.map { row in
                AuditEntry(id: row["id"], at: row["at"], actor: row["actor"], applicationID: row["application_id"],
                           action: AuditEntry.Action(rawValue: row["action"]) ?? .stateChanged,
                           old: row["old"], new: row["new"], note: row["note"])
            }
        }
    }

    package func addToken(name: String, role: Role, sha256: String) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tokens WHERE name = ?", arguments: [name]) != nil {
                throw RegisterError(.tokenDuplicate, ["name": .text(name)])
            }
            try db.execute(sql: "INSERT INTO tokens (name, role, sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, sha256, RegisterClock.now()])
        }
    }

    package func token(sha256: String) async throws -> TokenIdentity? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT name, role FROM tokens WHERE sha256 = ?", arguments: [sha256]).flatMap { row in
                Role(rawValue: row["role"]).map { TokenIdentity(name: row["name"], role: $0) }
            }
        }
    }

    /// Runs raw SQL (tests: the audit triggers must refuse changes).
    package func execute(_ sql: String) async throws {
        try await pool.write { db in try db.execute(sql: sql) }
    }

    package func close() async {
        try? pool.close()
    }

    // MARK: - Rows

    static func versionSummary(_ row: Row) -> VersionSummary {
        VersionSummary(number: row["number"], sha256: row["sha256"], fileName: row["file_name"], format: row["format"],
                       receivedAt: row["received_at"], receivedBy: row["received_by"], errors: row["errors"],
                       warnings: row["warnings"], points: row["points"], possible: row["possible"], level: row["level"])
    }

    static func summary(_ row: Row) -> ApplicationSummary {
        ApplicationSummary(id: row["id"], city: row["city"], country: row["country"], cycle: row["cycle"],
                           state: ReviewState(rawValue: row["state"]) ?? .received,
                           createdAt: row["created_at"], updatedAt: row["updated_at"], latest: versionSummary(row))
    }

    @discardableResult
    static func appendAudit(_ db: Database, at: String, actor: Actor, applicationID: Int64, action: AuditEntry.Action,
                            old: String?, new: String?, note: String?) throws -> AuditEntry {
        try db.execute(sql: """
            INSERT INTO audit (at, actor, application_id, action, old, new, note) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, actor, applicationID, action.rawValue, old, new, note])
        return AuditEntry(id: db.lastInsertedRowID, at: at, actor: actor, applicationID: applicationID, action: action,
                          old: old, new: new, note: note)
    }
}
