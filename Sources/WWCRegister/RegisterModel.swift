import Foundation
import WWCIntake

/// Where an application stands with intake staff (ODK Central's and KoboToolbox's review
/// states, reduced to the four the certification process uses). The raw values are the stable
/// codes written in exports and the API; the catalogs hold the readable labels (`state.…`).
package enum ReviewState: String, Sendable, Hashable, CaseIterable, Codable {
    case received
    case needsChanges = "needs_changes"
    case accepted
    case rejected

    /// Asking for changes or rejecting must say why: the note is what the city reads.
    var requiresNote: Bool { self == .needsChanges || self == .rejected }

    /// The catalog key of the state's readable label.
    var labelKey: String { "state." + rawValue }
}

/// What a bearer token may do: submitters only submit; staff also read, review and export.
package enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case submitter
    case staff
}

/// Who acted, as written in the audit log: a token's name, or the CLI user.
package typealias Actor = String

/// An application: one city's certification request for one cycle, across all its versions.
package struct ApplicationSummary: Sendable, Hashable {
    package var id: Int64
    package var city: String
    package var country: String
    package var cycle: Int
    package var state: ReviewState
    var createdAt: String
    var updatedAt: String
    /// The latest version's metadata and score.
    package var latest: VersionSummary

    package init(id: Int64, city: String, country: String, cycle: Int, state: ReviewState,
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
package struct VersionSummary: Sendable, Hashable {
    package var number: Int
    package var sha256: String
    package var fileName: String?
    package var format: String
    package var receivedAt: String
    package var receivedBy: Actor
    package var errors: Int
    package var warnings: Int
    package var points: Int
    package var possible: Int
    package var level: String

    package init(number: Int, sha256: String, fileName: String?, format: String, receivedAt: String,
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
package struct StoredVersion: Sendable, Hashable {
    package var summary: VersionSummary
    package var raw: Data
    package var record: String
    package var diagnostics: String
    package var score: String

    package init(summary: VersionSummary, raw: Data, record: String, diagnostics: String, score: String) {
        self.summary = summary
        self.raw = raw
        self.record = record
        self.diagnostics = diagnostics
        self.score = score
    }
}

/// A version ready to be stored: built by `SubmissionBuilder` from a form that converted.
package struct NewSubmission: Sendable, Hashable {
    package var city: String
    package var country: String
    package var cycle: Int
    package var version: StoredVersion

    package init(city: String, country: String, cycle: Int, version: StoredVersion) {
        self.city = city
        self.country = country
        self.cycle = cycle
        self.version = version
    }
}

/// What storing a submission did.
package struct SubmitOutcome: Sendable, Hashable {
    package var applicationID: Int64
    package var version: Int
    /// False when the same bytes were already a version of this application: nothing stored.
    package var created: Bool
    package var state: ReviewState

    package init(applicationID: Int64, version: Int, created: Bool, state: ReviewState) {
        self.applicationID = applicationID
        self.version = version
        self.created = created
        self.state = state
    }
}

/// One line of the append-only audit log.
package struct AuditEntry: Sendable, Hashable {
    package enum Action: String, Sendable, Hashable, CaseIterable {
        /// A new version arrived (old → `received`).
        case versionAdded = "version_added"
        /// Staff changed the review state (old → new, with the note).
        case stateChanged = "state_changed"
        case commentAdded = "comment_added"
    }

    package var id: Int64
    package var at: String
    package var actor: Actor
    package var applicationID: Int64
    package var action: Action
    package var old: String?
    package var new: String?
    package var note: String?

    package init(id: Int64, at: String, actor: Actor, applicationID: Int64, action: Action,
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

package struct Comment: Sendable, Hashable {
    package var id: Int64
    package var applicationID: Int64
    package var at: String
    package var author: Actor
    package var text: String

    package init(id: Int64, applicationID: Int64, at: String, author: Actor, text: String) {
        self.id = id
        self.applicationID = applicationID
        self.at = at
        self.author = author
        self.text = text
    }
}

/// A stored bearer token: only its SHA-256 is kept, so a copied database grants nothing.
package struct TokenIdentity: Sendable, Hashable {
    package var name: String
    package var role: Role

    package init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// The list's filters (CLI `register list`, `GET /v1/applications`, bulk review).
package struct ApplicationFilter: Sendable, Hashable {
    /// Any of these states (empty: all).
    package var states: [ReviewState]
    /// Any of these levels of the latest version (empty: all).
    package var levels: [String]
    package var country: String?
    package var cycle: Int?

    package init(states: [ReviewState] = [], levels: [String] = [], country: String? = nil, cycle: Int? = nil) {
        self.states = states
        self.levels = levels
        self.country = country
        self.cycle = cycle
    }

    /// Whether an application passes (both stores select with SQL, then apply this: one rule).
    func admits(_ application: ApplicationSummary) -> Bool {
        (states.isEmpty || states.contains(application.state))
            && (levels.isEmpty || levels.contains(application.latest.level))
            && (country.map { $0.uppercased() == application.country } ?? true)
            && (cycle.map { $0 == application.cycle } ?? true)
    }
}

/// A refused register operation, with a stable code that has a message in every catalog.
package struct RegisterError: Error, Sendable, Hashable {
    package var code: DiagnosticCode
    package var arguments: [String: MessageArgument]

    package init(_ code: DiagnosticCode, _ arguments: [String: MessageArgument] = [:]) {
        self.code = code
        self.arguments = arguments
    }
}

extension DiagnosticCode {
    /// `needs_changes` and `rejected` need a note saying why.
    package static let reviewNoteRequired: Self = "review.note_required"
    /// A review state that is not one of the four.
    package static let reviewStateUnknown: Self = "review.state_unknown"
    /// No application with that id.
    package static let applicationNotFound: Self = "application.not_found"
    /// No such version of the application.
    package static let versionNotFound: Self = "version.not_found"
    /// A converted record without city or country cannot be filed under an application.
    package static let applicationUnidentified: Self = "application.unidentified"
    /// A token name already in use.
    package static let tokenDuplicate: Self = "token.duplicate"
    /// The register could not be opened or reached (`--db`).
    package static let registerUnavailable: Self = "register.unavailable"
}

/// Timestamps as stored: ISO 8601 UTC with milliseconds, which sort as text in both stores.
package enum RegisterClock {
    package static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
