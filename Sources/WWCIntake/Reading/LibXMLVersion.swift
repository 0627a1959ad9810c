internal import CLibXML2

extension LibraryVersions {
    /// The libxml2 this process runs with, e.g. `2.9.14`: the library's own run-time
    /// `xmlParserVersion` ("20914"), not the headers it was built against.
    package static var libxml2: String {
        guard let raw = wwc_xml_parser_version(), let number = Int(String(cString: raw)) else { return "unknown" }
        return "\(number / 10000).\(number / 100 % 100).\(number % 100)"
    }
}
