import Foundation
import Testing
@testable import WWCIntake

/// `samples/invalid/`: one submission per code of the spec's minimum set, each producing exactly
/// the diagnostics listed in `samples/invalid/diagnostics.expected.json` (code, severity, line,
/// column), with messages in all four languages; and every other sample clean of errors.
@Suite struct InvalidSamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples")
    static let invalid = samples.appendingPathComponent("invalid")
    static let languages = ["en", "es", "pt", "fr"]

    /// The spec's minimum diagnostic code set.
    static let minimumCodes: [DiagnosticCode] = [
        .xmlMalformed, .xmlDTDForbidden, .jsonMalformed, .encodingInvalid, .inputTooLarge, .inputTooDeep,
        .localeUndetermined, .fieldRequired, .fieldUnknown, .fieldDuplicate, .fieldAmbiguous,
        .numberInvalid, .numberAmbiguous, .dateInvalid, .enumUnknown, .countryUnknown, .emailInvalid,
        .urlInvalid, .criterionUnknown, .percentAmbiguous, .moneyCurrencyUnknown,
    ]

    static let catalogs: CatalogSet? = CatalogSet.load(directory: root.appendingPathComponent("locales")).catalogs
    static let manifest: [InvalidSample] = (try? InvalidSample.loadManifest(invalid)) ?? []

    private func converter(for sample: InvalidSample) throws -> Converter {
        let catalogs = try #require(Self.catalogs, "locales/ must load")
        return Converter(catalogs: catalogs, options: sample.options)
    }

    private func run(_ sample: InvalidSample) throws -> ConversionResult {
        let converter = try converter(for: sample)
        let path = Self.invalid.appendingPathComponent(sample.file).path
        return BatchConverter.convertFile(path, session: converter.makeSession(), limits: converter.options.limits)
    }

    // MARK: Manifest

    @Test func manifestLoadsAndNamesExistingFiles() throws {
        let manifest = try InvalidSample.loadManifest(Self.invalid)
        #expect(manifest.count >= Self.minimumCodes.count)
        for sample in manifest {
            #expect(FileManager.default.fileExists(atPath: Self.invalid.appendingPathComponent(sample.file).path),
                    "\(sample.file) is listed but missing")
            #expect(!sample.file.hasSuffix(InputFiles.expectedRecordSuffix))
            #expect(!sample.diagnostics.isEmpty, "\(sample.file) lists no diagnostic")
        }
    }

    @Test func everyFileOfTheFolderIsInTheManifest() {
        let (files, _) = InputFiles.collect([Self.invalid.path])
        let listed = Set(Self.manifest.map(\.file))
        let found = Set(files.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(found == listed)
    }

    @Test(arguments: minimumCodes)
    func everyMinimumCodeHasASampleInWhichItIsTheOnlyCode(code: DiagnosticCode) {
        let own = Self.manifest.filter { sample in sample.diagnostics.allSatisfy { $0.code == code.rawValue } }
        #expect(!own.isEmpty, "no sample produces only \(code)")
    }

    @Test func samplesMixLanguagesAndFormats() {
        let prefixes = Set(Self.manifest.map { String($0.file.prefix(2)) })
        let formats = Set(Self.manifest.map { URL(fileURLWithPath: $0.file).pathExtension })
        #expect(prefixes == Set(Self.languages))
        #expect(formats == ["xml", "json"])
    }

    // MARK: Codes and positions

    @Test(arguments: manifest)
    func sampleProducesExactlyItsDiagnostics(sample: InvalidSample) throws {
        let result = try run(sample)
        let found = result.diagnostics.map {
            InvalidSample.Expected(code: $0.code.rawValue, severity: $0.severity.rawValue, line: $0.line, column: $0.column)
        }
        #expect(found == sample.diagnostics, "\(sample.file)")
        let hasError = sample.diagnostics.contains { $0.severity == "error" }
        #expect(result.isAccepted == !hasError, "a form with an error writes no record; one with warnings only does")
    }

    // MARK: Messages in four languages

    @Test(arguments: manifest)
    func messagesAreRenderedInEveryLanguage(sample: InvalidSample) throws {
        let result = try run(sample)
        try checkMessages(result.diagnostics, file: sample.file)
    }

    /// Every message of `diagnostics`, in the four languages: rendered from its own catalog
    /// (not the raw key, not the English text where a translation exists), with every argument
    /// the pattern uses supplied (so the renderer never stands in "…"), quoting the value.
    private func checkMessages(_ diagnostics: [Diagnostic], file: String) throws {
        let catalogs = try #require(Self.catalogs)
        for diagnostic in diagnostics {
            var rendered: [String: String] = [:]
            for language in Self.languages {
                let message = catalogs.render(diagnostic, language: language)
                rendered[language] = message
                #expect(!message.isEmpty)
                #expect(message != diagnostic.code.rawValue, "\(file): \(language) fell back to the raw key")
                #expect(!message.contains("{"), "\(file): \(language) left a placeholder: \(message)")
                #expect(!message.contains("\u{FFFD}") || diagnostic.code == .encodingInvalid)
                // A value diagnostic quotes the offending value, so the reader sees what was wrong.
                if case .text(let value)? = diagnostic.arguments["value"], !value.isEmpty, value.count < 60 {
                    #expect(message.contains(value), "\(file): \(language) does not quote the value: \(message)")
                }
                let pattern = try #require(catalogs.catalog(for: language)?.message(diagnostic.code.rawValue),
                                           "\(language) has no message \(diagnostic.code)")
                let used = try MessageFormatter.inspect(pattern).argumentNames
                let supplied = Set(catalogs.arguments(of: diagnostic, language: language).keys)
                #expect(used.isSubset(of: supplied),
                        "\(file): \(diagnostic.code) lacks \(used.subtracting(supplied).sorted()) (has \(supplied.sorted()))")
            }
            for language in ["es", "pt", "fr"] {
                #expect(rendered[language] != rendered["en"],
                        "\(file): \(diagnostic.code) in \(language) is the English text: \(rendered["en"] ?? "")")
            }
        }
    }

    @Test(arguments: minimumCodes)
    func everyMinimumCodeHasARuleDescriptionInEveryLanguage(code: DiagnosticCode) throws {
        let catalogs = try #require(Self.catalogs)
        var shorts: [String: String] = [:]
        for language in Self.languages {
            let catalog = try #require(catalogs.catalog(for: language))
            let short = try #require(catalog.message("rule.\(code.rawValue)"), "\(language): rule.\(code) missing")
            let full = try #require(catalog.message("rule.\(code.rawValue).description"))
            #expect(!short.isEmpty && !full.isEmpty && short != full)
            shorts[language] = short
        }
        for language in ["es", "pt", "fr"] { #expect(shorts[language] != shorts["en"]) }
    }

    // MARK: Summary lines

    static let summaries: [(language: String, errors: Int, warnings: Int, files: Int, expected: String)] = [
        ("en", 2, 1, 3, "2 errors, 1 warning in 3 files."),
        ("en", 1, 0, 1, "1 error, 0 warnings in 1 file."),
        ("es", 2, 1, 3, "2 errores y 1 advertencia en 3 archivos."),
        ("es", 1, 0, 1, "1 error y 0 advertencias en 1 archivo."),
        ("pt", 2, 1, 3, "2 erros e 1 aviso em 3 arquivos."),
        // Portuguese (pt = Brazil): 0 and 1 are singular too (CLDR `one` is i = 0,1).
        ("pt", 0, 2, 1, "0 erro e 2 avisos em 1 arquivo."),
        ("fr", 2, 1, 3, "2 erreurs et 1 avertissement dans 3 fichiers."),
        // French: 0 and 1 are singular (CLDR `one` is i = 0,1).
        ("fr", 0, 0, 1, "0 erreur et 0 avertissement dans 1 fichier."),
    ]

    @Test(arguments: summaries)
    func summaryLineIsPluralCorrect(_ row: (language: String, errors: Int, warnings: Int, files: Int, expected: String)) throws {
        let catalogs = try #require(Self.catalogs)
        var tally = ReportTally(policy: ReportPolicy())
        for index in 0..<row.files {
            var diagnostics: [Diagnostic] = []
            if index == 0 {
                diagnostics += Array(repeating: .error(.numberInvalid), count: row.errors)
                diagnostics += Array(repeating: .warning(.fieldUnknown), count: row.warnings)
            }
            _ = tally.entry(file: "f\(index).json", diagnostics: diagnostics)
        }
        let line = catalogs.render(key: "summary.validate", arguments: tally.summaryArguments, language: row.language)
        #expect(line == row.expected)
    }

    @Test(arguments: languages)
    func truncationIsSaidInEveryLanguage(language: String) throws {
        let catalogs = try #require(Self.catalogs)
        var tally = ReportTally(policy: ReportPolicy(maxShown: 1))
        _ = tally.entry(file: "a.json", diagnostics: [.error(.numberInvalid), .error(.dateInvalid), .warning(.fieldUnknown)])
        let text = catalogs.render(key: "summary.truncated", arguments: tally.truncationArguments, language: language)
        #expect(text != "summary.truncated" && !text.contains("{"))
        #expect(text.contains("1") && text.contains("3"))
        if language != "en" {
            #expect(text != catalogs.render(key: "summary.truncated", arguments: tally.truncationArguments, language: "en"))
        }
    }

    // MARK: SARIF of the invalid samples

    @Test(arguments: languages)
    func sarifOfTheInvalidSamplesValidatesAgainstTheSchema(language: String) throws {
        let catalogs = try #require(Self.catalogs)
        var tally = ReportTally(policy: ReportPolicy())
        var entries: [ReportEntry] = []
        for sample in Self.manifest {
            let result = try run(sample)
            entries.append(tally.entry(file: "samples/invalid/" + sample.file, diagnostics: result.diagnostics))
        }
        let log = SARIFLog(toolVersion: "0.1.0", baseDirectory: Self.root, language: language).log(
            entries: entries,
            rule: { code in
                let catalog = catalogs.catalog(for: language)
                return SARIFLog.RuleText(short: catalog?.message("rule.\(code.rawValue)") ?? code.rawValue,
                                         full: catalog?.message("rule.\(code.rawValue).description") ?? code.rawValue)
            },
            message: { catalogs.render($0, language: language) })
        let errors = try JSONSchemaCheck.errors(schema: SARIFLogTests.schema, documents: [log.serialized()])
        #expect(errors.isEmpty, "\(errors)")
        guard case .array(let runs)? = log["runs"], case .array(let results)? = runs.first?["results"] else {
            Issue.record("no results")
            return
        }
        #expect(results.count == Self.manifest.reduce(0) { $0 + $1.diagnostics.count })
    }

    // MARK: The whole samples folder

    @Test func validSamplesAreFreeOfErrors() throws {
        let catalogs = try #require(Self.catalogs)
        let converter = Converter(catalogs: catalogs)
        let session = converter.makeSession()
        let folders = Self.languages.map { Self.samples.appendingPathComponent($0).path }
        let (files, problems) = InputFiles.collect(folders)
        #expect(problems.isEmpty)
        #expect(files.count >= 8)
        for file in files {
            let result = BatchConverter.convertFile(file, session: session, limits: converter.options.limits)
            let errors = result.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file): \(errors.map { "\($0.code) \($0.location?.description ?? "")" })")
            // Their warnings are messages validators read too.
            try checkMessages(result.diagnostics, file: file)
        }
    }

    @Test func everySampleIsEitherAValidFormOrListedAsInvalid() {
        let (files, _) = InputFiles.collect([Self.samples.path])
        for file in files {
            let relative = String(file.dropFirst(Self.samples.path.count + 1))
            let folder = relative.split(separator: "/").first.map(String.init) ?? ""
            #expect(Self.languages.contains(folder) || folder == "invalid", "\(relative) is neither valid nor invalid")
        }
    }
}

