import Foundation
@testable import WWCIntake

/// A generated batch of forms for the fault tests: the valid samples as templates with their
/// city renamed, and a share of damaged files, each with the code it must be rejected with.
///
/// Damage kinds cover what reaches an intake desk: files cut off in transfer, files saved in
/// the wrong encoding, hostile XML (DTD, entities), absurd nesting, giant values, NUL bytes,
/// empty files and binary junk.
struct BatchFaultCorpus {
    struct Template {
        var sample: String
        var city: String
        var format: SourceFormat
        var text: String
        /// curitiba.xml is ISO-8859-1 (declared), the others UTF-8.
        var encoding: String.Encoding

        func encode(_ text: String) -> [UInt8] { Array(text.data(using: encoding)!) }
    }

    enum Damage: String, CaseIterable {
        case truncated, misEncoded, doctypeEntity, deepNesting, hugeValue, nulByte, empty, binaryJunk, unclosedString, externalEntity
    }

    struct Form {
        var file: String
        /// The city written into a good form (checked in its record).
        var city: String?
        /// The code a damaged form must be rejected with.
        var expectedCode: DiagnosticCode?
        var damage: Damage?
    }

    static let samples = ["en/austin.json", "en/winnipeg.xml", "es/bogota.xml", "es/monterrey.json",
                          "fr/montreal.xml", "fr/port-au-prince.json", "pt/curitiba.xml", "pt/recife.json"]
    static let cities = ["Medellín", "São Paulo", "Québec", "Ciudad Juárez", "Trois-Rivières", "Florianópolis",
                         "Cap-Haïtien", "Guadalajara", "Belo Horizonte", "Saint-Étienne", "Santa Cruz de Tenerife", "Oakland"]

    static let templates: [Template] = samples.map { sample in
        let url = TestCatalogs.samples.appendingPathComponent(sample)
        let data = try! Data(contentsOf: url)
        let encoding: String.Encoding = String(data: data, encoding: .utf8) == nil ? .isoLatin1 : .utf8
        // The city as the pipeline reads it (the golden tests pin it to the expected records).
        let city = TestCatalogs.converter.convert(data, file: url.path).record!.applicant.city!
        return Template(sample: sample, city: city, format: sample.hasSuffix(".xml") ? .xml : .json,
                        text: String(data: data, encoding: encoding)!, encoding: encoding)
    }

    /// The template with its city renamed (only the exact value, so labels and URLs stay).
    static func form(_ template: Template, city: String) -> String {
        switch template.format {
        case .xml: template.text.replacingOccurrences(of: ">\(template.city)<", with: ">\(city)<")
        case .json: template.text.replacingOccurrences(of: ": \"\(template.city)\"", with: ": \"\(city)\"")
        }
    }

    let directory: URL
    let forms: [Form]

