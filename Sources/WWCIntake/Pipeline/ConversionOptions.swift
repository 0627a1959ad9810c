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
    /// An accepted form's findings are the record's `diagnostics`.
    public var record: CanonicalApplication?
    /// The findings of a rejected form (an accepted form's live in its record only).
    private var rejectionDiagnostics: [Diagnostic]
    /// How every leaf value of the input was accounted for.
    public var statistics: LeafStatistics

    /// `diagnostics` go to the record when there is one, else they are the rejection's.
    package init(file: String?, record: CanonicalApplication?, diagnostics: [Diagnostic], statistics: LeafStatistics) {
        self.file = file
        var record = record
        record?.diagnostics = diagnostics
        self.record = record
        self.rejectionDiagnostics = record == nil ? diagnostics : []
        self.statistics = statistics
    }

    /// Every finding, errors first, then by position; `file` is set on each.
    public var diagnostics: [Diagnostic] { record?.diagnostics ?? rejectionDiagnostics }

    public var isAccepted: Bool { record != nil }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
