import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process and reports its wall time, exit status and peak resident
/// memory (`ru_maxrss` from `wait4`, the same figure `/usr/bin/time -v` prints).
///
/// `Foundation.Process` cannot report rusage, hence `posix_spawn` + `wait4`.
enum ChildProcess {
    struct Outcome {
        let seconds: Double
        let status: Int32
        /// Peak resident set size of the child, in kB.
        let maxRSSKilobytes: Int
        /// User + system CPU time of the child and the children it waited for (`wait4`
        /// reports both): on a shared machine this moves much less than wall time.
        let cpuSeconds: Double
    }

    /// CPU time (user + system) this process has used so far.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// `/usr/bin/time`, when installed (Debian: `apt-get install -y time`).
    static let timeTool: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    /// Runs `path` with `arguments`; stdout and stderr go to the given files (`/dev/null` by
    /// default). With `measureRSS`, the child runs under `/usr/bin/time -f %M` when it is
    /// installed: Linux carries the *parent's* peak RSS into a child spawned from it (the
    /// high-water mark survives exec), so `wait4`'s `ru_maxrss` of a child of this
    /// benchmark, which holds the corpus in memory, would report the benchmark's size.
    static func run(_ path: String, _ arguments: [String], stdout: String = "/dev/null",
                    stderr: String = "/dev/null", measureRSS: Bool = false) throws -> Outcome {
        if measureRSS, let time = timeTool {
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("intake-bench-rss-\(getpid()).txt").path
            let outcome = try spawn(time, ["-f", "%M", "-o", report, path] + arguments, stdout: stdout, stderr: stderr)
            let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
            let kilobytes = text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.last ?? 0
            return Outcome(seconds: outcome.seconds, status: outcome.status, maxRSSKilobytes: kilobytes,
                           cpuSeconds: outcome.cpuSeconds)
        }
        return try spawn(path, arguments, stdout: stdout, stderr: stderr)
    }

    private static func spawn(_ path: String, _ arguments: [String], stdout: String, stderr: String) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError.failed("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError.failed("wait4: \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Outcome(seconds: seconds, status: exitStatus, maxRSSKilobytes: Int(usage.ru_maxrss),
                       cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime))
    }
}
