import Foundation
import Synchronization
import Testing
@testable import WWCIntake

/// Temporary names of `AtomicFileWriter`: never the same twice in one process, even from
/// several threads, and always recognised as this process's by the stale-file sweep.
@Suite struct AtomicFileWriterTests {
    @Test func temporaryTokensAreDistinctAcrossThreads() {
        let tokens = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let mine = (0..<500).map { _ in AtomicFileWriter.temporaryToken() }
            tokens.withLock { $0 += mine }
        }
        let all = tokens.withLock { $0 }
        #expect(all.count == 2_000)
        #expect(Set(all).count == 2_000)
        #expect(all.allSatisfy { UUID(uuidString: $0) != nil && $0.utf8.count == 36 })
        let name = ".form.json.\(getpid()).\(all[0]).tmp"
        #expect(AtomicFileWriter.writerProcess(ofTemporary: name) == getpid())
    }

    @Test func writesTheWholeFileAndLeavesNoTemporary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("record.json").path
        for text in ["{\"a\": 1}\n", "{\"a\": 2, \"b\": \"é\"}\n"] {
            try AtomicFileWriter.write(Array(text.utf8), toPath: target)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == text)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["record.json"])
    }
}
