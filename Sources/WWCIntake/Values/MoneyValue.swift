/// An amount of money: exact decimal text in plain notation plus its ISO 4217 code.
public struct MoneyValue: Sendable, Hashable {
    /// e.g. `"1234.56"`: no exponent, no `+`, no trailing fractional zeros.
    public var amount: String
    /// e.g. `"BRL"`.
    public var currency: String

    public init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}