/// One entry of `samples/invalid/diagnostics.expected.json`.
struct InvalidSample: Sendable, Hashable, CustomTestStringConvertible {
    struct Expected: Sendable, Hashable, CustomStringConvertible {
        var code: String
        var severity: String
        var line: Int?
        var column: Int?
        var description: String { "\(severity) \(code) at \(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-")" }
    }

    var file: String
    /// Extra command-line flags of `intake validate` for this sample (limits, `--locale`).
    var arguments: [String]
    var diagnostics: [Expected]

    var testDescription: String { file }

    /// The conversion options the flags stand for.
    var options: ConversionOptions {
        var options = ConversionOptions()
        var index = 0
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--max-bytes": options.limits.maxInputBytes = Int(value) ?? options.limits.maxInputBytes
            case "--max-depth": options.limits.maxDepth = Int(value) ?? options.limits.maxDepth
            case "--max-nodes": options.limits.maxNodes = Int(value) ?? options.limits.maxNodes
            case "--max-value-bytes": options.limits.maxValueBytes = Int(value) ?? options.limits.maxValueBytes
            case "--locale": options.locale = value
            default: break
            }
            index += 2
        }
        return options
    }

    static let manifestName = "diagnostics.expected.json"

    static func loadManifest(_ folder: URL) throws -> [InvalidSample] {
        let data = try Data(contentsOf: folder.appendingPathComponent(manifestName))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let samples = root["samples"] as? [[String: Any]] else { return [] }
        return samples.map { sample in
            InvalidSample(
                file: sample["file"] as? String ?? "",
                arguments: sample["arguments"] as? [String] ?? [],
                diagnostics: (sample["diagnostics"] as? [[String: Any]] ?? []).map { item in
                    Expected(code: item["code"] as? String ?? "", severity: item["severity"] as? String ?? "",
                             line: item["line"] as? Int, column: item["column"] as? Int)
                })
        }
    }
}
