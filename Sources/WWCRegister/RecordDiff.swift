import Foundation
import WWCIntake

/// One difference between two versions' records: a JSON Pointer path and the scalar text on
/// each side (nil where the path does not exist on that side).
package struct RecordChange: Sendable, Hashable {
    package var path: String
    package var old: String?
    package var new: String?

    package init(path: String, old: String?, new: String?) {
        self.path = path
        self.old = old
        self.new = new
    }
}

/// The differences between two stored records, leaf by leaf, in the newer record's order
/// (then paths only the older one has). Arrays compare by index, which is what staff read:
/// "criteria/3/status went from in_progress to met".
package enum RecordDiff {
    package static func changes(old: String, new: String) -> [RecordChange] {
        let before = leaves(of: JSONValue.parse(Data(old.utf8)).value ?? .null)
        let after = leaves(of: JSONValue.parse(Data(new.utf8)).value ?? .null)
        let oldValues = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let newPaths = Set(after.map(\.0))
        var changes: [RecordChange] = []
        for (path, value) in after where oldValues[path] != value {
            changes.append(RecordChange(path: path, old: oldValues[path], new: value))
        }
        for (path, value) in before where !newPaths.contains(path) {
            changes.append(RecordChange(path: path, old: value, new: nil))
        }
        return changes
    }

    /// Every scalar with its JSON Pointer (RFC 6901), in document order. Empty containers count
    /// as leaves (`[]`, `{}`) so a list emptied between versions still shows.
    static func leaves(of value: JSONValue, path: String = "") -> [(String, String)] {
        switch value {
        case .object(let members):
            if members.isEmpty { return [(path, "{}")] }
            return members.flatMap { leaves(of: $0.value, path: path + "/" + escape($0.key)) }
        case .array(let items):
            if items.isEmpty { return [(path, "[]")] }
            return items.enumerated().flatMap { leaves(of: $0.element, path: path + "/\($0.offset)") }
        case .null: return [(path, "null")]
        case .bool(let flag): return [(path, flag ? "true" : "false")]
        case .integer(let number): return [(path, String(number))]
        case .rawNumber(let text), .string(let text): return [(path, text)]
        }
    }

    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
