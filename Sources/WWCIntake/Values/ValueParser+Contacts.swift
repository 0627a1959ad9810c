internal import CICU

extension ValueParser {
    /// An e-mail address: `local@domain`, the domain lower-cased and converted to ASCII by
    /// IDNA (UTS #46): `datos@municipalidad.cañete.pe` → `datos@municipalidad.xn--caete-rta.pe`.
    /// The local part is kept as written. No spaces, one `@`, a dotted domain that passes
    /// IDNA (STD3 rules) — else `email.invalid`.
    public func email(_ raw: String) throws(ValueError) -> String {
        var text = try self.text(raw)
        let ascii: String?? = text.withUTF8 { Self.printableASCII($0) ? .some(Self.asciiEmail($0)) : nil }
        guard let result = ascii ?? Self.generalEmail(text) else {
            throw failure(.emailInvalid, raw, example: example(.email))
        }
        return result
    }

    /// `email` for printable-ASCII text, on UTF-8 bytes (one byte per `Character` there):
    /// the same answer as `generalEmail`, at 2,800 instructions an address against its 38,000
    /// (callgrind, release build, the samples' addresses).
    static func asciiEmail(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { asciiEmail($0) }
    }

    static func asciiEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.contains(0x20), let at = bytes.lastIndex(of: 0x40) else { return nil }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard isValidASCIILocalPart(local), domain.contains(0x2E), domain.first != 0x2E else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        output.append(contentsOf: local)
        output.append(0x40)
        let hostStart = output.count
        guard appendDomainASCII(domain, to: &output), output[hostStart...].contains(0x2E) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// `email` for any text, with `Character` semantics.
    static func generalEmail(_ text: String) -> String? {
        guard !text.contains(" "), let at = text.lastIndex(of: "@") else { return nil }
        let local = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        guard Self.isValidLocalPart(local), domain.contains("."), !domain.hasPrefix("."),
            let ascii = Self.idnaASCII(domain), ascii.contains(".")
        else { return nil }
        return local + "@" + ascii
    }

    /// A web address: `http` or `https` only, with a dotted host converted to ASCII by IDNA
    /// (`https://Alcaldía.gov.co/datos` → `https://xn--alcalda-dza.gov.co/datos`); scheme and
    /// host lower-cased, port, path, query and fragment kept as written. No spaces, no user
    /// info (`user@host`) — else `url.invalid`.
    public func url(_ raw: String) throws(ValueError) -> String {
        var text = try self.text(raw)
        let ascii: String?? = text.withUTF8 { Self.printableASCII($0) ? .some(Self.asciiURL($0)) : nil }
        guard let result = ascii ?? Self.generalURL(text) else {
            throw failure(.urlInvalid, raw, example: example(.url))
        }
        return result
    }

    /// `url` for printable-ASCII text (nearly every URL), on UTF-8 bytes: there every
    /// `Character` is one byte, so this gives `generalURL`'s answer without Foundation's string
    /// search and `Character` indexing: 2,900 instructions a URL against 70,000 (callgrind,
    /// release build, the samples' URLs).
    static func asciiURL(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { asciiURL($0) }
    }

