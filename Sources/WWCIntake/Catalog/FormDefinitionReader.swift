import Foundation

/// Reads `form.json` into a `FormDefinition`, reporting every shape problem with its line.
struct FormDefinitionReader: DataFileReader {
    static let formatID = "wwc-intake-form/1"
    static let fieldTypes: Set<String> = [
        "locale", "date", "text", "narrative", "country", "integer", "year", "url", "email", "phone", "money",
        "status", "indicator", "decimalOrPercent", "sdg", "urlList", "title",
    ]

    var file: DataFileReading

    init(url: URL) {
        file = DataFileReading(url: url)
    }

    /// `{"minimum": 1, "maximum": 17}`: JSON numbers, at least one of the two.
    private func readRange(_ node: FormNode) -> ValueRange? {
        func bound(_ key: String) -> String?? {
            guard let child = node.children.first(where: { $0.key == key }) else { return .some(nil) }
            guard let scalar = child.scalar, scalar.kind == .number else { return nil }
            return .some(scalar.text)
        }
        guard case .section = node.content, let minimum = bound("minimum"), let maximum = bound("maximum") else { return nil }
        return ValueRange(minimum: minimum, maximum: maximum)
    }

    mutating func read() -> FormDefinition? {
        guard let root = file.root(header: "form", formatID: Self.formatID) else { return nil }
        let member = DataFileReading.member
        guard let version = member(root, "version")?.scalar?.text else {
            invalid("version", "text", root)
            return nil
        }
        var sections: [SectionDefinition] = []
        for node in member(root, "sections")?.children ?? [] {
            guard let id = member(node, "id")?.scalar?.text,
                  let kind = member(node, "kind")?.scalar.flatMap({ SectionDefinition.Kind(rawValue: $0.text) }) else {
                invalid("sections", "object", node)
                continue
            }
            sections.append(SectionDefinition(id: id, kind: kind))
        }
        var fields: [FieldDefinition] = []
        for node in member(root, "fields")?.children ?? [] {
            guard let id = member(node, "id")?.scalar?.text,
                  let type = member(node, "type")?.scalar?.text, Self.fieldTypes.contains(type),
                  let required = member(node, "required")?.scalar, required.kind == .bool,
                  let section = member(node, "section")?.scalar?.text, sections.contains(where: { $0.id == section }) else {
                invalid("fields", "object", node)
                continue
            }
            var range: ValueRange?
            if let node = member(node, "range") {
                range = readRange(node)
                if range == nil { invalid("range", "object", node) }
            }
            var indicatorRanges: [String: ValueRange] = [:]
            for entry in member(node, "rangeByIndicator")?.children ?? [] {
                if let range = readRange(entry) { indicatorRanges[entry.key] = range } else { invalid("rangeByIndicator", "object", entry) }
            }
            fields.append(FieldDefinition(id: id, type: type, required: required.text == "true", section: section,
                                          range: range, indicatorRanges: indicatorRanges))
        }
        let areas = (member(root, "areas")?.children ?? []).compactMap { $0.scalar?.text }
        var criteria: [CriterionDefinition] = []
        for node in member(root, "criteria")?.children ?? [] {
            guard let id = member(node, "id")?.scalar?.text,
                  let area = member(node, "area")?.scalar?.text, areas.contains(area),
                  let core = member(node, "core")?.scalar, core.kind == .bool else {
                invalid("criteria", "object", node)
                continue
            }
            criteria.append(CriterionDefinition(id: id, area: area, core: core.text == "true"))
        }
        var enums: [String: [String]] = [:]
        for node in member(root, "enums")?.children ?? [] {
            enums[node.key] = node.children.compactMap { $0.scalar?.text }
        }
        if sections.isEmpty || fields.isEmpty || criteria.isEmpty {
            invalid(sections.isEmpty ? "sections" : fields.isEmpty ? "fields" : "criteria", "list", root)
            return nil
        }
        return FormDefinition(version: version, sections: sections, fields: fields, areas: areas, criteria: criteria,
                              enums: enums)
    }
}
