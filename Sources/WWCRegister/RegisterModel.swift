import Foundation
import WWCIntake

/// Where an application stands with intake staff (ODK Central's and KoboToolbox's review
/// states, reduced to the four the certification process uses). The raw values are the stable
/// codes written in exports and the API; the catalogs hold the readable labels (`state.…`).
public enum ReviewState: String, Sendable, Hashable, CaseIterable, Codable {
    case received
    case needsChanges = "needs_changes"
    case accepted
    case rejected

    /// Asking for changes or rejecting must say why: the note is what the city reads.
    public var requiresNote: Bool { self == .needsChanges || self == .rejected }

    /// The catalog key of the state's readable label.
    public var labelKey: String { "state." + rawValue }
}

/// What a bearer token may do: submitters only submit; staff also read, review and export.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case submitter
    case staff
}

/// Who acted, as written in the audit log: a token's name, or the CLI user.
public typealias Actor = String

/// An application: one city's certification request for one cycle, across all its versions.
public struct ApplicationSummary: Sendable, Hashable {
    public var id: Int64
    public var city: String
    public var country: String
    public var cycle: Int
    public var state: ReviewState
    public var createdAt: String
    public var updatedAt: String
    /// The latest version's metadata and score.
    public var latest: VersionSummary

    public init(id: Int64, city: String, country: String, cycle: Int, state: ReviewState,
                createdAt: String, updatedAt: String, latest: VersionSummary) {
        self.id = id
        self.city = city
        self.country = country
        self.cycle = cycle
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.latest = latest
    }
}

/// One submitted version without its bytes and record (lists, timelines).
public struct VersionSummary: Sendable, Hashable {
    public var number: Int
    public var sha256: String
    public var fileName: String?
    public var format: String
    public var receivedAt: String
    public var receivedBy: Actor
    public var errors: Int
    public var warnings: Int
    public var points: Int
    public var possible: Int
    public var level: String

    public init(number: Int, sha256: String, fileName: String?, format: String, receivedAt: String,
                receivedBy: Actor, errors: Int, warnings: Int, points: Int, possible: Int, level: String) {
        self.number = number
        self.sha256 = sha256
        self.fileName = fileName
        self.format = format
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
        self.errors = errors
        self.warnings = warnings
        self.points = points
        self.possible = possible
        self.level = level
    }
}

/// One version in full: the bytes as received and what the pipeline made of them, each as the
/// JSON text the CLI writes (so the stored record is byte-identical to `intake convert`'s).
public struct StoredVersion: Sendable, Hashable {
    public var summary: VersionSummary
    public var raw: Data
    public var record: String
    public var diagnostics: String
    public var score: String

    public init(summary: VersionSummary, raw: Data, record: String, diagnostics: String, score: String) {
        self.summary = summary
        self.raw = raw
        self.record = record
        self.diagnostics = diagnostics
        self.score = score
    }
}

/// A version ready to be stored: built by `SubmissionBuilder` from a form that converted.
public struct NewSubmission: Sendable, Hashable {
    public var city: String
    public var country: String
    public var cycle: Int
    public var version: StoredVersion

    public init(city: String, country: String, cycle: Int, version: StoredVersion) {
        self.city = city
        self.country = country
        self.cycle = cycle
        self.version = version
    }
}

/// What storing a submission did.
public struct SubmitOutcome: Sendable, Hashable {
    public var applicationID: Int64
    public var version: Int
    /// False when the same bytes were already a version of this application: nothing stored.
    public var created: Bool
    public var state: ReviewState

    public init(applicationID: Int64, version: Int, created: Bool, state: ReviewState) {
        self.applicationID = applicationID
        self.version = version
        self.created = created
        self.state = state
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// A new version arrived (old → `received`).
        case versionAdded = "version_added"
        /// Staff changed the review state (old → new, with the note).
        case stateChanged = "state_changed"
        case commentAdded = "comment_added"
    }

    public var id: Int64
    public var at: String
    public var actor: Actor
    public var applicationID: Int64
    public var action: Action
    public var old: String?
    public var new: String?
    public var note: String?

    public init(id: Int64, at: String, actor: Actor, applicationID: Int64, action: Action,
                old: String?, new: String?, note: String?) {
        self.id = id
        self.at = at
        self.actor = actor
        self.applicationID = applicationID
        self.action = action
        self.old = old
        self.new = new
        self.note = note
    }
}

public struct Comment: Sendable, Hashable {
    public var id: Int64
    public var applicationID: Int64
    public var at: String
    public var author: Actor
    public var text: String

    public init(id: Int64, applicationID: Int64, at: String, author: Actor, text: String) {
        self.id = id
        self.applicationID = applicationID
        self.at = at
        self.author = author
        self.text = text
    }
}

/// A stored bearer token: only its SHA-256 is kept, so a copied database grants nothing.
public struct TokenIdentity: Sendable, Hashable {
    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// The list's filters (CLI `register list`, `GET /v1/applications`, bulk review).
public struct ApplicationFilter: Sendable, Hashable {
    /// Any of these states (empty: all).
    public var states: [ReviewState]
    /// Any of these levels of the latest version (empty: all).
    public var levels: [String]
    public var country: String?
    public var cycle: Int?

    public init(states: [ReviewState] = [], levels: [String] = [], country: String? = nil, cycle: Int? = nil) {
        self.states = states
        self.levels = levels
        self.country = country
        self.cycle = cycle
    }

    /// Whether an application passes (both stores select with SQL, then apply this: one rule).
    public func admits(_ application: ApplicationSummary) -> Bool {
        (states.isEmpty || states.contains(application.state))
            && (levels.isEmpty || levels.contains(application.latest.level))
            && (country.map { $0.uppercased() == application.country } ?? true)
            && (cycle.map { $0 == application.cycle } ?? true)
    }
}

/// A refused register operation, with a stable code that has a message in every catalog.
public struct RegisterError: Error, Sendable, Hashable {
    public var code: DiagnosticCode
    public var arguments: [String: MessageArgument]

    public init(_ code: DiagnosticCode, _ arguments: [String: MessageArgument] = [:]) {
        self.code = code
        self.arguments = arguments
    }
}

extension DiagnosticCode {
    /// `needs_changes` and `rejected` need a note saying why.
    public static let reviewNoteRequired: Self = "review.note_required"
    /// A review state that is not one of the four.
    public static let reviewStateUnknown: Self = "review.state_unknown"
    /// No application with that id.
    public static let applicationNotFound: Self = "application.not_found"
    /// No such version of the application.
    public static let versionNotFound: Self = "version.not_found"
    /// A converted record without city or country cannot be filed under an application.
    public static let applicationUnidentified: Self = "application.unidentified"
    /// A token name already in use.
    public static let tokenDuplicate: Self = "token.duplicate"
    /// The register could not be opened or reached (`--db`).
    public static let registerUnavailable: Self = "register.unavailable"
}

/// Timestamps as stored: ISO 8601 UTC with milliseconds, which sort as text in both stores.
public enum RegisterClock {
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
