import Foundation

extension CanonicalApplication {
    /// The record's JSON text, rendering each diagnostic's message with `message` (the
    /// catalogs, in the chosen language). One writer serves both this and `serializedUTF8`,
    /// so the members' schema order is spelled out once, in `write(to:messages:)`.
    public func serialized(pretty: Bool = false, message: (Diagnostic) -> String) -> String {
        String(decoding: serializedUTF8(pretty: pretty, messages: diagnostics.map(message)), as: UTF8.self)
    }

    /// The record's JSON text as UTF-8, members in the schema's order, written straight into a
    /// byte buffer (building a `JSONValue` tree first cost a sixth of writing a record).
    /// `messages[i]` is the rendered message of `diagnostics[i]`, so a caller that already
    /// rendered them for stderr renders each once. A line break is appended when `newline` is set.
    public func serializedUTF8(pretty: Bool, messages: [String], newline: Bool = false) -> [UInt8] {
        precondition(messages.count == diagnostics.count, "one message per diagnostic")
        // Records run 5–30 KB; narratives dominate.
        var output = JSONOutput(pretty: pretty, capacity: 32 * 1024)
        write(to: &output, messages: messages)
        if newline { output.appendRaw(0x0A) }
        return output.bytes
    }

    /// Writes the record, members in the schema's order, into `output`.
    func write(to output: inout JSONOutput, messages: [String]) {
        precondition(messages.count == diagnostics.count, "one message per diagnostic")
        output.beginObject()
        output.key("schema")
        output.string(Self.schemaID)
        output.key("source")
        output.beginObject()
        output.member("file", source.file)
        output.member("format", source.format.rawValue)
        output.member("sha256", source.sha256)
        output.key("declaredLocale")
        if let declared = source.declaredLocale { output.string(declared) } else { output.null() }
        output.member("locale", source.locale)
        output.member("localeSource", source.localeSource.rawValue)
        if let export = source.export {
            output.key("export")
            output.beginObject()
            output.member("system", export.system.rawValue)
            for member in ExportSystem.Member.allCases { output.member(member.rawValue, export[member]) }
            output.endObject()
        }
        output.endObject()
        output.key("submission")
        output.beginObject()
        output.member("date", submissionDate)
        output.endObject()
        output.key("applicant")
        output.beginObject()
        output.member("city", applicant.city)
        output.member("region", applicant.region)
        output.member("country", applicant.country)
        output.member("population", applicant.population)
        output.member("populationYear", applicant.populationYear)
        output.member("website", applicant.website)
        output.key("contact")
        output.beginObject()
        output.member("name", applicant.contact.name)
        output.member("title", applicant.contact.title)
        output.member("email", applicant.contact.email)
        output.member("phone", applicant.contact.phone)
        output.endObject()
        output.endObject()
        if let money = budgetDataAnnual {
            output.key("budget")
            output.beginObject()
            output.key("dataAnnual")
            money.write(to: &output)
            output.endObject()
        }
        output.key("criteria")
        output.beginObject()
        for criterion in criteria {
            output.key(criterion.id)
            criterion.write(to: &output)
        }
        output.endObject()
        output.key("outcomes")
        output.beginArray()
        for outcome in outcomes { outcome.write(to: &output) }
        output.endArray()
        output.key("unmapped")
        output.beginArray()
        for entry in unmapped { entry.write(to: &output) }
        output.endArray()
        output.key("diagnostics")
        output.beginArray()
        for (diagnostic, message) in zip(diagnostics, messages) { diagnostic.write(to: &output, message: message) }
        output.endArray()
        output.endObject()
    }

    /// Reads a canonical record back (for `intake score` on a record). Only the members that
    /// scoring and round trips need are required; unknown members are ignored.
    public init(json: JSONValue) throws(CanonicalRecordError) {
        guard case .string(Self.schemaID)? = json["schema"] else {
            throw CanonicalRecordError(member: "schema")
        }
        let source = json["source"]
        guard let format = source?["format"]?.stringValue.flatMap(SourceFormat.init(rawValue:)),
              let locale = source?["locale"]?.stringValue else {
            throw CanonicalRecordError(member: "source")
        }
        self.init(source: Source(
            file: source?["file"]?.stringValue, format: format, sha256: source?["sha256"]?.stringValue ?? "",
            declaredLocale: source?["declaredLocale"]?.stringValue, locale: locale,
            localeSource: source?["localeSource"]?.stringValue.flatMap(LocaleSource.init(rawValue:)) ?? .declared))
        if let export = source?["export"], let system = export["system"]?.stringValue.flatMap(Export.System.init(rawValue:)) {
            var values = Export(system: system)
            for member in ExportSystem.Member.allCases { values[member] = export[member.rawValue]?.stringValue }
            self.source.export = values
        }
        submissionDate = json["submission"]?["date"]?.stringValue
        let applicantJSON = json["applicant"]
        applicant.city = applicantJSON?["city"]?.stringValue
        applicant.region = applicantJSON?["region"]?.stringValue
        applicant.country = applicantJSON?["country"]?.stringValue
        applicant.population = applicantJSON?["population"]?.integerValue
        applicant.populationYear = applicantJSON?["populationYear"]?.integerValue
        applicant.website = applicantJSON?["website"]?.stringValue
        let contact = applicantJSON?["contact"]
        applicant.contact = Contact(name: contact?["name"]?.stringValue, title: contact?["title"]?.stringValue,
                                    email: contact?["email"]?.stringValue, phone: contact?["phone"]?.stringValue)
        if let money = json["budget"]?["dataAnnual"], let amount = money["amount"]?.stringValue,
           let currency = money["currency"]?.stringValue {
            budgetDataAnnual = Money(amount: amount, currency: currency)
        }
        if case .object(let members)? = json["criteria"] {
            criteria = try members.map { member throws(CanonicalRecordError) in
                let written = member.value["status"]?.stringValue
                guard let status = written.flatMap(Status.init(rawValue:)) else {
                    throw CanonicalRecordError(member: "criteria.\(member.key).status", value: written,
                                               expected: Status.allCases.map(\.rawValue))
                }
                var evidence: [String]?
                if case .array(let items)? = member.value["evidence"] { evidence = items.compactMap(\.stringValue) }
                return Criterion(id: member.key, status: status, since: member.value["since"]?.stringValue,
                                 evidence: evidence, narrative: member.value["narrative"]?.stringValue)
            }
        }
        if case .array(let items)? = json["outcomes"] {
            outcomes = items.map { item in
                Outcome(indicator: item["indicator"]?.stringValue.flatMap(Indicator.init(rawValue:)),
                        value: item["value"]?.stringValue, year: item["year"]?.integerValue,
                        baseline: item["baseline"]?.stringValue, baselineYear: item["baselineYear"]?.integerValue,
                        target: item["target"]?.stringValue, sdg: item["sdg"]?.integerValue,
                        description: item["description"]?.stringValue)
            }
        }
    }
}

