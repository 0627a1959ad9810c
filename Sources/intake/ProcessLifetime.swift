import Synchronization

/// What a command uses until the process exits: the catalogs and the converter.
///
/// A command's `run` releasing them on return frees every entry of every catalog and every
/// index built from them, one object at a time, just before the system reclaims the whole
/// address space anyway: a noticeable part of a one-form `intake convert` (clang skips the
/// same work with `-disable-free`). Kept here, they are reachable until exit, so leak checkers
/// see no leak. Only the CLI does this; the library and the server free what they make.
enum ProcessLifetime {
    private static let kept = Mutex<[any AnyObject & Sendable]>([])

    /// Keeps `object` alive until the process exits.
    static func keep(_ object: any AnyObject & Sendable) {
        kept.withLock { $0.append(object) }
    }
}
