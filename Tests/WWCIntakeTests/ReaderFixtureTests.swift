import Foundation
import Testing
@testable import WWCIntake

/// The committed files in `Fixtures/reading/`: real encoded and hostile documents as a person
/// would send them, read through the facade exactly as the command line does.
@Suite struct ReaderFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reading")

    func read(_ name: String) throws -> ReadResult {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let format = try #require(FormReader.format(forPath: name, data: data))
        return FormReader.read(data, format: format)
    }

    @Test(arguments: [
        ("xxe.xml", DiagnosticCode.xmlDTDForbidden, 2),
        ("billion-laughs.xml", .xmlDTDForbidden, 2),
        ("windows-1252-undefined-byte.xml", .encodingInvalid, 3),
        ("mismatched-tags.xml", .xmlMalformed, 3),
    ])
    func rejects(file: String, code: DiagnosticCode, line: Int) throws {
        let result = try read(file)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == [code])
        #expect(result.diagnostics.first?.line == line)
    }

    @Test func latin1FileIsDecoded() throws {
        let document = try #require(try read("latin1-declared.xml").document)
        #expect(document.declaredLocale == "es-CO")
        #expect(document.root.children.map(\.scalar?.text) == ["Bogotá", "Participación ciudadana y evaluación"])
        #expect(document.root.children.map(\.location?.line) == [3, 4])
    }

    @Test func utf16FileWithBOMIsDecoded() throws {
        let document = try #require(try read("utf16le-bom.xml").document)
        #expect(document.declaredLocale == "pt-BR")
        #expect(document.root.children.first?.scalar?.text == "São Paulo")
        #expect(document.root.children.first?.location?.line == 3)
    }
}