    /// Writes `count` forms into a new folder; every `damagedEvery`-th one is damaged (20: 5 %).
    init(count: Int, damagedEvery: Int = 20) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-batchfault-\(UUID().uuidString)")
        let inputs = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        var forms: [Form] = []
        for index in 0..<count {
            // Damaged forms take template and damage from their own count, so every damage kind
            // meets XML and JSON templates (20 is a multiple of the 8 templates' cycle).
            let damagedIndex = index / damagedEvery
            let isDamaged = index % damagedEvery == damagedEvery - 1
            let template = Self.templates[(isDamaged ? damagedIndex : index) % Self.templates.count]
            // Damaged forms all name Medellín, so their Latin-1 copy has a non-ASCII byte.
            let city = isDamaged ? "Medellín" : Self.cities[index % Self.cities.count]
            let good = Self.form(template, city: city)
            let name = "form-" + String(format: "%04d", index) + "." + template.format.rawValue
            let url = inputs.appendingPathComponent(name)
            if isDamaged {
                let damage = Damage.allCases[damagedIndex % Damage.allCases.count]
                let (bytes, code) = Self.damage(good, city: city, template: template, kind: damage)
                try Data(bytes).write(to: url)
                forms.append(Form(file: url.path, city: nil, expectedCode: code, damage: damage))
            } else {
                try Data(template.encode(good)).write(to: url)
                forms.append(Form(file: url.path, city: city, expectedCode: nil, damage: nil))
            }
        }
        self.forms = forms
    }

    var inputDirectory: URL { directory.appendingPathComponent("in") }
    var good: [Form] { forms.filter { $0.damage == nil } }
    var damaged: [Form] { forms.filter { $0.damage != nil } }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The damaged bytes of a form (its city `city`) and the code the reader must answer with.
    static func damage(_ good: String, city: String, template: Template, kind: Damage) -> ([UInt8], DiagnosticCode) {
        let format = template.format
        let bytes = template.encode(good)
        let malformed: DiagnosticCode = format == .xml ? .xmlMalformed : .jsonMalformed
        func replacingFirst(_ target: String, with replacement: String) -> [UInt8] {
            template.encode(good.replacingOccurrences(of: target, with: replacement, options: [], range: good.range(of: target)))
        }
        switch kind {
        case .truncated:
            return (Array(bytes.prefix(bytes.count * 3 / 5)), malformed)
        case .misEncoded:
            // Saved as Latin-1 (é → 0xE9) although XML declares and JSON requires UTF-8; a
            // Latin-1 form that lost its encoding declaration is read as UTF-8 just the same.
            if template.encoding == .isoLatin1 {
                return (template.encode(good.replacingOccurrences(of: " encoding=\"ISO-8859-1\"", with: "")), .encodingInvalid)
            }
            let latin1 = good.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : UInt8(ascii: "?") }
            return (latin1, .encodingInvalid)
        case .doctypeEntity:
            if format == .xml {
                let dtd = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                return (template.encode(good.replacingOccurrences(of: ">\(city)<", with: ">&b;<")
                    .replacingOccurrences(of: "?>\n", with: "?>\n" + dtd)), .xmlDTDForbidden)
            }
            return (replacingFirst("{", with: "{\"a\": " + String(repeating: "[", count: 300) + "1" + String(repeating: "]", count: 300) + ", "), .inputTooDeep)
        case .deepNesting:
            if format == .xml {
                return (template.encode(good.replacingOccurrences(of: ">\(city)<", with: ">" + String(repeating: "<b>", count: 200) + "x" + String(repeating: "</b>", count: 200) + "<")), .inputTooDeep)
            }
            return (replacingFirst("{", with: "{\"a\": " + String(repeating: "{\"a\": ", count: 100) + "1" + String(repeating: "}", count: 100) + ", "), .inputTooDeep)
        case .hugeValue:
            let huge = String(repeating: "x", count: (1 << 20) + 10)
            if format == .xml { return (template.encode(good.replacingOccurrences(of: ">\(city)<", with: ">\(huge)<")), .inputTooLarge) }
            return (replacingFirst("{", with: "{\"notes\": \"\(huge)\", "), .inputTooLarge)
        case .nulByte:
            var damaged = bytes
            damaged.insert(0, at: bytes.count / 2)
            return (damaged, .encodingInvalid)
        case .empty:
            return ([], malformed)
        case .binaryJunk:
            var generator = SplitMix(seed: UInt64(bytes.count))
            return ((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next() % 255 + 1) }, malformed)
        case .unclosedString:
            if format == .xml { return (replacingFirst("</", with: "<"), .xmlMalformed) }
            return (replacingFirst("\",", with: ","), .jsonMalformed)
        case .externalEntity:
            if format == .xml {
                return (template.encode(good.replacingOccurrences(of: ">\(city)<", with: ">&xxe;<")
                    .replacingOccurrences(of: "?>\n", with: "?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n")),
                        .xmlDTDForbidden)
            }
            // UTF-16 with a BOM: the spec wants UTF-8 JSON.
            return ([0xFF, 0xFE] + good.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, .encodingInvalid)
        }
    }
}

/// A tiny deterministic generator (SplitMix64), so a failing batch can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
