import Foundation
import Testing
@testable import WWCIntake

/// Each locale's blank template, filled in with values written the way that locale writes
/// them, converts with no error and no warning.
@Suite("Form template conversion")
struct TemplateConversionTests {
    struct Values: Sendable, CustomStringConvertible {
        var locale: String
        var date: String
        var population: String
        var money: String
        var decimal: String
        var country: String
        var description: String { locale }
    }

    static let cases: [Values] = [
        Values(locale: "en-US", date: "03/15/2024", population: "1,234,567", money: "$1,250,000.50", decimal: "12.5", country: "United States"),
        Values(locale: "en-CA", date: "2024-03-15", population: "1,234,567", money: "$1,250,000.50", decimal: "12.5", country: "Canada"),
        Values(locale: "es-MX", date: "15/03/2024", population: "1,234,567", money: "$1,250,000.50", decimal: "12.5", country: "México"),
        Values(locale: "es-CO", date: "15/03/2024", population: "1.234.567", money: "$1.250.000,50", decimal: "12,5", country: "Colombia"),
        Values(locale: "pt-BR", date: "15/03/2024", population: "1.234.567", money: "R$ 1.250.000,50", decimal: "12,5", country: "Brasil"),
        Values(locale: "pt-PT", date: "15/03/2024", population: "1 234 567", money: "1 250 000,50 €", decimal: "12,5", country: "Brasil"),
        Values(locale: "fr-CA", date: "2024-03-15", population: "1 234 567", money: "1 250 000,50 $", decimal: "12,5", country: "Canada"),
        Values(locale: "fr", date: "15/03/2024", population: "1 234 567", money: "1 250 000,50 €", decimal: "12,5", country: "France"),
    ]

    /// The value to write in a field, by field id (criterion fields vary by criterion).
    static func value(_ field: String, _ values: Values, criterion: String?, _ catalog: LocaleCatalog) -> String {
        let statuses = ["met", "in_progress", "not_met"]
        switch field {
        case "submission.locale": return values.locale
        case "submission.date", "criteria.*.since": return values.date
        case "applicant.city": return "Ciudad Modelo"
        case "applicant.region": return "Región Central"
        case "applicant.country": return values.country
        case "applicant.population": return values.population
        case "applicant.populationYear", "outcomes[].year": return "2023"
        case "applicant.website": return "https://www.ciudad-modelo.gov"
        case "applicant.contact.name": return "Ana Pérez"
        case "applicant.contact.title": return "Directora de datos"
        case "applicant.contact.email": return "datos@ciudad-modelo.gov"
        case "applicant.contact.phone": return "+52 81 1234 5678"
        case "budget.dataAnnual": return values.money
        case "criteria.*.status":
            let index = ShippedCatalogs.set.definition.criteria.firstIndex { $0.id == criterion } ?? 0
            return catalog.synonyms(enum: "status")[statuses[index % 3]]!.first!
        case "criteria.*.evidence": return "https://www.ciudad-modelo.gov/datos/\(criterion ?? "")"
        case "criteria.*.narrative": return "Política aprobada en 2021."
        case "outcomes[].indicator": return catalog.synonyms(enum: "indicator")["air_quality_pm25"]!.first!
        case "outcomes[].value", "outcomes[].target", "outcomes[].baseline": return values.decimal
        case "outcomes[].baselineYear": return "2019"
        case "outcomes[].sdg": return "11"
        case "outcomes[].description": return "Media anual de PM2.5."
        default: return ""
        }
    }

    static func convert(_ text: String, format: SourceFormat) -> ConversionResult {
        Converter(catalogs: ShippedCatalogs.set).convert(Data(text.utf8), file: "template", format: format)
    }

    static func expectClean(_ result: ConversionResult, _ values: Values) throws {
        #expect(result.diagnostics.map { "\($0.code) \($0.path ?? "") \($0.arguments)" } == [])
        let record = try #require(result.record)
        #expect(record.source.locale == (values.locale == "fr" ? "fr-FR" : values.locale))
        #expect(record.criteria.count == 43)
        #expect(record.criteria.first { $0.id == "DM1" }?.status == .met)
        #expect(record.criteria.first { $0.id == "DM2" }?.status == .inProgress)
        #expect(record.applicant.population == 1_234_567)
        #expect(record.submissionDate == "2024-03-15")
        #expect(record.budgetDataAnnual?.amount == "1250000.5")
        #expect(record.outcomes.first?.value == "12.5")
        #expect(record.unmapped.isEmpty)
    }

