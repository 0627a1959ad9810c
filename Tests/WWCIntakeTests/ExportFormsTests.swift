import Foundation
import Testing
@testable import WWCIntake

/// Submissions exported from KoboToolbox (JSON keyed by group path) and ODK (instance XML),
/// in the four languages: they convert with no `field.unknown` warning, the system's metadata
/// lands in `source.export` or (quietly) in `unmapped`, and nothing is lost.
@Suite struct ExportFormsTests {
    /// An XLSForm name made from a label, as a form designer would write it:
    /// `Data de envio` → `data_de_envio`, `E-mail` → `e_mail`.
    static func xlsName(_ label: String) -> String {
        var name = ""
        for character in label.lowercased() {
            if character.isLetter || character.isNumber {
                name.append(character)
            } else if !name.isEmpty, name.last != "_" {
                name.append("_")
            }
        }
        while name.last == "_" { name.removeLast() }
        return name
    }

    /// XLSForm choice names of the status answers, by language (met, in progress, not met).
    static let choices: [String: (met: String, inProgress: String, notMet: String)] = [
        "en": ("yes", "in_progress", "no"),
        "es": ("si", "en_curso", "no"),
        "pt": ("sim", "em_andamento", "nao"),
        "fr": ("oui", "en_cours", "non"),
    ]

    static let values: [(field: String, value: String)] = [
        ("submission.date", "2024-03-15"), ("applicant.city", "Ciudad Ejemplo"), ("applicant.country", "BR"),
        ("applicant.population", "45000"), ("applicant.contact.name", "Ana Pérez"),
        ("applicant.contact.email", "ana@example.gov"),
    ]

    /// The group path of a field in XLSForm names of `language`: `["envio", "data_de_envio"]`.
    static func groupPath(of field: String, language: String) -> [String] {
        let catalog = TestCatalogs.shared.catalog(for: language)!
        let parts = field.split(separator: ".").map(String.init)
        var path: [String] = []
        for count in 1..<parts.count {
            path.append(xlsName(catalog.labels(for: parts.prefix(count).joined(separator: "."))[0]))
        }
        return path + [xlsName(catalog.labels(for: field)[0])]
    }

    static func label(_ id: String, _ language: String) -> String {
        xlsName(TestCatalogs.shared.catalog(for: language)!.labels(for: id)[0])
    }

    // MARK: KoboToolbox JSON

    /// A KoboToolbox JSON export: every answer keyed by its group path, the system's metadata
    /// around it (values below are what the test expects back).
    static func koboExport(language: String) -> String {
        let choice = choices[language]!
        let criteria = label("criteria", language), outcomes = label("outcomes", language)
        var members: [String] = [
            #""_id": 51877"#,
            #""formhub/uuid": "4f9b7c2e8d1a4b6c9e0f1a2b3c4d5e6f""#,
            #""start": "2024-03-14T09:12:33.000-03:00""#,
            #""end": "2024-03-15T18:47:02.000-03:00""#,
            #""today": "2024-03-15""#,
            #""deviceid": "ee.kobotoolbox.org:Qk7Xw2LmP9aR4sTz""#,
        ]
        for (field, value) in [("submission.locale", language)] + values {
            members.append("\"\(groupPath(of: field, language: language).joined(separator: "/"))\": \"\(value)\"")
        }
        members += [
            "\"\(criteria)/dm1\": \"\(choice.met)\"", "\"\(criteria)/lc1\": \"\(choice.met)\"",
            "\"\(criteria)/pa1\": \"\(choice.inProgress)\"", "\"\(criteria)/od1\": \"\(choice.notMet)\"",
            """
            "\(outcomes)": [{"\(outcomes)/\(label("outcomes[].indicator", language))": "air_quality_pm25",
              "\(outcomes)/\(label("outcomes[].value", language))": "12",
              "\(outcomes)/\(label("outcomes[].target", language))": "10"}]
            """,
            #""__version__": "vQmZx7bR3tK9pL2sW8nY4c""#,
            #""meta/instanceID": "uuid:5b1e0c2a-7d4f-4e8a-9b3c-1f2e3d4c5b6a""#,
            #""meta/deprecatedID": "uuid:0a1b2c3d-0000-4000-8000-000000000000""#,
            #""_xform_id_string": "aHq8R2mVfK3xNwPzT7bYcD""#,
            #""_uuid": "5b1e0c2a-7d4f-4e8a-9b3c-1f2e3d4c5b6a""#,
            #""_attachments": [{"download_url": "https://kf.kobotoolbox.org/a/1", "mimetype": "image/jpeg", "id": 7}]"#,
            #""_status": "submitted_via_web""#,
            #""_geolocation": [-19.9167, -43.9345]"#,
            #""_submission_time": "2024-03-15T21:40:05""#,
            #""_tags": ["revisado"]"#,
            #""_notes": []"#,
            #""_validation_status": {"uid": "validation_status_approved", "label": "Approved"}"#,
            #""_submitted_by": "ana""#,
        ]
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    }

