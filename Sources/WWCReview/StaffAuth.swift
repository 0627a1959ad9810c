import Foundation
import HummingbirdBcrypt

/// Staff accounts for the review pages: user names with bcrypt password hashes, in a small
/// JSON file (`intake staff password NAME` writes it; the server only reads it).
///
/// Why a file and not the register: sign-in is the pages' concern, the register's API has
/// bearer tokens of its own, and a file can be shared by several servers like any other
/// configuration. Only hashes are stored; bcrypt (cost 12) makes a copied file slow to attack.
package struct StaffAccounts: Sendable {
    static let defaultCost: UInt8 = 12
    package private(set) var hashes: [String: String]

    package init(hashes: [String: String] = [:]) {
        self.hashes = hashes
    }

    /// Reads the file; a missing file is no account (nobody can sign in yet).
    package static func load(from url: URL) throws -> StaffAccounts {
        guard FileManager.default.fileExists(atPath: url.path) else { return StaffAccounts() }
        let data = try Data(contentsOf: url)
        let file = try JSONDecoder().decode(File.self, from: data)
        return StaffAccounts(hashes: file.staff)
    }

    /// Writes the file atomically, readable by its owner only.
    package func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(File(staff: hashes)).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    package mutating func setPassword(_ password: String, for user: String, cost: UInt8 = defaultCost) {
        hashes[user] = Bcrypt.hash(password, cost: cost)
    }

    /// Removes a user's sign-in; false when there was none.
    package mutating func remove(_ user: String) -> Bool {
        hashes.removeValue(forKey: user) != nil
    }

    /// Whether the password is the user's. An unknown user costs a bcrypt check too, so the
    /// answer's timing does not tell which user names exist.
    package func verify(user: String, password: String) -> Bool {
        guard let hash = hashes[user] else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    static let decoyHash = Bcrypt.hash("decoy", cost: defaultCost)

    struct File: Codable {
        var staff: [String: String]
    }
}

/// Browser sessions: a random id in an `HttpOnly; SameSite=Strict` cookie, and for each the
/// signed-in user (nil before sign-in) and the CSRF token every state-changing form carries.
///
/// Kept in memory: a restart signs everyone out, which is acceptable for a review tool and
/// keeps credentials out of the database. Anonymous sessions exist so the sign-in form has a
/// CSRF token too; signing in replaces the session id (no session fixation).
package actor SessionStore {
    package struct Session: Sendable {
        package var user: String?
        package let csrf: String
        var lastSeen: Date
    }

    package static let cookieName = "intake_session"
    /// Sessions unused this long are forgotten.
    let idleLimit: TimeInterval
    private var sessions: [String: Session] = [:]

    package init(idleLimit: TimeInterval = 8 * 3600) {
        self.idleLimit = idleLimit
    }

    /// The session of a cookie value, if it exists and is not idle too long.
    package func session(_ id: String?, now: Date = Date()) -> Session? {
        guard let id, var session = sessions[id] else { return nil }
        if now.timeIntervalSince(session.lastSeen) > idleLimit {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    /// A new session (anonymous, or signed in) with a fresh id and CSRF token.
    package func create(user: String?, now: Date = Date()) -> (id: String, session: Session) {
        if sessions.count > 10_000 { sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) <= idleLimit } }
        let id = Self.randomToken()
        let session = Session(user: user, csrf: Self.randomToken(), lastSeen: now)
        sessions[id] = session
        return (id, session)
    }

    package func end(_ id: String) {
        sessions[id] = nil
    }

    /// 256 random bits as hex (SystemRandomNumberGenerator: the OS's cryptographic source).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Compares a submitted CSRF token with the session's in time independent of where they differ.
    package nonisolated static func tokensMatch(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// The `Set-Cookie` value of a session id.
    package nonisolated static func cookie(_ id: String, secure: Bool = false) -> String {
        "\(cookieName)=\(id); Path=/ui; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
