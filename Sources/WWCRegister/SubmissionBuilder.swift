import Foundation
import Synchronization
import WWCIntake

/// Turns submitted bytes into what the register stores: the pipeline's record, diagnostics
/// and score, and the application it belongs to (city, country, cycle). Shared by
/// `intake register add` and `POST /v1/applications`, so both store exactly the same thing.
///
/// Safe to share between threads: each conversion borrows a `ConversionSession` (ICU parsers
/// are per thread) from a small pool and gives it back.
package final class SubmissionBuilder: Sendable {
    package let converter: Converter
    package let rubric: Rubric
    /// The language of the messages written into stored records (the reference catalog, as
    /// `intake convert` writes them); the API renders again in the reader's language.
    let storedLanguage = CatalogSet.referenceLanguage
    private let sessions = Mutex<[SessionBox]>([])

    package init(converter: Converter, rubric: Rubric) {
        self.converter = converter
        self.rubric = rubric
    }

    package var catalogs: CatalogSet { converter.catalogs }

    /// The outcome of one form.
    package enum Outcome: Sendable {
        /// The form converted: what to store, and the parts an API answer shows.
        case accepted(NewSubmission, record: CanonicalApplication, score: ScoreReport)
        /// The form did not convert (or names no city or country): nothing to store.
        case rejected([Diagnostic])
    }

    /// Converts without storing: `/v1/validate` and the first half of a submission.
    package func convert(_ data: Data, fileName: String?, format: SourceFormat?) -> ConversionResult {
        let session = sessions.withLock { $0.popLast() } ?? SessionBox(converter.makeSession())
        defer { sessions.withLock { if $0.count < 16 { $0.append(session) } } }
        return session.session.convert(data, file: fileName, format: format)
    }

    package func build(_ data: Data, fileName: String?, format: SourceFormat?) -> Outcome {
        let result = convert(data, fileName: fileName, format: format)
        guard let record = result.record else { return .rejected(result.diagnostics) }
        guard let city = record.applicant.city?.trimmingCharacters(in: .whitespacesAndNewlines), !city.isEmpty,
              let country = record.applicant.country, !country.isEmpty
        else {
            let missing = record.applicant.city == nil ? "applicant.city" : "applicant.country"
            var diagnostic = Diagnostic.error(.applicationUnidentified, arguments: ["field": .text(missing)],
                                              path: "/" + missing.replacingOccurrences(of: ".", with: "/"), field: missing)
            diagnostic.file = fileName
            return .rejected(result.diagnostics + [diagnostic])
        }
        let score = rubric.score(record, file: fileName)
        let message = { (diagnostic: Diagnostic) in self.catalogs.render(diagnostic, language: self.storedLanguage) }
        let diagnostics = JSONValue.array(record.diagnostics.map { $0.json(message: message($0)) })
        let scoreJSON = score.json { code, arguments in
            self.catalogs.render(Diagnostic(.warning, code, arguments: arguments), language: self.storedLanguage)
        }
        let summary = VersionSummary(
            number: 0, sha256: record.source.sha256, fileName: fileName, format: record.source.format.rawValue,
            receivedAt: "", receivedBy: "",
            errors: record.diagnostics.count { $0.severity == .error },
            warnings: record.diagnostics.count { $0.severity == .warning },
            points: score.points, possible: score.possible, level: score.level.rawValue)
        let version = StoredVersion(summary: summary, raw: data, record: record.serialized(message: message),
                                    diagnostics: diagnostics.serialized(), score: scoreJSON.serialized())
        let submission = NewSubmission(city: city, country: country.uppercased(), cycle: Self.cycle(of: record),
                                       version: version)
        return .accepted(submission, record: record, score: score)
    }

    /// The certification cycle: the year of the submission date, else the current year (UTC).
    /// A city's forms of one cycle are versions of one application.
    package static func cycle(of record: CanonicalApplication) -> Int {
        if let date = record.submissionDate, date.count >= 4, let year = Int(date.prefix(4)) { return year }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: Date())
    }
}

/// A session moved between threads only through the pool's lock, never used by two at once.
private final class SessionBox: @unchecked Sendable {
    let session: ConversionSession
    init(_ session: ConversionSession) { self.session = session }
}
