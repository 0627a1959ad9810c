internal import CICU

extension ValueParser {
    /// An e-mail address: `local@domain`, the domain lower-cased and converted to ASCII by
    /// IDNA (UTS #46): `datos@municipalidad.cañete.pe` → `datos@municipalidad.xn--caete-rta.pe`.
    /// The local part is kept as written. No spaces, one `@`, a dotted domain that passes
    /// IDNA (STD3 rules) — else `email.invalid`.
    public func email(_ raw: String) throws(ValueError) -> String {
        let text = try self.text(raw)
        let invalid = failure(.emailInvalid, raw, example: "datos@ciudad.gov")
        guard !text.contains(" "), let at = text.lastIndex(of: "@") else { throw invalid }
        let local = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        guard Self.isValidLocalPart(local), domain.contains("."), !domain.hasPrefix("."),
            let ascii = Self.idnaASCII(domain), ascii.contains(".")
        else { throw invalid }
        return local + "@" + ascii
    }

    /// A web address: `http` or `https` only, with a dotted host converted to ASCII by IDNA
    /// (`https://Alcaldía.gov.co/datos` → `https://xn--alcalda-dza.gov.co/datos`); scheme and
    /// host lower-cased, port, path, query and fragment kept as written. No spaces, no user
    /// info (`user@host`) — else `url.invalid`.
    public func url(_ raw: String) throws(ValueError) -> String {
        let text = try self.text(raw)
        let invalid = failure(.urlInvalid, raw, example: "https://www.ciudad.gov/datos")
        // ASCII text (nearly every URL): byte search, the same answer as Foundation's
        // `contains`/`range(of:)`, which cost 6 % of a batch conversion; other text keeps
        // Foundation's comparison (it treats a space plus combining mark as one character).
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let separator = ascii ? Self.literalRange(of: "://", in: text) : text.range(of: "://")
        guard ascii ? !text.utf8.contains(0x20) : !text.contains(" "), let separator else { throw invalid }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let rest = afterScheme[authorityEnd...]
        guard !authority.contains("@"), !authority.isEmpty else { throw invalid }
        var host = Substring(authority)
        var port = ""
        if let colon = authority.lastIndex(of: ":") {
            let digits = authority[authority.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw invalid
            }
            port = ":" + digits
            host = authority[..<colon]
        }
        guard host.contains("."), let ascii = Self.idnaASCII(String(host)), ascii.contains(".") else {
            throw invalid
        }
        return scheme + "://" + ascii + port + rest
    }

    /// A phone number kept as `+` and digits: `+57 (601) 381-3000` → `+576013813000`.
    /// Allowed besides digits: spaces, `-`, `.`, `/`, parentheses, and `+` only at the start;
    /// 5 to 15 digits (E.164 allows 15). Anything else (letters, `ext.`) → `phone.invalid`.
    public func phone(_ raw: String) throws(ValueError) -> String {
        let text = try self.text(raw)
        let invalid = failure(.phoneInvalid, raw, example: "+57 601 381 3000")
        var result = ""
        var digitCount = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                result += String(Int(value))
                digitCount += 1
            } else if scalar == "+" {
                guard offset == 0 else { throw invalid }
                result += "+"
            } else if !" -./()".unicodeScalars.contains(scalar) {
                throw invalid
            }
        }
        guard (5...15).contains(digitCount) else { throw invalid }
        return result
    }

    static func isValidLocalPart(_ local: String) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return false }
        let allowedSymbols = Set("!#$%&'*+/=?^_`{|}~.-".unicodeScalars)
        return local.unicodeScalars.allSatisfy { scalar in
            allowedSymbols.contains(scalar) || scalar.properties.isAlphabetic
                || scalar.properties.numericType == .decimal
        }
    }

    /// UTS #46 ToASCII, or nil when IDNA reports an error.
    static func idnaASCII(_ domain: String) -> String? {
        let result = ICUCall.withUTF8(domain) { pointer, length in
            ICUCall.string(initialCapacity: 256) { wwc_idna_to_ascii(pointer, length, $0, $1) }
        }
        guard case .success(let ascii) = result, !ascii.isEmpty else { return nil }
        return ascii
    }
}

extension ValueParser {
    /// Where an ASCII needle first occurs in ASCII text, compared byte for byte.
    static func literalRange(of needle: StaticString, in text: String) -> Range<String.Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let first = utf8[start...].firstIndex(of: pattern[0]) {
            var candidate = first
            var matched = true
            for byte in pattern {
                guard candidate < utf8.endIndex, utf8[candidate] == byte else { matched = false; break }
                candidate = utf8.index(after: candidate)
            }
            if matched { return first..<candidate }
            start = utf8.index(after: first)
        }
        return nil
    }
}
