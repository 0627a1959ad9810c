/// A blank form in one locale (`intake template`): every section and field by its official
/// label, every criterion by its id with its localized title beside it, one outcome item.
///
/// Shape, chosen so that a filled-in template converts with no warning:
/// - JSON: nested objects keyed by section labels; `"Criterios": {"DM1": {"Título": "…",
///   "Estado": "", "Desde": "", "Evidencia": [], "Descripción": ""}, …}` — the title is the
///   `criteria.*.title` field, which the mapper accepts and ignores; `"Resultados": [{…}]`.
///   `submission.locale` is pre-filled with the template's locale.
/// - XML: `<application xml:lang="…">`, one element per section and field named by its label
///   (spaces as `_`; a label that is not an XML name becomes `<field label="…">`),
///   `<criterion id="DM1">` preceded by a comment with the title, `<item>` for the outcome.
///   Instructions and the accepted answers are XML comments.
package enum FormTemplate {
    package enum Format: String, Sendable, CaseIterable {
        case xml
        case json
    }

    /// Nil when the catalogs have no language for `locale`.
    package static func make(_ set: CatalogSet, locale: String, format: Format) -> String? {
        guard let catalog = set.catalog(for: locale) else { return nil }
        let (language, region) = CatalogSet.split(locale)
        let tag = region.map { language + "-" + $0 } ?? language
        switch format {
        case .json: return json(set.definition, catalog, tag: tag)
        case .xml: return xml(set, catalog, tag: tag)
        }
    }

    static func label(_ catalog: LocaleCatalog, _ id: String) -> String {
        catalog.labels(for: id).first ?? id
    }

    // MARK: JSON

    static func json(_ definition: FormDefinition, _ catalog: LocaleCatalog, tag: String) -> String {
        func blank(_ field: FieldDefinition) -> JSONValue {
            if field.id == "submission.locale" { return .string(tag) }
            return field.type == "urlList" ? .array([]) : .string("")
        }
        func group(_ sectionID: String) -> JSONValue {
            var members = definition.fields(in: sectionID).map { JSONValue.Member(label(catalog, $0.id), blank($0)) }
            for child in definition.sections(in: sectionID) {
                members.append(JSONValue.Member(label(catalog, child.id), section(child)))
            }
            return .object(members)
        }
        func section(_ section: SectionDefinition) -> JSONValue {
            switch section.kind {
            case .group:
                return group(section.id)
            case .list:
                return .array([group(section.id)])
            case .map:
                let fields = definition.fields(in: section.id)
                return .object(definition.criteria.map { criterion in
                    JSONValue.Member(criterion.id, .object(fields.map { field in
                        JSONValue.Member(label(catalog, field.id),
                                         field.type == "title" ? .string(catalog.criterionTitle(criterion.id) ?? "") : blank(field))
                    }))
                })
            }
        }
        let root = JSONValue.object(definition.sections(in: nil).map { JSONValue.Member(label(catalog, $0.id), section($0)) })
        return root.serialized(pretty: true) + "\n"
    }

    // MARK: XML

    static func xml(_ set: CatalogSet, _ catalog: LocaleCatalog, tag: String) -> String {
        let definition = set.definition
        let writer = XMLTextWriter()
        writer.start("application")
        writer.attribute("xml:lang", tag)
        if let instructions = catalog.message("template.instructions"),
           let text = try? MessageFormatter.format(instructions, locale: catalog.locale, arguments: [:]) {
            writer.comment(text)
        }
        // The accepted answers of each enumerated field, in form order (official answers).
        for field in definition.fields {
            guard let values = definition.enums[field.type] else { continue }
            let synonyms = catalog.synonyms(enum: field.type)
            let answers = values.compactMap { synonyms[$0]?.first }
            writer.comment(label(catalog, field.id) + " — " + answers.joined(separator: " · "))
        }
        func element(_ text: String) {
            let name = text.replacingOccurrences(of: " ", with: "_")
            if isXMLName(name) {
                writer.start(name)
            } else {
                writer.start("field")
                writer.attribute("label", text)
            }
        }
        func fields(_ sectionID: String, criterion: String? = nil) {
            for field in definition.fields(in: sectionID) where field.type != "title" {
                element(label(catalog, field.id))
                if field.id == "submission.locale" { writer.text(tag) }
                writer.fullEnd()
            }
            for child in definition.sections(in: sectionID) { section(child) }
        }
        func section(_ section: SectionDefinition) {
            element(label(catalog, section.id))
            switch section.kind {
            case .group:
                fields(section.id)
            case .list:
                writer.start("item")
                fields(section.id)
                writer.end()
            case .map:
                for criterion in definition.criteria {
                    writer.comment(criterion.id + " · " + (catalog.criterionTitle(criterion.id) ?? ""))
                    writer.start("criterion")
                    writer.attribute("id", criterion.id)
                    fields(section.id, criterion: criterion.id)
                    writer.end()
                }
            }
            writer.end()
        }
        for top in definition.sections(in: nil) { section(top) }
        writer.end()
        return writer.finish()
    }

    /// An XML 1.0 name without a colon: a letter or `_`, then letters, digits, `.`, `-`, `_`.
    static func isXMLName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
            && !name.lowercased().hasPrefix("xml")
    }
}
