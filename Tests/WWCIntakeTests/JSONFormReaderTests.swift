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
}
