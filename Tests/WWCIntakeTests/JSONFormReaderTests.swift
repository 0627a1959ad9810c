import Foundation
import Testing
@testable import WWCIntake

@Suite struct JSONFormReaderTests {
    func read(_ text: String, limits: ReaderLimits = .default) -> ReadResult {
        JSONFormReader(limits: limits).read(Data(text.utf8))
    }

    @Test func keepsNumbersAsExactTextAndPositions() throws {
        let result = read("{\n  \"applicant\": {\"population\": 7181469.50},\n  \"ok\": true\n}")
        let root = try #require(result.document?.root)
        #expect(result.diagnostics.isEmpty)
        let applicant = root.children[0]
        #expect(applicant.path == "/applicant")
        #expect(applicant.location == SourceLocation(line: 2, column: 3))
        let population = applicant.children[0]
        #expect(population.scalar == FormScalar("7181469.50", kind: .number))
        #expect(population.path == "/applicant/population")
        #expect(population.location == SourceLocation(line: 2, column: 17))
        #expect(root.children[1].scalar == FormScalar("true", kind: .bool))
        #expect(root.leafCount == 2)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", DiagnosticCode.jsonMalformed, 1, 9),
        ("{\"a\": 1\n\"b\": 2}", .jsonMalformed, 2, 1),
        ("{\"a\": \"x", .jsonMalformed, 1, 9),
        ("{\"a\": 01}", .jsonMalformed, 1, 8),
        ("{\"a\": \"caf\u{E9}\", \"b\": tru}", .jsonMalformed, 1, 20),
    ])
    func reportsMalformedJSONWithPosition(text: String, code: DiagnosticCode, line: Int, column: Int) {
        let result = read(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == [code])
        #expect(result.diagnostics.first?.line == line)
        #expect(result.diagnostics.first?.column == column)
    }

    @Test func rejectsInvalidUTF8WithPosition() {
        var bytes = Array("{\"city\": \"Bogot".utf8)
        bytes += [0xE1, 0x22, 0x7D]  // Latin-1 á, then "}
        let result = JSONFormReader().read(Data(bytes))
        #expect(result.diagnostics.map(\.code) == [.encodingInvalid])
        #expect(result.diagnostics.first?.column == 16)
    }

    @Test func deepNestingIsRejectedNotRecursed() {
        let text = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let result = read("{\"a\": " + text + "}")
        #expect(result.diagnostics.map(\.code) == [.inputTooDeep])
    }

    @Test func duplicateKeysAreReported() {
        let result = read("{\"city\": \"A\",\n \"city\": \"B\"}")
        #expect(result.diagnostics.map(\.code) == [.fieldDuplicate])
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.document?.root.children.count == 2)
    }

    @Test func unescapesStringsAndSurrogatePairs() throws {
        let result = read(#"{"a": "S\u00ed \ud83d\ude00 \"q\"\n"}"#)
        #expect(try #require(result.document).root.children[0].scalar?.text == "Sí 😀 \"q\"\n")
    }

    struct HostileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: DiagnosticCode
        var line: Int
        var column: Int? = nil
        var limits: ReaderLimits = .default
        var testDescription: String { name }
    }

    static let hostileCases: [HostileCase] = [
        HostileCase(name: "200,000 nested arrays",
                    bytes: Array(("{\n\"a\": " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}").utf8),
                    code: .inputTooDeep, line: 2, column: 69),
        HostileCase(name: "200,000 nested objects",
                    bytes: Array((String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000)).utf8),
                    code: .inputTooDeep, line: 1),
        HostileCase(name: "200,000 nested arrays with the depth limit raised (hard cap 256)",
                    bytes: Array((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8),
                    code: .inputTooDeep, line: 1, column: 257, limits: ReaderLimits(maxDepth: 1_000_000)),
        HostileCase(name: "truncated file", bytes: Array("{\n  \"a\": [1,\n  2".utf8), code: .jsonMalformed, line: 3),
        HostileCase(name: "mismatched brackets", bytes: Array("{\"a\": [1, 2}".utf8), code: .jsonMalformed, line: 1, column: 12),
        HostileCase(name: "invalid UTF-8 in a key", bytes: Array("{\n\"ciudad".utf8) + [0xFF] + Array("\": 1}".utf8),
                    code: .encodingInvalid, line: 2, column: 8),
        HostileCase(name: "overlong UTF-8", bytes: Array("{\"a\": \"".utf8) + [0xC0, 0xAF] + Array("\"}".utf8),
                    code: .encodingInvalid, line: 1, column: 8),
        HostileCase(name: "NUL byte", bytes: Array("{\n\"a\": \"S\u{E3}o".utf8) + [0] + Array("\"}".utf8),
                    code: .encodingInvalid, line: 2, column: 10),
        HostileCase(name: "UTF-16 with BOM", bytes: [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], code: .encodingInvalid, line: 1, column: 1),
        HostileCase(name: "UTF-16 without BOM", bytes: [0x7B, 0x00, 0x7D, 0x00], code: .encodingInvalid, line: 1, column: 1),
        HostileCase(name: "lone surrogate escape", bytes: Array(#"{"a": "\ud800x"}"#.utf8), code: .encodingInvalid, line: 1, column: 8),
        HostileCase(name: "unknown escape", bytes: Array(#"{"a": "caf\u00e9 \q"}"#.utf8), code: .jsonMalformed, line: 1, column: 18),
        HostileCase(name: "10 MB single value",
                    bytes: Array(("{\n  \"narrative\": \"" + String(repeating: "x", count: 10 << 20) + "\"}").utf8),
                    code: .inputTooLarge, line: 2, column: 16),
        HostileCase(name: "2 MB number", bytes: Array(("{\"n\": " + String(repeating: "1", count: 2 << 20) + "}").utf8),
                    code: .inputTooLarge, line: 1, column: 7),
        HostileCase(name: "input over the byte limit", bytes: Array("{\"a\": \"0123456789\"}".utf8), code: .inputTooLarge,
                    line: 1, limits: ReaderLimits(maxInputBytes: 10)),
        HostileCase(name: "too many nodes", bytes: Array(("{\"a\": [\n" + Array(repeating: "1", count: 20).joined(separator: ",\n") + "]}").utf8),
                    code: .inputTooLarge, line: 10, limits: ReaderLimits(maxNodes: 10)),
        HostileCase(name: "empty input", bytes: [], code: .jsonMalformed, line: 1, column: 1),
        HostileCase(name: "two documents", bytes: Array("{}\n{}".utf8), code: .jsonMalformed, line: 2, column: 1),
        HostileCase(name: "raw newline in a string", bytes: Array("{\"a\": \"x\ny\"}".utf8), code: .jsonMalformed, line: 1, column: 9),
    ]

    @Test(arguments: hostileCases)
    func rejectsHostileInput(_ input: HostileCase) {
        let result = JSONFormReader(limits: input.limits).read(Data(input.bytes))
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == [input.code])
        #expect(result.diagnostics.first?.line == input.line)
        if let column = input.column {
            #expect(result.diagnostics.first?.column == column)
        }
    }

    @Test func utf8BOMIsAcceptedAndColumnsStartAfterIt() throws {
        let result = JSONFormReader().read(Data([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)))
        let root = try #require(result.document?.root)
        #expect(root.location == SourceLocation(line: 1, column: 1))
        #expect(root.children.first?.location == SourceLocation(line: 1, column: 2))
    }

    @Test func arraysAreListsWithIndexedPointers() throws {
        let result = read("{\n \"evidence\": [\"https://a.example\",\n  {\"url\": \"https://b.example\"}],\n \"a/b~c\": null}")
        let root = try #require(result.document?.root)
        let list = root.children[0]
        guard case .list(let items) = list.content else {
            Issue.record("expected a list")
            return
        }
        #expect(list.key == "evidence")
        #expect(list.path == "/evidence")
        #expect(items.map(\.path) == ["/evidence/0", "/evidence/1"])
        #expect(items.map(\.key) == ["evidence", "evidence"])
        #expect(items.map(\.location?.line) == [2, 3])
        #expect(items[1].children.first?.path == "/evidence/1/url")
        #expect(root.children[1].path == "/a~1b~0c")
        #expect(root.children[1].scalar == FormScalar("", kind: .null))
    }

    @Test func duplicateKeysInWideObjectsAreReported() {
        var members = (0..<40).map { "\"k\($0)\": \($0)" }
        members.append("\"k3\": 99")
        let result = read("{" + members.joined(separator: ",\n") + "}")
        #expect(result.diagnostics.map(\.code) == [.fieldDuplicate])
        #expect(result.diagnostics.first?.line == 41)
        #expect(result.diagnostics.first?.arguments["firstLine"] == .number(4))
        #expect(result.diagnostics.first?.path == "/k3")
    }

    @Test func duplicatesInAWideObjectAreFoundAcrossAWideObjectNestedInIt() {
        // Line 1 `{`, lines 2-21 the outer k0…k19, line 22 `"inner": {`, lines 23-42 the
        // inner k0…k19 (the same keys), line 43 `}`, line 44 the outer's second k5, and
        // line 45 the outer's second k17.
        let outer = (0..<20).map { "\"k\($0)\": \($0)" }
        let inner = (0..<20).map { "\"k\($0)\": \($0)" }
        let text = "{\n" + outer.joined(separator: ",\n") + ",\n\"inner\": {\n" + inner.joined(separator: ",\n")
            + "\n},\n\"k5\": 1,\n\"k17\": 2\n}"
        let result = read(text)
        #expect(result.diagnostics.map(\.code) == [.fieldDuplicate, .fieldDuplicate])
        #expect(result.diagnostics.map(\.line) == [44, 45])
        #expect(result.diagnostics.map { $0.arguments["firstLine"] } == [.number(7), .number(19)])
        #expect(result.diagnostics.map(\.path) == ["/k5", "/k17"])
    }

    @Test func escapedAndPlainSpellingsOfAKeyAreOneKey() {
        // `\u0061` is `a`: the same key, so a duplicate, in a small and in a wide object.
        let small = read("{\"a\": 1, \"\\u0061\": 2}")
        #expect(small.diagnostics.map(\.code) == [.fieldDuplicate])
        let members = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let wide = read("{" + members + ", \"\\u006b3\": 3}")
        #expect(wide.diagnostics.map(\.code) == [.fieldDuplicate])
        #expect(wide.diagnostics.first?.path == "/k3")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(read("{\"café\": \"ñandú\", \"b\": 1}").document?.root)
        #expect(root.children.map(\.location?.column) == [2, 19])
    }

    @Test func wideObjectsStayLinearAndKeepOrder() throws {
        let members = (0..<50_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let result = JSONFormReader().read(Data(("{" + members + "}").utf8))
        let root = try #require(result.document?.root)
        #expect(result.diagnostics.isEmpty)
        #expect(root.children.count == 50_000)
        #expect(root.children.last?.path == "/k49999")
    }

    @Test func duplicateDetectionIsByExactBytes() {
        // "año" precomposed and decomposed: the mapper folds spellings, the reader does not.
        let result = read("{\"a\u{F1}o\": 1, \"an\u{303}o\": 2}")
        #expect(result.diagnostics.isEmpty)
        #expect(result.document?.root.children.count == 2)
    }

    @Test func utf16IsNamedAsFoundNotAsExpected() {
        let diagnostic = JSONFormReader().read(Data([0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D])).diagnostics.first
        #expect(diagnostic?.code == .encodingInvalid)
        #expect(diagnostic?.arguments["encoding"] == "UTF-8")
        #expect(diagnostic?.arguments["found"] == "UTF-16")
    }

    /// Nesting lives on the heap (an explicit stack of open containers), so reading the
    /// deepest accepted document — and releasing it — fits a small secondary-thread stack
    /// (512 KiB, what Dispatch and Foundation threads may get) even in a debug build.
    @Test(arguments: [
        (250, [DiagnosticCode]()),
        (200_000, [.inputTooDeep]),
    ])
    func deepNestingFitsASmallThreadStack(levels: Int, codes: [DiagnosticCode]) async {
        let pairs = levels / 2
        let nested = String(repeating: "{\"a\": [", count: pairs) + "1" + String(repeating: "]}", count: pairs)
        let found: [DiagnosticCode] = await withCheckedContinuation { continuation in
            let thread = Thread {
                let result = JSONFormReader(limits: ReaderLimits(maxDepth: 10_000)).read(Data(nested.utf8))
                continuation.resume(returning: result.diagnostics.map(\.code))
            }
            thread.stackSize = 512 << 10
            thread.start()
        }
        #expect(found == codes)
    }
}
