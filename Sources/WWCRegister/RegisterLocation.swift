import Foundation
import WWCIntake

/// Which register `--db` names: a `postgres://` URL, or a SQLite file path (the default,
/// `intake-register.sqlite` in the current folder, created on first use).
package enum RegisterLocation {
    static let defaultSQLitePath = "intake-register.sqlite"
    /// `WWC_INTAKE_DB` stands in for `--db` (a server's unit file, CI).
    package static let environmentVariable = "WWC_INTAKE_DB"

    package static func resolve(_ explicit: String?) -> String {
        explicit ?? ProcessInfo.processInfo.environment[environmentVariable] ?? defaultSQLitePath
    }

    package static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens the store `location` names.
    package static func open(_ location: String) async throws -> any RegisterStore {
        if isPostgres(location) {
            return try await PostgresRegisterStore(url: location)
        }
        do {
            return try SQLiteRegisterStore(path: location)
        } catch {
            throw RegisterError(.registerUnavailable, ["database": .text(location)])
        }
    }
}

/// Bearer tokens: 32 random bytes, shown once; the register keeps only their SHA-256 (a
/// token is random, not a password, so one fast hash is enough and lookups stay indexable).
package enum BearerToken {
    package static let prefix = "wwc_"

    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    package static func sha256(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}
