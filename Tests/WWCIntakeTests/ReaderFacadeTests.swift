import Foundation
import Testing
@testable import WWCIntake

@Suite struct ReaderFacadeTests {
    @Test(arguments: [
        ("form.xml", "{}", SourceFormat.xml),
        ("FORM.JSON", "<a/>", .json),
        ("form.txt", "  \n<solicitud/>", .xml),
        ("form", "\u{FEFF}{\"a\": 1}", .json),
        ("form", "[1]", .json),
    ] as [(String, String, SourceFormat)])
    func formatFromExtensionElseContent(path: String, text: String, format: SourceFormat) {
        #expect(FormReader.format(forPath: path, data: Data(text.utf8)) == format)
    }

    @Test func sniffsUTF16WithBOM() {
        var little: [UInt8] = [0xFF, 0xFE]
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in " <a/>".utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(FormReader.format(forPath: "in", data: Data(little)) == .xml)
        #expect(FormReader.format(forPath: "in", data: Data(big)) == .xml)
    }

    @Test(arguments: ["", "   ", "hello", "\u{FEFF}", "# title"])
    func unknownContentHasNoFormat(text: String) {
        #expect(FormReader.format(forPath: "form.dat", data: Data(text.utf8)) == nil)
    }

    @Test func readDispatchesOnFormat() throws {
        let xml = FormReader.read(Data("<a><b>1</b></a>".utf8), format: .xml)
        #expect(xml.document?.format == .xml)
        #expect(xml.document?.root.children.first?.scalar?.text == "1")
        let json = FormReader.read(Data("{\"b\": 1}".utf8), format: .json)
        #expect(json.document?.format == .json)
        #expect(json.document?.root.children.first?.scalar == FormScalar("1", kind: .number))
        let limited = FormReader.read(Data("{\"b\": 1}".utf8), format: .json, limits: ReaderLimits(maxInputBytes: 3))
        #expect(limited.diagnostics.map(\.code) == [.inputTooLarge])
    }
}
