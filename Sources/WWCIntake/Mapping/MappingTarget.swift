/// What a key of the input names, once resolved.
enum MappingTarget: Sendable, Hashable {
    /// A fixed section such as `applicant` or `applicant.contact`.
    case section(String)
    /// The section holding the criteria.
    case criteria
    /// The section holding the outcome items.
    case outcomes
    /// One criterion, by id (`DM1`).
    case criterion(String)
    /// A field, by id (`applicant.city`, `criteria.*.status`, `outcomes[].value`).
    case field(String)
}

/// Where the walker stands while it resolves keys.
enum MappingScope: Sendable, Hashable {
    case root
    case section(String)
    case criteria
    case criterion(String)
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
