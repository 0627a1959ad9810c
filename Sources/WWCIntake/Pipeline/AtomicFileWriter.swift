import Foundation
import Synchronization

/// Writes a file so that readers only ever see the old file or the whole new one.
///
/// The bytes go to a temporary file in the same folder (same file system) and the temporary
/// file is renamed over the target: a batch killed midway, or a full disk, never leaves a
/// partial record behind. `durable` adds an `fsync` of the file before the rename and of its
/// folder after it (the rename is a change to the folder: without the second flush a power cut
/// can lose the new name, leaving the old record or none), which costs disk flushes per file
/// (measured here: a 2,000-form batch went from 2 s to 15 s), so it is opt-in
/// (`intake convert --fsync`).
///
/// A process killed between creating and renaming its temporary file (SIGKILL, power loss)
/// leaves that hidden file (`.NAME.PID.UUID.tmp`) behind, never a visible partial record;
/// `removeStaleTemporaries(in:)` deletes those whose writer process is gone, and `intake
/// convert` calls it on its output folder before writing.
package enum AtomicFileWriter {
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { "\(path): \(reason)" }
    }

    package static func write(_ data: Data, to url: URL, durable: Bool = false) throws(Failure) {
        try write(data, toPath: url.path, durable: durable)
    }

    /// The same for a file path (`DIR/NAME`) and any contiguous bytes (`[UInt8]` from
    /// `JSONValue.serializedUTF8`, `Data`). Works on the path string: building the temporary
    /// name through `URL` cost more than writing a 15 KB record.
    package static func write(_ bytes: some ContiguousBytes, toPath path: String, durable: Bool = false) throws(Failure) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = directory + "." + name + "." + String(getpid()) + "." + temporaryToken() + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, durable, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, reason: failure)
        }
        if durable, let reason = syncDirectory(directory.isEmpty ? "." : directory) {
            throw Failure(path: path, reason: reason)
        }
    }

    /// The UUID part of a temporary name: unique among this process's files (a counter mixed into
    /// a UUID drawn once per process), unlike another process's (that UUID and the process id).
    /// `UUID()` for every file read /dev/urandom with three system calls per record.
    static func temporaryToken() -> String {
        let count = temporarySequence.add(1, ordering: .relaxed).newValue
        var uuid = processUUID
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in 0..<8 { bytes[8 + index] ^= UInt8(truncatingIfNeeded: count >> (8 * UInt64(index))) }
        }
        return UUID(uuid: uuid).uuidString
    }

    private static let processUUID = UUID().uuid
    private static let temporarySequence = Atomic<UInt64>(0)

    /// Flushes a folder's entries (new names, renames, removals) to disk; nil on success or
    /// where the file system cannot sync a folder (`EINVAL`), else the reason.
    package static func syncDirectory(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0, errno != EINVAL { return String(cString: strerror(errno)) }
        return nil
    }

    /// Deletes the temporary files of writers that no longer run (killed midway) from
    /// `directory` and returns their names. A temporary file of a live process — another
    /// `intake convert` writing into the same folder right now — is left alone.
    @discardableResult
    package static func removeStaleTemporaries(in directory: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names {
            guard let pid = writerProcess(ofTemporary: name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink(directory.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }

    /// The writer's process id in a temporary name `.NAME.PID.UUID.tmp`, nil for other names.
    static func writerProcess(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, UUID(uuidString: String(parts[parts.count - 1])) != nil,
              let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return nil }
        return pid
    }
}
