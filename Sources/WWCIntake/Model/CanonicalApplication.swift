/// The canonical, language-free application record (`wwc-application/1`).
///
/// `../shared/spec/canonical-application.schema.json` is normative; `json(messages:)` emits
/// members in the schema's order so that two conversions of one form are byte-identical.
/// Decimals are exact decimal strings (`"14.2"`), never `Double`.
public struct CanonicalApplication: Sendable, Hashable {
    public static let schemaID = "wwc-application/1"

    public struct Source: Sendable, Hashable {
        public var file: String?
        public var format: SourceFormat
        public var sha256: String
        public var declaredLocale: String?
        /// Effective BCP 47 locale with region, e.g. `es-MX`.
        public var locale: String
        public var localeSource: LocaleSource
        /// The submission metadata of the form system the form was exported from, when it was
        /// recognized (`locales/exports.json`); nil for any other form.
        public var export: Export?

        public init(file: String?, format: SourceFormat, sha256: String, declaredLocale: String?, locale: String,
                    localeSource: LocaleSource, export: Export? = nil) {
            self.file = file
            self.format = format
            self.sha256 = sha256
            self.declaredLocale = declaredLocale
            self.locale = locale
            self.localeSource = localeSource
            self.export = export
        }
    }

    /// `source.export`: what the exporting system (KoboToolbox, ODK) says about the submission.
    /// Every value is kept as the system wrote it; the timestamps are ISO 8601 date-times.
    public struct Export: Sendable, Hashable {
        public enum System: String, Sendable, Hashable, CaseIterable {
            case kobotoolbox, odk, other
        }

        public var system: System
        public var formId: String?
        public var formVersion: String?
        public var instanceId: String?
        public var started: String?
        public var ended: String?
        public var submittedAt: String?

        public init(system: System, formId: String? = nil, formVersion: String? = nil, instanceId: String? = nil,
                    started: String? = nil, ended: String? = nil, submittedAt: String? = nil) {
            self.system = system
            self.formId = formId
            self.formVersion = formVersion
            self.instanceId = instanceId
            self.started = started
            self.ended = ended
            self.submittedAt = submittedAt
        }

        /// The value of one member (nil when the system did not give it).
        subscript(member: ExportSystem.Member) -> String? {
            get {
                switch member {
                case .formId: formId
                case .formVersion: formVersion
                case .instanceId: instanceId
                case .started: started
                case .ended: ended
                case .submittedAt: submittedAt
                }
            }
            set {
                switch member {
                case .formId: formId = newValue
                case .formVersion: formVersion = newValue
                case .instanceId: instanceId = newValue
                case .started: started = newValue
                case .ended: ended = newValue
                case .submittedAt: submittedAt = newValue
                }
            }
        }
    }

    /// How the effective locale was chosen.
    public enum LocaleSource: String, Sendable, Hashable {
        case declared, option, detected, country
    }

    public struct Contact: Sendable, Hashable {
        public var name: String?
        public var title: String?
        public var email: String?
        public var phone: String?
        public init(name: String? = nil, title: String? = nil, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.title = title
            self.email = email
            self.phone = phone
        }
    }

    public struct Applicant: Sendable, Hashable {
        public var city: String?
        public var region: String?
        /// ISO 3166-1 alpha-2.
        public var country: String?
        public var population: Int?
        public var populationYear: Int?
        public var website: String?
        public var contact: Contact
        public init(city: String? = nil, region: String? = nil, country: String? = nil, population: Int? = nil,
                    populationYear: Int? = nil, website: String? = nil, contact: Contact = Contact()) {
            self.city = city
            self.region = region
            self.country = country
            self.population = population
            self.populationYear = populationYear
            self.website = website
            self.contact = contact
        }
    }

    public struct Money: Sendable, Hashable {
        /// Exact decimal string, e.g. `"1234567.89"`.
        public var amount: String
        /// ISO 4217 code, e.g. `"BRL"`.
        public var currency: String
        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        case met
        case inProgress = "in_progress"
        case notMet = "not_met"
    }

    public struct Criterion: Sendable, Hashable {
        public var id: String
        public var status: Status?
        public var since: String?
        public var evidence: [String]?
        public var narrative: String?
        public init(id: String, status: Status? = nil, since: String? = nil, evidence: [String]? = nil,
                    narrative: String? = nil) {
            self.id = id
            self.status = status
            self.since = since
            self.evidence = evidence
            self.narrative = narrative
        }
    }

    public enum Indicator: String, Sendable, Hashable, CaseIterable {
        case airQualityPM25 = "air_quality_pm25"
        case broadbandHouseholds = "broadband_households"
        case prioritySDG = "priority_sdg"
    }

    public struct Outcome: Sendable, Hashable {
        public var indicator: Indicator?
        /// Exact decimals; percents are fractions (73.4 % → `"0.734"`).
        public var value: String?
        public var year: Int?
        public var baseline: String?
        public var baselineYear: Int?
        public var target: String?
        public var sdg: Int?
        public var description: String?
        public init(indicator: Indicator? = nil, value: String? = nil, year: Int? = nil, baseline: String? = nil,
                    baselineYear: Int? = nil, target: String? = nil, sdg: Int? = nil, description: String? = nil) {
            self.indicator = indicator
            self.value = value
            self.year = year
            self.baseline = baseline
            self.baselineYear = baselineYear
            self.target = target
            self.sdg = sdg
            self.description = description
        }
    }

    /// An input value that no field took, kept so that nothing is lost.
    public struct Unmapped: Sendable, Hashable {
        public var path: String
        public var key: String
        public var value: String
        public var location: SourceLocation?
        public init(path: String, key: String, value: String, location: SourceLocation?) {
            self.path = path
            self.key = key
            self.value = value
            self.location = location
        }
    }

    public var source: Source
    public var submissionDate: String?
    public var applicant: Applicant
    public var budgetDataAnnual: Money?
    /// In the standard's order (DM1 … EVAL4).
    public var criteria: [Criterion]
    public var outcomes: [Outcome]
    public var unmapped: [Unmapped]
    /// Warnings only: a form with an error has no record.
    public var diagnostics: [Diagnostic]

    public init(source: Source, submissionDate: String? = nil, applicant: Applicant = Applicant(),
                budgetDataAnnual: Money? = nil, criteria: [Criterion] = [], outcomes: [Outcome] = [],
                unmapped: [Unmapped] = [], diagnostics: [Diagnostic] = []) {
        self.source = source
        self.submissionDate = submissionDate
        self.applicant = applicant
        self.budgetDataAnnual = budgetDataAnnual
        self.criteria = criteria
        self.outcomes = outcomes
        self.unmapped = unmapped
        self.diagnostics = diagnostics
    }

    public func criterion(_ id: String) -> Criterion? {
        criteria.first { $0.id == id }
    }
}
