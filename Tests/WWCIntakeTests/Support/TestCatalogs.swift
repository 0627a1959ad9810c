import Foundation
@testable import WWCIntake

/// The repository's real catalogs and samples, loaded once for all tests.
enum TestCatalogs {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let locales = repository.appendingPathComponent("locales")
    static let samples = repository.appendingPathComponent("samples")

    static let shared: CatalogSet = {
        let (catalogs, diagnostics) = CatalogSet.load(directory: locales)
        guard let catalogs, !diagnostics.contains(where: { $0.severity == .error }) else {
            fatalError("shipped catalogs do not load: \(diagnostics)")
        }
        return catalogs
    }()

    static let converter = Converter(catalogs: shared)

    /// Converts form text; `format` defaults to JSON unless the text starts with `<`.
    static func convert(_ text: String, locale: String? = nil, file: String = "form") -> ConversionResult {
        let format: SourceFormat = text.drop { $0.isWhitespace }.first == "<" ? .xml : .json
        let converter = locale.map { Converter(catalogs: shared, options: ConversionOptions(locale: $0)) } ?? converter
        return converter.convert(Data(text.utf8), file: file + "." + format.rawValue, format: format)
    }
}
