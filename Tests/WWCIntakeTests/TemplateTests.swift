import Foundation
import Testing
@testable import WWCIntake

@Suite("Form template")
struct TemplateTests {
    static let locales = ["en-US", "en-CA", "es-MX", "es-CO", "pt-BR", "pt-PT", "fr-CA", "fr"]

    /// Resolves a key among the labels of the given ids, as the mapper does (matching key).
    static func resolve(_ key: String, among ids: [String], _ catalog: LocaleCatalog) -> String? {
        let wanted = MatchKey.make(key)
        let matches = ids.filter { id in catalog.labels(for: id).contains { MatchKey.make($0) == wanted } }
        return matches.count == 1 ? matches[0] : nil
    }

    @Test(arguments: locales)
    func jsonTemplateUsesLabelsEveryFieldAndAllCriteria(locale: String) throws {
        let set = ShippedCatalogs.set
        let catalog = try #require(set.catalog(for: locale))
        let text = try #require(FormTemplate.make(set, locale: locale, format: .json))
        let (parsed, diagnostics) = JSONValue.parse(Data(text.utf8))
        #expect(diagnostics.isEmpty)
        guard case .object(let sections)? = parsed else { Issue.record("not an object"); return }
        let definition = set.definition
        var seenFields: Set<String> = []
        func walk(_ members: [JSONValue.Member], section: String) throws {
            let ids = definition.fields(in: section).map(\.id) + definition.sections(in: section).map(\.id)
            for member in members {
                let id = try #require(Self.resolve(member.key, among: ids, catalog), "\(member.key) in \(section)")
                seenFields.insert(id)
                if case .object(let children) = member.value, definition.section(id)?.kind == .group {
                    try walk(children, section: id)
                }
            }
        }
        for member in sections {
            let id = try #require(Self.resolve(member.key, among: definition.sections(in: nil).map(\.id), catalog))
            switch (definition.section(id)?.kind, member.value) {
            case (.group?, .object(let children)):
                try walk(children, section: id)
            case (.list?, .array(let items)):
                guard case .object(let children)? = items.first else { Issue.record("no outcome item"); continue }
                try walk(children, section: id)
            case (.map?, .object(let criteria)):
                #expect(criteria.map(\.key) == definition.criteria.map(\.id))
                for criterion in criteria {
                    guard case .object(let children) = criterion.value else { continue }
                    try walk(children, section: id)
                    let titleKey = catalog.labels(for: "criteria.*.title").first!
                    #expect(criterion.value[titleKey] == .string(catalog.criterionTitle(criterion.key)!))
                }
            default:
                Issue.record("unexpected shape for \(id)")
            }
        }
        #expect(seenFields.isSuperset(of: definition.fields.map(\.id)))
        #expect(parsed?[catalog.labels(for: "submission").first!]?[catalog.labels(for: "submission.locale").first!]
                == .string(locale))
    }

    @Test(arguments: locales)
    func xmlTemplateIsWellFormedWithAllCriteria(locale: String) throws {
        let set = ShippedCatalogs.set
        let catalog = try #require(set.catalog(for: locale))
        let text = try #require(FormTemplate.make(set, locale: locale, format: .xml))
        let document = try #require(XMLDocumentHandle(Array(text.utf8)))
        let root = try #require(document.root)
        #expect(root.name == "application")
        let criteria = root.descendants("criterion")
        #expect(criteria.map { $0.attribute("id") ?? "" } == set.definition.criteria.map(\.id))
        // Every criterion has its localized title in the comment beside it.
        for criterion in set.definition.criteria {
            #expect(text.contains("<!-- \(criterion.id) · \(catalog.criterionTitle(criterion.id)!) -->"))
        }
        let statusLabel = catalog.labels(for: "criteria.*.status").first!.replacingOccurrences(of: " ", with: "_")
        #expect(criteria.allSatisfy { $0.child(statusLabel) != nil })
    }

    @Test func labelThatIsNotAnXMLNameUsesALabelAttribute() {
        #expect(FormTemplate.isXMLName("Fecha_de_envío"))
        #expect(!FormTemplate.isXMLName("Date_d’envoi"))
        #expect(!FormTemplate.isXMLName("Population_(residents)"))
        #expect(!FormTemplate.isXMLName("1st"))
    }

    @Test func unknownLanguageHasNoTemplate() {
        #expect(FormTemplate.make(ShippedCatalogs.set, locale: "de-DE", format: .json) == nil)
    }
}
