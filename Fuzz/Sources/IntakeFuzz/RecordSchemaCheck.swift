import Foundation
import WWCIntake

/// Checks a JSON value against `canonical-application.schema.json` in process, for the fuzz
/// `convert` target: calling the reference validator (Python `jsonschema`, which the tests use)
/// would cost more than a conversion per input. It implements the keywords that schema uses —
/// `type`, `required`, `properties`, `additionalProperties: false`, `propertyNames`, `items`,
/// `const`, `enum`, `pattern`, `minimum`, `maximum`, `minLength`, local `$ref` — and refuses
/// to load a schema with any other validation keyword, so a schema change cannot make it
/// silently lenient. (`format` is an annotation here, as in draft 2020-12 by default.) The
/// tests hold it to the reference validator's verdict on the samples and on broken records.
package final class RecordSchemaCheck {
    /// The schema compiled into plain objects. Not kept as a `JSONValue`: LeakSanitizer cannot
    /// follow an indirect enum's tagged pointers from a long-lived object, and reports the
    /// whole tree as leaked when the fuzzer exits.
    final class Node {
        var reference: String?
        var types: [String]?
        var constants: Set<String>?
        var required: [String] = []
        var properties: [String: Node] = [:]
        var additional: Node?
        var forbidsAdditional = false
        var propertyNames: Node?
        var items: Node?
        var pattern: String?
        var minimum: Decimal?
        var maximum: Decimal?
        var minLength: Int?
    }

    private let root: Node
    private var definitions: [String: Node] = [:]
    /// Compiled `pattern`s, by pattern (a fuzzer checks thousands of records a second).
    private var expressions: [String: NSRegularExpression?] = [:]

    static let supported: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "format", "examples",
        "type", "required", "properties", "additionalProperties", "propertyNames", "items",
        "const", "enum", "pattern", "minimum", "maximum", "minLength",
    ]

    package convenience init(contentsOf url: URL) throws {
        guard let root = JSONValue.parse(try Data(contentsOf: url), limits: ReaderLimits(maxInputBytes: 1 << 24)).value else {
            throw FuzzHarness.SetupError(message: "\(url.path) is not JSON")
        }
        try self.init(schema: root)
    }

    package init(schema: JSONValue) throws {
        root = try Self.compile(schema)
        if case .object(let members)? = schema["$defs"] {
            for member in members { definitions["#/$defs/" + member.key] = try Self.compile(member.value) }
        }
    }

    static func compile(_ schema: JSONValue) throws -> Node {
        let node = Node()
        if case .bool(let allowed) = schema {
            if !allowed { node.constants = [] }
            return node
        }
        guard case .object(let members) = schema else { throw FuzzHarness.SetupError(message: "a schema must be an object") }
        for member in members {
            let value = member.value
            switch member.key {
            case "$ref": node.reference = value.stringValue
            case "type":
                node.types = switch value {
                case .string(let name): [name]
                case .array(let items): items.compactMap(\.stringValue)
                default: []
                }
            case "const": node.constants = [value.serialized()]
            case "enum":
                if case .array(let options) = value { node.constants = Set(options.map { $0.serialized() }) }
            case "required":
                if case .array(let names) = value { node.required = names.compactMap(\.stringValue) }
            case "properties":
                if case .object(let properties) = value {
                    for property in properties { node.properties[property.key] = try compile(property.value) }
                }
            case "additionalProperties":
                if case .bool(let allowed) = value { node.forbidsAdditional = !allowed } else { node.additional = try compile(value) }
            case "propertyNames": node.propertyNames = try compile(value)
            case "items": node.items = try compile(value)
            case "pattern": node.pattern = value.stringValue
            case "minimum": node.minimum = number(value)
            case "maximum": node.maximum = number(value)
            case "minLength": node.minLength = value.integerValue
            case let key where supported.contains(key): break
            default: throw FuzzHarness.SetupError(message: "schema keyword \(member.key) is not implemented by RecordSchemaCheck")
            }
        }
        return node
    }

    /// Every violation as `path: what`, empty when the value is valid.
    package func violations(of value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, at: "", into: &found)
        return found
    }

    private func check(_ value: JSONValue, against schema: Node, at path: String, into found: inout [String]) {
        if let reference = schema.reference {
            guard let target = definitions[reference] else {
                found.append("\(path): unresolved \(reference)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let names = schema.types, !names.contains(where: { Self.value(value, hasType: $0) }) {
            found.append("\(path): not \(names.joined(separator: "|"))")
        }
        if let constants = schema.constants, !constants.contains(value.serialized()) { found.append("\(path): not an allowed value") }
        if case .string(let text) = value {
            if let minLength = schema.minLength, text.unicodeScalars.count < minLength {
                found.append("\(path): shorter than \(minLength)")
            }
            if let pattern = schema.pattern, !matches(text, pattern) {
                found.append("\(path): does not match \(pattern)")
            }
        }
        if let number = Self.number(value) {
            if let minimum = schema.minimum, number < minimum { found.append("\(path): below \(minimum)") }
            if let maximum = schema.maximum, number > maximum { found.append("\(path): above \(maximum)") }
        }
        if case .object(let members) = value {
            for name in schema.required where !members.contains(where: { $0.key == name }) {
                found.append("\(path)/\(name): required")
            }
            for member in members {
                if let names = schema.propertyNames {
                    check(.string(member.key), against: names, at: path + "/" + member.key, into: &found)
                }
                if let property = schema.properties[member.key] {
                    check(member.value, against: property, at: path + "/" + member.key, into: &found)
                } else if schema.forbidsAdditional {
                    found.append("\(path)/\(member.key): not allowed")
                } else if let additional = schema.additional {
                    check(member.value, against: additional, at: path + "/" + member.key, into: &found)
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema.items {
            for (index, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)/\(index)", into: &found) }
        }
    }

    static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("integer", .integer), ("number", .integer), ("number", .rawNumber): true
        case ("integer", .rawNumber(let text)): Decimal(string: text).map { $0 == $0.rounded() } ?? false
        default: false
        }
    }

    static func number(_ value: JSONValue) -> Decimal? {
        switch value {
        case .integer(let integer): Decimal(integer)
        case .rawNumber(let text): Decimal(string: text)
        default: nil
        }
    }

    /// `pattern` is an ECMA-262 regular expression, unanchored; the schema's are within what
    /// `NSRegularExpression` reads the same way.
    private func matches(_ text: String, _ pattern: String) -> Bool {
        if expressions[pattern] == nil { expressions[pattern] = .some(try? NSRegularExpression(pattern: pattern)) }
        guard let expression = expressions[pattern] ?? nil else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
