import Foundation
import Testing
@testable import WWCIntake

/// Property: every leaf value of a generated form is either mapped or listed in `unmapped`,
/// in both formats and all four languages, nested or flat, with unknown keys sprinkled in
/// (JSON `null`, `[]` and `{}` among them); and every record validates against the schema.
@Suite struct NothingLostPropertyTests {
    /// A small deterministic generator (no dependence on the platform's random source).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    struct Entry {
        var key: String
        var value: String
        var section: String?
    }

    static let values: [String: String] = [
        "submission.date": "2024-03-15", "applicant.city": "Ciudad Ejemplo", "applicant.region": "Región Norte",
        "applicant.country": "BR", "applicant.population": "45000", "applicant.populationYear": "2023",
        "applicant.website": "https://example.gov", "applicant.contact.name": "Ana Pérez",
        "applicant.contact.title": "Analista", "applicant.contact.email": "ana@example.gov",
        "applicant.contact.phone": "+55 11 5555 0000",
    ]

    static func form(language: String, format: SourceFormat, seed: UInt64, export: Bool = false)
        -> (text: String, unknown: Int, quiet: Int)
    {
        var random = Generator(state: seed)
        let catalog = TestCatalogs.shared.catalog(for: language)!
        let nested = random.chance(50)
        var entries: [Entry] = []
        for (field, value) in values.sorted(by: { $0.key < $1.key }) {
            let required = ["submission.date", "applicant.city", "applicant.country", "applicant.population",
                            "applicant.contact.name", "applicant.contact.email"].contains(field)
            guard required || random.chance(60) else { continue }
            let labels = catalog.labels(for: field)
            let key = random.chance(30) ? (nested ? String(field.split(separator: ".").last!) : field)
                : labels[random.next(labels.count)]
            let section = nested ? field.split(separator: ".").dropLast().joined(separator: ".") : nil
            entries.append(Entry(key: key, value: value, section: section))
        }
        var unknown = 0
        for index in 0..<random.next(4) {
            entries.append(Entry(key: "Zzextra \(index) \(seed)", value: "v\(index)", section: nil))
            unknown += 1
        }
        let met = catalog.synonyms(enum: "status")["met"]?.first ?? "met"
        let criteria = ["DM1", "LC1", "PA1", "OD1", "EVAL4"].filter { _ in random.chance(70) }
        if export {
            let (text, quiet) = exportForm(entries, criteria: criteria, status: met, format: format, language: language)
            return (text, format == .json ? unknown : unknown + attributed(entries), quiet)
        }
        if format == .json {
            // Empty values no field takes: kept in `unmapped` as their JSON literals.
            var extras: [(String, JSONValue)] = []
            for (index, value) in [JSONValue.null, .array([]), .object([])].enumerated() where random.chance(50) {
                extras.append(("Zzempty \(index) \(seed)", value))
            }
            return (json(entries, criteria: criteria, status: met, nested: nested, extras: extras), unknown + extras.count, 0)
        }
        return (xml(entries, criteria: criteria, status: met, nested: nested, language: language),
                unknown + attributed(entries), 0)
    }

    // MARK: Exports of form systems

    /// The metadata a KoboToolbox export adds (pointer → text of each value; `nil`: taken into
    /// `source.export`), written in front of and after the answers.
    static let koboMetadata: [(key: String, json: String, unmapped: [String?])] = [
        ("_id", "51877", ["51877"]),
        ("formhub/uuid", "\"4f9b7c2e\"", ["4f9b7c2e"]),
        ("start", "\"2024-03-14T09:12:33.000-03:00\"", [nil]),
        ("end", "\"2024-03-15T18:47:02.000-03:00\"", [nil]),
        ("__version__", "\"vQmZx7\"", [nil]),
        ("meta/instanceID", "\"uuid:5b1e\"", [nil]),
        ("_xform_id_string", "\"aHq8R2\"", [nil]),
        ("_uuid", "\"5b1e\"", ["5b1e"]),
        ("_attachments", "[{\"download_url\": \"https://kf.kobotoolbox.org/a/1\", \"id\": 7}]",
         ["https://kf.kobotoolbox.org/a/1", "7"]),
        ("_status", "\"submitted_via_web\"", ["submitted_via_web"]),
        ("_geolocation", "[-19.9, -43.9]", ["-19.9", "-43.9"]),
        ("_submission_time", "\"2024-03-15T21:40:05\"", [nil]),
        ("_tags", "[\"a\", \"b\"]", ["a", "b"]),
    ]

    /// The form as a KoboToolbox JSON export (answers keyed by XLSForm-style group paths:
    /// `applicant/contact/Contact_name`) or an ODK instance (root `id`/`version`, `start`,
    /// `end`, `meta/instanceID`, `today`), with a random part of the system's metadata. The
    /// metadata values no `source.export` member takes are `quiet`: unmapped without a warning.
    static func exportForm(_ entries: [Entry], criteria: [String], status: String, format: SourceFormat,
                           language: String) -> (text: String, quiet: Int) {
        var random = Generator(state: UInt64(entries.count * 7919 + criteria.count))
        func xlsName(_ key: String) -> String {
            key.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "/", with: "_")
        }
        if format == .json {
            var members: [String] = []
            var quiet = 0
            // Always one mark of the system (`formhub/uuid`), the rest by chance.
            let metadata = koboMetadata.filter { $0.key == "formhub/uuid" || random.chance(60) }
            // `_uuid` is the instance id when `meta/instanceID` is absent, else metadata.
            if metadata.contains(where: { $0.key == "_uuid" }), !metadata.contains(where: { $0.key == "meta/instanceID" }) {
                quiet -= 1
            }
            for (index, item) in metadata.enumerated() where index % 2 == 0 {
                members.append("\"\(item.key)\": \(item.json)")
                quiet += item.unmapped.compactMap { $0 }.count
            }
            for entry in entries {
                let path = (entry.section?.split(separator: ".").map(String.init) ?? []) + [xlsName(entry.key)]
                members.append("\"\(path.joined(separator: "/"))\": \(escapeJSON(entry.value))")
            }
            for id in criteria { members.append("\"criteria/\(id.lowercased())\": \(escapeJSON(status))") }
            for (index, item) in metadata.enumerated() where index % 2 == 1 {
                members.append("\"\(item.key)\": \(item.json)")
                quiet += item.unmapped.compactMap { $0 }.count
            }
            return ("{\n  " + members.joined(separator: ",\n  ") + "\n}\n", quiet)
        }
        var text = xml(entries, criteria: criteria, status: status, nested: true, language: language)
        var head = ["<start>2024-03-12T08:30:11.482-05:00</start>"]
        var quiet = 0
        if random.chance(50) {
            head.append("<today>2024-03-15</today>")
            quiet += 1
        }
        var tail = ["<meta><instanceID>uuid:9d3f</instanceID>"]
        if random.chance(50) {
            tail.append("<instanceName>Ejemplo</instanceName>")
            quiet += 1
        }
        tail.append("</meta>")
        text = text.replacingOccurrences(of: "<form lang=\"\(language)\">",
                                         with: "<form lang=\"\(language)\" id=\"wwc_2024\" version=\"7\">\n" + head.joined(separator: "\n"))
        text = text.replacingOccurrences(of: "</form>", with: tail.joined() + "\n<end>2024-03-15T16:02:57Z</end>\n</form>")
        return (text, quiet)
    }

    @Test(arguments: ["en", "es", "pt", "fr"], [SourceFormat.json, .xml])
    func everyLeafOfAnExportIsMappedExportedOrUnmapped(language: String, format: SourceFormat) throws {
        let converter = Converter(catalogs: TestCatalogs.shared, options: ConversionOptions(locale: language))
        for seed in UInt64(1)...40 {
            let (text, warned, quiet) = Self.form(language: language, format: format, seed: seed, export: true)
            let result = converter.convert(Data(text.utf8), file: "generated", format: format)
            let stats = result.statistics
            #expect(stats.mapped + stats.unmapped + stats.rejected == stats.leaves, "seed \(seed): \(text)")
            #expect(stats.rejected == 0, "seed \(seed): \(result.diagnostics)")
            let record = try #require(result.record, "seed \(seed): \(result.diagnostics) \(text)")
            #expect(record.unmapped.count == warned + quiet, "seed \(seed): \(record.unmapped) \(text)")
            #expect(stats.unmapped == warned + quiet)
            #expect(record.applicant.population == 45000)
            let export = try #require(record.source.export, "seed \(seed): \(text)")
            #expect(export.system == (format == .json ? .kobotoolbox : .odk))
            if format == .xml {
                #expect(export == CanonicalApplication.Export(system: .odk, formId: "wwc_2024", formVersion: "7",
                                                              instanceId: "uuid:9d3f", started: "2024-03-12T08:30:11.482-05:00",
                                                              ended: "2024-03-15T16:02:57Z"))
            }
            // The system's metadata draws no warning: only the generated unknown keys (and
            // XML attributes no field takes) do.
            #expect(result.diagnostics.filter { $0.code == .fieldUnknown }.count == warned,
                    "seed \(seed): \(result.diagnostics)")
        }
    }


    static func escapeJSON(_ text: String) -> String { JSONValue.string(text).serialized() }

    static func json(_ entries: [Entry], criteria: [String], status: String, nested: Bool,
                     extras: [(String, JSONValue)] = []) -> String {
        var root = JSONValue.object([])
        func insert(_ value: JSONValue, at path: [String], into node: inout JSONValue) {
            guard case .object(var members) = node else { return }
            if path.count == 1 {
                members.append(.init(path[0], value))
            } else if let index = members.firstIndex(where: { $0.key == path[0] }) {
                insert(value, at: Array(path.dropFirst()), into: &members[index].value)
            } else {
                var child = JSONValue.object([])
                insert(value, at: Array(path.dropFirst()), into: &child)
                members.append(.init(path[0], child))
            }
            node = .object(members)
        }
        for entry in entries {
            let path = (entry.section.map { $0.split(separator: ".").map(String.init) } ?? []) + [entry.key]
            insert(.string(entry.value), at: path, into: &root)
        }
        insert(.object(criteria.map { .init($0, .string(status)) }), at: ["criteria"], into: &root)
        for (key, value) in extras { insert(value, at: [key], into: &root) }
        return root.serialized(pretty: true)
    }

    /// Field elements whose index is a multiple of 4 carry an extra attribute (a value no field
    /// takes, which must land in `unmapped`).
    static func attributed(_ entries: [Entry]) -> Int {
        entries.indices.filter { $0 % 4 == 3 && !entries[$0].key.hasPrefix("Zzextra") }.count
    }

    static func xml(_ entries: [Entry], criteria: [String], status: String, nested: Bool, language: String) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var lines = ["<form lang=\"\(language)\">"]
        var open: [String] = []
        for (index, entry) in entries.enumerated().sorted(by: { ($0.element.section ?? "") < ($1.element.section ?? "") }) {
            let wanted = entry.section.map { $0.split(separator: ".").map(String.init) } ?? []
            while !open.isEmpty && !wanted.starts(with: open) { lines.append("</s>"); open.removeLast() }
            while open.count < wanted.count { open.append(wanted[open.count]); lines.append("<s id=\"\(open.last!)\">") }
            let extra = index % 4 == 3 && !entry.key.hasPrefix("Zzextra") ? " unidad=\"u\(index)\"" : ""
            lines.append("<f label=\"\(escape(entry.key))\"\(extra)>\(escape(entry.value))</f>")
        }
        lines += open.map { _ in "</s>" }
        lines.append("<criteria>" + criteria.map { "<c id=\"\($0)\">\(escape(status))</c>" }.joined() + "</criteria>")
        lines.append("</form>")
        return lines.joined(separator: "\n")
    }

    @Test(arguments: ["en", "es", "pt", "fr"], [SourceFormat.json, .xml])
    func everyLeafIsMappedOrUnmapped(language: String, format: SourceFormat) throws {
        let converter = Converter(catalogs: TestCatalogs.shared, options: ConversionOptions(locale: language))
        var records: [String] = []
        for seed in UInt64(1)...40 {
            let (text, unknown, _) = Self.form(language: language, format: format, seed: seed)
            let result = converter.convert(Data(text.utf8), file: "generated", format: format)
            let stats = result.statistics
            #expect(stats.mapped + stats.unmapped + stats.rejected == stats.leaves, "seed \(seed): \(text)")
            #expect(stats.unmapped == unknown, "seed \(seed): \(result.diagnostics) \(text)")
            #expect(stats.rejected == 0, "seed \(seed): \(result.diagnostics)")
            let record = try #require(result.record, "seed \(seed): \(result.diagnostics) \(text)")
            #expect(record.unmapped.count == unknown)
            #expect(record.applicant.population == 45000)
            records.append(record.serialized(pretty: false) { TestCatalogs.shared.render($0, language: language) })
        }
        // Every record written validates against the spec's schema (the reference validator).
        let schema = JSONSchemaCheck.fixtures.appendingPathComponent("schemas/canonical-application.schema.json")
        #expect(try JSONSchemaCheck.errors(schema: schema, documents: records) == [])
    }
}
