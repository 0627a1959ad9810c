import Foundation

/// A form system whose exports arrive as they come (KoboToolbox, ODK): how to recognize one of
/// its submissions and which of its keys are its own metadata rather than form fields.
///
/// Why data and not code (`locales/exports.json`): these systems add and rename metadata keys
/// over time, and the people who see the new keys in real exports are intake staff, not Swift
/// programmers.
///
/// Names are paths from the form's root as the system writes them: segments joined by `/`
/// (`formhub/uuid`, `meta/instanceID`, whether the JSON wrote one key `meta/instanceID` or an
/// object `meta` holding `instanceID`; XML element names without namespace prefix), and `@name`
/// for an attribute of the XML root (`@version`; `@id` is the root's `id` attribute).
struct ExportSystem: Sendable, Hashable {
    /// The members of the record's `source.export` that a system's metadata can fill, in the
    /// schema's order. `started`, `ended` and `submittedAt` are timestamps.
    enum Member: String, Sendable, Hashable, CaseIterable {
        case formId, formVersion, instanceId, started, ended, submittedAt

        /// Whether the member holds an ISO 8601 date-time as the system wrote it.
        var isTimestamp: Bool { self == .started || self == .ended || self == .submittedAt }
    }

    /// The value of `source.export.system`.
    var system: CanonicalApplication.Export.System
    /// The system's name for people (`KoboToolbox`).
    var name: String
    /// A submission is this system's export when any of these names is present.
    var recognizedBy: [String]
    /// Where each `source.export` member comes from: the first name present with a usable value.
    var values: [Member: [String]]
    /// The system's other keys: kept in `unmapped` without a warning, with everything below them.
    var metadata: Set<String>

    init(system: CanonicalApplication.Export.System, name: String, recognizedBy: [String],
                values: [Member: [String]], metadata: Set<String>) {
        self.system = system
        self.name = name
        self.recognizedBy = recognizedBy
        self.values = values
        self.metadata = metadata
    }
}

/// Reads `locales/exports.json`, reporting every shape problem with its line (as
/// `FormDefinitionReader` does for `form.json`). A missing file means no system is recognized.
struct ExportSystemsReader: DataFileReader {
    static let formatID = "wwc-intake-exports/1"
    static let fileName = "exports.json"

    var file: DataFileReading

    init(url: URL) {
        file = DataFileReading(url: url)
    }

    mutating func read() -> [ExportSystem] {
        guard FileManager.default.fileExists(atPath: file.url.path),
              let root = file.root(header: "exports", formatID: Self.formatID) else { return [] }
        let member = DataFileReading.member
        func texts(_ node: FormNode?) -> [String]? {
            guard let node, case .list(let items) = node.content else { return nil }
            let texts = items.compactMap { $0.scalarKind == .string ? $0.scalar?.text : nil }
            return texts.count == items.count && !texts.contains(where: \.isEmpty) ? texts : nil
        }
        guard let list = member(root, "systems"), case .list(let nodes) = list.content else {
            invalid("systems", "list", member(root, "systems") ?? root)
            return []
        }
        var systems: [ExportSystem] = []
        for node in nodes {
            guard let system = member(node, "system")?.scalar.flatMap({ CanonicalApplication.Export.System(rawValue: $0.text) })
            else {
                invalid("system", .text(CanonicalApplication.Export.System.allCases.map(\.rawValue).joined(separator: " | ")),
                        member(node, "system") ?? node)
                continue
            }
            guard let recognizedBy = texts(member(node, "recognizedBy")), !recognizedBy.isEmpty else {
                invalid("recognizedBy", "list", member(node, "recognizedBy") ?? node)
                continue
            }
            var values: [ExportSystem.Member: [String]] = [:]
            var valid = true
            for entry in member(node, "values")?.children ?? [] {
                guard let name = ExportSystem.Member(rawValue: entry.key), let paths = texts(entry) else {
                    invalid("values", .text(ExportSystem.Member.allCases.map(\.rawValue).joined(separator: " | ")), entry)
                    valid = false
                    continue
                }
                values[name] = paths
            }
            let metadataNode = member(node, "metadata")
            guard let metadata = metadataNode == nil ? [] : texts(metadataNode) else {
                invalid("metadata", "list", member(node, "metadata"))
                continue
            }
            guard valid else { continue }
            systems.append(ExportSystem(system: system, name: member(node, "name")?.scalar?.text ?? system.rawValue,
                                        recognizedBy: recognizedBy, values: values, metadata: Set(metadata)))
        }
        return systems
    }
}