    /// The metadata values that are not in `source.export`, by JSON Pointer: what `unmapped`
    /// must list, exactly.
    static let koboUnmapped: [String: String] = [
        "/_notes": "[]",  // an empty array is a value too (issue 13): kept, never dropped
        "/_id": "51877", "/formhub~1uuid": "4f9b7c2e8d1a4b6c9e0f1a2b3c4d5e6f", "/today": "2024-03-15",
        "/deviceid": "ee.kobotoolbox.org:Qk7Xw2LmP9aR4sTz",
        "/meta~1deprecatedID": "uuid:0a1b2c3d-0000-4000-8000-000000000000",
        "/_uuid": "5b1e0c2a-7d4f-4e8a-9b3c-1f2e3d4c5b6a",
        "/_attachments/0/download_url": "https://kf.kobotoolbox.org/a/1", "/_attachments/0/mimetype": "image/jpeg",
        "/_attachments/0/id": "7", "/_status": "submitted_via_web", "/_geolocation/0": "-19.9167",
        "/_geolocation/1": "-43.9345", "/_tags/0": "revisado", "/_validation_status/uid": "validation_status_approved",
        "/_validation_status/label": "Approved", "/_submitted_by": "ana",
    ]

    static let koboValues = CanonicalApplication.Export(
        system: .kobotoolbox, formId: "aHq8R2mVfK3xNwPzT7bYcD", formVersion: "vQmZx7bR3tK9pL2sW8nY4c",
        instanceId: "uuid:5b1e0c2a-7d4f-4e8a-9b3c-1f2e3d4c5b6a", started: "2024-03-14T09:12:33.000-03:00",
        ended: "2024-03-15T18:47:02.000-03:00", submittedAt: "2024-03-15T21:40:05")

    /// Converts an export that must be accepted without any `field.unknown` warning, with the
    /// given `source.export`, the common values and the criteria both generators write.
    static func convertExport(_ text: String, file: String, language: String,
                              export: CanonicalApplication.Export) throws -> (ConversionResult, CanonicalApplication) {
        let result = TestCatalogs.convert(text, file: file)
        let record = try #require(result.record, "\(result.diagnostics)\n\(text)")
        #expect(result.diagnostics.filter { $0.code == .fieldUnknown }.isEmpty, "\(result.diagnostics)")
        #expect(record.source.export == export)
        expectCommonFields(record, language)
        #expect(record.criterion("DM1")?.status == .met)
        #expect(record.criterion("LC1")?.status == .met)
        #expect(record.criterion("PA1")?.status == .inProgress)
        #expect(record.criterion("OD1")?.status == .notMet)
        return (result, record)
    }

    static func expectCommonFields(_ record: CanonicalApplication, _ language: String) {
        #expect(record.submissionDate == "2024-03-15")
        #expect(record.applicant.city == "Ciudad Ejemplo")
        #expect(record.applicant.country == "BR")
        #expect(record.applicant.population == 45000)
        #expect(record.applicant.contact.name == "Ana Pérez")
        #expect(record.applicant.contact.email == "ana@example.gov")
        #expect(record.source.locale == "\(language)-BR")
    }

