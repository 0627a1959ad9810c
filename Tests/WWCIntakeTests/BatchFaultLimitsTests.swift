import Foundation
import Testing
@testable import WWCIntake

/// Resource limits on every path that reads outside data: forms (XML, JSON, and files on disk
/// through the batch), single values through the value layer, catalogs, the form definition
/// and rubric files. Each must end in a diagnostic with its code, never a crash or a runaway.
@Suite struct BatchFaultLimitsTests {
    static let megabyte = 1 << 20

    /// Values of about 1 MB (just under `maxValueBytes`) of every shape, through every kind in
    /// two locales: each parse ends with a value or a `ValueError` (a quadratic step would
    /// show up here as a test that takes minutes, not as a failure).
    static let hugeValues: [(String, String)] = [
        ("digits", String(repeating: "7", count: megabyte - 16)),
        ("grouped digits", String(repeating: "123,", count: megabyte / 4 - 8) + "5"),
        ("letters", String(repeating: "a", count: megabyte - 16)),
        ("spaces and breaks", String(repeating: " \n\u{00A0}\u{200B}x", count: megabyte / 8)),
        ("accents to normalize", String(repeating: "e\u{0301}", count: megabyte / 3)),
        ("at signs", String(repeating: "a@", count: megabyte / 2 - 8)),
        ("dots", String(repeating: "a.", count: megabyte / 2 - 8) + "com"),
    ]

