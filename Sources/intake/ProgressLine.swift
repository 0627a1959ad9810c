import Foundation
import Synchronization

/// A one-line progress indicator on stderr, shown only on a terminal and only for batches
/// that take longer than a second (short runs stay quiet; logs and pipes never see it), redrawn
/// at most ten times a second and for the last form.
///
/// Whether stderr is a terminal is asked once: asking for every form was a system call per
/// record, as was drawing the line for each of a few thousand forms a second.
final class ProgressLine: Sendable {
    private let total: Int
    private let terminal: Terminal
    private let interactive: Bool
    private let started = Date()
    private let shown = Atomic<Bool>(false)
    /// When the line was last drawn, in milliseconds after `started`.
    private let drawn = Atomic<Int>(-1_000)

    init(total: Int, terminal: Terminal) {
        self.total = total
        self.terminal = terminal
        self.interactive = total > 1 && terminal.isInteractive
    }

    func update(done: Int) {
        guard interactive else { return }
        let elapsed = Int(Date().timeIntervalSince(started) * 1_000)
        guard elapsed > 1_000 else { return }
        let last = drawn.load(ordering: .relaxed)
        guard done == total || elapsed - last >= 100,
              drawn.compareExchange(expected: last, desired: elapsed, ordering: .relaxed).exchanged else { return }
        shown.store(true, ordering: .relaxed)
        let percent = done * 100 / total
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
