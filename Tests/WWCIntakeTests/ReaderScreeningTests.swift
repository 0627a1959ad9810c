import Foundation
import Testing
@testable import WWCIntake

@Suite struct ReaderScreeningTests {
    @Test(arguments: [
        "", "=", "==", "a=b", "========", "=========", "x=\u{3D}\u{BD}=\u{FF}", "ab=cd=ef=gh=ij=kl=mn=op=qr=",
        String(repeating: "é=", count: 37),
    ])
    func countsEqualsSignsExactly(text: String) {
        var random = Array(text.utf8)
        // Bytes next to '=' (0x3C, 0x3E, 0xBD) must not count: SWAR borrow bugs show up there.
        random += [0x3C, 0x3D, 0x3E, 0xBD, 0x3D, 0x00, 0x3D]
        let naive = random.filter { $0 == UInt8(ascii: "=") }.count
        random.withUnsafeBytes { bytes in
            #expect(InputScreening.countEqualsSigns(bytes) == naive)
        }
    }

    @Test(arguments: [
        ("ab\ncd\u{0}", 2, 3),
        ("\u{0}", 1, 1),
        ("é\u{0}", 1, 2),
    ])
    func nulByteIsEncodingInvalidWithPosition(text: String, line: Int, column: Int) {
        let diagnostic = Array(text.utf8).withUnsafeBytes {
            InputScreening.screen($0, limits: .default, allowsNUL: false)
        }
        #expect(diagnostic?.code == .encodingInvalid)
        #expect(diagnostic?.location == SourceLocation(line: line, column: column))
    }

    @Test func doctypeLineIsFoundInUTF16Too() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\"?>\n\n<!DOCTYPE a>\n<a/>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(bytes.withUnsafeBytes { InputScreening.doctypeLine(in: $0) } == 3)
        let result = XMLFormReader().read(Data(bytes))
        #expect(result.diagnostics.map(\.code) == [.xmlDTDForbidden])
        #expect(result.diagnostics.first?.line == 3)
    }
}