    @Test(arguments: ["en", "es", "pt", "fr"])
    func koboToolboxJSONExportConverts(language: String) throws {
        let (result, record) = try Self.convertExport(Self.koboExport(language: language), file: "kobo-\(language)",
                                                      language: language, export: Self.koboValues)
        #expect(record.outcomes == [CanonicalApplication.Outcome(indicator: .airQualityPM25, value: "12", target: "10")])
        // Every metadata value: in source.export (checked above) or listed in unmapped, exactly.
        #expect(Dictionary(uniqueKeysWithValues: record.unmapped.map { ($0.path, $0.value) }) == Self.koboUnmapped)
        let stats = result.statistics
        #expect(stats.leaves == stats.mapped + stats.unmapped && stats.rejected == 0)
        // 7 values + 4 criteria + 3 outcome values mapped; 6 metadata values in source.export.
        #expect(stats.mapped == 7 + 4 + 3 + 6)
    }

    // MARK: ODK instance XML

    /// An ODK instance: `id`/`version` on the root, `start`/`end`, groups as elements, the
    /// repeat written as elements of its name, `meta/instanceID`. French writes the `meta` block
    /// with the OpenRosa namespace prefix, as older forms do.
    static func odkInstance(language: String, outcomeInstances: Int = 1) -> String {
        let choice = choices[language]!
        let meta = language == "fr" ? "orx:meta" : "meta", instanceID = language == "fr" ? "orx:instanceID" : "instanceID"
        var lines = [
            "<?xml version='1.0' encoding='UTF-8' ?>",
            "<data xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" id=\"wwc_2024\" version=\"2024031501\">",
            "<start>2024-03-12T08:30:11.482-05:00</start>",
            "<end>2024-03-15T16:02:57.903-05:00</end>",
            "<today>2024-03-15</today>",
            "<deviceid>collect:Qk7Xw2LmP9aR4sTz</deviceid>",
        ]
        var open: [String] = []
        for (field, value) in [("submission.locale", language)] + values {
            let path = groupPath(of: field, language: language)
            while !open.isEmpty && !path.dropLast().starts(with: open) { lines.append("</\(open.removeLast())>") }
            for group in path.dropLast().dropFirst(open.count) {
                lines.append("<\(group)>")
                open.append(group)
            }
            lines.append("<\(path.last!)>\(value)</\(path.last!)>")
        }
        while let group = open.popLast() { lines.append("</\(group)>") }
        let criteria = label("criteria", language), outcomes = label("outcomes", language)
        lines.append("<\(criteria)><dm1>\(choice.met)</dm1><lc1>\(choice.met)</lc1>"
            + "<pa1>\(choice.inProgress)</pa1><od1>\(choice.notMet)</od1></\(criteria)>")
        let indicator = label("outcomes[].indicator", language), value = label("outcomes[].value", language)
        for index in 0..<outcomeInstances {
            lines.append("<\(outcomes)><\(indicator)>air_quality_pm25</\(indicator)><\(value)>\(12 + index)</\(value)></\(outcomes)>")
        }
        lines += [
            "<\(meta)>",
            "<\(instanceID)>uuid:9d3f6a1b-2c4e-4f8a-b7d6-0e1c2a3b4d5f</\(instanceID)>",
            "<\(language == "fr" ? "orx:" : "")instanceName>Ejemplo 2024</\(language == "fr" ? "orx:" : "")instanceName>",
            "</\(meta)>",
            "</data>",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static let odkValues = CanonicalApplication.Export(
        system: .odk, formId: "wwc_2024", formVersion: "2024031501",
        instanceId: "uuid:9d3f6a1b-2c4e-4f8a-b7d6-0e1c2a3b4d5f", started: "2024-03-12T08:30:11.482-05:00",
        ended: "2024-03-15T16:02:57.903-05:00")

    @Test(arguments: ["en", "es", "pt", "fr"])
    func odkInstanceXMLConverts(language: String) throws {
        let (result, record) = try Self.convertExport(Self.odkInstance(language: language), file: "odk-\(language)",
                                                      language: language, export: Self.odkValues)
        #expect(record.outcomes == [CanonicalApplication.Outcome(indicator: .airQualityPM25, value: "12")])
        let prefix = language == "fr" ? "orx:" : ""
        #expect(record.unmapped.map(\.path) == ["/data/today", "/data/deviceid", "/data/\(prefix)meta/\(prefix)instanceName"])
        #expect(record.unmapped.map(\.value) == ["2024-03-15", "collect:Qk7Xw2LmP9aR4sTz", "Ejemplo 2024"])
        let stats = result.statistics
        #expect(stats.leaves == stats.mapped + stats.unmapped && stats.rejected == 0)
        // 7 values + 4 criteria + 2 outcome values; version, start, end, instanceID (the root's
        // id is its key, not a value).
        #expect(stats.mapped == 7 + 4 + 2 + 4)
    }

    @Test func odkRepeatWithSeveralInstancesGivesSeveralOutcomes() throws {
        let result = TestCatalogs.convert(Self.odkInstance(language: "es", outcomeInstances: 2))
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.outcomes.map(\.value) == ["12", "13"])
    }

    // MARK: Group paths

    @Test func groupPathsKeepTheirWrittenPathsInDiagnosticsAndUnmapped() throws {
        let text = """
        {
          "envio/idioma": "pt", "envio/data_de_envio": "2024-03-15",
          "solicitante/cidade": "Recife", "solicitante/pais": "Brasil", "solicitante/populacao": "1488920",
          "solicitante/observacoes": "ver anexo",
          "solicitante/contato/nome_do_contato": "Ana", "solicitante/contato/e_mail": "ana@@recife"
        }
        """
        let result = TestCatalogs.convert(text)
        let unknown = try #require(result.diagnostics.first { $0.code == .fieldUnknown })
        #expect(unknown.path == "/solicitante~1observacoes")
        #expect(unknown.line == 4 && unknown.column == 3)
        let email = try #require(result.diagnostics.first { $0.code == .emailInvalid })
        #expect(email.path == "/solicitante~1contato~1e_mail")
        #expect(email.field == "applicant.contact.email")
        #expect(email.line == 5 && email.column == 49)  // where the member `solicitante/contato/e_mail` starts

        let fixed = TestCatalogs.convert(text.replacingOccurrences(of: "ana@@recife", with: "ana@recife.pe.gov.br"))
        let record = try #require(fixed.record, "\(fixed.diagnostics)")
        #expect(record.applicant.city == "Recife" && record.applicant.contact.email == "ana@recife.pe.gov.br")
        #expect(record.unmapped.map(\.path) == ["/solicitante~1observacoes"])
        #expect(record.source.export == nil)
    }

    @Test func aSlashInALabelIsNotAGroupPath() throws {
        let result = TestCatalogs.convert("""
        {"Submission date": "2024-03-15", "City": "Austin", "State/Province": "Texas", "Country": "US",
         "Population": "974447", "Contact name": "Ann", "Email": "ann@austin.gov"}
        """)
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.applicant.region == "Texas")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aGroupPathMeetsAnObjectOfTheSameGroup() throws {
        // The same field given both ways is given twice.
        let result = TestCatalogs.convert("""
        {"applicant": {"city": "Austin"}, "applicant/city": "Dallas", "submission/date": "2024-03-15"}
        """, locale: "en-US")
        #expect(result.diagnostics.contains { $0.code == .fieldDuplicate && $0.path == "/applicant~1city" })
    }

    // MARK: Non-exports

    @Test func aFormThatIsNoExportKeepsItsOwnStartAndMeta() throws {
        // `start` is no field: as before, kept in unmapped with a warning; `Meta` is the outcome
        // target in Portuguese; no `source.export`.
        let result = TestCatalogs.convert("""
        {"Envio": {"Idioma": "pt", "Data de envio": "2024-03-15"},
         "Requerente": {"Município": "Recife", "País": "Brasil", "População": "1488920",
                        "Contato": {"Nome do contato": "Ana", "E-mail": "ana@recife.pe.gov.br"}},
         "start": "2024-01-02T08:00:00",
         "Resultados": [{"Indicador": "PM2,5", "Valor": "12", "Meta": "10"}]}
        """)
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.source.export == nil)
        #expect(record.unmapped.map(\.path) == ["/start"])
        #expect(result.diagnostics.map(\.code) == [.fieldUnknown])
        #expect(record.outcomes.first?.target == "10")
    }

