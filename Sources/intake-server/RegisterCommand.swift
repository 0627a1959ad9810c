import ArgumentParser
import Foundation
import WWCIntake
import WWCRegister

/// `intake register …`: the register from the command line (the same store the server uses).
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Keep every application, its versions, review state and audit log.",
        discussion: """
            The register is a SQLite file (default intake-register.sqlite, created on first use) \
            or a PostgreSQL database (--db postgres://…) shared by several staff and servers.

            Examples:
              intake register add samples/
              intake register list --state received --format csv
              intake register show 3
              intake register review 3 --state needs_changes --note "Population year is missing"
              intake register review --where-state received --where-level gold --state accepted
              intake register export --format csv --lang es > applications.csv
              intake register token add alice --role staff
            """,
        subcommands: [Add.self, List.self, Show.self, Review.self, Export.self, Audit.self, Token.self]
    )

    /// Who the CLI acts as in the audit log.
    struct ActorOption: ParsableArguments {
        @Option(name: .customLong("as"), help: ArgumentHelp("Name recorded in the audit log (default: $USER).", valueName: "name"))
        var name: String?

        var actor: Actor { name ?? ProcessInfo.processInfo.environment["USER"] ?? "cli" }
    }

    /// `--state` / `--level` filters shared by list, review and export.
    struct FilterOptions: ParsableArguments {
        @Option(name: .customLong("state"), parsing: .upToNextOption,
                help: ArgumentHelp("Only applications in these states (received, needs_changes, accepted, rejected).", valueName: "state"))
        var states: [String] = []

        @Option(name: .customLong("level"), parsing: .upToNextOption,
                help: ArgumentHelp("Only applications whose latest version scores these levels (none, silver, gold, platinum).", valueName: "level"))
        var levels: [String] = []

        @Option(help: ArgumentHelp("Only applications from this country (ISO code).", valueName: "code"))
        var country: String?

        @Option(help: ArgumentHelp("Only applications of this cycle (year).", valueName: "year"))
        var cycle: Int?

        func validate() throws {
            if let bad = states.first(where: { ReviewState(rawValue: $0) == nil }) {
                throw usageError(.optionInvalid, ["option": "--state", "rule": "state", "value": .text(bad)])
            }
            if let bad = levels.first(where: { CertificationLevel(rawValue: $0) == nil }) {
                throw usageError(.optionInvalid, ["option": "--level", "rule": "level", "value": .text(bad)])
            }
        }

        var filter: ApplicationFilter {
            ApplicationFilter(states: states.compactMap(ReviewState.init(rawValue:)), levels: levels, country: country, cycle: cycle)
        }

    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }
    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store forms as new versions of their applications.",
            discussion: """
                Each form is converted and scored; it becomes a version of the application of its \
                city, country and cycle (the submission date's year), which is set back to \
                'received'. The same bytes twice are one version. Forms that do not convert are \
                reported and not stored (exit 1).
                """)

        @Argument(help: ArgumentHelp("Form files (.xml, .json) or folders.", valueName: "file"))
        var inputs: [String]

        @OptionGroup var options: RegisterOptions
        @OptionGroup var actor: ActorOption

        func run() async throws {
            let builder = try options.builder()
            let catalogs = builder.catalogs
            let store = try await options.open(catalogs: catalogs)
            defer { Task { await store.close() } }
            let (files, problems) = InputFiles.collect(inputs)
            var failed = !problems.isEmpty
            for problem in problems {
                Output.error(DiagnosticFormatter.line(problem, message: catalogs.render(problem, language: options.languageCode)))
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    var unreadable = Diagnostic.error(.inputUnreadable, arguments: ["file": .text(file)])
                    unreadable.file = file
                    Output.error(DiagnosticFormatter.line(unreadable, message: catalogs.render(unreadable, language: options.languageCode)))
                    failed = true
                    continue
                }
                switch builder.build(data, fileName: (file as NSString).lastPathComponent, format: nil) {
                case .rejected(let diagnostics):
                    failed = true
                    for var diagnostic in diagnostics where diagnostic.severity == .error {
                        diagnostic.file = file
                        Output.error(DiagnosticFormatter.line(diagnostic, message: catalogs.render(diagnostic, language: options.languageCode)))
                    }
                case .accepted(let submission, _, _):
                    let outcome = try await store.submit(submission, by: actor.actor)
                    Output.data("\(file)\tapplication \(outcome.applicationID)\tversion \(outcome.version)\t"
                        + "\(outcome.created ? "stored" : "unchanged")\t\(submission.city) (\(submission.country)) \(submission.cycle)\n")
                }
            }
            await store.close()
            if failed { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applications, filtered by state and level.")

        @OptionGroup var filter: FilterOptions
        @Option(help: "Output format: text, json or csv.")
        var format: ListFormat = .text
        @OptionGroup var options: RegisterOptions

        func run() async throws {
            let catalogs = try options.catalogs()
            let store = try await options.open(catalogs: catalogs)
            let applications = try await store.applications(filter.filter)
            await store.close()
            let language = options.languageCode
            switch format {
            case .json:
                Output.data(JSONValue.array(applications.map { $0.json(stateLabel: $0.state.label(catalogs, language: language)) })
                    .serialized(pretty: true) + "\n")
            case .csv:
                Output.data(RegisterExport.csv(
                    header: ["id", "city", "country", "cycle", "state", "state_label", "version", "received_at", "points", "level"],
                    rows: applications.map { a in
                        [String(a.id), a.city, a.country, String(a.cycle), a.state.rawValue, a.state.label(catalogs, language: language),
                         String(a.latest.number), a.latest.receivedAt, String(a.latest.points), a.latest.level]
                    }))
            case .text:
                for a in applications {
                    Output.data("\(a.id)\t\(a.city) (\(a.country)) \(a.cycle)\t\(a.state.label(catalogs, language: language))"
                        + "\tv\(a.latest.number)\t\(a.latest.points)/\(a.latest.possible) \(a.latest.level)\n")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One application: its versions, timeline, and what changed between versions.")

        @Argument(help: "Application id.")
        var id: Int64
        @Option(help: "Output format: text or json.")
        var format: ListFormat = .text
        @OptionGroup var options: RegisterOptions

        func run() async throws {
            let catalogs = try options.catalogs()
            let store = try await options.open(catalogs: catalogs)
            let language = options.languageCode
            guard let application = try await store.application(id: id) else {
                Output.report(RegisterError(.applicationNotFound, ["id": .text(String(id))]), catalogs: catalogs, language: language)
                await store.close()
                throw ExitCode(1)
            }
            let versions = try await store.versions(applicationID: id)
            let timeline = try await store.audit(applicationID: id)
            var records: [String] = []
            for version in versions {
                records.append(try await store.version(applicationID: id, number: version.number)?.record ?? "{}")
            }
            await store.close()
            let diffs = zip(records, records.dropFirst()).map { RecordDiff.changes(old: $0, new: $1) }
            if format == .json {
                var body = application.json(stateLabel: application.state.label(catalogs, language: language))
                if case .object(var members) = body {
                    members.append(.init("versions", .array(versions.map(\.json))))
                    members.append(.init("timeline", .array(timeline.map(\.json))))
                    members.append(.init("changes", .array(diffs.enumerated().map { index, changes in
                        .object(["from": .integer(index + 1), "to": .integer(index + 2), "changes": .array(changes.map(\.json))])
                    })))
                    body = .object(members)
                }
                Output.data(body.serialized(pretty: true) + "\n")
                return
            }
            var out = "\(application.id)\t\(application.city) (\(application.country)) \(application.cycle)\t"
                + "\(application.state.label(catalogs, language: language)) [\(application.state.rawValue)]\n\nversions:\n"
            for v in versions {
                out += "  v\(v.number)\t\(v.receivedAt)\t\(v.receivedBy)\t\(v.fileName ?? "—")\t\(v.points)/\(v.possible) \(v.level)"
                    + "\t\(v.errors) errors, \(v.warnings) warnings\tsha256 \(v.sha256.prefix(12))\n"
            }
            out += "\ntimeline:\n"
            for e in timeline {
                out += "  \(e.at)\t\(e.actor)\t\(e.action.rawValue)\t\(e.old ?? "—") → \(e.new ?? "—")"
                    + (e.note.map { "\t\($0)" } ?? "") + "\n"
            }
            for (index, changes) in diffs.enumerated() {
                out += "\nchanges v\(index + 1) → v\(index + 2):\n"
                for c in changes { out += "  \(c.path)\t\(c.old ?? "—") → \(c.new ?? "—")\n" }
            }
            Output.data(out)
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the review state of one application, or of every application a filter selects.",
            discussion: """
                A note is required for needs_changes and rejected. Without ID, the --where-… options \
                select the applications (at least one is required, so a slip never reviews the \
                whole register).
                """)

        @Argument(help: "Application id (omit to review the filtered set).")
        var id: Int64?
        @Option(name: .customLong("state"), help: ArgumentHelp("New state: received, needs_changes, accepted or rejected.", valueName: "state"))
        var newState: ReviewState
        @Option(help: ArgumentHelp("Why (required for needs_changes and rejected).", valueName: "text"))
        var note: String?
        @Option(name: .customLong("where-state"), parsing: .upToNextOption,
                help: ArgumentHelp("Without ID: applications in these states.", valueName: "state"))
        var whereStates: [ReviewState] = []
        @Option(name: .customLong("where-level"), parsing: .upToNextOption,
                help: ArgumentHelp("Without ID: applications whose latest version scores these levels.", valueName: "level"))
        var whereLevels: [String] = []
        @Option(name: .customLong("where-country"), help: ArgumentHelp("Without ID: applications from this country.", valueName: "code"))
        var whereCountry: String?
        @Option(name: .customLong("where-cycle"), help: ArgumentHelp("Without ID: applications of this cycle.", valueName: "year"))
        var whereCycle: Int?

        var filter: ApplicationFilter {
            ApplicationFilter(states: whereStates, levels: whereLevels, country: whereCountry, cycle: whereCycle)
        }
        @OptionGroup var options: RegisterOptions
        @OptionGroup var actor: ActorOption

        func validate() throws {
            if id == nil, filter == ApplicationFilter() {
                throw usageError(.optionSelection, ["conflict": "false"])
            }
            if id != nil, filter != ApplicationFilter() {
                throw usageError(.optionSelection, ["conflict": "true"])
            }
            if let bad = whereLevels.first(where: { CertificationLevel(rawValue: $0) == nil }) {
                throw usageError(.optionInvalid, ["option": "--where-level", "rule": "level", "value": .text(bad)])
            }
        }

        func run() async throws {
            let catalogs = try options.catalogs()
            let store = try await options.open(catalogs: catalogs)
            do {
                let entries = if let id {
                    [try await store.review(applicationID: id, state: newState, note: note, by: actor.actor)]
                } else {
                    try await store.review(matching: filter, state: newState, note: note, by: actor.actor)
                }
                await store.close()
                for e in entries {
                    Output.data("application \(e.applicationID)\t\(e.old ?? "—") → \(e.new ?? "—")\n")
                }
            } catch let refusal as RegisterError {
                await store.close()
                Output.report(refusal, catalogs: catalogs, language: options.languageCode)
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per application: latest fields, criterion statuses, points, level, state and its label, diagnostic counts.")

        @Option(help: "Output format: csv or json.")
        var format: ExportFormat = .csv
        @OptionGroup var filter: FilterOptions
        @OptionGroup var options: RegisterOptions

        func run() async throws {
            let builder = try options.builder()
            let store = try await options.open(catalogs: builder.catalogs)
            let export = RegisterExport(catalogs: builder.catalogs, rubric: builder.rubric, language: options.languageCode)
            let rows = try await export.rows(try await store.applications(filter.filter), store: store)
            await store.close()
            Output.data(format == .csv ? export.csv(rows) : export.json(rows).serialized(pretty: true) + "\n")
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The audit log: who, when, what, old → new, note.")

        @Option(help: "Output format: csv or json.")
        var format: ExportFormat = .csv
        @Option(help: ArgumentHelp("Only this application's entries.", valueName: "id"))
        var application: Int64?
        @OptionGroup var options: RegisterOptions

        func run() async throws {
            let catalogs = try options.catalogs()
            let store = try await options.open(catalogs: catalogs)
            let entries = try await store.audit(applicationID: application)
            await store.close()
            Output.data(format == .csv ? RegisterExport.auditCSV(entries)
                                       : JSONValue.array(entries.map(\.json)).serialized(pretty: true) + "\n")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "API bearer tokens.", subcommands: [TokenAdd.self])
    }

    struct TokenAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Create a bearer token; it is printed once, and only its SHA-256 is stored.")

        @Argument(help: "Who the token is for (recorded in the audit log).")
        var name: String
        @Option(help: "submitter (may only submit forms) or staff (may also read, review and export).")
        var role: Role
        @OptionGroup var options: RegisterOptions

        func run() async throws {
            let catalogs = try options.catalogs()
            let store = try await options.open(catalogs: catalogs)
            let token = BearerToken.generate()
            do {
                try await store.addToken(name: name, role: role, sha256: BearerToken.sha256(token))
            } catch let refusal as RegisterError {
                await store.close()
                Output.report(refusal, catalogs: catalogs, language: options.languageCode)
                throw ExitCode(1)
            }
            await store.close()
            Output.data(token + "\n")
        }
    }
}

extension ReviewState: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
