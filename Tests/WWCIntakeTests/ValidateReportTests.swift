import Foundation
import Testing
@testable import WWCIntake

/// The text report's pieces: source line excerpts, diagnostic blocks, `--strict`, `--max-errors`
/// and the JSON entry of `intake validate`.
@Suite struct ValidateReportTests {
    // MARK: Source lines

    @Test func caretUnderTheColumnCountsCharactersNotBytes() throws {
        let data = Data("{\n  \"Población\": \"7.181,46x\"\n}\n".utf8)
        let excerpt = try #require(ReportSourceLine(data: data, line: 2, column: 16))
        #expect(excerpt.text == "  \"Población\": \"7.181,46x\"")
        #expect(excerpt.caret == String(repeating: " ", count: 15) + "^")
    }

    @Test func tabsInTheLineAreKeptInTheCaretPadding() throws {
        let data = Data("<a>\n\t\t<b>x</b>\n".utf8)
        let excerpt = try #require(ReportSourceLine(data: data, line: 2, column: 3))
        #expect(excerpt.text == "\t\t<b>x</b>")
        #expect(excerpt.caret == "\t\t^")
    }

    @Test func withoutAColumnTheWholeContentIsUnderlined() throws {
        let data = Data("<a>\n    <poblacion>7</poblacion>  \n</a>".utf8)
        let excerpt = try #require(ReportSourceLine(data: data, line: 2, column: nil))
        #expect(excerpt.text == "    <poblacion>7</poblacion>  ")
        #expect(excerpt.caret == "    ^" + String(repeating: "~", count: 23))
    }

    @Test func crlfLineEndsAreNotShown() throws {
        let data = Data("a\r\nbcd\r\n".utf8)
        let excerpt = try #require(ReportSourceLine(data: data, line: 2, column: 2))
        #expect(excerpt.text == "bcd")
        #expect(excerpt.caret == " ^")
    }

    @Test func latin1BytesAreOneCharacterEach() throws {
        // "Município" in ISO-8859-1: í is the single byte 0xED.
        var bytes = Array("<m>Munic".utf8)
        bytes.append(0xED)
        bytes.append(contentsOf: Array("pio</m>".utf8))
        let excerpt = try #require(ReportSourceLine(data: Data(bytes), line: 1, column: 10))
        #expect(excerpt.text == "<m>Município</m>")
        #expect(excerpt.caret == "         ^")
    }

