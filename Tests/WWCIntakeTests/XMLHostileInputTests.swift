import Foundation
import Testing
@testable import WWCIntake

/// Hostile and broken XML: each input must end in one diagnostic with the exact code and line,
/// quickly and without a document. Inputs are generated here so their size is visible.
@Suite struct XMLHostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: DiagnosticCode
        var line: Int
        var column: Int? = nil
        var limits: ReaderLimits = .default
        var testDescription: String { name }
    }

    static let declaration = "<?xml version=\"1.0\"?>\n"

    static let billionLaughs: String = {
        var text = declaration + "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        return text + "]>\n<lolz>&lol9;</lolz>\n"
    }()

    static let quadraticBlowup: String = {
        declaration + "<!DOCTYPE kaboom [\n<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">\n]>\n<kaboom>"
            + String(repeating: "&a;", count: 50_000) + "</kaboom>\n"
    }()

    static let cases: [Case] = [
        Case(name: "external entity (XXE)",
             bytes: Array((declaration + "<!DOCTYPE foo [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<foo>&xxe;</foo>\n").utf8),
             code: .xmlDTDForbidden, line: 2),
        Case(name: "external DTD id only",
             bytes: Array((declaration + "\n<!DOCTYPE foo SYSTEM \"file:///etc/passwd\">\n<foo>a</foo>\n").utf8),
             code: .xmlDTDForbidden, line: 3),
        Case(name: "internal subset without entities",
             bytes: Array((declaration + "<!DOCTYPE foo [ <!ELEMENT foo (#PCDATA)> ]>\n<foo>a</foo>\n").utf8),
             code: .xmlDTDForbidden, line: 2),
        Case(name: "billion laughs", bytes: Array(billionLaughs.utf8), code: .xmlDTDForbidden, line: 2),
        Case(name: "quadratic blow-up", bytes: Array(quadraticBlowup.utf8), code: .xmlDTDForbidden, line: 2),
        Case(name: "200,000 nested elements",
             bytes: Array((declaration + String(repeating: "<a>", count: 200_000) + String(repeating: "</a>", count: 200_000)).utf8),
             code: .inputTooDeep, line: 2),
        Case(name: "depth beyond libxml2's own 256 when the caller raises the limit",
             bytes: Array((declaration + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)).utf8),
             code: .inputTooDeep, line: 2, limits: ReaderLimits(maxDepth: 1_000)),
        Case(name: "truncated file", bytes: Array("<a>\n <b>x</b>\n <c>".utf8), code: .xmlMalformed, line: 3),
        Case(name: "mismatched tags", bytes: Array("<a>\n <b>x</c>\n</a>".utf8), code: .xmlMalformed, line: 2, column: 10),
        Case(name: "invalid UTF-8", bytes: Array("<a>\n <b>Bogot".utf8) + [0xE1] + Array("</b>\n</a>".utf8),
             code: .encodingInvalid, line: 2, column: 10),
        Case(name: "NUL byte", bytes: Array("<a>\n <b>São".utf8) + [0x00] + Array("</b>\n</a>".utf8),
             code: .encodingInvalid, line: 2, column: 8),
        Case(name: "byte undefined in windows-1252",
             bytes: Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>\n<b>x".utf8) + [0x81] + Array("</b></a>".utf8),
             code: .encodingInvalid, line: 3, column: 5),
        Case(name: "byte undefined in Shift_JIS",
             bytes: Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<a>\n".utf8) + [0x81, 0x20] + Array("</a>".utf8),
             code: .encodingInvalid, line: 3, column: 1),
        Case(name: "8-bit byte in a document declared US-ASCII",
             bytes: Array("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<a>\nx".utf8) + [0xE9] + Array("</a>".utf8),
             code: .encodingInvalid, line: 3, column: 2),
        Case(name: "UTF-8 BOM contradicting a declared Latin-1",
             bytes: [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf\u{E9}</a>".utf8),
             code: .encodingInvalid, line: 1),
        Case(name: "declared UTF-16 without BOM, UTF-8 content",
             bytes: Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>x</a>".utf8), code: .encodingInvalid, line: 1),
        Case(name: "lone surrogate in UTF-16",
             bytes: [0xFF, 0xFE, 0x3C, 0, 0x61, 0, 0x3E, 0, 0x00, 0xD8, 0x41, 0, 0x3C, 0, 0x2F, 0, 0x61, 0, 0x3E, 0],
             code: .encodingInvalid, line: 1, column: 4),
        Case(name: "NUL character in UTF-16",
             bytes: [0xFF, 0xFE, 0x3C, 0, 0x61, 0, 0x3E, 0, 0, 0, 0x3C, 0, 0x2F, 0, 0x61, 0, 0x3E, 0],
             code: .encodingInvalid, line: 1),
        Case(name: "unknown declared encoding",
             bytes: Array("<?xml version=\"1.0\" encoding=\"x-klingon\"?>\n<a/>".utf8),
             code: .encodingInvalid, line: 1),
        Case(name: "10 MB single value (reported at its element)",
             bytes: Array(("<a>\n<b>\n" + String(repeating: "x", count: 10 << 20) + "</b></a>").utf8),
             code: .inputTooLarge, line: 2),
        Case(name: "2 MB single value (over the 1 MiB value limit)",
             bytes: Array(("<a>\n<b>" + String(repeating: "x", count: 2 << 20) + "</b></a>").utf8),
             code: .inputTooLarge, line: 2),
        Case(name: "2 MB attribute value",
             bytes: Array(("<a>\n<b note=\"" + String(repeating: "x", count: 2 << 20) + "\">1</b></a>").utf8),
             code: .inputTooLarge, line: 2),
        Case(name: "input over the byte limit", bytes: Array("<a>0123456789</a>".utf8), code: .inputTooLarge, line: 1,
             limits: ReaderLimits(maxInputBytes: 10)),
        Case(name: "too many nodes",
             bytes: Array(("<a>\n" + String(repeating: "<b>1</b>\n", count: 20) + "</a>").utf8),
             code: .inputTooLarge, line: 11, limits: ReaderLimits(maxNodes: 10)),
        Case(name: "200,000 attributes on one element (libxml2 2.9 checks duplicates pairwise)",
             bytes: Array(("<a>\n<b " + (0..<200_000).map { "x\($0)=\"1\"" }.joined(separator: " ") + "/></a>").utf8),
             code: .inputTooLarge, line: 2),
        Case(name: "attributes with '>' inside values still counted",
             bytes: Array(("<a>\n\n<b " + (0..<300).map { "x\($0)=\">\"" }.joined(separator: " ") + "/></a>").utf8),
             code: .inputTooLarge, line: 3),
        Case(name: "a stray quote in a comment does not hide the attributes after it",
             bytes: Array(("<a>\n<!-- it's -->\n<b " + (0..<300).map { "x\($0)=\"1\"" }.joined(separator: " ") + "/></a>").utf8),
             code: .inputTooLarge, line: 3),
        Case(name: "200,000 namespace declarations on one element",
             bytes: Array(("<a " + (0..<200_000).map { "xmlns:p\($0)=\"urn:\($0)\"" }.joined(separator: " ") + "/>").utf8),
             code: .inputTooLarge, line: 1),
        Case(name: "undeclared entity", bytes: Array("<a>\n&foo;</a>".utf8), code: .xmlMalformed, line: 2),
        Case(name: "control character", bytes: Array("<a>\n\u{1}</a>".utf8), code: .xmlMalformed, line: 2),
        Case(name: "undefined namespace prefix", bytes: Array("<a>\n<p:b>x</p:b></a>".utf8), code: .xmlMalformed, line: 2),
        Case(name: "two roots", bytes: Array("<a/>\n<b/>".utf8), code: .xmlMalformed, line: 2),
        Case(name: "empty input", bytes: [], code: .xmlMalformed, line: 1),
        Case(name: "whitespace only", bytes: Array(" \n ".utf8), code: .xmlMalformed, line: 1),
    ]

    @Test(arguments: cases)
    func rejects(_ input: Case) {
        let result = XMLFormReader(limits: input.limits).read(Data(input.bytes))
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == [input.code])
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.line == input.line)
        if let column = input.column {
            #expect(result.diagnostics.first?.column == column)
        }
    }

    @Test func malformedCarriesLibXMLMessageAndColumn() throws {
        let result = XMLFormReader().read(Data("<a>\n <b>x</c>\n</a>".utf8))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.arguments["detail"] == .text("Opening and ending tag mismatch: b line 2 and c"))
    }

    /// The catalogs say "The text is not valid {encoding}": name the encoding in force.
    @Test(arguments: [
        (Array("<a>Bogot".utf8) + [0xE1] + Array("</a>".utf8), "UTF-8"),
        (Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>".utf8) + [0x81] + Array("</a>".utf8), "WINDOWS-1252"),
        (Array("<?xml version='1.0' encoding='US-ASCII'?><a>".utf8) + [0xE9] + Array("</a>".utf8), "US-ASCII"),
        (Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>x".utf8) + [0] + Array("</a>".utf8), "ISO-8859-1"),
        ([0xFF, 0xFE, 0x3C, 0, 0x61, 0, 0x3E, 0, 0x00, 0xD8, 0x41, 0, 0x3C, 0, 0x2F, 0, 0x61, 0, 0x3E, 0], "UTF-16LE"),
    ] as [([UInt8], String)])
    func encodingFindingsNameTheEncoding(bytes: [UInt8], encoding: String) {
        let diagnostic = XMLFormReader().read(Data(bytes)).diagnostics.first
        #expect(diagnostic?.code == .encodingInvalid)
        #expect(diagnostic?.arguments["encoding"] == .text(encoding))
    }

    @Test func truncatedFileSaysWhatIsMissing() throws {
        let result = XMLFormReader().read(Data("<solicitud>\n <ciudad>Lyon</ciudad>\n <pais>Fr".utf8))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .xmlMalformed)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.arguments["detail"] == "Premature end of data")
        #expect(diagnostic.arguments["expected"] == "</pais>")
    }

    @Test func twoRootsKeepLibXMLsMessage() throws {
        let diagnostic = try #require(XMLFormReader().read(Data("<a/>\n<b/>".utf8)).diagnostics.first)
        #expect(diagnostic.arguments["detail"] == "Extra content at the end of the document")
        #expect(diagnostic.arguments["expected"] == nil)
    }

    /// Errors go to a per-thread handler: parallel reads must each get their own finding.
    @Test func parallelReadsKeepTheirOwnErrors() {
        let inputs: [(String, DiagnosticCode)] = [
            ("<a>\n<b></c></a>", .xmlMalformed),
            ("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>\u{81}</a>", .xmlMalformed),
            ("<!DOCTYPE a SYSTEM \"x\"><a/>", .xmlDTDForbidden),
            ("<a><b>ok</b></a>", "none"),
        ]
        let results = Mutex(Array(repeating: [DiagnosticCode](), count: 64))
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let (text, _) = inputs[index % inputs.count]
            var bytes = Array(text.utf8)
            if index % inputs.count == 1 {
                // A raw 0x81 (undefined in windows-1252), not the UTF-8 encoding of U+0081.
                bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>".utf8) + [0x81] + Array("</a>".utf8)
            }
            let codes = XMLFormReader().read(Data(bytes)).diagnostics.map(\.code)
            results.withLock { $0[index] = codes }
        }
        let expected: [[DiagnosticCode]] = [[.xmlMalformed], [.encodingInvalid], [.xmlDTDForbidden], []]
        results.withLock { all in
            for (index, codes) in all.enumerated() {
                #expect(codes == expected[index % expected.count], "read \(index)")
            }
        }
    }
}

/// A tiny lock for collecting results from `concurrentPerform` in tests.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
