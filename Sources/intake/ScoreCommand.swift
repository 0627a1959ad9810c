import ArgumentParser
import Foundation
import WWCIntake

/// `intake score IN…`: points, percent, level and the reasons for the level, per input.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score forms or canonical records against the certification rubric.",
        discussion: """
            IN is a canonical record ("schema": "wwc-application/1") or a submitted form (XML or \
            JSON, converted on the fly); folders are searched for .xml and .json files. The rubric \
            is --rubric FILE, else $WWC_INTAKE_RUBRIC, else rubrics/wwc-2022.json found above the \
            executable or the current folder.

            Exit status: 0 every input scored (whatever its level), 1 some input could not be read \
            or scored, 2 usage error or a bad rubric.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Forms or canonical records (files or folders).")
    var inputs: [String]

    @Option(help: "Rubric file (JSON).")
    var rubric: String?

    @Option(help: "Output format: text or json (JSON Lines for several inputs).")
    var format: Format = .text

    @Option(help: "Language of messages (en, es, pt, fr).")
    var lang: String = "en"

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one form or record to score.") }
    }

    func run() throws {
        let loaded = Rubric.loadDefault(explicit: rubric)
        report(loaded.diagnostics)
        guard let rubric = loaded.rubric else { throw ExitCode(2) }

        let files = ScoreInputs.expand(inputs)
        var failed = !files.missing.isEmpty
        for path in files.missing {
            report([Diagnostic(.error, .inputUnreadable, arguments: ["file": .text(path)], file: path)])
        }
        let jsonLines = files.found.count > 1
        for path in files.found {
            let application: CanonicalApplication
            do {
                application = try loadApplication(path: path)
            } catch {
                report(error.diagnostics.map { diagnostic in
                    var diagnostic = diagnostic
                    if diagnostic.file == nil { diagnostic.file = path }
                    return diagnostic
                })
                failed = true
                continue
            }
            let score = rubric.score(application, file: path)
            switch format {
            case .json:
                Terminal.standardOutput.write(
                    score.json(message: message).serialized(pretty: !jsonLines) + "\n")
            case .text:
                Terminal.standardOutput.write(text(score))
            }
        }
        if failed { throw ExitCode(1) }
    }

    // MARK: Input

    /// Reads one input as a canonical application. The only place that knows about forms:
    /// a canonical record is read back as is; anything else is a form to convert.
    func loadApplication(path: String) throws(ScoreInputError) -> CanonicalApplication {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScoreInputError([Diagnostic(.error, .inputUnreadable, arguments: ["file": .text(path)], file: path)])
        }
        if path.lowercased().hasSuffix(".json") || data.first == UInt8(ascii: "{") {
            let parsed = JSONValue.parse(data)
            if let value = parsed.value, value["schema"]?.stringValue?.hasPrefix("wwc-application/") == true {
                do {
                    return try CanonicalApplication(json: value)
                } catch {
                    throw ScoreInputError([Diagnostic(
                        .error, .fieldRequired, arguments: ["field": .text(error.member)], file: path,
                        path: "/" + error.member.replacingOccurrences(of: ".", with: "/"))])
                }
            }
        }
        return try convertForm(data: data, path: path)
    }

    /// Converts a submitted form. TODO(lead): call the converter from `Pipeline/` here.
    func convertForm(data: Data, path: String) throws(ScoreInputError) -> CanonicalApplication {
        throw ScoreInputError([Diagnostic(
            .error, .inputUnreadable, arguments: ["file": .text(path), "reason": "form conversion not available yet"],
            file: path)])
    }

    // MARK: Output

    /// Renders a message. TODO(lead): swap in `CatalogSet.render` with `lang`; until the
    /// catalogs land this writes the code and its arguments.
    func message(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> String {
        let detail = arguments.keys.sorted().map { "\($0)=\(arguments[$0]!)" }.joined(separator: ", ")
        return detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)"
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            var place = diagnostic.file ?? "intake"
            if let line = diagnostic.line { place += ":\(line)" }
            if let column = diagnostic.column { place += ":\(column)" }
            Terminal.standardError.write(
                "\(place): \(diagnostic.severity.rawValue): \(message(diagnostic.code, diagnostic.arguments)) "
                    + "[\(diagnostic.code.rawValue)]\n")
        }
    }

    func text(_ score: ScoreReport) -> String {
        var who = score.city ?? "?"
        if let country = score.country { who += " (\(country))" }
        var lines = ["\(score.file ?? "-"): \(who)"]
        lines.append("  points: \(score.points) / \(score.possible) (\(score.percent) %)")
        lines.append("  level: \(score.level.rawValue)")
        lines.append("  areas: " + score.areas.map { "\($0.area) \($0.met)/\($0.total)" }.joined(separator: ", "))
        lines.append("  reasons:")
        for reason in score.reasons {
            lines.append("    - \(message(reason.code, reason.arguments)) [\(reason.code.rawValue)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why an input could not be scored, as diagnostics to print.
struct ScoreInputError: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Expands the command's inputs: files as given, folders searched for `.xml` and `.json`.
enum ScoreInputs {
    static func expand(_ inputs: [String]) -> (found: [String], missing: [String]) {
        var found: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for input in inputs {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: input, isDirectory: &isFolder) else {
                missing.append(input)
                continue
            }
            guard isFolder.boolValue else {
                found.append(input)
                continue
            }
            let base = URL(fileURLWithPath: input)
            let entries = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
            var files: [String] = []
            while let url = entries?.nextObject() as? URL {
                let ext = url.pathExtension.lowercased()
                guard ext == "xml" || ext == "json",
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = url.path.hasPrefix(base.path + "/") ? String(url.path.dropFirst(base.path.count + 1)) : url.lastPathComponent
                files.append((input.hasSuffix("/") ? input : input + "/") + relative)
            }
            found.append(contentsOf: files.sorted())
        }
        return (found, missing)
    }
}
