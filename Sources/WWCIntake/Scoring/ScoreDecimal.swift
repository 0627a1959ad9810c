import Foundation

/// An exact decimal for the few comparisons and products that scoring needs.
///
/// Why not `Double`: thresholds sit exactly on decimal boundaries (PM2.5 `15` vs `15.1`,
/// broadband `0.6` vs `0.59`, 51 % of 43 = 21.93), and a binary float can land on the wrong
/// side of one. Why not Foundation `Decimal(string:)`: it stops at the first bad character
/// instead of rejecting the value. Only plain notation is accepted (`-12.50`, `0.6`, `15`),
/// which is what canonical records and rubric numbers hold; anything else is `nil`.
struct ScoreDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Digits before the point, without leading zeros (`""` for zero).
    let integerDigits: String
    /// Digits after the point, without trailing zeros.
    let fractionDigits: String
    /// Never set for zero, so `-0` equals `0`.
    let isNegative: Bool

    init?(_ text: String) {
        var scalars = Substring(text)
        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars = scalars.dropFirst()
        }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction: Substring = ""
        if parts.count == 2 {
            fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        integerDigits = String(whole.drop { $0 == "0" })
        fractionDigits = String(fraction.reversed().drop { $0 == "0" }.reversed())
        isNegative = negative && !(integerDigits.isEmpty && fractionDigits.isEmpty)
    }

    init(_ value: Int) {
        self.init(String(value))!
    }

    var isZero: Bool { integerDigits.isEmpty && fractionDigits.isEmpty }

    var description: String {
        let whole = integerDigits.isEmpty ? "0" : integerDigits
        let sign = isNegative ? "-" : ""
        return fractionDigits.isEmpty ? sign + whole : sign + whole + "." + fractionDigits
    }

    static func < (lhs: ScoreDecimal, rhs: ScoreDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = magnitudeCompare(lhs, rhs) < 0
        let magnitudeGreater = magnitudeCompare(lhs, rhs) > 0
        return lhs.isNegative ? magnitudeGreater : magnitudeLess
    }

    /// -1, 0 or 1 comparing absolute values digit by digit (no overflow at any length).
    private static func magnitudeCompare(_ lhs: ScoreDecimal, _ rhs: ScoreDecimal) -> Int {
        if lhs.integerDigits.count != rhs.integerDigits.count {
            return lhs.integerDigits.count < rhs.integerDigits.count ? -1 : 1
        }
        if lhs.integerDigits != rhs.integerDigits {
            return lhs.integerDigits < rhs.integerDigits ? -1 : 1
        }
        let width = max(lhs.fractionDigits.count, rhs.fractionDigits.count)
        let left = lhs.fractionDigits.padding(toLength: width, withPad: "0", startingAt: 0)
        let right = rhs.fractionDigits.padding(toLength: width, withPad: "0", startingAt: 0)
        return left == right ? 0 : (left < right ? -1 : 1)
    }

    /// `ceil(self × factor / divisor)` in exact integer arithmetic, or `nil` when the value is
    /// negative or the product does not fit in an `Int` (a rubric with absurd numbers).
    func ceilingOfProduct(with factor: Int, dividedBy divisor: Int) -> Int? {
        guard !isNegative, factor >= 0, divisor > 0,
              let significand = Int(integerDigits + fractionDigits) ?? (isZero ? 0 : nil)
        else { return nil }
        var denominator = divisor
        for _ in 0..<fractionDigits.count {
            let (next, overflow) = denominator.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            denominator = next
        }
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
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
