/// Writes a catalog file in its one canonical form: header (`catalog`, `locale`, `version`,
/// `identical` when not empty), then the sections in `CatalogEntry.sections` order, entries
/// in file order, two-space indentation, a final newline.
///
/// Why canonical: translators' tools rewrite catalogs (`intake catalog import`), and a
/// rewrite that changes nothing must leave the file byte-identical, so diffs show only real
/// translation changes. The shipped catalogs are already in this form (a test asserts it).
enum CatalogWriter {
    static func serialize(_ file: CatalogFile) -> String {
        var members: [JSONValue.Member] = [
            .init("catalog", .string(CatalogFile.formatID)),
            .init("locale", .string(file.locale)),
            .init("version", .string(file.version)),
        ]
        if !file.identical.isEmpty {
            members.append(.init("identical", .array(file.identical.map(JSONValue.string))))
        }
        let present = Set(file.sections).union(file.entries.map(\.section))
        for section in CatalogEntry.sections where present.contains(section) {
            let entries = file.entries.filter { $0.section == section }
            if section == "answers" {
                var enums: [String] = []
                var values: [String: [JSONValue.Member]] = [:]
                for entry in entries {
                    let name = entry.name
                    let dot = name.firstIndex(of: ".") ?? name.endIndex
                    let enumName = String(name[..<dot])
                    let value = dot < name.endIndex ? String(name[name.index(after: dot)...]) : ""
                    if values[enumName] == nil { enums.append(enumName) }
                    values[enumName, default: []].append(.init(value, json(entry.value)))
                }
                members.append(.init(section, .object(enums.map { .init($0, .object(values[$0]!)) })))
            } else {
                members.append(.init(section, .object(entries.map { .init($0.name, json($0.value)) })))
            }
        }
        return JSONValue.object(members).serialized(pretty: true) + "\n"
    }

    static func json(_ value: CatalogEntry.Value) -> JSONValue {
        switch value {
        case .text(let text): .string(text)
        case .list(let items): .array(items.map(JSONValue.string))
        }
    }
}
