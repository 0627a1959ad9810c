import Foundation
import Synchronization
import Testing
@testable import WWCIntake

/// A batch of 1,000 forms with 5 % damaged, through `BatchConverter` on several threads and the
/// same write step as `intake convert --out-dir`: every good form is converted with its own
/// values, every damaged one is rejected with its code, and only complete records exist on disk.
/// (Also the `--jobs` workload for the sanitizer runs, scripts/sanitizers.sh.)
@Suite struct BatchFaultTests {
    struct Outcome: Sendable {
        var index: Int
        var file: String
        var accepted: Bool
        var codes: [DiagnosticCode]
        var errorLines: [Int?]
        var city: String?
        var writeError: String?
    }

    /// Converts `files` like `intake convert --out-dir` does (record JSON written atomically by
    /// the worker) and returns the outcomes in delivery order.
    static func convert(_ files: [String], into output: URL, jobs: Int) -> [Outcome] {
        let catalogs = TestCatalogs.shared
        let names = InputFiles.outputNames(for: files)
        let delivered = Mutex<[Outcome]>([])
        BatchConverter(converter: TestCatalogs.converter, jobs: jobs).run(files: files, process: { index, result in
            var outcome = Outcome(index: index, file: files[index], accepted: result.isAccepted,
                                  codes: result.diagnostics.filter { $0.severity == .error }.map(\.code),
                                  errorLines: result.diagnostics.filter { $0.severity == .error }.map(\.line),
                                  city: result.record?.applicant.city)
            if let record = result.record {
                let text = record.serialized(pretty: true) { catalogs.render($0, language: "en") } + "\n"
                do {
                    try AtomicFileWriter.write(Data(text.utf8), to: output.appendingPathComponent(names[index]))
                } catch {
                    outcome.writeError = "\(error)"
                }
            }
            return outcome
        }, deliver: { _, outcome in
            delivered.withLock { $0.append(outcome) }
        })
        return delivered.withLock { $0 }
    }

    @Test(arguments: [1, 4])
    func thousandFormsFivePercentDamaged(jobs: Int) throws {
        let corpus = try BatchFaultCorpus(count: 1_000)
        defer { corpus.remove() }
        let output = corpus.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let (files, problems) = InputFiles.collect([corpus.inputDirectory.path])
        #expect(problems.isEmpty)
        #expect(files == corpus.forms.map(\.file))
        #expect(corpus.damaged.count == 50)

        let outcomes = Self.convert(files, into: output, jobs: jobs)
        // Delivered once each, in input order.
        #expect(outcomes.map(\.index) == Array(0..<1_000))

        for (form, outcome) in zip(corpus.forms, outcomes) {
            if let code = form.expectedCode {
                #expect(!outcome.accepted, "\(form.file) (\(form.damage!)) was accepted")
                #expect(outcome.codes.first == code, "\(form.file) (\(form.damage!)): \(outcome.codes)")
                #expect(outcome.codes.count == 1, "\(form.file): a reader reports one fatal error, got \(outcome.codes)")
            } else {
                #expect(outcome.accepted, "\(form.file): \(outcome.codes)")
                #expect(outcome.city == form.city)
                #expect(outcome.writeError == nil)
            }
        }
        // Exactly one complete record per good form, nothing else (no temporary files).
        let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        let expectedNames = corpus.good.map { URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent + ".json" }
        #expect(written == expectedNames.sorted())
        for form in corpus.good.prefix(40) {
            let name = URL(fileURLWithPath: form.file).deletingPathExtension().lastPathComponent + ".json"
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(name))) as? [String: Any]
            #expect((object?["applicant"] as? [String: Any])?["city"] as? String == form.city)
        }
    }

    /// The damage kinds one by one, XML and JSON, with the line where it applies: a regression
    /// here names the kind, not just a count.
    @Test(arguments: BatchFaultCorpus.Damage.allCases)
    func everyDamageKindIsRejectedWithItsCode(damage: BatchFaultCorpus.Damage) {
        for template in BatchFaultCorpus.templates {
            let good = BatchFaultCorpus.form(template, city: "Medellín")
            let (bytes, code) = BatchFaultCorpus.damage(good, city: "Medellín", template: template, kind: damage)
            let result = TestCatalogs.converter.convert(Data(bytes), file: "damaged." + template.format.rawValue)
            #expect(!result.isAccepted, "\(template.sample)")
            #expect(result.diagnostics.map(\.code) == [code], "\(template.sample): \(result.diagnostics.map(\.code))")
        }
    }

    /// A file that vanishes, a folder named like a form, and a FIFO (which would block a naive
    /// read) are errors of their own file; the rest of the batch goes on.
    @Test func unreadableFilesDoNotStopTheBatch() throws {
        let corpus = try BatchFaultCorpus(count: 8, damagedEvery: 1_000)
        defer { corpus.remove() }
        let folder = corpus.inputDirectory.appendingPathComponent("folder.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let missing = corpus.inputDirectory.appendingPathComponent("missing.xml").path
        let files = [corpus.forms[0].file, missing, folder.path, corpus.forms[1].file]
        let output = corpus.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let outcomes = Self.convert(files, into: output, jobs: 2)
        #expect(outcomes.map(\.accepted) == [true, false, false, true])
        #expect(outcomes[1].codes == [.inputUnreadable])
        #expect(outcomes[2].codes == [.inputUnreadable])
    }
}