    static func asciiURL(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let count = bytes.count
        // One pass: the first "://", and no space anywhere.
        var separator = -1
        for index in 0..<count {
            let byte = bytes[index]
            if byte == 0x20 { return nil }
            if separator < 0, byte == 0x3A, index + 2 < count, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {
                separator = index
            }
        }
        guard separator == 4 || separator == 5,
            asciiLowercased(bytes[0]) == UInt8(ascii: "h"), asciiLowercased(bytes[1]) == UInt8(ascii: "t"),
            asciiLowercased(bytes[2]) == UInt8(ascii: "t"), asciiLowercased(bytes[3]) == UInt8(ascii: "p"),
            separator == 4 || asciiLowercased(bytes[4]) == UInt8(ascii: "s")
        else { return nil }
        // The authority runs to the first "/", "?" or "#"; no "@" in it; the port (after its
        // last ":") 1–5 digits; the host before it dotted.
        let authorityStart = separator + 3
        var authorityEnd = authorityStart
        var lastColon = -1
        var lastDot = -1
        while authorityEnd < count {
            let byte = bytes[authorityEnd]
            if byte == 0x2F || byte == 0x3F || byte == 0x23 { break }
            if byte == 0x40 { return nil }
            if byte == 0x3A { lastColon = authorityEnd }
            if byte == 0x2E { lastDot = authorityEnd }
            authorityEnd += 1
        }
        guard authorityEnd > authorityStart else { return nil }
        var hostEnd = authorityEnd
        if lastColon >= 0 {
            let digitCount = authorityEnd - lastColon - 1
            guard (1...5).contains(digitCount) else { return nil }
            for index in (lastColon + 1)..<authorityEnd where !(0x30...0x39).contains(bytes[index]) { return nil }
            hostEnd = lastColon
        }
        guard lastDot >= authorityStart, lastDot < hostEnd else { return nil }
        let host = bytes[authorityStart..<hostEnd]
        let schemeLength = separator
        let restLength = count - hostEnd
        if isPlainHostName(host) {
            // The common case: the text with its scheme and host lower-cased.
            return String(unsafeUninitializedCapacity: count) { buffer in
                for index in 0..<count {
                    let byte = bytes[index]
                    buffer[index] = index < schemeLength || (index >= authorityStart && index < hostEnd)
                        ? asciiLowercased(byte) : byte
                }
                return count
            }
        }
        guard let ascii = idnaASCII(host), ascii.utf8.contains(0x2E) else { return nil }
        var output = String(decoding: bytes[..<schemeLength].map(asciiLowercased), as: UTF8.self)
        output.reserveCapacity(schemeLength + 3 + ascii.utf8.count + restLength)
        output += "://"
        output += ascii
        output += String(decoding: bytes[hostEnd...], as: UTF8.self)
        return output
    }

