import Foundation

/// The certification rubric: what a record must show for each level, loaded from a data file.
///
/// Why data and not code: the standard is revised every three years and program staff must be
/// able to change criteria, points, thresholds, eligibility and outcome standards without
/// touching Swift (`rubrics/README.md`). `Rubric.load(contentsOf:)` checks the file and
/// rejects it with located diagnostics; `score(_:)` (in `Scorer.swift`) applies it.
public struct Rubric: Sendable, Hashable {
    /// The default rubric's file name, looked up by `loadDefault(explicit:)`.
    public static let defaultFileName = "wwc-2022.json"
    /// The folder that holds it in the repository.
    public static let defaultFolderName = "rubrics"
    /// The environment variable that names a rubric file.
    public static let environmentVariable = "WWC_INTAKE_RUBRIC"

    public struct Source: Sendable, Hashable {
        public var title: String
        public var url: String?
        /// What this source is the authority for.
        public var supports: String?

        public init(title: String, url: String? = nil, supports: String? = nil) {
            self.title = title
            self.url = url
            self.supports = supports
        }
    }

    public struct PracticeArea: Sendable, Hashable {
        /// Short code, e.g. `DM`.
        public var id: String
        public var name: String
        /// Criterion ids in the standard's order.
        public var criteria: [String]

        public init(id: String, name: String, criteria: [String]) {
            self.id = id
            self.name = name
            self.criteria = criteria
        }
    }

    /// One certification level and what it needs.
    public struct LevelRule: Sendable, Hashable {
        public var level: CertificationLevel
        /// Exact decimal as written in the rubric, e.g. `"51"`.
        public var minimumPercent: String
        /// `ceil(minimumPercent / 100 × possible)`, computed exactly: 51 % of 43 → 22.
        public var neededPoints: Int
        /// Practice area id → criteria that must score in that area for this level.
        public var areaMinimums: [AreaMinimum]

        public init(level: CertificationLevel, minimumPercent: String, neededPoints: Int,
                    areaMinimums: [AreaMinimum] = []) {
            self.level = level
            self.minimumPercent = minimumPercent
            self.neededPoints = neededPoints
            self.areaMinimums = areaMinimums
        }
    }

    public struct AreaMinimum: Sendable, Hashable {
        public var area: String
        public var minimum: Int

        public init(area: String, minimum: Int) {
            self.area = area
            self.minimum = minimum
        }
    }

    public struct Eligibility: Sendable, Hashable {
        public var minimumPopulation: Int
        /// ISO 3166-1 alpha-2 codes, upper case.
        public var countries: Set<String>

        public init(minimumPopulation: Int, countries: Set<String>) {
            self.minimumPopulation = minimumPopulation
            self.countries = countries
        }
    }

    /// How one outcome indicator meets its standard.
    public enum OutcomeRule: Sendable, Hashable {
        /// `value ≤ limit` (PM2.5 ≤ 15 µg/m³).
        case atMost(String)
        /// `value ≥ limit` (broadband ≥ 0.60).
        case atLeast(String)
        /// Baseline and target present, target ≠ baseline, and the value moved past the
        /// baseline in the target's direction.
        case improvedTowardTarget
    }

    public struct OutcomeStandard: Sendable, Hashable {
        public var indicator: CanonicalApplication.Indicator
        public var rule: OutcomeRule

        public init(indicator: CanonicalApplication.Indicator, rule: OutcomeRule) {
            self.indicator = indicator
            self.rule = rule
        }
    }

    /// Identifier of the rubric (`wwc-certification`) and its version (`2022.1`).
    public var id: String
    public var version: String
    public var standard: String?
    public var sources: [Source]
    /// The file it was loaded from, for reports.
    public var file: String?
    public var practiceAreas: [PracticeArea]
    /// Points of every criterion, in the standard's order (`pointsPerCriterion` unless overridden).
    public var points: [String: Int]
    /// Criterion → criteria that must score before it scores.
    public var prerequisites: [String: [String]]
    public var core: [String]
    /// Ascending: silver, gold, platinum (a rubric may leave some out).
    public var levels: [LevelRule]
    public var eligibility: Eligibility
    /// How many outcomes must meet their standard (0: no outcome requirement).
    public var outcomesMinimumMet: Int
    public var outcomeStandards: [OutcomeStandard]

    public init(id: String, version: String, standard: String? = nil, sources: [Source] = [], file: String? = nil,
                practiceAreas: [PracticeArea], points: [String: Int], prerequisites: [String: [String]] = [:],
                core: [String] = [], levels: [LevelRule], eligibility: Eligibility, outcomesMinimumMet: Int = 0,
                outcomeStandards: [OutcomeStandard] = []) {
        self.id = id
        self.version = version
        self.standard = standard
        self.sources = sources
        self.file = file
        self.practiceAreas = practiceAreas
        self.points = points
        self.prerequisites = prerequisites
        self.core = core
        self.levels = levels
        self.eligibility = eligibility
        self.outcomesMinimumMet = outcomesMinimumMet
        self.outcomeStandards = outcomeStandards
    }

    /// Every criterion id, in the standard's order.
    public var criteria: [String] { practiceAreas.flatMap(\.criteria) }

    /// The most points a record can score.
    public var possiblePoints: Int { criteria.reduce(0) { $0 + (points[$1] ?? 0) } }

    /// Reads and checks a rubric file. Returns no rubric when any diagnostic is an error.
    public static func load(contentsOf url: URL) -> (rubric: Rubric?, diagnostics: [Diagnostic]) {
        switch InputFile.read(url) {
        case .success(let data): return load(data: data, file: url.path)
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    /// Checks rubric text (the file name only labels the diagnostics).
    public static func load(data: Data, file: String? = nil) -> (rubric: Rubric?, diagnostics: [Diagnostic]) {
        var loader = RubricLoader(file: file)
        return loader.load(data)
    }
}