    @Test func utf16FilesAreDecoded() throws {
        let text = "<a>\n  <ciudad>Bogotá</ciudad>\n</a>"
        var data = Data([0xFF, 0xFE])
        data.append(try #require(text.data(using: .utf16LittleEndian)))
        let excerpt = try #require(ReportSourceLine(data: data, line: 2, column: 3))
        #expect(excerpt.text == "  <ciudad>Bogotá</ciudad>")
        #expect(excerpt.caret == "  ^")
    }

    @Test func hugeLinesAreCutToAWindowAroundTheColumn() throws {
        let line = String(repeating: "a", count: 5_000) + "X" + String(repeating: "b", count: 5_000)
        let excerpt = try #require(ReportSourceLine(data: Data(line.utf8), line: 1, column: 5_001))
        #expect(excerpt.text.hasPrefix("…"))
        #expect(excerpt.text.hasSuffix("…"))
        #expect(excerpt.text.count <= ReportSourceLine.maxWidth + 2)
        // The caret still points at the X.
        let caretOffset = try #require(excerpt.caret.firstIndex(of: "^")).utf16Offset(in: excerpt.caret)
        let shown = Array(excerpt.text)
        #expect(shown[caretOffset] == "X")
    }

    @Test func aColumnAtTheEndOfAHugeLineStillShowsAFullWindow() throws {
        let line = String(repeating: "a", count: 10_000) + "\\q\""
        let excerpt = try #require(ReportSourceLine(data: Data(line.utf8), line: 1, column: 10_001))
        #expect(excerpt.text.count == ReportSourceLine.maxWidth + 1)
        #expect(excerpt.text.hasPrefix("…") && excerpt.text.hasSuffix("\\q\""))
        let caretOffset = try #require(excerpt.caret.firstIndex(of: "^")).utf16Offset(in: excerpt.caret)
        #expect(Array(excerpt.text)[caretOffset] == "\\")
    }

    @Test func aHugeLineWithoutAColumnShowsItsStart() throws {
        let line = "  " + String(repeating: "z", count: 100_000)
        let excerpt = try #require(ReportSourceLine(data: Data(line.utf8), line: 1, column: nil))
        #expect(excerpt.text.count == ReportSourceLine.maxWidth + 1)
        #expect(excerpt.text.hasSuffix("…"))
        #expect(excerpt.caret.hasPrefix("  ^~"))
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let data = Data("<a>\u{1B}[31mred\u{07}</a>".utf8)
        let excerpt = try #require(ReportSourceLine(data: data, line: 1, column: 4))
        #expect(!excerpt.text.contains("\u{1B}"))
        #expect(!excerpt.text.contains("\u{07}"))
        #expect(excerpt.text == "<a>\u{FFFD}[31mred\u{FFFD}</a>")
        #expect(excerpt.caret == "   ^")
    }

    @Test(arguments: [0, 3, 4, 99])
    func linesThatDoNotExistGiveNoExcerpt(line: Int) {
        #expect(ReportSourceLine(data: Data("a\nb\n".utf8), line: line, column: 1) == nil)
    }

    @Test func blankLinesGiveNoExcerpt() {
        #expect(ReportSourceLine(data: Data("a\n   \nb".utf8), line: 2, column: 1) == nil)
    }

    @Test func oneIndexServesManyLines() throws {
        let file = ReportSourceFile(data: Data("one\ntwo\nthree".utf8))
        #expect(file.line(1, column: 1)?.text == "one")
        #expect(file.line(3, column: 5)?.caret == "    ^")
        #expect(file.line(4, column: 1) == nil)
    }

    // MARK: Text blocks

    @Test func blockFollowsTheCompilerConvention() {
        var diagnostic = Diagnostic.error(.numberInvalid, location: SourceLocation(line: 2, column: 16))
        diagnostic.file = "forms/bogota.json"
        let source = ReportSourceLine(data: Data("{\n  \"Población\": \"7.181,46x\"\n}".utf8), line: 2, column: 16)
        let text = ReportText.block(diagnostic, message: "“7.181,46x” no es un número", source: source)
        #expect(text == """
            forms/bogota.json:2:16: error: “7.181,46x” no es un número [number.invalid]
                  "Población": "7.181,46x"
                               ^

            """)
    }

    @Test func blockWithoutLineNamesThePathAndShowsNoSource() {
        var diagnostic = Diagnostic.error(.fieldRequired, path: "/solicitud")
        diagnostic.file = "a.xml"
        #expect(ReportText.block(diagnostic, message: "falta", source: nil)
            == "a.xml: error: falta [field.required] (at /solicitud)\n")
    }

    @Test func colorsOnlyWhenAsked() {
        var diagnostic = Diagnostic.warning(.fieldUnknown, location: SourceLocation(line: 3, column: 1))
        diagnostic.file = "a.json"
        let plain = ReportText.block(diagnostic, message: "m", source: nil, colors: false)
        let colored = ReportText.block(diagnostic, message: "m", source: nil, colors: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
        #expect(plain == "a.json:3:1: warning: m [field.unknown]\n")
    }

    @Test func messagesQuotingHostileValuesAreSanitized() {
        let diagnostic = Diagnostic.error(.numberInvalid)
        let text = ReportText.block(diagnostic, message: "“\u{1B}]0;pwned\u{07}” no", source: nil)
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasPrefix("<input>: error: “\u{FFFD}]0;pwned\u{FFFD}” no"))
    }

    @Test func aMessageWithLineBreaksStaysOnOneLine() {
        let text = ReportText.block(Diagnostic.error(.xmlMalformed), message: "bad tag\nat line 3\r\n", source: nil)
        #expect(text == "<input>: error: bad tag at line 3 [xml.malformed]\n")
    }

    // MARK: Strictness, cap, JSON

    private func sample() -> [Diagnostic] {
        [
            .error(.numberInvalid, location: SourceLocation(line: 4, column: 5)),
            .warning(.fieldUnknown, location: SourceLocation(line: 9, column: 3)),
        ]
    }

    @Test func warningsAloneLeaveAFormValid() {
        var tally = ReportTally(policy: ReportPolicy())
        let entry = tally.entry(file: "a.json", diagnostics: [.warning(.numberAmbiguous)])
        #expect(entry.isValid)
        #expect(tally.allValid)
        #expect(tally.warnings == 1 && tally.errors == 0)
    }

    @Test func strictTurnsWarningsIntoErrorsAndKeepsTheirCodes() {
        var tally = ReportTally(policy: ReportPolicy(strict: true))
        let entry = tally.entry(file: "a.json", diagnostics: [.warning(.numberAmbiguous)])
        #expect(!entry.isValid)
        #expect(entry.diagnostics.map(\.severity) == [.error])
        #expect(entry.diagnostics.map(\.code) == [.numberAmbiguous])
        #expect(!tally.allValid)
        #expect(tally.summaryArguments == ["errors": 1, "warnings": 0, "files": 1])
    }

    @Test func theCapCountsOverTheWholeRunAndValidityIgnoresIt() {
        var tally = ReportTally(policy: ReportPolicy(maxShown: 3))
        let first = tally.entry(file: "a.json", diagnostics: sample())
        let second = tally.entry(file: "b.json", diagnostics: sample())
        let third = tally.entry(file: "c.json", diagnostics: sample())
        #expect([first.shownCount, second.shownCount, third.shownCount] == [Int]([2, 1, 0]))
        #expect(!third.isValid)
        #expect(tally.isTruncated)
        #expect(tally.truncationArguments == ["shown": 3, "total": 6])
        #expect(tally.summaryArguments == ["errors": 3, "warnings": 3, "files": 3])
        #expect(tally.invalidFiles == 3)
    }

    @Test func noCapNoTruncation() {
        var tally = ReportTally(policy: ReportPolicy())
        _ = tally.entry(file: "a.json", diagnostics: sample())
        #expect(!tally.isTruncated)
        #expect(tally.shown == 2)
    }

    @Test func jsonEntryHasTheSpecShape() {
        var diagnostics = sample()
        for index in diagnostics.indices { diagnostics[index].file = "a.json" }
        let entry = ReportEntry(file: "a.json", diagnostics: diagnostics)
        let json = entry.json { "msg \($0.code)" }.serialized()
        #expect(json == #"{"file":"a.json","valid":false,"diagnostics":["#
            + #"{"severity":"error","code":"number.invalid","message":"msg number.invalid","file":"a.json","line":4,"column":5},"#
            + #"{"severity":"warning","code":"field.unknown","message":"msg field.unknown","file":"a.json","line":9,"column":3}]}"#)
    }

    @Test func jsonEntrySaysHowManyWereLeftOut() {
        let entry = ReportEntry(file: "a.json", diagnostics: sample(), shownCount: 1)
        let json = entry.json { _ in "m" }
        #expect(json["truncated"] == .integer(1))
        #expect(json["valid"] == .bool(false))
        guard case .array(let shown)? = json["diagnostics"] else {
            Issue.record("no diagnostics array")
            return
        }
        #expect(shown.count == 1)
    }

    @Test func validEntryHasAnEmptyList() {
        let json = ReportEntry(file: "ok.xml", diagnostics: []).json { _ in "" }
        #expect(json.serialized() == #"{"file":"ok.xml","valid":true,"diagnostics":[]}"#)
    }
}
