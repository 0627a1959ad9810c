import Foundation
import Testing
@testable import WWCIntake

/// Tree shape, keys, paths, lines and encodings of well-formed XML.
@Suite struct XMLFormReaderTests {
    func read(_ text: String) throws -> FormDocument {
        let result = XMLFormReader().read(Data(text.utf8))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.document)
    }

    func read(bytes: [UInt8]) throws -> FormDocument {
        let result = XMLFormReader().read(Data(bytes))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.document)
    }

    @Test func sectionsScalarsPathsAndLines() throws {
        let document = try read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <solicitud xml:lang="es-MX">
              <solicitante>
                <nombre_ciudad>Monterrey</nombre_ciudad>
                <poblacion unidad="habitantes">1.142.994</poblacion>
              </solicitante>
              <vacio/>
            </solicitud>
            """)
        #expect(document.format == .xml)
        #expect(document.declaredLocale == "es-MX")
        let root = document.root
        #expect(root.key == "solicitud")
        #expect(root.path == "/solicitud")
        #expect(root.location == SourceLocation(line: 2, column: 1))
        #expect(root.attributes.isEmpty)
        #expect(root.children.map(\.key) == ["solicitante", "vacio"])
        let applicant = root.children[0]
        #expect(applicant.children.map(\.key) == ["nombre ciudad", "poblacion"])
        #expect(applicant.children.map(\.path) == ["/solicitud/solicitante/nombre_ciudad", "/solicitud/solicitante/poblacion"])
        #expect(applicant.children.map(\.location?.line) == [4, 5])
        #expect(applicant.children[0].scalar == FormScalar("Monterrey"))
        let population = applicant.children[1]
        #expect(population.scalar?.text == "1.142.994")
        #expect(population.attributes.map(\.key) == ["unidad"])
        #expect(population.attributes.map(\.path) == ["/solicitud/solicitante/poblacion/@unidad"])
        #expect(population.attributes.first?.scalar == FormScalar("habitantes"))
        #expect(population.attributes.first?.location?.line == 5)
        #expect(root.children[1].scalar == FormScalar(""))
        #expect(root.leafCount == 4)
    }

    @Test(arguments: [
        ("<x id=\"DM1\" label=\"L\" name=\"N\">v</x>", "DM1"),
        ("<x label=\"Población\" name=\"N\">v</x>", "Población"),
        ("<x name=\"Nom de la ville\">v</x>", "Nom de la ville"),
        ("<nom_de_la_ville>v</nom_de_la_ville>", "nom de la ville"),
        ("<x id=\"\" label=\"Ciudad\">v</x>", "Ciudad"),
        ("<nombre_ciudad name=\"\">v</nombre_ciudad>", "nombre ciudad"),
        ("<f:nombre_ciudad xmlns:f=\"urn:x\">v</f:nombre_ciudad>", "nombre ciudad"),
    ])
    func keyComesFromIdLabelNameThenLocalName(xml: String, key: String) throws {
        let root = try read("<form>" + xml + "</form>").root
        #expect(root.children.map(\.key) == [key])
        // Key attributes and namespace declarations are not values.
        #expect(root.children[0].attributes.isEmpty)
    }

    @Test func repeatedKeysFormAListAtTheFirstPosition() throws {
        let root = try read("""
            <form>
              <url>https://a.example</url>
              <city>Lyon</city>
              <url>https://b.example</url>
              <item name="url">https://c.example</item>
              <country>FR</country>
            </form>
            """).root
        #expect(root.children.map(\.key) == ["url", "city", "country"])
        let list = root.children[0]
        guard case .list(let items) = list.content else {
            Issue.record("expected a list, got \(list.content)")
            return
        }
        #expect(list.path == "/form/url[1]")
        #expect(list.location?.line == 2)
        #expect(items.map(\.scalar?.text) == ["https://a.example", "https://b.example", "https://c.example"])
        #expect(items.map(\.path) == ["/form/url[1]", "/form/url[2]", "/form/item"])
        #expect(items.map(\.location?.line) == [2, 4, 5])
        #expect(items.allSatisfy { $0.key == "url" })
    }

    /// Distinct element names give distinct keys, so the reader skips grouping when no name
    /// repeats; these are the ways keys repeat with distinct names, which must still group.
    @Test(arguments: [
        ("<form xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"><a:x>1</a:x><y>2</y><b:x>3</b:x></form>", ["x", "y"], ["1", "3"]),
        ("<form xmlns:a=\"urn:a\"><a:x>1</a:x><y>2</y><x>3</x></form>", ["x", "y"], ["1", "3"]),
        ("<form><x>1</x><y>2</y><z label=\"x\">3</z></form>", ["x", "y"], ["1", "3"]),
        ("<form><w id=\"x\">1</w><y>2</y><x>3</x></form>", ["x", "y"], ["1", "3"]),
        ("<form><x_y>1</x_y><y>2</y><z name=\"x y\">3</z></form>", ["x y", "y"], ["1", "3"]),
    ])
    func keysRepeatingUnderDistinctNamesStillFormAList(xml: String, keys: [String], listed: [String]) throws {
        let root = try read(xml).root
        #expect(root.children.map(\.key) == keys)
        #expect(root.children[0].children.map(\.scalar?.text) == listed)
    }

    @Test func sameNameSiblingsGetIndexesDownTheirSubtrees() throws {
        let root = try read("""
            <criteria>
              <criterion id="DM1" level="core"><status>Sí</status></criterion>
              <criterion id="DM2"><status>No</status></criterion>
            </criteria>
            """).root
        #expect(root.children.map(\.key) == ["DM1", "DM2"])
        #expect(root.children.map(\.path) == ["/criteria/criterion[1]", "/criteria/criterion[2]"])
        #expect(root.children[0].children.map(\.path) == ["/criteria/criterion[1]/status"])
        #expect(root.children[0].attributes.map(\.path) == ["/criteria/criterion[1]/@level"])
        #expect(root.children[1].children.map(\.path) == ["/criteria/criterion[2]/status"])
    }

    @Test func mixedTextIsKeptBesideChildren() throws {
        let root = try read("<nota>\n  Ver anexo\n  <url>https://x.example</url>\n</nota>").root
        #expect(root.children.map(\.key) == ["#text", "url"])
        #expect(root.children[0].scalar?.text == "\n  Ver anexo\n  ")
        #expect(root.children[0].path == "/nota/text()[1]")
        #expect(root.children[0].location?.line == 2)
    }

    @Test func mixedTextRunsBetweenChildrenKeepTheirLines() throws {
        let root = try read("<a>x<b/>\n\n  y\n<c/>z</a>").root
        #expect(root.children.map(\.key) == ["#text", "b", "c"])
        guard case .list(let runs) = root.children[0].content else {
            Issue.record("expected the text runs as a list")
            return
        }
        #expect(runs.map(\.scalar?.text) == ["x", "\n\n  y\n", "z"])
        #expect(runs.map(\.location?.line) == [1, 3, 4])
        #expect(runs.map(\.path) == ["/a/text()[1]", "/a/text()[2]", "/a/text()[3]"])
    }

    @Test func textIsRawWithEntitiesAndCDATADecoded() throws {
        let root = try read("<a><b>  R&amp;D &#233;t&#xE9; &lt;x&gt; </b><c><![CDATA[<no> & markup]]></c><d>  </d></a>").root
        #expect(root.children.map(\.scalar?.text) == ["  R&D été <x> ", "<no> & markup", "  "])
    }

    /// SAX2 without entity substitution hands `&` over as `&#38;`; the value must be the text.
    @Test func attributeValuesAreDecoded() throws {
        let root = try read("<a><b note=\"R&amp;D &lt;x&gt; &#233;t&#xE9; &#38;&#38; &quot;q&quot; &apos;s&apos;\" id=\"I&amp;D\">1</b></a>").root
        let b = try #require(root.children.first)
        #expect(b.key == "I&D")
        #expect(b.attributes.first?.scalar?.text == "R&D <x> été && \"q\" 's'")
    }

    @Test(arguments: [
        ("<form xml:lang=\"pt-BR\"/>", "pt-BR"),
        ("<form lang=\"fr-CA\"/>", "fr-CA"),
        ("<form lang=\"fr-CA\" xml:lang=\"fr-FR\"/>", "fr-FR"),
        ("<form><a xml:lang=\"en\">x</a></form>", nil),
    ] as [(String, String?)])
    func declaredLocaleComesFromTheRoot(xml: String, locale: String?) throws {
        #expect(try read(xml).declaredLocale == locale)
    }

    @Test func langOnInnerElementsIsAnAttributeValue() throws {
        let root = try read("<form><a xml:lang=\"en\">x</a></form>").root
        #expect(root.children[0].attributes.map(\.key) == ["lang"])
        #expect(root.children[0].attributes.map(\.path) == ["/form/a/@xml:lang"])
    }

    @Test func latin1DeclaredIsDecoded() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ciudad>Bogot".utf8) + [0xE1, 0x20, 0x63, 0x61, 0x66, 0xE9]
            + Array("</ciudad>".utf8)
        let document = try read(bytes: bytes)
        #expect(document.root.scalar?.text == "Bogotá café")
        #expect(document.root.location?.line == 2)
    }

    @Test func windows1252DeclaredIsDecoded() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<monto>".utf8) + [0x80, 0x20, 0x93, 0x61, 0x94]
            + Array("</monto>".utf8)
        #expect(try read(bytes: bytes).root.scalar?.text == "€ \u{201C}a\u{201D}")
    }

    @Test(arguments: [true, false])
    func utf16WithBOMIsDecoded(littleEndian: Bool) throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<form>\n<cidade>São Paulo</cidade>\n</form>"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let root = try read(bytes: bytes).root
        #expect(root.children.first?.scalar?.text == "São Paulo")
        #expect(root.children.first?.location?.line == 3)
    }

    @Test func utf8BOMIsAccepted() throws {
        #expect(try read(bytes: [0xEF, 0xBB, 0xBF] + Array("<a>x</a>".utf8)).root.scalar?.text == "x")
    }

    @Test func commentsAndProcessingInstructionsAreIgnored() throws {
        let root = try read("<?xml version=\"1.0\"?>\n<!-- c -->\n<a><?pi x?><b>1</b><!-- d --></a>").root
        #expect(root.children.map(\.key) == ["b"])
    }

    @Test func linesPastSixtyFiveThousandStayRight() throws {
        let text = "<a>" + String(repeating: "\n", count: 70_000) + "<b>x</b></a>"
        #expect(try read(text).root.children.first?.location?.line == 70_001)
    }

    @Test func wideElementsStayLinear() throws {
        let children = (0..<30_000).map { "<f\($0)>\($0)</f\($0)>" }.joined() + "<f7>again</f7>"
        let root = try read("<form>" + children + "</form>").root
        #expect(root.children.count == 30_000)
        #expect(root.children[7].path == "/form/f7[1]")
        guard case .list(let items) = root.children[7].content else {
            Issue.record("expected f7 twice as a list")
            return
        }
        #expect(items.map(\.path) == ["/form/f7[1]", "/form/f7[2]"])
        #expect(items.map(\.scalar?.text) == ["7", "again"])
    }

    @Test func manyEqualsSignsInTextAreNotAttributes() throws {
        // Over the attribute limit in `=` bytes, but all in text: the precise scan must pass it.
        let text = String(repeating: "a=b ", count: 1_000)
        let root = try read("<form><b x=\"1\" y='2'>" + text + "</b></form>").root
        #expect(root.children.first?.attributes.map(\.key) == ["x", "y"])
        #expect(root.children.first?.scalar?.text == text)
    }
}

/// XML nodes are located like JSON members: line and column (in characters) of the `<` of the
/// start tag, mixed-content text at its first non-blank character.
@Suite struct XMLColumnTests {
    @Test func elementsTextAndAttributesHaveColumns() throws {
        let text = "<?xml version=\"1.0\"?>\n<solicitud>\n  <solicitante><año>2024</año>\n"
            + "      <población\n        unidad=\"hab\">1</población>\n  </solicitante>\n"
            + "  <nota>antes <b>x</b>  después</nota>\n</solicitud>\n"
        let result = XMLFormReader().read(Data(text.utf8))
        let root = try #require(result.document?.root)
        #expect(root.location == SourceLocation(line: 2, column: 1))
        let applicant = root.children[0]
        #expect(applicant.location == SourceLocation(line: 3, column: 3))
        // `<año>` after `  <solicitante>`: 15 characters before it.
        #expect(applicant.children[0].location == SourceLocation(line: 3, column: 16))
        // A start tag over two lines is located where it starts.
        let population = applicant.children[1]
        #expect(population.location == SourceLocation(line: 4, column: 7))
        #expect(population.attributes.first?.location == SourceLocation(line: 4, column: 7))
        let note = root.children[1]
        #expect(note.location == SourceLocation(line: 7, column: 3))
        // Two text runs share the key `#text`, so they come as one list.
        let runs = note.children.filter { $0.key == "#text" }.flatMap { node -> [FormNode] in
            if case .list(let items) = node.content { return items }
            return [node]
        }
        #expect(runs.map(\.location) == [SourceLocation(line: 7, column: 9), SourceLocation(line: 7, column: 25)])
    }

    @Test func utf16AndByteOrderMarkCountCharacters() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>\n\t<ñandú>1</ñandú><b>2</b>\n</a>\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let utf16 = try #require(XMLFormReader().read(Data(bytes)).document?.root)
        #expect(utf16.children.map(\.location) == [SourceLocation(line: 3, column: 2), SourceLocation(line: 3, column: 18)])
        let bom = try #require(XMLFormReader().read(Data([0xEF, 0xBB, 0xBF] + Array("<a><b>1</b></a>".utf8))).document?.root)
        #expect(bom.location == SourceLocation(line: 1, column: 1))
        #expect(bom.children.first?.location == SourceLocation(line: 1, column: 4))
    }

    @Test func doctypeIsLocatedWithItsColumn() {
        let result = XMLFormReader().read(Data("<?xml version=\"1.0\"?>\n  <!DOCTYPE a [<!ENTITY x \"y\">]>\n<a/>".utf8))
        #expect(result.diagnostics.first?.code == .xmlDTDForbidden)
        #expect(result.diagnostics.first?.location == SourceLocation(line: 2, column: 3))
    }
}
