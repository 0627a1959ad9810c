import Foundation
import Testing
@testable import WWCIntake

/// `intake score` text output in the --lang language: level names from the catalogs, the
/// percent in that locale's format with exactly two decimals.
@Suite struct ScoreTextTests {
    static func summary(_ language: String, level: String, points: Int, percent: String) -> String {
        ShippedCatalogs.set.render(key: "score.summary", arguments: [
            "level": .text(level), "points": .number(points), "possible": 43, "percent": .decimal(percent),
        ], language: language)
    }

    @Test(arguments: [
        ("en", "gold", 38, "88.37", "Gold, 38/43 (88.37%)"),
        ("es", "gold", 38, "88.37", "Oro, 38/43 (88,37\u{A0}%)"),
        ("pt", "platinum", 38, "88.37", "Platina, 38/43 (88,37%)"),
        ("fr", "platinum", 38, "88.37", "Platine, 38/43 (88,37\u{A0}%)"),
        ("fr", "silver", 4, "9.3", "Argent, 4/43 (9,30\u{A0}%)"),
        ("en", "none", 4, "9.3", "no certification level, 4/43 (9.30%)"),
        ("es-MX", "none", 0, "0", "sin nivel de certificación, 0/43 (0.00%)"),
    ])
    func levelAndPercentAreLocalized(language: String, level: String, points: Int, percent: String, expected: String) {
        #expect(Self.summary(language, level: level, points: points, percent: percent) == expected)
    }

    @Test(.enabled(if: IntakeExecutable.url != nil), arguments: [
        ("en", "no certification level, 5/43 (11.62%)"),
        ("es", "sin nivel de certificación, 5/43 (11,62\u{A0}%)"),
        ("pt", "sem nível de certificação, 5/43 (11,62%)"),
        ("fr", "aucun niveau de certification, 5/43 (11,62\u{A0}%)"),
    ])
    func scoreCommandPrintsTheLocalizedSummary(language: String, summary: String) throws {
        // Austin meets 5 of the 43 criteria: 5/43 = 0.116279… → 11.62 (truncated, two decimals).
        let run = try IntakeExecutable.run(["score", "samples/en/austin.json", "--lang", language])
        #expect(run.status == 0)
        #expect(run.stdout.components(separatedBy: "\n").first == "samples/en/austin.json: Austin (US) — \(summary)")
    }
}
