import Foundation
import Testing
@testable import WWCIntake

/// The SARIF 2.1.0 adapter: shape, rules, locations, and validity against the official schema
/// (OASIS errata 01 text, shipped in the fixtures).
@Suite struct SARIFLogTests {
    static let schema = JSONSchemaCheck.fixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json")
    let base = URL(fileURLWithPath: "/work/project")

    private func entries() -> [ReportEntry] {
        var invalid = Diagnostic.error(.numberInvalid, arguments: ["value": "7.181,46x"], path: "/solicitud/solicitante/poblacion",
                                       field: "applicant.population", location: SourceLocation(line: 9, column: nil),
                                       value: "7.181,46x")
        invalid.file = "samples/invalid/es number.xml"
        var unknown = Diagnostic.warning(.fieldUnknown, arguments: ["key": "Observaciones"], path: "/Observaciones",
                                         location: SourceLocation(line: 8, column: 3))
        unknown.file = "/work/project/samples/invalid/es-field-unknown.json"
        var required = Diagnostic.error(.fieldRequired, arguments: ["field": "applicant.contact.email"],
                                        field: "applicant.contact.email")
        required.file = "/elsewhere/form.json"
        return [
            ReportEntry(file: "samples/invalid/es number.xml", diagnostics: [invalid]),
            ReportEntry(file: "/work/project/samples/invalid/es-field-unknown.json", diagnostics: [unknown]),
            ReportEntry(file: "/elsewhere/form.json", diagnostics: [required]),
            ReportEntry(file: "samples/en/austin.json", diagnostics: []),
        ]
    }

    private func log(truncation: String? = nil) -> JSONValue {
        SARIFLog(toolVersion: "0.1.0", baseDirectory: base, language: "es").log(
            entries: entries(),
            rule: { SARIFLog.RuleText(short: "corto \($0)", full: "largo \($0)") },
            message: { "mensaje \($0.code)" },
            truncation: truncation)
    }

    @Test func validatesAgainstTheSARIFSchema() throws {
        let errors = try JSONSchemaCheck.errors(schema: Self.schema,
                                                documents: [log().serialized(), log(truncation: "3 de 9").serialized()])
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func schemaCheckCanFail() throws {
        // A log without `version` must be rejected, or the check above proves nothing.
        let broken = JSONValue.object(["runs": .array([])]).serialized()
        let errors = try JSONSchemaCheck.errors(schema: Self.schema, documents: [broken])
        #expect(!errors.isEmpty)
    }

    @Test func oneRunWithTheDriverAndOneRulePerCode() throws {
        let run = try #require(runs(log()).first)
        let driver = try #require(run["tool"]?["driver"])
        #expect(driver["name"] == .string("intake"))
        #expect(driver["version"] == .string("0.1.0"))
        guard case .array(let rules)? = driver["rules"] else {
            Issue.record("no rules")
            return
        }
        #expect(rules.map { $0["id"] } == [.string("field.required"), .string("field.unknown"), .string("number.invalid")])
        #expect(rules[2]["shortDescription"]?["text"] == .string("corto number.invalid"))
        #expect(rules[2]["fullDescription"]?["text"] == .string("largo number.invalid"))
        #expect(rules[2]["name"] == .string("NumberInvalid"))
        #expect(rules[1]["defaultConfiguration"]?["level"] == .string("warning"))
        #expect(run["language"] == .string("es"))
    }

    @Test func resultsCarryRuleLevelMessageAndLocations() throws {
        let run = try #require(runs(log()).first)
        guard case .array(let results)? = run["results"] else {
            Issue.record("no results")
            return
        }
        #expect(results.count == 3)
        let first = results[0]
        #expect(first["ruleId"] == .string("number.invalid"))
        #expect(first["ruleIndex"] == .integer(2))
        #expect(first["level"] == .string("error"))
        #expect(first["message"]?["text"] == .string("mensaje number.invalid"))
        let location = try #require(array(first["locations"])?.first)
        let physical = try #require(location["physicalLocation"])
        #expect(physical["artifactLocation"]?["uri"] == .string("samples/invalid/es%20number.xml"))
        #expect(physical["artifactLocation"]?["uriBaseId"] == .string("SRCROOT"))
        #expect(physical["region"] == .object(["startLine": .integer(9)]))
        let logical = try #require(array(location["logicalLocations"])?.first)
        #expect(logical["fullyQualifiedName"] == .string("/solicitud/solicitante/poblacion"))
        #expect(logical["name"] == .string("poblacion"))
        #expect(logical["kind"] == .string("element"))
        #expect(first["properties"]?["field"] == .string("applicant.population"))

        let second = results[1]
        #expect(second["level"] == .string("warning"))
        let secondPhysical = try #require(array(second["locations"])?.first?["physicalLocation"])
        #expect(secondPhysical["artifactLocation"]?["uri"] == .string("samples/invalid/es-field-unknown.json"))
        #expect(secondPhysical["region"] == .object(["startLine": .integer(8), "startColumn": .integer(3)]))

        // Outside the base folder: an absolute file URI, no base id, no region without a line.
        let third = try #require(array(results[2]["locations"])?.first?["physicalLocation"])
        #expect(third["artifactLocation"] == .object(["uri": .string("file:///elsewhere/form.json")]))
        #expect(third["region"] == nil)
    }

    @Test func truncationIsANotification() throws {
        let run = try #require(runs(log(truncation: "3 de 9 mostrados")).first)
        let invocation = try #require(array(run["invocations"])?.first)
        let notification = try #require(array(invocation["toolExecutionNotifications"])?.first)
        #expect(notification["message"]?["text"] == .string("3 de 9 mostrados"))
        let plain = try #require(runs(log()).first)
        #expect(array(plain["invocations"])?.first?["toolExecutionNotifications"] == nil)
    }

    @Test func onlyShownDiagnosticsBecomeResults() throws {
        var diagnostic = Diagnostic.error(.dateInvalid, location: SourceLocation(line: 1, column: 1))
        diagnostic.file = "a.json"
        let entry = ReportEntry(file: "a.json", diagnostics: [diagnostic, diagnostic], shownCount: 1)
        let log = SARIFLog(toolVersion: "0.1.0", baseDirectory: base, language: "en")
            .log(entries: [entry], rule: { SARIFLog.RuleText(short: $0.rawValue, full: $0.rawValue) }, message: { _ in "m" })
        #expect(array(runs(log).first?["results"])?.count == 1)
    }

    private func runs(_ log: JSONValue) -> [JSONValue] {
        array(log["runs"]) ?? []
    }

    private func array(_ value: JSONValue?) -> [JSONValue]? {
        guard case .array(let items)? = value else { return nil }
        return items
    }
}
