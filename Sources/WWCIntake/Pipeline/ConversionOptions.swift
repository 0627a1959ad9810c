/// What intake staff can set for a conversion.
public struct ConversionOptions: Sendable, Hashable {
    /// Forces the form's locale (`--locale`), overriding a declared or detected one.
    public var locale: String?
    /// Reader limits against hostile or runaway input.
    public var limits: ReaderLimits

    public init(locale: String? = nil, limits: ReaderLimits = .default) {
        self.locale = locale
        self.limits = limits
    }
}

/// The outcome of converting one input.
public struct ConversionResult: Sendable {
    /// The input file as given, when there was one.
    public var file: String?
    /// The canonical record; nil when any error was found (a rejected form writes no record).
    public var record: CanonicalApplication?
    /// Every finding, errors first, then by position; `file` is set on each.
    public var diagnostics: [Diagnostic]
    /// How every leaf value of the input was accounted for.
    public var statistics: LeafStatistics

    public var isAccepted: Bool { record != nil }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
