import Foundation
import WWCIntake

// libFuzzer entry points for wwc-intake. One binary, several targets: `WWC_FUZZ_TARGET`
// (xml | json | value | convert) chooses which one `LLVMFuzzerTestOneInput` runs, so a single
// instrumented build serves every target. Built only when `WWC_FUZZ` is set (see Package.swift
// and Fuzz/run.sh); normal builds and CI never see this target.

/// The target chosen at start-up.
nonisolated(unsafe) private var target: FuzzTarget?

/// Locales the value target cycles through: region pairs whose number and date conventions differ.
private let valueLocales = ["en-US", "es-MX", "es-CO", "fr-FR", "fr-CA", "pt-BR", "pt-PT", "en-CA"]

/// Value parsers are not thread-safe and cache ICU objects; libFuzzer runs inputs on one
/// thread, so one parser per locale is created once and reused, as a conversion session does.
nonisolated(unsafe) private var valueParsers: [ValueParser] = []

nonisolated(unsafe) private var converter: Converter?
nonisolated(unsafe) private var session: ConversionSession?

private enum FuzzTarget: String {
    case xml, json, value, convert
}

/// libFuzzer's driver (`libclang_rt.fuzzer`): parses the flags, runs the corpus and mutations.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The executable's entry: SwiftPM links `main` to `<module>_main`, so libFuzzer's own `main`
/// is never used; this hands control to libFuzzer's driver instead.
@_cdecl("intake_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return withUnsafeMutablePointer(to: &count) { count in
        withUnsafeMutablePointer(to: &arguments) { arguments in
            LLVMFuzzerRunDriver(count, arguments) { bytes, size in fuzzTestOneInput(bytes, size) }
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    guard let name = environment["WWC_FUZZ_TARGET"], let chosen = FuzzTarget(rawValue: name) else {
        complain("set WWC_FUZZ_TARGET to xml, json, value or convert")
        exit(2)
    }
    target = chosen
    switch chosen {
    case .value:
        valueParsers = valueLocales.map { try! ValueParser(locale: $0, countrySynonyms: ["EE. UU.": "US", "USA": "US"]) }
    case .convert:
        let locales = URL(fileURLWithPath: environment["WWC_LOCALES"] ?? "locales")
        let (catalogs, diagnostics) = CatalogSet.load(directory: locales)
        guard let catalogs, !diagnostics.contains(where: { $0.severity == .error }) else {
            complain("catalogs in \(locales.path) do not load: \(diagnostics)")
            exit(2)
        }
        converter = Converter(catalogs: catalogs)
        session = converter!.makeSession()
    case .xml, .json:
        break
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = count == 0 || bytes == nil ? Data() : Data(bytes: bytes!, count: count)
    switch target! {
    case .xml:
        check(FormReader.read(data, format: .xml))
    case .json:
        check(FormReader.read(data, format: .json))
    case .value:
        fuzzValue(data)
    case .convert:
        // The format as `intake convert` picks it for a file without a known extension.
        let result = session!.convert(data, file: nil, format: FormReader.sniff(data))
        if result.isAccepted {
            // Serialize as `intake convert` does, so the JSON writer is exercised too.
            let json = result.record!.json { converter!.catalogs.render($0, language: "en") }
            _ = json.serialized(pretty: true)
        } else {
            for diagnostic in result.diagnostics { _ = converter!.catalogs.render(diagnostic, language: "es") }
        }
    }
    return 0
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
private func fuzzValue(_ data: Data) {
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

private func complain(_ message: String) {
    FileHandle.standardError.write(Data("intake-fuzz: \(message)\n".utf8))
}
