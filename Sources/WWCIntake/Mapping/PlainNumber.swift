/// Numbers written as JSON numbers: locale-free plain notation (`-12.50`), taken exactly.
///
/// JSON writes `1234.5` in every locale, so these must not go through the locale's number
/// parser (es-CO would read `1.234` as 1234). The JSON reader already checked the RFC 8259
/// grammar; here exponents are refused (the spec forbids them), trailing fractional zeros are
/// dropped, and integers must have no fractional part.
enum PlainNumber {
    static func decimal(_ text: String) throws(ValueError) -> Parsed<String> {
        Parsed(value: try canonical(text), warnings: [])
    }

    static func integer(_ text: String) throws(ValueError) -> Parsed<Int> {
        let value = try canonical(text)
        guard !value.contains("."), let integer = Int(value) else {
            throw ValueError(code: .numberInvalid, arguments: ["value": .text(text), "expected": "integer"])
        }
        return Parsed(value: integer, warnings: [])
    }

    /// A bare number for a percent field: ≤ 1 is a fraction already, > 1 is a percent.
    /// Either way it is noted (`percent.ambiguous`), since `0.5` could mean half a percent.
    static func fraction(fromBarePercent text: String) throws(ValueError) -> Parsed<String> {
        let value = try canonical(text)
        let negative = value.hasPrefix("-")
        let digits = negative ? String(value.dropFirst()) : value
        let integerPart = digits.split(separator: ".", omittingEmptySubsequences: false)[0]
        let isFraction = integerPart == "0" || digits == "1"
        let fraction = isFraction ? value : (negative ? "-" : "") + shiftLeftTwoPlaces(digits)
        let warning = ValueError(code: .percentAmbiguous, arguments: [
            "value": .text(text), "fraction": .text(fraction), "reading": isFraction ? "fraction" : "percent",
        ])
        return Parsed(value: fraction, warnings: [warning])
    }

    /// `-0012.5000` → `-12.5`; exponents and other forms are `number.invalid`.
    static func canonical(_ text: String) throws(ValueError) -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.count == 1 || !parts[1].isEmpty
        else {
            throw ValueError(code: .numberInvalid, arguments: ["value": .text(text)])
        }
        var integer = parts[0].drop { $0 == "0" }
        if integer.isEmpty { integer = "0" }
        var fraction = parts.count == 2 ? parts[1] : ""
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let magnitude = fraction.isEmpty ? String(integer) : integer + "." + fraction
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }

    /// Divides a non-negative plain decimal by 100 by moving the point: `73.4` → `0.734`.
    static func shiftLeftTwoPlaces(_ digits: String) -> String {
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        while integer.count < 3 { integer = "0" + integer }
        let newInteger = String(integer.dropLast(2))
        let newFraction = String(integer.suffix(2)) + fraction
        let trimmedFraction = newFraction.reversed().drop { $0 == "0" }.reversed()
        let head = newInteger.drop { $0 == "0" }
        let result = (head.isEmpty ? "0" : String(head)) + (trimmedFraction.isEmpty ? "" : "." + String(trimmedFraction))
        return result
    }
}
