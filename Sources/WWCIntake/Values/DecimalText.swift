/// Exact decimal text in the canonical plain notation of the spec: no exponent, no `+`,
/// no leading zeros, no trailing fractional zeros (`"12500000.5"`, `"0.734"`, `"-3"`).
///
/// Why text and not `Double`/`Decimal`: values must never pass through a binary float, and
/// ICU already hands us an exact decimal string (sometimes in E notation, e.g.
/// `"1.23456789012345678905E+19"` or `"1E-6"`); this only moves the decimal point. Scoring
/// compares and multiplies with it too: thresholds sit exactly on decimal boundaries (PM2.5
/// `15` vs `15.1`, broadband `0.6` vs `0.59`, 51 % of 43 = 21.93), and a binary float can land
/// on the wrong side of one.
struct DecimalText: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Digits without leading/trailing zeros beyond what `scale` needs ("" means zero).
    private(set) var digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    private(set) var exponent: Int
    private(set) var isNegative: Bool

    /// Longest plain notation accepted, in characters. Far beyond any figure on a form, and it
    /// keeps an exponent from turning a 15-byte JSON number (`0.7e444000000`) into a string of
    /// 444 million zeros, or overflowing `exponent` (`1e9223372036854775807`). Longer → nil.
    static let maxPlainLength = 1_000

    /// Reads ICU's decimal number text: `[-]digits[.digits][E[+-]digits]`.
    init?(icu text: String) {
        // Read in place (every parsed number and every range check comes here): copying the
        // text into an array and shifting it cost more than the reading.
        let utf8 = text.utf8
        var bytes = utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
            guard let value = Int(String(decoding: bytes[utf8.index(after: e)...], as: UTF8.self)),
                  value.magnitude <= UInt(Self.maxPlainLength) else { return nil }
            exponent = value
            bytes = bytes[..<e]
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        var sawPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint else { return nil }
                sawPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                if sawPoint { exponent -= 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        self.digits = digits
        self.exponent = exponent
        self.isNegative = negative
        normalize()
        guard plainLength <= Self.maxPlainLength else { return nil }
    }

    /// Characters of `description` without the sign.
    private var plainLength: Int {
        exponent >= 0 ? digits.count + exponent : max(digits.count, -exponent) + 1
    }

    /// Reads a JSON number's text (`-12.50`, `1.5e3`, `2E-2`): JSON grammar only, so no
    /// leading `+`, no leading zeros, digits on both sides of the point.
    init?(json text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        self.init(icu: text)
    }

    /// Reads plain notation, what canonical records and rubric numbers hold: `[-]digits[.digits]`
    /// (`-12.50`, `0.6`, `007`) and nothing else — no exponent, no `+`, no space, ASCII digits
    /// only. Why not Foundation `Decimal(string:)`: it stops at the first bad character instead
    /// of rejecting the value.
    init?(plain text: String) {
        var digits: [UInt8] = []
        var exponent = 0
        var negative = false
        var sawPoint = false
        var fractionDigits = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 0, byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: ".") {
                guard !sawPoint, !digits.isEmpty else { return nil }
                sawPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                if sawPoint {
                    exponent -= 1
                    fractionDigits += 1
                }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty, !sawPoint || fractionDigits > 0 else { return nil }
        self.digits = digits
        self.exponent = exponent
        self.isNegative = negative
        normalize()
    }

    init(_ value: Int) {
        self.init(plain: String(value))!
    }

    private mutating func normalize() {
        while let first = digits.first, first == 0 { digits.removeFirst() }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            exponent = 0
            isNegative = false
        }
    }

    var isZero: Bool { digits.isEmpty }

    /// The value times 10^places (places may be negative: percent → fraction is −2).
    func shifted(by places: Int) -> DecimalText {
        var copy = self
        if !copy.digits.isEmpty { copy.exponent += places }
        return copy
    }

    /// Whether there are digits after the decimal point.
    var hasFraction: Bool { exponent < 0 }

    /// The absolute value compared with 1 (−1, 0, 1).
    var magnitudeComparedToOne: Int {
        if digits.isEmpty { return -1 }
        let integerDigits = digits.count + exponent
        if integerDigits > 1 { return 1 }
        if integerDigits < 1 { return -1 }
        // One integer digit: it is 1 exactly only when digits == [1].
        if digits[0] > 1 { return 1 }
        return digits.count == 1 ? 0 : 1
    }

    var description: String {
        if digits.isEmpty { return "0" }
        let text = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        var result: String
        if exponent >= 0 {
            result = text + String(repeating: "0", count: exponent)
        } else {
            let fractionCount = -exponent
            if fractionCount >= text.count {
                result = "0." + String(repeating: "0", count: fractionCount - text.count) + text
            } else {
                let split = text.index(text.endIndex, offsetBy: -fractionCount)
                result = text[..<split] + "." + text[split...]
            }
        }
        return isNegative ? "-" + result : result
    }

    /// −1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`, exactly.
    static func compare(_ lhs: DecimalText, _ rhs: DecimalText) -> Int {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative ? -1 : 1 }  // zero is never negative
        let magnitude = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? -magnitude : magnitude
    }

    private static func compareMagnitudes(_ lhs: DecimalText, _ rhs: DecimalText) -> Int {
        if lhs.digits.isEmpty || rhs.digits.isEmpty { return (lhs.digits.isEmpty ? 0 : 1) - (rhs.digits.isEmpty ? 0 : 1) }
        // Normalized digits start with a non-zero digit: the leading digit's place decides first.
        let (lhsPlace, rhsPlace) = (lhs.digits.count + lhs.exponent, rhs.digits.count + rhs.exponent)
        if lhsPlace != rhsPlace { return lhsPlace < rhsPlace ? -1 : 1 }
        for index in 0..<max(lhs.digits.count, rhs.digits.count) {
            let left = index < lhs.digits.count ? lhs.digits[index] : 0
            let right = index < rhs.digits.count ? rhs.digits[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    static func < (lhs: DecimalText, rhs: DecimalText) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// `ceil(self × factor / divisor)` in exact integer arithmetic, or `nil` when the value is
    /// negative or the product does not fit in an `Int` (a rubric with absurd numbers).
    func ceilingOfProduct(with factor: Int, dividedBy divisor: Int) -> Int? {
        guard !isNegative, factor >= 0, divisor > 0 else { return nil }
        func timesTen(_ value: inout Int) -> Bool {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            value = next
            return !overflow
        }
        var significand = 0
        for digit in digits {
            guard timesTen(&significand) else { return nil }
            significand += Int(digit)
        }
        var denominator = divisor
        for _ in 0..<max(exponent, 0) { guard timesTen(&significand) else { return nil } }
        for _ in 0..<max(-exponent, 0) { guard timesTen(&denominator) else { return nil } }
        let (product, overflow) = significand.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: denominator)
        return remainder == 0 ? quotient : quotient + 1
    }

    /// `numerator / denominator × 100`, truncated (never rounded up) to two decimals and
    /// written without trailing zeros: 22/43 → `"51.16"`, 43/43 → `"100"`. Truncation keeps a
    /// displayed percent from reaching a threshold that the points do not reach.
    static func percent(_ numerator: Int, of denominator: Int) -> String {
        guard denominator > 0, numerator >= 0 else { return "0" }
        let hundredths = numerator.multipliedReportingOverflow(by: 10_000).overflow
            ? numerator / denominator * 10_000
            : numerator * 10_000 / denominator
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return fraction < 10 ? "\(whole).0\(fraction)" : "\(whole).\(fraction)"
    }

    /// The value as an `Int` when it is whole and fits.
    var integerValue: Int? {
        guard !hasFraction else { return nil }
        return Int(description)
    }
}
