import Foundation
import Logging
import PostgresNIO

/// The shared register: PostgreSQL through PostgresNIO, for several staff and several servers
/// on one database. Same tables, rules and answers as `SQLiteRegisterStore` (one test suite
/// holds both to them); versions are numbered under a row lock on their application, so two
/// servers receiving the same city's forms at once never number two versions alike.
package final class PostgresRegisterStore: RegisterStore {
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger = Logger(label: "wwc.register.postgres")

    /// Connects to `url` (`postgres://user:password@host:port/database`) and brings the schema
    /// up to date. `schema`, when given, is created and used instead of `public` (tests).
    package init(url: String, schema: String? = nil) async throws {
        guard let components = URLComponents(string: url),
              ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty
        else {
            throw RegisterError(.registerUnavailable, ["database": .text(url)])
        }
        let database = String(components.path.drop { $0 == "/" })
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database, tls: .disable)
        if let schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        // The run task starts concurrently with the first query, which PostgresNIO reports as a
        // warning although the query simply waits for it: background noise is kept to errors.
        var background = Logger(label: "wwc.register.postgres")
        background.logLevel = .error
        client = PostgresClient(configuration: configuration, backgroundLogger: background)
        let client = self.client
        runTask = Task { await client.run() }
        do {
            if let schema {
                try await client.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: Self.quoted(schema))", logger: logger)
            }
            try await migrate()
        } catch {
            runTask.cancel()
            throw error
        }
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Schema versions, in order; a shipped migration is never edited, only followed. An
    /// advisory lock lets several servers start at once.
    static let migrations: [(id: String, sql: [String])] = [
        ("v1", [
            """
            CREATE TABLE applications (
                id BIGSERIAL PRIMARY KEY,
                city TEXT NOT NULL,
                country TEXT NOT NULL,
                cycle BIGINT NOT NULL,
                state TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (city, country, cycle)
            )
            """,
            """
            CREATE TABLE versions (
                id BIGSERIAL PRIMARY KEY,
                application_id BIGINT NOT NULL REFERENCES applications(id),
                number BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                file_name TEXT,
                format TEXT NOT NULL,
                received_at TEXT NOT NULL,
                received_by TEXT NOT NULL,
                raw BYTEA NOT NULL,
                record TEXT NOT NULL,
                diagnostics TEXT NOT NULL,
                score TEXT NOT NULL,
                errors BIGINT NOT NULL,
                warnings BIGINT NOT NULL,
                points BIGINT NOT NULL,
                possible BIGINT NOT NULL,
                level TEXT NOT NULL,
                UNIQUE (application_id, number),
                UNIQUE (application_id, sha256)
            )
            """,
            """
            CREATE TABLE audit (
                id BIGSERIAL PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                application_id BIGINT NOT NULL REFERENCES applications(id),
                action TEXT NOT NULL,
                old TEXT,
                new TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX audit_application ON audit (application_id, id)",
            """
            CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
            """,
            "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
            """
            CREATE TABLE comments (
                id BIGSERIAL PRIMARY KEY,
                application_id BIGINT NOT NULL REFERENCES applications(id),
                at TEXT NOT NULL,
                author TEXT NOT NULL,
                text TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE tokens (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                sha256 TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            )
            """,
        ]),
    ]

    private func migrate() async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(1917180018)", logger: self.logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS register_migrations (id TEXT PRIMARY KEY)", logger: self.logger)
            var applied = Set<String>()
            for try await id in try await connection.query("SELECT id FROM register_migrations", logger: self.logger).decode(String.self) {
                applied.insert(id)
            }
            for migration in Self.migrations where !applied.contains(migration.id) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query("INSERT INTO register_migrations (id) VALUES (\(migration.id))", logger: self.logger)
            }
        }
    }

    /// One transaction; the closure's own error comes back as is (not wrapped), so a
    /// `RegisterError` reaches the caller unchanged.
    private func transaction<Result: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func rows(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [PostgresRandomAccessRow] {
        let sequence = if let connection {
            try await connection.query(query, logger: logger)
        } else {
            try await client.query(query, logger: logger)
        }
        var rows: [PostgresRandomAccessRow] = []
        for try await row in sequence { rows.append(row.makeRandomAccess()) }
        return rows
    }

    package func submit(_ submission: NewSubmission, by actor: Actor) async throws -> SubmitOutcome {
        try await transaction { connection in
            let now = RegisterClock.now()
            let (city, country, cycle) = (submission.city, submission.country, submission.cycle)
            let applicationID: Int64
            let oldState: ReviewState?
            if let inserted = try await self.rows("""
                INSERT INTO applications (city, country, cycle, state, created_at, updated_at)
                VALUES (\(city), \(country), \(cycle), 'received', \(now), \(now))
                ON CONFLICT (city, country, cycle) DO NOTHING RETURNING id
                """, on: connection).first {
                applicationID = try inserted["id"].decode(Int64.self)
                oldState = nil
            } else {
                // Locks the application: its versions are numbered one at a time.
                guard let row = try await self.rows("""
                    SELECT id, state FROM applications WHERE city = \(city) AND country = \(country) AND cycle = \(cycle)
                    FOR UPDATE
                    """, on: connection).first else {
                    throw RegisterError(.registerUnavailable, ["database": "postgres"])
                }
                applicationID = try row["id"].decode(Int64.self)
                let state = ReviewState(rawValue: try row["state"].decode(String.self)) ?? .received
                oldState = state
                let sha = submission.version.summary.sha256
                if let existing = try await self.rows("""
                    SELECT number FROM versions WHERE application_id = \(applicationID) AND sha256 = \(sha)
                    """, on: connection).first {
                    return SubmitOutcome(applicationID: applicationID, version: try existing["number"].decode(Int.self),
                                         created: false, state: state)
                }
            }
            let numberRow = try await self.rows("""
                SELECT COALESCE(MAX(number), 0) + 1 AS next FROM versions WHERE application_id = \(applicationID)
                """, on: connection).first
            let number = try numberRow?["next"].decode(Int.self) ?? 1
            let version = submission.version
            let s = version.summary
            try await connection.query("""
                INSERT INTO versions (application_id, number, sha256, file_name, format, received_at, received_by,
                    raw, record, diagnostics, score, errors, warnings, points, possible, level)
                VALUES (\(applicationID), \(number), \(s.sha256), \(s.fileName), \(s.format), \(now), \(actor),
                    \(version.raw), \(version.record), \(version.diagnostics), \(version.score),
                    \(s.errors), \(s.warnings), \(s.points), \(s.possible), \(s.level))
                """, logger: self.logger)
            try await connection.query("UPDATE applications SET state = 'received', updated_at = \(now) WHERE id = \(applicationID)",
                                       logger: self.logger)
            try await self.appendAudit(connection, at: now, actor: actor, applicationID: applicationID, action: .versionAdded,
                                       old: oldState?.rawValue, new: ReviewState.received.rawValue, note: "version \(number)")
            return SubmitOutcome(applicationID: applicationID, version: number, created: true, state: .received)
        }
    }

    package func applications(_ filter: ApplicationFilter) async throws -> [ApplicationSummary] {
        let states = filter.states.map(\.rawValue)
        let levels = filter.levels
        let country = filter.country?.uppercased()
        let cycle = filter.cycle
        return try await rows("""
            \(unescaped: RegisterSQL.summarySQL)
            AND (cardinality(\(states)::text[]) = 0 OR a.state = ANY(\(states)::text[]))
            AND (cardinality(\(levels)::text[]) = 0 OR v.level = ANY(\(levels)::text[]))
            AND (\(country)::text IS NULL OR a.country = \(country)::text)
            AND (\(cycle)::bigint IS NULL OR a.cycle = \(cycle)::bigint)
            ORDER BY a.id
            """).map(Self.summary)
    }

    package func application(id: Int64) async throws -> ApplicationSummary? {
        try await rows("\(unescaped: RegisterSQL.summarySQL) AND a.id = \(id)").first.map(Self.summary)
    }

    package func versions(applicationID: Int64) async throws -> [VersionSummary] {
        try await rows("""
            SELECT \(unescaped: RegisterSQL.versionColumns) FROM versions v WHERE v.application_id = \(applicationID) ORDER BY v.number
            """).map(Self.versionSummary)
    }

    package func version(applicationID: Int64, number: Int) async throws -> StoredVersion? {
        try await rows("""
            SELECT \(unescaped: RegisterSQL.versionColumns), v.raw, v.record, v.diagnostics, v.score
            FROM versions v WHERE v.application_id = \(applicationID) AND v.number = \(number)
            """).first.map { row in
            StoredVersion(summary: try Self.versionSummary(row), raw: try row["raw"].decode(Data.self),
                          record: try row["record"].decode(String.self), diagnostics: try row["diagnostics"].decode(String.self),
                          score: try row["score"].decode(String.self))
        }
    }

    package func review(applicationID: Int64, state: ReviewState, note: String?, by actor: Actor) async throws -> AuditEntry {
        try RegisterRules.checkNote(state: state, note: note)
        return try await transaction { connection in
            guard let row = try await self.rows("SELECT state FROM applications WHERE id = \(applicationID) FOR UPDATE",
                                                on: connection).first else {
                throw RegisterError(.applicationNotFound, ["id": .text(String(applicationID))])
            }
            let old = try row["state"].decode(String.self)
            let now = RegisterClock.now()
            try await connection.query("UPDATE applications SET state = \(state.rawValue), updated_at = \(now) WHERE id = \(applicationID)",
                                       logger: self.logger)
            return try await self.appendAudit(connection, at: now, actor: actor, applicationID: applicationID,
                                              action: .stateChanged, old: old, new: state.rawValue,
                                              note: RegisterRules.normalizedNote(note))
        }
    }

    package func addComment(applicationID: Int64, text: String, by actor: Actor) async throws -> Comment {
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM applications WHERE id = \(applicationID)", on: connection).isEmpty else {
                throw RegisterError(.applicationNotFound, ["id": .text(String(applicationID))])
            }
            let now = RegisterClock.now()
            let row = try await self.rows("""
                INSERT INTO comments (application_id, at, author, text) VALUES (\(applicationID), \(now), \(actor), \(text))
                RETURNING id
                """, on: connection).first
            let comment = Comment(id: try row?["id"].decode(Int64.self) ?? 0, applicationID: applicationID, at: now,
                                  author: actor, text: text)
            try await self.appendAudit(connection, at: now, actor: actor, applicationID: applicationID, action: .commentAdded,
                                       old: nil, new: nil, note: text)
            return comment
        }
    }

    package func comments(applicationID: Int64) async throws -> [Comment] {
        try await rows("""
            SELECT id, application_id, at, author, text FROM comments WHERE application_id = \(applicationID) ORDER BY id
            """).map { row in
            Comment(id: try row["id"].decode(Int64.self), applicationID: try row["application_id"].decode(Int64.self),
                    at: try row["at"].decode(String.self), author: try row["author"].decode(String.self),
                    text: try row["text"].decode(String.self))
        }
    }

    package func audit(applicationID: Int64?) async throws -> [AuditEntry] {
        try await rows("""
            SELECT id, at, actor, application_id, action, old, new, note FROM audit
            WHERE (\(applicationID)::bigint IS NULL OR application_id = \(applicationID)::bigint) ORDER BY id
            """).map { row in
            AuditEntry(id: try row["id"].decode(Int64.self), at: try row["at"].decode(String.self),
                       actor: try row["actor"].decode(String.self),
                       applicationID: try row["application_id"].decode(Int64.self),
                       action: AuditEntry.Action(rawValue: try row["action"].decode(String.self)) ?? .stateChanged,
                       old: try row["old"].decode(String?.self), new: try row["new"].decode(String?.self),
                       note: try row["note"].decode(String?.self))
        }
    }

    package func addToken(name: String, role: Role, sha256: String) async throws {
        try await transaction { connection in
            let inserted = try await self.rows("""
                INSERT INTO tokens (name, role, sha256, created_at) VALUES (\(name), \(role.rawValue), \(sha256), \(RegisterClock.now()))
                ON CONFLICT DO NOTHING RETURNING id
                """, on: connection)
            if inserted.isEmpty { throw RegisterError(.tokenDuplicate, ["name": .text(name)]) }
        }
    }

    package func token(sha256: String) async throws -> TokenIdentity? {
        guard let row = try await rows("SELECT name, role FROM tokens WHERE sha256 = \(sha256)").first,
              let role = Role(rawValue: try row["role"].decode(String.self))
        else { return nil }
        return TokenIdentity(name: try row["name"].decode(String.self), role: role)
    }

    /// Runs raw SQL (tests: the audit trigger must refuse changes).
    package func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    package func close() async {
        runTask.cancel()
        _ = await runTask.value
    }

    // MARK: - Rows

    static func versionSummary(_ row: PostgresRandomAccessRow) throws -> VersionSummary {
        VersionSummary(number: try row["number"].decode(Int.self), sha256: try row["sha256"].decode(String.self),
                       fileName: try row["file_name"].decode(String?.self), format: try row["format"].decode(String.self),
                       receivedAt: try row["received_at"].decode(String.self),
                       receivedBy: try row["received_by"].decode(String.self),
                       errors: try row["errors"].decode(Int.self), warnings: try row["warnings"].decode(Int.self),
                       points: try row["points"].decode(Int.self), possible: try row["possible"].decode(Int.self),
                       level: try row["level"].decode(String.self))
    }

    static func summary(_ row: PostgresRandomAccessRow) throws -> ApplicationSummary {
        ApplicationSummary(id: try row["id"].decode(Int64.self), city: try row["city"].decode(String.self),
                           country: try row["country"].decode(String.self), cycle: try row["cycle"].decode(Int.self),
                           state: ReviewState(rawValue: try row["state"].decode(String.self)) ?? .received,
                           createdAt: try row["created_at"].decode(String.self),
                           updatedAt: try row["updated_at"].decode(String.self), latest: try versionSummary(row))
    }

    @discardableResult
    private func appendAudit(_ connection: PostgresConnection, at: String, actor: Actor, applicationID: Int64,
                             action: AuditEntry.Action, old: String?, new: String?, note: String?) async throws -> AuditEntry {
        let row = try await rows("""
            INSERT INTO audit (at, actor, application_id, action, old, new, note)
            VALUES (\(at), \(actor), \(applicationID), \(action.rawValue), \(old), \(new), \(note)) RETURNING id
            """, on: connection).first
        return AuditEntry(id: try row?["id"].decode(Int64.self) ?? 0, at: at, actor: actor, applicationID: applicationID,
                          action: action, old: old, new: new, note: note)
    }
}
