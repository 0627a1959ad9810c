import Foundation
import WWCIntake

/// The register's JSON shapes, shared by `intake register … --format json` and the API so the
/// two never drift. Member names are snake_case like the canonical record's.
extension ApplicationSummary {
    /// `stateLabel` is the state's readable label in the reader's language.
    package func json(stateLabel: String) -> JSONValue {
        .object([
            "id": .integer(Int(id)),
            "city": .string(city),
            "country": .string(country),
            "cycle": .integer(cycle),
            "state": .string(state.rawValue),
            "state_label": .string(stateLabel),
            "created_at": .string(createdAt),
            "updated_at": .string(updatedAt),
            "latest_version": latest.json,
        ])
    }
}

extension VersionSummary {
    package var json: JSONValue {
        .object([
            "number": .integer(number),
            "sha256": .string(sha256),
            "file_name": fileName.map(JSONValue.string) ?? .null,
            "format": .string(format),
            "received_at": .string(receivedAt),
            "received_by": .string(receivedBy),
            "errors": .integer(errors),
            "warnings": .integer(warnings),
            "points": .integer(points),
            "possible": .integer(possible),
            "level": .string(level),
        ])
    }
}

extension AuditEntry {
    package var json: JSONValue {
        .object([
            "id": .integer(Int(id)),
            "at": .string(at),
            "actor": .string(actor),
            "application_id": .integer(Int(applicationID)),
            "action": .string(action.rawValue),
            "old": old.map(JSONValue.string) ?? .null,
            "new": new.map(JSONValue.string) ?? .null,
            "note": note.map(JSONValue.string) ?? .null,
        ])
    }
}

extension Comment {
    package var json: JSONValue {
        .object([
            "id": .integer(Int(id)),
            "application_id": .integer(Int(applicationID)),
            "at": .string(at),
            "author": .string(author),
            "text": .string(text),
        ])
    }
}

extension RecordChange {
    package var json: JSONValue {
        .object([
            "path": .string(path),
            "old": old.map(JSONValue.string) ?? .null,
            "new": new.map(JSONValue.string) ?? .null,
        ])
    }
}

extension ReviewState {
    /// The readable label in `language` (catalog key `state.<code>`).
    package func label(_ catalogs: CatalogSet, language: String) -> String {
        catalogs.render(key: labelKey, arguments: [:], language: language)
    }
}
