/// A parsed value plus non-fatal findings (e.g. `number.ambiguous`, `percent.ambiguous`,
/// `money.currency_assumed`), which the pipeline reports as warnings.
public struct Parsed<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var warnings: [ValueError]

    public init(_ value: Value, warnings: [ValueError] = []) {
        self.value = value
        self.warnings = warnings
    }

    public init(value: Value, warnings: [ValueError] = []) {
        self.init(value, warnings: warnings)
    }
}
