internal import CICU

/// A negative status from a `wwc_*` wrapper.
struct ICUStatus: Error, Hashable {
    var rawValue: Int32
    static let icu = ICUStatus(rawValue: Int32(WWC_ERR_ICU))
    static let parse = ICUStatus(rawValue: Int32(WWC_ERR_PARSE))
    static let trailing = ICUStatus(rawValue: Int32(WWC_ERR_TRAILING))
    static let locale = ICUStatus(rawValue: Int32(WWC_ERR_LOCALE))
    static let range = ICUStatus(rawValue: Int32(WWC_ERR_RANGE))
}
