import Foundation
import WWCIntake

/// The exports staff download: one row per application (latest version), and the audit log.
/// CSV is RFC 4180 (CRLF, quotes doubled) with a header row; the state appears both as its
/// stable code and as its label in the reader's language (KoboToolbox users' first request).
package struct RegisterExport: Sendable {
    package let catalogs: CatalogSet
    package let rubric: Rubric
    package let language: String

    package init(catalogs: CatalogSet, rubric: Rubric, language: String) {
        self.catalogs = catalogs
        self.rubric = rubric
        self.language = language
    }

    /// One application's export row: latest fields, each rubric criterion's status, points,
    /// level, state code and label, diagnostic counts.
    package struct Row: Sendable {
        package var summary: ApplicationSummary
        package var record: CanonicalApplication?
    }

    /// Loads each application's latest record and builds the rows.
    package func rows(_ applications: [ApplicationSummary], store: any RegisterStore) async throws -> [Row] {
        var rows: [Row] = []
        for application in applications {
            let stored = try await store.version(applicationID: application.id, number: application.latest.number)
            let record = stored.flatMap { JSONValue.parse(Data($0.record.utf8)).value }.flatMap { try? CanonicalApplication(json: $0) }
            rows.append(Row(summary: application, record: record))
        }
        return rows
    }

    package var columns: [String] {
        ["id", "city", "country", "cycle", "state", "state_label", "version", "received_at", "received_by",
         "population", "points", "possible", "level", "errors", "warnings"] + rubric.criteria.map { "criterion_" + $0 }
    }

    func values(_ row: Row) -> [String] {
        let a = row.summary
        let statuses = Dictionary((row.record?.criteria ?? []).map { ($0.id, $0.status?.rawValue ?? "") },
                                  uniquingKeysWith: { first, _ in first })
        return [String(a.id), a.city, a.country, String(a.cycle), a.state.rawValue, a.state.label(catalogs, language: language),
                String(a.latest.number), a.latest.receivedAt, a.latest.receivedBy,
                row.record?.applicant.population.map(String.init) ?? "",
                String(a.latest.points), String(a.latest.possible), a.latest.level,
                String(a.latest.errors), String(a.latest.warnings)]
            + rubric.criteria.map { statuses[$0] ?? "" }
    }

    package func csv(_ rows: [Row]) -> String {
        Self.csv(header: columns, rows: rows.map(values))
    }

    /// JSON: an array of objects with the CSV's columns as members (numbers as numbers).
    package func json(_ rows: [Row]) -> JSONValue {
        let numeric: Set<String> = ["id", "cycle", "version", "population", "points", "possible", "errors", "warnings"]
        return .array(rows.map { row in
            .object(zip(columns, values(row)).map { column, value in
                JSONValue.Member(column, numeric.contains(column) ? (Int(value).map(JSONValue.integer) ?? .null) : .string(value))
            })
        })
    }

    static let auditColumns = ["id", "at", "actor", "application_id", "action", "old", "new", "note"]

    /// The audit log: who, when, what, old → new, why.
    package static func auditCSV(_ entries: [AuditEntry]) -> String {
        csv(header: auditColumns, rows: entries.map { e in
            [String(e.id), e.at, e.actor, String(e.applicationID), e.action.rawValue, e.old ?? "", e.new ?? "", e.note ?? ""]
        })
    }

    /// RFC 4180. A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
    /// prefixed with `'` (OWASP CSV injection): city names and notes come from outside.
    package static func csv(header: [String], rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\r\n" }
        return out
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Int(value) == nil {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
