import Foundation
import Testing
@testable import WWCIntake

/// Each test breaks one thing in a copy of the shipped catalogs and asserts the finding's
/// code, file and line.
@Suite("Catalog check")
struct CatalogCheckTests {
    /// Copies the shipped catalogs, replaces `old` by `new` in `file`, and returns the folder
    /// and the 1-based line where `new` starts.
    static func broken(_ file: String, replacing old: String, with new: String) throws -> (URL, Int) {
        let folder = try CatalogFixture.copyOfShipped()
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(old) not in \(file)")
        let changed = text.replacingCharacters(in: range, with: new)
        try changed.write(to: url, atomically: true, encoding: .utf8)
        let line = changed[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        return (folder, line)
    }

    static func lineOf(_ needle: String, in file: String, folder: URL) throws -> Int {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let range = try #require(text.range(of: needle))
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    static func findings(_ folder: URL, _ code: DiagnosticCode) -> [Diagnostic] {
        CatalogChecker.check(directory: folder).diagnostics.filter { $0.code == code }
    }

    @Test func shippedCatalogsPassWithoutErrorsOrWarnings() {
        let report = CatalogChecker.check(directory: ShippedCatalogs.directory)
        #expect(report.passed)
        #expect(report.diagnostics.map { "\($0.file ?? ""):\($0.line ?? 0) \($0.code) \($0.arguments)" } == [])
        #expect(report.fileCount == 11)  // form.json, exports.json, examples.json and 8 catalogs
    }

    @Test func malformedJSONWithItsLine() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "\"Datos del envío\",", with: "\"Datos del envío\"")
        let finding = try #require(Self.findings(folder, .catalogMalformed).first)
        #expect(finding.severity == .error)
        #expect(finding.file?.hasSuffix("/es.json") == true)
        #expect(finding.line == line + 1)  // the next item is where a comma was expected
        #expect(finding.arguments["expected"] == ", ]")
    }