    /// `url` for any text, with `Character` semantics (a space followed by a combining mark is
    /// not a space) and Foundation's search.
    static func generalURL(_ text: String) -> String? {
        guard !text.contains(" "), let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let rest = afterScheme[authorityEnd...]
        guard !authority.contains("@"), !authority.isEmpty else { return nil }
        var host = Substring(authority)
        var port = ""
        if let colon = authority.lastIndex(of: ":") {
            let digits = authority[authority.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            port = ":" + digits
            host = authority[..<colon]
        }
        guard host.contains("."), let ascii = Self.idnaASCII(String(host)), ascii.contains(".") else {
            return nil
        }
        return scheme + "://" + ascii + port + rest
    }

    /// A phone number kept as `+` and digits: `+57 (601) 381-3000` → `+576013813000`.
    /// Allowed besides digits: spaces, `-`, `.`, `/`, parentheses, and `+` only at the start;
    /// 5 to 15 digits (E.164 allows 15). Anything else (letters, `ext.`) → `phone.invalid`.
    public func phone(_ raw: String) throws(ValueError) -> String {
        let text = try self.text(raw)
        func invalid() -> ValueError { failure(.phoneInvalid, raw, example: example(.phone)) }
        // The result is ASCII (digits and a leading `+`): gathered as bytes, and an ASCII digit
        // is read without the Unicode property look-ups.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var digitCount = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let digit: UInt8? =
                if scalar.isASCII {
                    (0x30...0x39).contains(scalar.value) ? UInt8(scalar.value - 0x30) : nil
                } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                    UInt8(value)  // any script's digit, written as its ASCII digit
                } else {
                    nil
                }
            if let digit {
                result.append(UInt8(ascii: "0") + digit)
                digitCount += 1
            } else if scalar == "+" {
                guard offset == 0 else { throw invalid() }
                result.append(UInt8(ascii: "+"))
            } else if !" -./()".unicodeScalars.contains(scalar) {
                throw invalid()
            }
        }
        guard (5...15).contains(digitCount) else { throw invalid() }
        return String(decoding: result, as: UTF8.self)
    }

    static func isValidLocalPart(_ local: String) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return false }
        return local.unicodeScalars.allSatisfy { scalar in
            localPartSymbols.contains(scalar) || scalar.properties.isAlphabetic
                || scalar.properties.numericType == .decimal
        }
    }

    private static let localPartSymbols = Set("!#$%&'*+/=?^_`{|}~.-".unicodeScalars)

    /// `isValidLocalPart` for ASCII bytes: the alphabetic scalars of ASCII are the letters and
    /// its decimal digits are 0–9.
    static func isValidASCIILocalPart(_ local: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard !local.isEmpty, local.count <= 64, local.first != 0x2E, local.last != 0x2E else { return false }
        var previous: UInt8 = 0
        for byte in local {
            if byte == 0x2E && previous == 0x2E { return false }
            previous = byte
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            default:
                guard asciiLocalPartSymbols.contains(byte) else { return false }
            }
        }
        return true
    }

    private static let asciiLocalPartSymbols = Array("!#$%&'*+/=?^_`{|}~.-".utf8)

    /// UTS #46 ToASCII, or nil when IDNA reports an error.
    static func idnaASCII(_ domain: String) -> String? {
        let result = ICUCall.withUTF8(domain) { pointer, length in
            ICUCall.string(initialCapacity: 256) { wwc_idna_to_ascii(pointer, length, $0, $1) }
        }
        guard case .success(let ascii) = result, !ascii.isEmpty else { return nil }
        return ascii
    }

    /// `idnaASCII` of ASCII bytes. A plain host name (letters, digits and inner hyphens in
    /// labels of 1–63 bytes, 253 bytes at most, no `--` at label positions 3–4 as in `xn--`,
    /// no trailing dot) is one IDNA leaves as it is but for lower-casing A–Z, so that is done
    /// here without ICU; anything else goes through IDNA.
    static func domainToASCII(_ domain: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        var output: [UInt8] = []
        guard appendDomainASCII(domain, to: &output) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `domainToASCII(domain)` to `output`; false (nothing appended) when IDNA fails.
    static func appendDomainASCII(_ domain: Slice<UnsafeBufferPointer<UInt8>>, to output: inout [UInt8]) -> Bool {
        if isPlainHostName(domain) {
            for byte in domain { output.append(asciiLowercased(byte)) }
            return true
        }
        guard let ascii = idnaASCII(domain) else { return false }
        output.append(contentsOf: ascii.utf8)
        return true
    }

    /// `idnaASCII` of UTF-8 bytes.
    static func idnaASCII(_ domain: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        domain.withMemoryRebound(to: CChar.self) { chars -> String? in
            let result = ICUCall.string(initialCapacity: 256) { out, capacity in
                var zero: CChar = 0
                guard let base = chars.baseAddress, !chars.isEmpty else {
                    return wwc_idna_to_ascii(&zero, 0, out, capacity)
                }
                return wwc_idna_to_ascii(base, Int32(chars.count), out, capacity)
            }
            guard case .success(let ascii) = result, !ascii.isEmpty else { return nil }
            return ascii
        }
    }

    /// Letter-digit-hyphen labels that UTS #46 (STD3, non-transitional) passes unchanged
    /// except for lower-casing: see `domainToASCII`.
    static func isPlainHostName(_ domain: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard !domain.isEmpty, domain.count <= 253, domain.last != 0x2E else { return false }
        var labelStart = domain.startIndex
        var index = domain.startIndex
        while true {
            if index == domain.endIndex || domain[index] == 0x2E {
                let length = index - labelStart
                guard (1...63).contains(length), domain[labelStart] != 0x2D, domain[index - 1] != 0x2D else {
                    return false
                }
                if length >= 4, domain[labelStart + 2] == 0x2D, domain[labelStart + 3] == 0x2D { return false }
                if index == domain.endIndex { return true }
                labelStart = index + 1
            } else {
                switch domain[index] {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), 0x2D:
                    break
                default:
                    return false
                }
            }
            index += 1
        }
    }

    /// Whether every byte is printable ASCII (U+0020–U+007E): then each `Character` is one
    /// byte and byte-wise search equals `Character`-wise search.
    static func printableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { printableASCII($0) }
    }

    static func printableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte > 0x7E { return false }
        return true
    }

    @inline(__always)
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
