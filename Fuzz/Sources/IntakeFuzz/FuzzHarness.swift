import Foundation
import WWCIntake

/// The fuzz targets' logic, compiled in every build (issue 13: the libFuzzer entry alone had
/// rotted unseen). `Fuzz/Sources/intake-fuzz` (built only with `WWC_FUZZ`) is just libFuzzer's
/// driver calling `run`; the tests run the same `run` over the committed corpus.
///
/// Every invariant is checked by trapping (`fatalError`): for libFuzzer a trap is a finding,
/// with the input saved as an artifact.
package final class FuzzHarness {
    package enum Target: String, CaseIterable, Sendable {
        case xml, json, value, convert
    }

    package let target: Target

    /// Locales the value target cycles through: region pairs whose number and date conventions differ.
    static let valueLocales = ["en-US", "es-MX", "es-CO", "fr-FR", "fr-CA", "pt-BR", "pt-PT", "en-CA"]

    /// Value parsers are not thread-safe and cache ICU objects; libFuzzer runs inputs on one
    /// thread, so one parser per locale is created once and reused, as a conversion session does.
    private var valueParsers: [ValueParser] = []
    private var converter: Converter?
    private var session: ConversionSession?
    private var schema: RecordSchemaCheck?

    /// - Parameters:
    ///   - locales: the catalogs (`locales/`), for `convert`.
    ///   - schema: `canonical-application.schema.json`, which every record `convert` accepts
    ///     must satisfy (for `convert`).
    package init(target: Target, locales: URL, schema: URL) throws {
        self.target = target
        switch target {
        case .value:
            valueParsers = try Self.valueLocales.map { try ValueParser(locale: $0, countrySynonyms: ["EE. UU.": "US", "USA": "US"]) }
        case .convert:
            let (catalogs, diagnostics) = CatalogSet.load(directory: locales)
            guard let catalogs, !diagnostics.contains(where: { $0.severity == .error }) else {
                throw SetupError(message: "catalogs in \(locales.path) do not load: \(diagnostics)")
            }
            converter = Converter(catalogs: catalogs)
            session = converter!.makeSession()
            self.schema = try RecordSchemaCheck(contentsOf: schema)
        case .xml, .json:
            break
        }
    }

    package struct SetupError: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Runs one input; traps on any broken invariant.
    package func run(_ data: Data) {
        switch target {
        case .xml: check(FormReader.read(data, format: .xml))
        case .json: check(FormReader.read(data, format: .json))
        case .value: value(data)
        case .convert: convert(data)
        }
    }

    /// A reader returns a document or diagnostics with an error, never both missing.
    private func check(_ result: ReadResult) {
        if result.document == nil && !result.diagnostics.contains(where: { $0.severity == .error }) {
            fatalError("reader returned neither a document nor an error")
        }
        if let document = result.document { _ = document.root.leafCount }
    }

    /// First byte: value kind and scalar type; second byte: locale; the rest: the value's bytes
    /// (decoded as UTF-8 with repair, as the readers hand them over).
    private func value(_ data: Data) {
        guard data.count >= 2 else { return }
        let kinds = ValueKind.allCases
        let selector = Int(data[data.startIndex])
        let kind = kinds[selector % kinds.count]
        let scalarKinds: [FormScalar.Kind] = [.string, .number, .bool, .null]
        let scalarKind = scalarKinds[(selector / kinds.count) % scalarKinds.count]
        let parser = valueParsers[Int(data[data.startIndex + 1]) % valueParsers.count]
        let text = String(decoding: data.dropFirst(2), as: UTF8.self)
        do {
            _ = try parser.json(kind, scalar: FormScalar(text, kind: scalarKind))
        } catch {
            _ = error.code
        }
    }

    /// The whole pipeline, the format sniffed as for a file without extension. An accepted
    /// form's record, serialized as `intake convert` writes it, must satisfy the schema and
    /// account for every value; a rejected one must say why with an error.
    private func convert(_ data: Data) {
        guard let session, let converter, let schema else { return }
        let result = session.convert(data, file: nil, format: FormReader.sniff(data))
        guard let record = result.record else {
            if !result.diagnostics.contains(where: { $0.severity == .error }) { fatalError("rejected without an error") }
            for diagnostic in result.diagnostics { _ = converter.catalogs.render(diagnostic, language: "es") }
            return
        }
        let json = record.serialized(pretty: true) { converter.catalogs.render($0, language: "en") }
        guard let parsed = JSONValue.parse(Data(json.utf8)).value else { fatalError("record is not JSON: \(json)") }
        let violations = schema.violations(of: parsed)
        if !violations.isEmpty { fatalError("record violates the schema: \(violations)\n\(json)") }
        let statistics = result.statistics
        if statistics.mapped + statistics.unmapped + statistics.rejected != statistics.leaves {
            fatalError("values unaccounted for: \(statistics)")
        }
    }
}
