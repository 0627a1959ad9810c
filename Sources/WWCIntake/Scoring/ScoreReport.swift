/// The result of scoring one application against a rubric, returned as data.
///
/// `reasons` say why the level is what it is: first `score.level`, then everything that
/// blocked or lowered it, each with a stable code and named arguments so that the command
/// line renders them from the catalogs in the reader's language.
public struct ScoreReport: Sendable, Hashable {
    public typealias Level = CertificationLevel

    /// Criteria that score in one practice area, out of the area's criteria.
    public struct AreaCount: Sendable, Hashable {
        public var area: String
        public var met: Int
        public var total: Int

        public init(area: String, met: Int, total: Int) {
            self.area = area
            self.met = met
            self.total = total
        }
    }

    /// The points one level needs.
    public struct Threshold: Sendable, Hashable {
        public var level: Level
        public var points: Int

        public init(level: Level, points: Int) {
            self.level = level
            self.points = points
        }
    }

    /// One reason for the level, as a catalog message key and its arguments.
    public struct Reason: Sendable, Hashable {
        public var code: DiagnosticCode
        public var arguments: [String: MessageArgument]

        public init(code: DiagnosticCode, arguments: [String: MessageArgument] = [:]) {
            self.code = code
            self.arguments = arguments
        }

        public init(_ code: DiagnosticCode, _ arguments: [String: MessageArgument] = [:]) {
            self.init(code: code, arguments: arguments)
        }
    }

    /// The scored input (form or record), when known.
    public var file: String?
    public var city: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?
    public var population: Int?
    /// `id` and `version` of the rubric used, e.g. `wwc-certification`, `2022.1`.
    public var rubric: String
    public var rubricVersion: String
    public var points: Int
    public var possible: Int
    /// `points / possible` as a percent, exact, truncated to two decimals: `"51.16"`.
    public var percent: String
    public var level: Level
    public var eligible: Bool
    public var coreMet: Bool
    public var outcomeMet: Bool
    /// Points each level needs under this rubric, lowest level first.
    public var thresholds: [Threshold]
    /// In the rubric's order of practice areas.
    public var areas: [AreaCount]
    public var reasons: [Reason]

    public init(file: String? = nil, city: String? = nil, country: String? = nil, population: Int? = nil,
                rubric: String, rubricVersion: String, points: Int, possible: Int, percent: String, level: Level,
                eligible: Bool, coreMet: Bool, outcomeMet: Bool, thresholds: [Threshold] = [],
                areas: [AreaCount], reasons: [Reason]) {
        self.file = file
        self.city = city
        self.country = country
        self.population = population
        self.rubric = rubric
        self.rubricVersion = rubricVersion
        self.points = points
        self.possible = possible
        self.percent = percent
        self.level = level
        self.eligible = eligible
        self.coreMet = coreMet
        self.outcomeMet = outcomeMet
        self.areas = areas
        self.reasons = reasons
        self.thresholds = thresholds
    }

    /// The reason codes in order, handy for tests and scripts.
    public var reasonCodes: [DiagnosticCode] { reasons.map(\.code) }

    /// The report as one JSON object (`intake score --format json`), members in a stable
    /// order. `message` renders a reason from the catalogs in the chosen language.
    public func json(message: (DiagnosticCode, [String: MessageArgument]) -> String) -> JSONValue {
        .object([
            "file": file.map(JSONValue.string) ?? .null,
            "city": city.map(JSONValue.string) ?? .null,
            "country": country.map(JSONValue.string) ?? .null,
            "population": population.map(JSONValue.integer) ?? .null,
            "rubric": .object(["id": .string(rubric), "version": .string(rubricVersion)]),
            "points": .integer(points),
            "possible": .integer(possible),
            "percent": .string(percent),
            "level": .string(level.rawValue),
            "eligible": .bool(eligible),
            "coreMet": .bool(coreMet),
            "outcomeMet": .bool(outcomeMet),
            "thresholds": .object(thresholds.map { JSONValue.Member($0.level.rawValue, .integer($0.points)) }),
            "areas": .array(areas.map { area in
                .object(["area": .string(area.area), "met": .integer(area.met), "total": .integer(area.total)])
            }),
            "reasons": .array(reasons.map { reason in
                .object([
                    "code": .string(reason.code.rawValue),
                    "message": .string(message(reason.code, reason.arguments)),
                    "arguments": .object(reason.arguments.keys.sorted().map { key in
                        switch reason.arguments[key]! {
                        case .text(let text): JSONValue.Member(key, .string(text))
                        case .number(let number): JSONValue.Member(key, .integer(number))
                        case .decimal(let text): JSONValue.Member(key, .rawNumber(text))
                        }
                    }),
                ])
            }),
        ])
    }
}