    @Test(arguments: ValueKind.allCases)
    func megabyteValuesEndInAValueOrAnError(kind: ValueKind) throws {
        for locale in ["es-CO", "fr-CA"] {
            let parser = try ValueParser(locale: locale)
            for (name, value) in Self.hugeValues {
                do {
                    let parsed = try parser.json(kind, value)
                    // Only text kinds may accept these, and they keep the whole value.
                    #expect([.text, .narrative].contains(kind), "\(kind) accepted \(name)")
                    if case .string(let text) = parsed.value { #expect(text.utf8.count > Self.megabyte / 5, "\(name)") }
                } catch {
                    #expect(!error.code.rawValue.isEmpty, "\(kind) \(name)")
                }
            }
        }
    }

    /// ICU's number parser is quadratic in the digits (the test above took 10 minutes before
    /// this): numbers longer than `maxNumberTextBytes` never reach it, dates longer than
    /// `maxDateTextBytes` neither. The error has no example (it is not a spelling problem).
    @Test func overlongNumbersAndDatesStopBeforeICU() throws {
        let parser = try ValueParser(locale: "pt-BR")
        let digits = String(repeating: "9", count: ValueParser.maxNumberTextBytes + 1)
        for kind in [ValueKind.integer, .number, .percent, .money, .year] {
            #expect(throws: ValueError(.numberInvalid, arguments: ["value": .text(digits), "locale": "pt-BR"])) {
                try parser.json(kind, digits)
            }
        }
        #expect(throws: ValueError.self) { try parser.json(.number, String(digits.dropLast())) }
        let longDate = "15 de março de 2024" + String(repeating: " ", count: 10) + String(repeating: "1", count: ValueParser.maxDateTextBytes)
        do {
            _ = try parser.date(longDate)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .dateInvalid)
        }
    }

    /// Forms through the whole conversion: each limit with its code, XML and JSON.
    @Test func formLimitsThroughTheConverter() {
        let big = String(repeating: "x", count: Self.megabyte + 1)
        let cases: [(String, String, DiagnosticCode)] = [
            ("xml value", "<a><b>\(big)</b></a>", .inputTooLarge),
            ("json value", "{\"b\": \"\(big)\"}", .inputTooLarge),
            ("xml attribute value", "<a><b c=\"\(big)\">1</b></a>", .inputTooLarge),
            ("json key", "{\"\(big)\": 1}", .inputTooLarge),
            ("xml depth", String(repeating: "<a>", count: 65) + String(repeating: "</a>", count: 65), .inputTooDeep),
            ("json depth", String(repeating: "[", count: 65) + String(repeating: "]", count: 65), .inputTooDeep),
            ("xml nodes", "<a>" + String(repeating: "<b>1</b>", count: 100_001) + "</a>", .inputTooLarge),
            ("json nodes", "[" + Array(repeating: "1", count: 100_001).joined(separator: ",") + "]", .inputTooLarge),
            ("xml attributes", "<a " + (0..<300).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>", .inputTooLarge),
        ]
        for (name, text, code) in cases {
            let result = TestCatalogs.converter.convert(Data(text.utf8), file: "limits." + (text.hasPrefix("<") ? "xml" : "json"))
            #expect(result.diagnostics.map(\.code) == [code], "\(name)")
            #expect(!result.isAccepted)
        }
    }

    /// A form file over `maxInputBytes` is refused from its size, before it is read.
    @Test func oversizedFileIsRefusedBeforeReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.json")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(ReaderLimits.default.maxInputBytes + 1))  // sparse: no disk used
        try handle.close()
        let result = BatchConverter.convertFile(file.path, session: TestCatalogs.converter.makeSession(), limits: .default)
        #expect(result.diagnostics.map(\.code) == [.inputTooLarge])
        #expect(result.diagnostics.first?.arguments["size"] == .number(ReaderLimits.default.maxInputBytes + 1))
    }

    /// A copy of the shipped catalogs with one file replaced.
    static func catalogCopy(replacing name: String, with data: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-catalogs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestCatalogs.locales, to: folder)
        try data.write(to: folder.appendingPathComponent(name))
        return folder
    }

    /// Catalogs are JSON read with the same reader and default limits as forms: a huge catalog,
    /// a huge message, a deep one are errors of that file; an unusable `en` or form definition
    /// leaves no catalog set.
    @Test func catalogLimits() throws {
        let padded = try Data(contentsOf: TestCatalogs.locales.appendingPathComponent("es.json"))
            + Data(repeating: UInt8(ascii: " "), count: ReaderLimits.default.maxInputBytes)
        let hugeMessage = try String(contentsOf: TestCatalogs.locales.appendingPathComponent("fr.json"), encoding: .utf8)
            .replacingOccurrences(of: "{", with: "{\"huge\": \"" + String(repeating: "m", count: Self.megabyte + 1) + "\", ",
                                  options: [], range: nil)
        let deep = Data(("{\"a\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}").utf8)
        for (name, data, setLoads) in [("es.json", padded, true), ("fr.json", Data(hugeMessage.utf8), true),
                                       ("pt.json", deep, true), ("en.json", padded, false), ("form.json", deep, false)] {
            let folder = try Self.catalogCopy(replacing: name, with: data)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (catalogs, diagnostics) = CatalogSet.load(directory: folder)
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(errors.first?.code == (name == "es.json" || name == "en.json" ? .inputTooLarge : name == "fr.json" ? .inputTooLarge : .inputTooDeep),
                    "\(name): \(errors.map(\.code))")
            #expect(errors.first?.file?.hasSuffix("/" + name) == true, "\(name)")
            #expect((catalogs != nil) == setLoads, "\(name)")
            if let catalogs { #expect(!catalogs.languages.contains(String(name.prefix(2)))) }
        }
    }

    @Test func rubricLimits() throws {
        let rubric = try Data(contentsOf: TestCatalogs.repository.appendingPathComponent("rubrics/wwc-2022.json"))
        #expect(Rubric.load(data: rubric).rubric != nil)
        let padded = rubric + Data(repeating: UInt8(ascii: "\n"), count: ReaderLimits.default.maxInputBytes)
        let deep = Data((String(repeating: "{\"a\": ", count: 100) + "1" + String(repeating: "}", count: 100)).utf8)
        let wide = Data(("[" + Array(repeating: "0", count: 100_001).joined(separator: ",") + "]").utf8)
        for (name, data, code) in [("padded", padded, DiagnosticCode.inputTooLarge), ("deep", deep, .inputTooDeep), ("wide", wide, .inputTooLarge)] {
            let (loaded, diagnostics) = Rubric.load(data: data, file: "rubric.json")
            #expect(loaded == nil, "\(name)")
            #expect(diagnostics.first { $0.severity == .error }?.code == code, "\(name): \(diagnostics.map(\.code))")
        }
    }
}