    @Test(arguments: cases)
    func filledJSONTemplateConvertsWithoutWarnings(values: Values) throws {
        let set = ShippedCatalogs.set
        let catalog = try #require(set.catalog(for: values.locale))
        let text = try #require(FormTemplate.make(set, locale: values.locale, format: .json))
        guard case .object(let sections)? = JSONValue.parse(Data(text.utf8)).value else {
            Issue.record("template is not an object")
            return
        }
        let definition = set.definition
        func fill(_ members: [JSONValue.Member], section: String, criterion: String?) -> [JSONValue.Member] {
            let ids = definition.fields(in: section).map(\.id) + definition.sections(in: section).map(\.id)
            return members.map { member in
                guard let id = TemplateTests.resolve(member.key, among: ids, catalog) else { return member }
                switch member.value {
                case .object(let children):
                    return .init(member.key, .object(fill(children, section: id, criterion: criterion)))
                case .array where definition.field(id)?.type == "urlList":
                    return .init(member.key, .array([.string(Self.value(id, values, criterion: criterion, catalog))]))
                case .string(let existing) where !existing.isEmpty:
                    return member
                default:
                    return .init(member.key, .string(Self.value(id, values, criterion: criterion, catalog)))
                }
            }
        }
        let filled = sections.map { member -> JSONValue.Member in
            guard let id = TemplateTests.resolve(member.key, among: definition.sections(in: nil).map(\.id), catalog)
            else { return member }
            switch member.value {
            case .object(let children) where definition.section(id)?.kind == .map:
                return .init(member.key, .object(children.map { criterion in
                    guard case .object(let fields) = criterion.value else { return criterion }
                    return .init(criterion.key, .object(fill(fields, section: id, criterion: criterion.key)))
                }))
            case .object(let children):
                return .init(member.key, .object(fill(children, section: id, criterion: nil)))
            case .array(let items):
                return .init(member.key, .array(items.map { item in
                    guard case .object(let fields) = item else { return item }
                    return .object(fill(fields, section: id, criterion: nil))
                }))
            default:
                return member
            }
        }
        try Self.expectClean(Self.convert(JSONValue.object(filled).serialized(pretty: true), format: .json), values)
    }

    @Test(arguments: cases)
    func filledXMLTemplateConvertsWithoutWarnings(values: Values) throws {
        let set = ShippedCatalogs.set
        let catalog = try #require(set.catalog(for: values.locale))
        var text = try #require(FormTemplate.make(set, locale: values.locale, format: .xml))
        func escaped(_ value: String) -> String {
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        func element(_ id: String) -> (open: String, close: String) {
            let label = catalog.labels(for: id).first!
            let name = label.replacingOccurrences(of: " ", with: "_")
            return FormTemplate.isXMLName(name) ? ("<\(name)>", "</\(name)>") : ("<field label=\"\(label)\">", "</field>")
        }
        let definition = set.definition
        // Criterion fields: fill each criterion's block separately (statuses differ).
        var blocks = text.components(separatedBy: "<criterion id=\"")
        for index in blocks.indices.dropFirst() {
            let id = String(blocks[index].prefix { $0 != "\"" })
            for field in definition.fields(in: "criteria") where field.type != "title" {
                let (open, close) = element(field.id)
                blocks[index] = blocks[index].replacingOccurrences(
                    of: open + close, with: open + escaped(Self.value(field.id, values, criterion: id, catalog)) + close)
            }
        }
        text = blocks.joined(separator: "<criterion id=\"")
        for field in definition.fields where field.section != "criteria" {
            let (open, close) = element(field.id)
            text = text.replacingOccurrences(of: open + close,
                                             with: open + escaped(Self.value(field.id, values, criterion: nil, catalog)) + close)
        }
        #expect(!text.contains("></"), "a field was left blank")
        try Self.expectClean(Self.convert(text, format: .xml), values)
    }
}
