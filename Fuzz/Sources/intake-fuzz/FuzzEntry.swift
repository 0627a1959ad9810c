import Foundation
import IntakeFuzz

// libFuzzer's entry for wwc-intake: only the driver hookup lives here, built only when
// `WWC_FUZZ` is set (see Package.swift and Fuzz/run.sh). What each target does is
// `FuzzHarness` (Fuzz/Sources/IntakeFuzz), which every normal build compiles and the tests run.
// `WWC_FUZZ_TARGET` (xml | json | value | convert) chooses the target at start-up.

nonisolated(unsafe) private var harness: FuzzHarness?

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
    guard let name = environment["WWC_FUZZ_TARGET"], let target = FuzzHarness.Target(rawValue: name) else {
        complain("set WWC_FUZZ_TARGET to xml, json, value or convert")
        exit(2)
    }
    let locales = URL(fileURLWithPath: environment["WWC_LOCALES"] ?? "locales")
    let schema = URL(fileURLWithPath: environment["WWC_SCHEMA"]
        ?? "Tests/WWCIntakeTests/Fixtures/schemas/canonical-application.schema.json")
    do {
        harness = try FuzzHarness(target: target, locales: locales, schema: schema)
    } catch {
        complain("\(error)")
        exit(2)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    harness!.run(count == 0 || bytes == nil ? Data() : Data(bytes: bytes!, count: count))
    return 0
}

private func complain(_ message: String) {
    FileHandle.standardError.write(Data("intake-fuzz: \(message)\n".utf8))
}
