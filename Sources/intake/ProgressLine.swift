import Foundation
import Synchronization

/// A one-line progress indicator on stderr, shown only on a terminal and only for batches
/// that take longer than a second (short runs stay quiet; logs and pipes never see it).
final class ProgressLine: Sendable {
    private let total: Int
    private let terminal: Terminal
    private let started = Date()
    private let shown = Atomic<Bool>(false)

    init(total: Int, terminal: Terminal) {
        self.total = total
        self.terminal = terminal
    }

    func update(done: Int) {
        guard terminal.isInteractive, total > 1, Date().timeIntervalSince(started) > 1 else { return }
        shown.store(true, ordering: .relaxed)
        let percent = total > 0 ? done * 100 / total : 100
        terminal.write("\r\u{1B}[K\(done)/\(total) forms (\(percent)%)")
    }

    /// Erases the line before other text goes to stderr (a diagnostic would otherwise be
    /// glued to `2128/18000 forms (11%)`); the next `update` draws it again below.
    func clear() {
        if shown.load(ordering: .relaxed) { terminal.write("\r\u{1B}[K") }
    }

    func finish() {
        if shown.load(ordering: .relaxed) { terminal.write("\r\u{1B}[K") }
    }
}
