/// What a key of the input names, once resolved.
enum MappingTarget: Sendable, Hashable {
    /// A fixed section such as `applicant` or `applicant.contact`.
    case section(MappingSchema.SectionIndex)
    /// The section holding the criteria.
    case criteria
    /// The section holding the outcome items.
    case outcomes
    /// One criterion (`DM1`).
    case criterion(MappingSchema.CriterionIndex)
    /// A field (`applicant.city`, `criteria.*.status`, `outcomes[].value`).
    case field(MappingSchema.FieldIndex)
}

/// Where the walker stands while it resolves keys.
enum MappingScope: Sendable, Hashable {
    case root
    case section(MappingSchema.SectionIndex)
    case criteria
    case criterion(MappingSchema.CriterionIndex)
    case outcomes
    case outcome
}

/// The answer to "what does this key name here?".
enum Resolution: Sendable, Hashable {
    case target(MappingTarget)
    /// Several fields could be meant (`Description` outside its section): never guessed.
    case ambiguous([String])
    /// Looks like a criterion id (`DM12`) but the standard has no such criterion.
    case unknownCriterion(String)
    case unknown
}