    @Test func duplicateKey() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "    \"DM2\":",
                                             with: "    \"DM1\": \"Otra vez\",\n    \"DM2\":")
        let finding = try #require(Self.findings(folder, .catalogDuplicateKey).first)
        #expect(finding.file?.hasSuffix("/es.json") == true)
        #expect(finding.line == line)
    }

    @Test func wrongShape() throws {
        let (folder, line) = try Self.broken("pt.json", replacing: "\"applicant.country\": [\n      \"País\"\n    ]",
                                             with: "\"applicant.country\": \"País\"")
        let finding = try #require(Self.findings(folder, .catalogInvalid).first)
        #expect(finding.file?.hasSuffix("/pt.json") == true)
        #expect(finding.line == line)
        #expect(finding.arguments["expected"] == "list")
    }

    @Test func headerLocaleMustMatchFileName() throws {
        let (folder, line) = try Self.broken("fr.json", replacing: "\"locale\": \"fr\"", with: "\"locale\": \"fr-FR\"")
        let finding = try #require(Self.findings(folder, .catalogHeader).first)
        #expect(finding.file?.hasSuffix("/fr.json") == true)
        #expect(finding.line == line)
    }

    @Test func overlayWithoutBase() throws {
        let folder = try CatalogFixture.copyOfShipped()
        try "{\n  \"catalog\": \"wwc-intake-catalog/1\",\n  \"locale\": \"de-CH\",\n  \"version\": \"2023\"\n}\n"
            .write(to: folder.appendingPathComponent("de-CH.json"), atomically: true, encoding: .utf8)
        let finding = try #require(Self.findings(folder, .catalogOrphanOverlay).first)
        #expect(finding.file?.hasSuffix("/de-CH.json") == true)
        #expect(finding.line == 3)
    }

    @Test func missingKeyPointsAtItsSection() throws {
        let (folder, _) = try Self.broken("es.json", replacing: "    \"DM3\": \"Compartir datos\",\n", with: "")
        let finding = try #require(Self.findings(folder, .catalogMissingKey).first)
        #expect(finding.severity == .error)
        #expect(finding.file?.hasSuffix("/es.json") == true)
        #expect(finding.arguments["key"] == "criteria.DM3")
        #expect(finding.line == (try Self.lineOf("\"criteria\": {", in: "es.json", folder: folder)))
    }

    @Test func referenceMissingAFormField() throws {
        let (folder, _) = try Self.broken("en.json", replacing: "    \"applicant.country\": [\n      \"Country\"\n    ],\n",
                                          with: "")
        let findings = Self.findings(folder, .catalogMissingKey)
        #expect(findings.contains { $0.file?.hasSuffix("/en.json") == true && $0.arguments["key"] == "labels.applicant.country" })
    }

    @Test func obsoleteKeyIsAWarningAtItsLine() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "    \"DM2\":", with: "    \"DM99\": \"Algo\",\n    \"DM2\":")
        let finding = try #require(Self.findings(folder, .catalogObsoleteKey).first)
        #expect(finding.severity == .warning)
        #expect(finding.arguments["key"] == "criteria.DM99")
        #expect(finding.line == line)
    }

    @Test func messageSyntaxError() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "\"date.invalid\": \"«{value}",
                                             with: "\"date.invalid\": \"«{value")
        let finding = try #require(Self.findings(folder, .catalogMessageSyntax).first)
        #expect(finding.severity == .error)
        #expect(finding.file?.hasSuffix("/es.json") == true)
        #expect(finding.line == line)
        #expect(finding.arguments["key"] == "messages.date.invalid")
    }

    /// A number skeleton broken by a space ICU does not trim (French typing puts a no-break
    /// space before ':'): before `::`, ICU would read the style as a DecimalFormat pattern and
    /// print "::group-off" into the message; inside the skeleton, ICU refuses it.
    @Test(arguments: [
        "{line, number,\u{00A0}::group-off}",
        "{line, number, \u{202F}::group-off}",
        "{line, number, ::group-off\u{00A0}}",
        "{line, number, ::group-of}",
    ])
    func numberSkeletonBrokenBySpace(style: String) throws {
        let (folder, line) = try Self.broken("fr.json", replacing: "(ligne {line, number, ::group-off})",
                                             with: "(ligne \(style))")
        let finding = try #require(Self.findings(folder, .catalogMessageSyntax).first)
        #expect(finding.severity == .error)
        #expect(finding.file?.hasSuffix("/fr.json") == true)
        #expect(finding.line == line)
        #expect(finding.arguments["key"] == "messages.field.duplicate")
    }

    @Test func placeholderMismatch() throws {
        let (folder, line) = try Self.broken("pt.json", replacing: "esperava-se uma data como {example}",
                                             with: "esperava-se uma data como {exemplo}")
        let finding = try #require(Self.findings(folder, .catalogPlaceholderMismatch).first)
        #expect(finding.file?.hasSuffix("/pt.json") == true)
        #expect(finding.line == line)
        #expect(finding.arguments["expected"] == "{example} {locale} {value}")
        #expect(finding.arguments["found"] == "{exemplo} {locale} {value}")
    }

    @Test func pluralCategoryMissingForTheLocale() throws {
        let (folder, line) = try Self.broken("fr.json", replacing: "{errors, plural, one {# erreur} many {# d’erreurs} other",
                                             with: "{errors, plural, one {# erreur} other")
        let findings = Self.findings(folder, .catalogPluralMissing)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.file?.hasSuffix("/fr.json") == true)
        #expect(finding.line == line)
        #expect(finding.arguments["categories"] == "many")
        #expect(finding.arguments["argument"] == "errors")
    }

    @Test func englishNeedsNoMany() throws {
        // "one" is missing: English needs one and other.
        let (folder, line) = try Self.broken("en.json", replacing: "{errors, plural, one {# error} other",
                                             with: "{errors, plural, other")
        let finding = try #require(Self.findings(folder, .catalogPluralMissing).first)
        #expect(finding.line == line)
        #expect(finding.arguments["categories"] == "one")
    }

    @Test func identicalPluralVariants() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "{warnings, plural, one {# advertencia}",
                                             with: "{warnings, plural, one {# advertencias}")
        let finding = try #require(Self.findings(folder, .catalogPluralIdentical).first)
        #expect(finding.severity == .warning)
        #expect(finding.line == line)
        #expect(finding.arguments["first"] == "one")
        #expect(finding.arguments["second"] == "other")
    }

    /// What the plural and French spacing checks read, from ICU's MessagePattern: variant
    /// texts as written, literal text with ICU's quoting (`''` is one apostrophe, `'{'` quotes
    /// a brace, an apostrophe before a letter is itself), arguments as one space.
    @Test func patternTextFromICU() throws {
        let text = try #require(MessagePatternText(
            "L'état {n, plural, one {# pièce ''jointe''} other {# pièces '{'jointes'}'}} : {x}"))
        #expect(text.pluralChoices.map(\.argument) == ["n"])
        #expect(text.pluralChoices.first?.variants.map(\.keyword) == ["one", "other"])
        #expect(text.pluralChoices.first?.variants.map(\.text) == ["# pièce ''jointe''", "# pièces '{'jointes'}'"])
        #expect(text.literalText == "L'état # pièce 'jointe'# pièces {jointes}  :  ")
        let nested = try #require(MessagePatternText("{a, plural, =0 {{b, selectordinal, one {x} other {y}}} other {z}}"))
        #expect(nested.pluralChoices.map(\.argument) == ["a", "b"])
        #expect(nested.pluralChoices.map { $0.variants.map(\.keyword) } == [["=0", "other"], ["one", "other"]])
        #expect(nested.pluralChoices.first?.variants.first?.text == "{b, selectordinal, one {x} other {y}}")
        #expect(MessagePatternText("{a, plural, one {x}") == nil)
    }

    @Test func manyMayReadLikeOther() throws {
        // The shipped score.core_unmet has identical many/other variants (no number shown).
        let (folder, line) = try Self.broken("pt.json", replacing: "many {Os critérios essenciais",
                                             with: "many {O critério essencial {criteria} não foi atendido} zero {Os critérios essenciais")
        _ = line
        #expect(Self.findings(folder, .catalogPluralIdentical).map { $0.arguments["first"] } == ["one", "zero"])
        #expect(Self.findings(ShippedCatalogs.directory, .catalogPluralIdentical).isEmpty)
    }

    @Test func labelCollisionWithinASection() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "\"Departamento o estado\",",
                                             with: "\"Departamento o estado\",\n      \"CIUDAD\",")
        let finding = try #require(Self.findings(folder, .catalogCollision).first)
        #expect(finding.severity == .error)
        #expect(finding.file?.hasSuffix("/es.json") == true)
        #expect(finding.arguments["key"] == "labels.applicant.region")
        #expect(finding.arguments["other"] == "labels.applicant.city")
        #expect(finding.line == (try Self.lineOf("\"applicant.region\": [", in: "es.json", folder: folder)))
        #expect(line > finding.line!)
    }

    @Test func synonymMeaningTwoAnswers() throws {
        let (folder, _) = try Self.broken("pt.json", replacing: "\"Em andamento\",", with: "\"Em andamento\",\n        \"nao\",")
        let finding = try #require(Self.findings(folder, .catalogCollision).first)
        #expect(finding.arguments["value"] == "Não")
        #expect(finding.arguments["key"] == "answers.status.not_met")
        #expect(finding.arguments["other"] == "answers.status.in_progress")
        #expect(finding.line == (try Self.lineOf("\"not_met\": [", in: "pt.json", folder: folder)))
    }

    @Test func overlayCollidingWithItsBase() throws {
        let (folder, line) = try Self.broken("es-MX.json", replacing: "\"Entidad federativa\",",
                                             with: "\"Entidad federativa\",\n      \"País\",")
        let finding = try #require(Self.findings(folder, .catalogCollision).first)
        #expect(finding.file?.hasSuffix("/es-MX.json") == true)
        #expect(finding.arguments["key"] == "labels.applicant.region")
        #expect(finding.arguments["other"] == "labels.applicant.country")
        #expect(finding.line == (try Self.lineOf("\"applicant.region\"", in: "es-MX.json", folder: folder)))
        _ = line
    }

    @Test func textIdenticalToEnglishIsAWarning() throws {
        let (folder, line) = try Self.broken("es.json", replacing: "\"DM3\": \"Compartir datos\"", with: "\"DM3\": \"Sharing Data\"")
        let finding = try #require(Self.findings(folder, .catalogUntranslated).first)
        #expect(finding.severity == .warning)
        #expect(finding.line == line)
        #expect(finding.arguments["key"] == "criteria.DM3")
    }

    @Test func intendedIdenticalTextIsAllowed() throws {
        // fr lists labels.budget under "identical"; removing it brings the warning back.
        let (folder, _) = try Self.broken("fr.json", replacing: "\"labels.budget\",\n    ", with: "")
        let findings = Self.findings(folder, .catalogUntranslated)
        #expect(findings.map { $0.arguments["key"] } == ["labels.budget"])
        #expect(findings.first?.line == (try Self.lineOf("\"budget\": [", in: "fr.json", folder: folder)))
    }

    @Test func leadingOrTrailingWhitespace() throws {
        let (folder, line) = try Self.broken("pt.json", replacing: "\"DM3\": \"Compartilhamento de dados\"",
                                             with: "\"DM3\": \"Compartilhamento de dados \"")
        let finding = try #require(Self.findings(folder, .catalogWhitespace).first)
        #expect(finding.severity == .warning)
        #expect(finding.line == line)
    }

    @Test func frenchSpacingBeforeColon() throws {
        let (folder, line) = try Self.broken("fr.json", replacing: "\"score.level\": \"Niveau\u{00A0}:",
                                             with: "\"score.level\": \"Niveau:")
        let finding = try #require(Self.findings(folder, .catalogFrenchSpacing).first)
        #expect(finding.severity == .warning)
        #expect(finding.line == line)
        #expect(finding.arguments["character"] == ":")
    }

    @Test(arguments: [
        ("Niveau : {level}", ":"),
        ("Niveau\u{00A0}: x", nil),
        ("avec xml:lang", nil),
        ("Vraiment?", "?"),
        ("Oui\u{202F}!", nil),
        ("https://exemple.org?a=1", nil),
    ] as [(String, Character?)])
    func frenchSpacingRule(text: String, problem: Character?) {
        #expect(CatalogChecker.frenchSpacingProblem(text) == problem)
    }
}