    @Test func anExportsOutcomeMetaIsStillTheTarget() throws {
        let text = Self.koboExport(language: "pt")
        let result = TestCatalogs.convert(text)
        #expect(result.record?.outcomes.first?.target == "10")  // `resultados/meta` in the repeat
    }

    @Test func aTimestampThatIsNoTimestampStaysAFormValue() throws {
        let text = Self.koboExport(language: "es").replacingOccurrences(
            of: "\"start\": \"2024-03-14T09:12:33.000-03:00\"", with: "\"start\": \"ayer\"")
        let result = TestCatalogs.convert(text)
        let record = try #require(result.record, "\(result.diagnostics)")
        #expect(record.source.export?.started == nil)
        #expect(record.source.export?.ended == "2024-03-15T18:47:02.000-03:00")
        #expect(record.unmapped.contains { $0.path == "/start" && $0.value == "ayer" })
        #expect(result.diagnostics.filter { $0.code == .fieldUnknown }.map(\.path) == ["/start"])
    }

    @Test func timestampShapes() {
        #expect(ExportRecognizer.isTimestamp("2024-03-14T09:12:33.000-03:00"))
        #expect(ExportRecognizer.isTimestamp("2024-03-15T21:40:05"))
        #expect(ExportRecognizer.isTimestamp("2024-03-15"))
        #expect(!ExportRecognizer.isTimestamp("2024-02-30T10:00"))
        #expect(!ExportRecognizer.isTimestamp("2024-03-15T"))
        #expect(!ExportRecognizer.isTimestamp("2024-03-15 10:00"))
        #expect(!ExportRecognizer.isTimestamp("15/03/2024"))
    }

