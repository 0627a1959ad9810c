import Foundation
import Testing
@testable import WWCIntake

@Suite struct ReaderScreeningTests {
    @Test(arguments: [
        ("<a x=\"1\" y = '2' z=3>", 2, false),  // z=3 is malformed, not an attribute (the precise scan may overcount)
        ("<a x=\"1\" y='2'/>", 2, false),
        ("<a x=\"1\" y='2' z=\"3\"/>", 2, true),
        ("<a>k=v&amp;j=w " + String(repeating: "=", count: 5_000) + "</a>", 2, false),  // precise scan: text only
        ("<a " + (0..<5_000).map { "x\($0)=\"\"" }.joined(separator: " ") + "/>", 4_999, true),
        ("<a " + (0..<5_000).map { "x\($0)=\"\"" }.joined(separator: " ") + "/>", 5_000, false),
    ] as [(String, Int, Bool)])
    func attributeCountAgainstTheLimit(xml: String, limit: Int, rejected: Bool) {
        let diagnostic = Array(xml.utf8).withUnsafeBytes { InputScreening.tooManyAttributes($0, limit: limit) }
        #expect((diagnostic?.code == .inputTooLarge) == rejected)
        let precise = Array(xml.utf8).withUnsafeBytes { InputScreening.preciseAttributeScan($0, limit: limit) }
        if rejected { #expect(precise != nil) }  // never undercounts
    }

    @Test(arguments: [
        ("ab\ncd\u{0}", 2, 3),
        ("\u{0}", 1, 1),
        ("é\u{0}", 1, 2),
    ])
    func nulByteIsEncodingInvalidWithPosition(text: String, line: Int, column: Int) {
        let diagnostic = Array(text.utf8).withUnsafeBytes {
            InputScreening.screen($0, limits: .default, allowsNUL: false)
        }
        #expect(diagnostic?.code == .encodingInvalid)
        #expect(diagnostic?.location == SourceLocation(line: line, column: column))
    }

    @Test func doctypeLineIsFoundInUTF16Too() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\"?>\n\n<!DOCTYPE a>\n<a/>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(bytes.withUnsafeBytes { InputScreening.doctypeLine(in: $0) } == 3)
        let result = XMLFormReader().read(Data(bytes))
        #expect(result.diagnostics.map(\.code) == [.xmlDTDForbidden])
        #expect(result.diagnostics.first?.line == 3)
    }
}
