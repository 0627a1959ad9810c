import Foundation
import Testing
@testable import WWCIntake

/// Inputs the fuzzers (Fuzz/README.md) found, committed under Fixtures/fuzz/ as
/// `TARGET-what-it-broke`; each is replayed here through its target's code path, in the
/// normal build. Fuzz/run.sh also seeds every run with them.
@Suite struct FuzzRegressionTests {
    static let directory = TestCatalogs.repository.appendingPathComponent("Tests/WWCIntakeTests/Fixtures/fuzz")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// What every input must give: a document or an error (never neither), and a conversion
    /// that accepts with a record or rejects with an error.
    @Test(arguments: inputs)
    func replay(name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let target = String(name.prefix { $0 != "-" })
        switch target {
        case "xml", "json":
            let read = FormReader.read(data, format: target == "xml" ? .xml : .json)
            #expect(read.document != nil || read.diagnostics.contains { $0.severity == .error })
        case "value":
            // Byte 0: kind (and JSON scalar type), byte 1: locale, as Fuzz/Sources/intake-fuzz.
            guard data.count >= 2 else { return }
            let kinds = ValueKind.allCases
            let parser = try ValueParser(locale: ["en-US", "es-MX", "es-CO", "fr-FR", "fr-CA", "pt-BR", "pt-PT", "en-CA"][Int(data[1]) % 8])
            let scalarKind: FormScalar.Kind = [.string, .number, .bool, .null][(Int(data[0]) / kinds.count) % 4]
            _ = try? parser.json(kinds[Int(data[0]) % kinds.count], scalar: FormScalar(String(decoding: data.dropFirst(2), as: UTF8.self), kind: scalarKind))
        default:
            let result = TestCatalogs.converter.convert(data, format: FormReader.sniff(data))
            #expect(result.isAccepted == !result.diagnostics.contains { $0.severity == .error })
            if let record = result.record {
                _ = record.serialized(pretty: true) { TestCatalogs.shared.render($0, language: "en") }
            }
        }
    }

    /// Found by the xml fuzzer (LeakSanitizer): the tree builder asked libxml2 for the document
    /// (`xmlTextReaderCurrentDoc`, to look for a DTD) on every parse error, which makes libxml2
    /// keep the partial document when the reader is freed; it was never freed. Every rejected
    /// XML form leaked its partial tree, so a long batch of bad forms grew without bound.
    /// Counted with libxml2's allocator hooks, on this thread only, so other suites running
    /// meanwhile do not disturb the count.
    @Test func malformedXMLDoesNotLeakItsPartialDocument() throws {
        let input = try Data(contentsOf: Self.directory.appendingPathComponent("xml-leak-partial-document-on-error"))
        let reader = XMLFormReader()
        #expect(reader.read(input).diagnostics.map(\.code) == [.xmlMalformed])
        let live = LibXMLAllocationCounter.liveBlocks {
            for _ in 0..<40 { _ = reader.read(input) }
        }
        // The leak kept about 60 blocks per read (document, dictionary, nodes, text).
        #expect(live < 40, "\(live) libxml2 blocks still allocated after 40 rejected reads")
    }

    /// Found by the convert fuzzer (LeakSanitizer) after the reader moved to SAX2: a document
    /// libxml2 creates itself (entity declarations after a broken XML declaration) stayed in
    /// the context's `myDoc`, which `xmlFreeParserCtxt` does not free.
    @Test func saxParserFreesTheDocumentLibxml2Started() throws {
        let input = try Data(contentsOf: Self.directory.appendingPathComponent("convert-leak-sax-document-with-entity-decl"))
        let reader = XMLFormReader()
        #expect(reader.read(input).document == nil)
        let live = LibXMLAllocationCounter.liveBlocks {
            for _ in 0..<20 { _ = reader.read(input) }
        }
        #expect(live < 20, "\(live) libxml2 blocks still allocated after 20 rejected reads")
    }

    /// Found by the value fuzzer (timeout, input `value-timeout-json-number-huge-exponent`):
    /// a JSON number's exponent was expanded into plain notation whatever its size, so the
    /// 15 bytes `0.7e444000000` built a string of 444 million zeros; exponents near `Int.max`
    /// overflowed (a crash). Now a plain notation over `DecimalText.maxPlainLength` (1,000)
    /// characters is `number.invalid`.
    @Test(arguments: ["0.7e444000000", "1e1001", "10e9223372036854775807", "1.5e-9223372036854775808", "1e-1000",
                      "1" + String(repeating: "0", count: 1_000)])
    func jsonNumbersTooLongInPlainNotationAreInvalid(text: String) throws {
        let parser = try ValueParser(locale: "es-MX")
        for kind in [ValueKind.number, .integer, .percent, .money, .year] {
            do {
                let parsed = try parser.json(kind, scalar: FormScalar(text, kind: .number))
                Issue.record("\(kind) \(text.prefix(20)) accepted as \(parsed.value)")
            } catch {
                #expect(error.code == .numberInvalid, "\(kind)")
            }
        }
    }

    @Test func jsonNumbersUpToTheLimitStayExact() throws {
        let parser = try ValueParser(locale: "es-MX")
        #expect(try parser.json(.number, scalar: FormScalar("1e999", kind: .number)).value == .string("1" + String(repeating: "0", count: 999)))
        #expect(try parser.json(.number, scalar: FormScalar("-2.5e-997", kind: .number)).value
                == .string("-0." + String(repeating: "0", count: 996) + "25"))
        #expect(try parser.json(.integer, scalar: FormScalar("1.5e3", kind: .number)).value == .integer(1_500))
    }
}