    // MARK: The data file

    @Test func theShippedExportsFileLoads() {
        let systems = TestCatalogs.shared.exportSystems
        #expect(systems.map(\.system) == [.kobotoolbox, .odk])
        #expect(systems.first?.values[.submittedAt] == ["_submission_time"])
    }

    @Test func aBrokenExportsFileIsReportedWithItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["form.json", "en.json"] {
            try FileManager.default.copyItem(at: TestCatalogs.locales.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        try """
        {
          "exports": "wwc-intake-exports/1",
          "systems": [
            {"system": "surveymonkey", "recognizedBy": ["x"], "values": {}, "metadata": []}
          ]
        }
        """.write(to: folder.appendingPathComponent("exports.json"), atomically: true, encoding: .utf8)
        let (catalogs, diagnostics) = CatalogSet.load(directory: folder)
        #expect(catalogs?.exportSystems == [])
        let finding = try #require(diagnostics.first { $0.code == .catalogInvalid })
        #expect(finding.file?.hasSuffix("/exports.json") == true)
        #expect(finding.line == 4)
    }

    /// Metadata values are trimmed exactly as Foundation's `whitespacesAndNewlines` trims (the
    /// value lands in `source.export` as written): Unicode white space and U+200B, nothing else.
    @Test func metadataValuesAreTrimmedAsFoundationTrims() {
        let cases = [
            " 2024-03-15 ", "\u{200B}uuid:1\u{200B}", "\u{00A0}\u{3000}v1\u{2029}", "\u{85}x\u{1680}", "\u{200C}x\u{FEFF}",
            "a b", "", "   ", "\u{200B}", "e\u{301} ", " \u{301}x", "\t\n\r\u{0B}\u{0C}id",
        ]
        for text in cases {
            #expect(ExportRecognizer.trimmed(text).unicodeScalars.elementsEqual(
                text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars), "\(text.debugDescription)")
        }
        #expect(ExportRecognizer.trimmed("\u{200B} uuid:1\n") == "uuid:1")
        #expect(ExportRecognizer.trimmed("\u{200C}x") == "\u{200C}x")
    }
}
