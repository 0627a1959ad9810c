internal import CICU

/// The versions of the C libraries this process runs with, for `--version` output and
/// for pinning test fixtures (CLDR data changes between ICU releases).
package enum LibraryVersions {
    /// The system ICU, e.g. `72.1`.
    package static var icu: String {
        var buffer = [CChar](repeating: 0, count: 32)
        _ = wwc_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