@Suite("Catalog check: form definition and statistics")
struct CatalogFormAndStatsTests {
    @Test func malformedFormDefinitionWithItsLine() throws {
        let (folder, line) = try CatalogCheckTests.broken("form.json", replacing: "\"kind\": \"group\"\n    },",
                                                          with: "\"kind\": \"group\"\n    }")
        let report = CatalogChecker.check(directory: folder)
        let finding = try #require(report.diagnostics.first { $0.code == .catalogMalformed })
        #expect(finding.file?.hasSuffix("/form.json") == true)
        #expect(finding.line == line + 2)
        #expect(!report.passed)
        #expect(report.catalogs == nil)
    }

    @Test func unknownFieldTypeInFormDefinition() throws {
        let (folder, line) = try CatalogCheckTests.broken("form.json", replacing: "\"type\": \"integer\"",
                                                          with: "\"type\": \"integre\"")
        let finding = try #require(CatalogChecker.check(directory: folder).diagnostics.first { $0.code == .catalogInvalid })
        #expect(finding.file?.hasSuffix("/form.json") == true)
        #expect(finding.line == line - 2)  // the field object starts two lines above its type
    }

    @Test func coverageBySection() throws {
        let rows = CatalogStatistics.coverage(ShippedCatalogs.set)
        func row(_ locale: String, _ section: String) -> CatalogCoverage? {
            rows.first { $0.locale == locale && $0.section == section }
        }
        #expect(Set(rows.map(\.locale)) == ["en", "es", "es-CO", "es-MX", "fr", "fr-CA", "pt", "pt-PT"])
        #expect(row("es", "criteria")?.total == 43)
        #expect(row("es", "criteria")?.translated == 43)
        #expect(row("fr", "labels")?.percent == 100)
        #expect(row("pt-PT", "criteria")?.overridden == 8)
        #expect(row("es", "all")?.overridden == 0)
    }

    @Test func untranslatedEntriesLowerThePercentage() throws {
        let (folder, _) = try CatalogCheckTests.broken("es.json", replacing: "\"DM3\": \"Compartir datos\"",
                                                       with: "\"DM3\": \"Sharing Data\"")
        let set = try #require(CatalogSet.load(directory: folder).catalogs)
        let row = try #require(CatalogStatistics.coverage(set).first { $0.locale == "es" && $0.section == "criteria" })
        #expect(row.present == 43)
        #expect(row.translated == 42)
        #expect(abs(row.percent - 4200.0 / 43) < 0.001)
        // The overlay inherits the gap.
        let overlay = try #require(CatalogStatistics.coverage(set).first { $0.locale == "es-MX" && $0.section == "criteria" })
        #expect(overlay.translated == 42)
    }
}
