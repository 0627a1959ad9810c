/// A stable, machine-readable diagnostic code such as `number.invalid`.
///
/// Codes are part of the public contract (scripts and SARIF rules key on them): never rename
/// one. Each code is also the key of its message in every locale catalog.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension DiagnosticCode {
    // Reading
    public static let xmlMalformed: Self = "xml.malformed"
    public static let xmlDTDForbidden: Self = "xml.dtd_forbidden"
    public static let jsonMalformed: Self = "json.malformed"
    /// Well-formed JSON whose top level is not an object (`[]`, `"x"`): not a form.
    public static let jsonNotObject: Self = "json.not_object"
    public static let encodingInvalid: Self = "encoding.invalid"
    public static let inputTooLarge: Self = "input.too_large"
    public static let inputTooDeep: Self = "input.too_deep"
    public static let inputUnreadable: Self = "input.unreadable"
    // Locale and mapping
    public static let localeUndetermined: Self = "locale.undetermined"
    public static let localeInvalid: Self = "locale.invalid"
    public static let fieldRequired: Self = "field.required"
    public static let fieldUnknown: Self = "field.unknown"
    public static let fieldDuplicate: Self = "field.duplicate"
    public static let fieldAmbiguous: Self = "field.ambiguous"
    public static let criterionUnknown: Self = "criterion.unknown"
    // Values
    public static let textEmpty: Self = "text.empty"
    public static let numberInvalid: Self = "number.invalid"
    public static let numberAmbiguous: Self = "number.ambiguous"
    public static let numberOutOfRange: Self = "number.out_of_range"
    public static let percentAmbiguous: Self = "percent.ambiguous"
    public static let moneyCurrencyUnknown: Self = "money.currency_unknown"
    public static let dateInvalid: Self = "date.invalid"
    public static let dateAmbiguous: Self = "date.ambiguous"
    public static let enumUnknown: Self = "enum.unknown"
    public static let countryUnknown: Self = "country.unknown"
    public static let emailInvalid: Self = "email.invalid"
    public static let urlInvalid: Self = "url.invalid"
    public static let phoneInvalid: Self = "phone.invalid"
    // Messages and catalogs (translators' checks, `intake catalog …`)
    public static let catalogMalformed: Self = "catalog.malformed"
    public static let catalogDuplicateKey: Self = "catalog.duplicate_key"
    public static let catalogInvalid: Self = "catalog.invalid"
    public static let catalogHeader: Self = "catalog.header"
    public static let catalogOrphanOverlay: Self = "catalog.orphan_overlay"
    public static let catalogMissingKey: Self = "catalog.missing_key"
    public static let catalogObsoleteKey: Self = "catalog.obsolete_key"
    public static let catalogMessageSyntax: Self = "catalog.message_syntax"
    public static let catalogPlaceholderMismatch: Self = "catalog.placeholder_mismatch"
    public static let catalogPluralMissing: Self = "catalog.plural_missing"
    public static let catalogPluralIdentical: Self = "catalog.plural_identical"
    public static let catalogCollision: Self = "catalog.collision"
    public static let catalogUntranslated: Self = "catalog.untranslated"
    public static let catalogWhitespace: Self = "catalog.whitespace"
    public static let catalogFrenchSpacing: Self = "catalog.french_spacing"
    public static let catalogUnknownID: Self = "catalog.unknown_id"
    public static let catalogXLIFFInvalid: Self = "catalog.xliff_invalid"
}

extension DiagnosticCode {
    // Values (appended by the value layer)
    public static let moneyCurrencyAssumed: Self = "money.currency_assumed"
    public static let moneyAmbiguous: Self = "money.ambiguous"
    public static let moneyCurrencyConflict: Self = "money.currency_conflict"
    public static let localeOverridden: Self = "locale.overridden"
    public static let messageSyntax: Self = "message.syntax"
}

extension DiagnosticCode {
    // The command line: option values the commands' own rules refuse
    public static let optionInvalid: Self = "option.invalid"
    public static let optionRequired: Self = "option.required"
    public static let optionSelection: Self = "option.selection"
}

extension DiagnosticCode {
    // Scoring: the rubric file
    public static let rubricMalformed: Self = "rubric.malformed"
    public static let rubricInvalid: Self = "rubric.invalid"
    public static let rubricUnknownCriterion: Self = "rubric.unknown_criterion"
    public static let rubricNotFound: Self = "rubric.not_found"
    // Scoring: reasons for a level
    public static let scoreLevel: Self = "score.level"
    public static let scoreCoreUnmet: Self = "score.core_unmet"
    public static let scoreIneligiblePopulation: Self = "score.ineligible_population"
    public static let scoreIneligibleCountry: Self = "score.ineligible_country"
    public static let scoreOutcomeUnmet: Self = "score.outcome_unmet"
    public static let scorePrerequisiteUnmet: Self = "score.prerequisite_unmet"
    public static let scoreAreaMinimum: Self = "score.area_minimum"
    public static let scoreBelowThreshold: Self = "score.below_threshold"
    public static let scoreApplicantIncomplete: Self = "score.applicant_incomplete"
}

extension DiagnosticCode {
    // Inputs that are not what they seem (issue 13)
    /// A symbolic link leads back to a folder being walked: not followed (warning).
    public static let inputLinkLoop: Self = "input.link_loop"
    /// A canonical record (`"schema": "wwc-application/1"`) given where a form is expected.
    public static let inputCanonicalRecord: Self = "input.canonical_record"
    /// Declared as a single-byte encoding, but the bytes are UTF-8: read as UTF-8 (warning).
    public static let encodingMismatch: Self = "encoding.mismatch"
}
