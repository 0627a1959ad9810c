/// A certification level, lowest first. `none` is a result, never a rubric level.
public enum CertificationLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case none
    case silver
    case gold
    case platinum

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
