import Foundation
import Testing
@testable import WWCIntake

/// Messages a person can act on: a duplicate names both spellings and lines, a JSON file that
/// is no object, in UTF-16 or with a NUL byte says exactly that, in the four languages.
@Suite struct MessageCorrectionsTests {
    static let languages = ["en", "es", "pt", "fr"]

    @Test func duplicateFieldNamesBothSpellingsAndBothLines() throws {
        let form = FormFixtures.spanish().replacingOccurrences(
            of: "\"Ciudad\": \"Bogotá\",", with: "\"Ciudad\": \"Bogotá\",\n    \"Municipio\": \"Bogotá D.C.\",")
        let result = TestCatalogs.convert(form)
        let duplicate = try #require(result.diagnostics.first { $0.code == .fieldDuplicate })
        #expect(duplicate.line == 6)
        let expected = [
            "en": "“Municipio” (line 6) gives the same field as “Ciudad” (line 5); a field takes one value.",
            "es": "«Municipio» (línea 6) indica el mismo campo que «Ciudad» (línea 5); un campo admite un solo valor.",
            "pt": "“Municipio” (linha 6) indica o mesmo campo que “Ciudad” (linha 5); um campo aceita um único valor.",
            "fr": "«\u{A0}Municipio\u{A0}» (ligne 6) désigne le même champ que «\u{A0}Ciudad\u{A0}» (ligne 5)\u{202F}; un champ n’accepte qu’une valeur.",
        ]
        for language in Self.languages {
            #expect(TestCatalogs.shared.render(duplicate, language: language) == expected[language])
        }
    }

    @Test(arguments: [("[]", "array", "a JSON array"), ("\"x\"", "string", "a JSON string"), ("42", "number", "a JSON number")])
    func jsonTopLevelThatIsNoObjectIsNotAForm(text: String, kind: String, english: String) throws {
        let result = TestCatalogs.convert(text)
        #expect(result.record == nil)
        #expect(result.diagnostics.map(\.code) == [.jsonNotObject])
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.arguments["found"] == .text(kind))
        #expect(diagnostic.location == SourceLocation(line: 1, column: 1))
        #expect(TestCatalogs.shared.render(diagnostic, language: "en")
                == "The file holds \(english), not a form: a JSON form is one object whose members are its fields.")
        for language in ["es", "pt", "fr"] {
            let message = TestCatalogs.shared.render(diagnostic, language: language)
            #expect(message.contains("JSON") && !message.contains("{") && message != TestCatalogs.shared.render(diagnostic, language: "en"))
        }
    }

    static func utf16(_ text: String, bom: Bool) -> Data {
        var bytes: [UInt8] = bom ? [0xFF, 0xFE] : []
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return Data(bytes)
    }

    @Test(arguments: [true, false])
    func utf16JSONIsNamedUTF16(bom: Bool) throws {
        let result = TestCatalogs.converter.convert(Self.utf16(FormFixtures.spanish(), bom: bom), file: "f.json", format: .json)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .encodingInvalid)
        #expect(result.diagnostics.count == 1)
        let expected = [
            "en": "The file is saved as UTF-16; JSON forms must be UTF-8: save it as UTF-8.",
            "es": "El archivo está guardado en UTF-16; los formularios JSON deben estar en UTF-8: guárdelo en UTF-8.",
            "pt": "O arquivo está salvo em UTF-16; formulários JSON devem estar em UTF-8: salve-o em UTF-8.",
            "fr": "Le fichier est enregistré en UTF-16\u{202F}; les formulaires JSON doivent être en UTF-8\u{A0}: enregistrez-le en UTF-8.",
        ]
        for language in Self.languages {
            #expect(TestCatalogs.shared.render(diagnostic, language: language) == expected[language])
        }
    }

    @Test func rawNulByteIsNamedAsSuch() throws {
        var bytes = Array(FormFixtures.spanish().utf8)
        let position = try #require(bytes.firstIndex(of: UInt8(ascii: "B")))  // in "Bogotá", line 5
        bytes.insert(0, at: position)
        let result = TestCatalogs.converter.convert(Data(bytes), file: "f.json", format: .json)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .encodingInvalid)
        #expect(diagnostic.line == 5)
        let english = TestCatalogs.shared.render(diagnostic, language: "en")
        #expect(english == "The text holds a NUL byte (character 0), which no form may contain; remove it, or save the file as UTF-8 text.")
        for language in ["es", "pt", "fr"] {
            let message = TestCatalogs.shared.render(diagnostic, language: language)
            #expect(message.contains("NUL") && message != english)
        }
    }
}

/// Rubric errors a person can fix: where the rubric was looked for and how to name one, a key
/// given twice, an unknown status in a record.
@Suite(.enabled(if: IntakeExecutable.url != nil)) struct RubricErrorTests {
    @Test(arguments: ["en", "es", "pt", "fr"])
    func missingRubricIsExitTwoAndSaysWhatToSet(language: String) throws {
        let run = try IntakeExecutable.run(["score", "samples/en/austin.json", "--rubric", "nope.json", "--lang", language])
        #expect(run.status == 2)
        #expect(run.stderr.contains("[rubric.not_found]"))
        #expect(run.stderr.contains("nope.json"))
        #expect(run.stderr.contains(TestCatalogs.repository.appendingPathComponent("nope.json").path))
        #expect(run.stderr.contains("--rubric") && run.stderr.contains("WWC_INTAKE_RUBRIC"))
        #expect(!run.stderr.contains("[input.unreadable]"))
    }

    @Test func defaultRubricNowhereSaysWhereItLooked() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("norubric-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let loaded = Rubric.loadDefault(explicit: nil, environment: [:], executableURL: nil, currentDirectory: empty)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.code == .rubricNotFound)
        #expect(diagnostic.arguments["searched"] == .text(empty.standardizedFileURL.path))
        #expect(TestCatalogs.shared.render(diagnostic, language: "en") == "The rubric file rubrics/wwc-2022.json cannot be found; looked in \(empty.standardizedFileURL.path) and the folders above them. Name an existing rubric with --rubric FILE or the environment variable WWC_INTAKE_RUBRIC.")
    }

    @Test func duplicateKeyInARubricIsMalformedRubric() throws {
        let text = try String(contentsOf: TestCatalogs.repository.appendingPathComponent("rubrics/wwc-2022.json"), encoding: .utf8)
        let doubled = text.replacingOccurrences(of: "{\n", with: "{\n  \"version\": \"x\",\n", options: [], range: text.range(of: "{\n"))
        let loaded = Rubric.load(data: Data(doubled.utf8), file: "r.json")
        #expect(loaded.rubric == nil)
        #expect(loaded.diagnostics.map(\.code).contains(.rubricMalformed))
        #expect(!loaded.diagnostics.map(\.code).contains(.fieldDuplicate))
    }

    @Test func unknownStatusInARecordIsEnumUnknown() throws {
        let record = try String(contentsOf: TestCatalogs.samples.appendingPathComponent("en/austin.expected.json"), encoding: .utf8)
        let first = try #require(record.range(of: "\"status\": \"met\""))
        let changed = record.replacingCharacters(in: first, with: "\"status\": \"maybe\"")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("maybe-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(changed.utf8).write(to: file)
        let run = try IntakeExecutable.run(["score", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("“maybe” is not an accepted answer for “Status”; expected one of: met, in_progress, not_met. [enum.unknown]"))
        #expect(!run.stderr.contains("[field.required]"))
    }
}