/// A canonical record that lacks a member scoring needs, or has it in the wrong shape.
public struct CanonicalRecordError: Error, Sendable, Hashable {
    public var member: String
    /// The value written there when it is present but not one of `expected` (a status
    /// `"maybe"`): an unknown answer, not a missing one.
    public var value: String?
    public var expected: [String]?

    public init(member: String, value: String? = nil, expected: [String]? = nil) {
        self.member = member
        self.value = value
        self.expected = expected
    }
}

extension CanonicalApplication.Money {
    func write(to output: inout JSONOutput) {
        output.beginObject()
        output.member("amount", amount)
        output.member("currency", currency)
        output.endObject()
    }
}

extension CanonicalApplication.Criterion {
    func write(to output: inout JSONOutput) {
        output.beginObject()
        output.member("status", status?.rawValue)
        output.member("since", since)
        if let evidence {
            output.key("evidence")
            output.beginArray()
            for item in evidence { output.string(item) }
            output.endArray()
        }
        output.member("narrative", narrative)
        output.endObject()
    }
}

extension CanonicalApplication.Outcome {
    func write(to output: inout JSONOutput) {
        output.beginObject()
        output.member("indicator", indicator?.rawValue)
        output.member("value", value)
        output.member("year", year)
        output.member("baseline", baseline)
        output.member("baselineYear", baselineYear)
        output.member("target", target)
        output.member("sdg", sdg)
        output.member("description", description)
        output.endObject()
    }
}

extension CanonicalApplication.Unmapped {
    func write(to output: inout JSONOutput) {
        output.beginObject()
        output.member("path", path)
        output.member("key", key)
        output.member("value", value)
        output.member("line", location?.line)
        output.member("column", location?.column)
        output.endObject()
    }
}

extension Diagnostic {
    /// The diagnostic as the schema's `diagnostic` object, with its rendered message.
    public func json(message: String) -> JSONValue {
        .object([
            "severity": .string(severity.rawValue),
            "code": .string(code.rawValue),
            "message": .string(message),
            "file": file.map(JSONValue.string),
            "path": path.map(JSONValue.string),
            "field": field.map(JSONValue.string),
            "line": line.map(JSONValue.integer),
            "column": column.map(JSONValue.integer),
            "value": value.map(JSONValue.string),
        ])
    }

    /// Writes the same object as `json(message:)` into `output`.
    func write(to output: inout JSONOutput, message: String) {
        output.beginObject()
        output.member("severity", severity.rawValue)
        output.member("code", code.rawValue)
        output.member("message", message)
        output.member("file", file)
        output.member("path", path)
        output.member("field", field)
        output.member("line", line)
        output.member("column", column)
        output.member("value", value)
        output.endObject()
    }
}

extension JSONValue {
    public var stringValue: String? {
        switch self {
        case .string(let text), .rawNumber(let text): text
        case .integer(let value): String(value)
        default: nil
        }
    }

    public var integerValue: Int? {
        switch self {
        case .integer(let value): value
        case .rawNumber(let text), .string(let text): Int(text)
        default: nil
        }
    }

    /// Parses JSON text with the position-tracking reader (so errors carry line and column).
    public static func parse(_ data: Data, limits: ReaderLimits = .default) -> (value: JSONValue?, diagnostics: [Diagnostic]) {
        let result = JSONFormReader(limits: limits).read(data)
        guard let root = result.document?.root, !result.diagnostics.contains(where: { $0.severity == .error }) else {
            return (nil, result.diagnostics)
        }
        return (JSONValue(node: root), result.diagnostics)
    }

    /// Converts a JSON-read form tree back to a value (numbers stay exact text).
    init(node: FormNode) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: self = .string(scalar.text)
            case .number: self = Int(scalar.text).map(JSONValue.integer) ?? .rawNumber(scalar.text)
            case .bool: self = .bool(scalar.text == "true")
            case .null: self = .null
            }
        case .section(let members): self = .object(members.map { Member($0.key, JSONValue(node: $0)) })
        case .list(let items): self = .array(items.map(JSONValue.init(node:)))
        }
    }
}
