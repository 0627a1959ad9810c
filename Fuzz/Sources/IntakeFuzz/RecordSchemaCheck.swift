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
public final class RecordSchemaCheck {
    let root: JSONValue
    /// Compiled `pattern`s, by pattern (a fuzzer checks thousands of records a second).
    private var expressions: [String: NSRegularExpression?] = [:]

    static let supported: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "format", "examples",
        "type", "required", "properties", "additionalProperties", "propertyNames", "items",
        "const", "enum", "pattern", "minimum", "maximum", "minLength",
    ]

    public convenience init(contentsOf url: URL) throws {
        guard let root = JSONValue.parse(try Data(contentsOf: url), limits: ReaderLimits(maxInputBytes: 1 << 24)).value else {
            throw FuzzHarness.SetupError(message: "\(url.path) is not JSON")
        }
        try self.init(schema: root)
    }

    public init(schema: JSONValue) throws {
        root = schema
        if let unsupported = Self.unsupportedKeyword(in: schema) {
            throw FuzzHarness.SetupError(message: "schema keyword \(unsupported) is not implemented by RecordSchemaCheck")
        }
    }

    static func unsupportedKeyword(in schema: JSONValue) -> String? {
        guard case .object(let members) = schema else { return nil }
        for member in members {
            guard supported.contains(member.key) else { return member.key }
            switch member.key {
            case "properties", "$defs":
                if case .object(let children) = member.value {
                    for child in children { if let found = unsupportedKeyword(in: child.value) { return found } }
                }
            case "items", "propertyNames", "additionalProperties":
                if let found = unsupportedKeyword(in: member.value) { return found }
            default: break
            }
        }
        return nil
    }

    /// Every violation as `path: what`, empty when the value is valid.
    public func violations(of value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, at: "", into: &found)
        return found
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into found: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): not allowed") }
            return
        }
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference) else {
                found.append("\(path): unresolved \(reference)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let type = schema["type"] {
            let names: [String] = switch type {
            case .string(let name): [name]
            case .array(let items): items.compactMap(\.stringValue)
            default: []
            }
            if !names.contains(where: { Self.value(value, hasType: $0) }) { found.append("\(path): not \(names.joined(separator: "|"))") }
        }
        if let constant = schema["const"], !Self.equal(constant, value) { found.append("\(path): not the constant") }
        if case .array(let options)? = schema["enum"], !options.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): not one of the enum")
        }
        if case .string(let text) = value {
            if let minLength = schema["minLength"]?.integerValue, text.unicodeScalars.count < minLength {
                found.append("\(path): shorter than \(minLength)")
            }
            if let pattern = schema["pattern"]?.stringValue, !matches(text, pattern) {
                found.append("\(path): does not match \(pattern)")
            }
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum { found.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum { found.append("\(path): above \(maximum)") }
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for name in required.compactMap(\.stringValue) where !members.contains(where: { $0.key == name }) {
                    found.append("\(path)/\(name): required")
                }
            }
            let properties = schema["properties"]
            for member in members {
                if let names = schema["propertyNames"] {
                    check(.string(member.key), against: names, at: path + "/" + member.key, into: &found)
                }
                if let property = properties?[member.key] {
                    check(member.value, against: property, at: path + "/" + member.key, into: &found)
                } else if let additional = schema["additionalProperties"] {
                    check(member.value, against: additional, at: path + "/" + member.key, into: &found)
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
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

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
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
