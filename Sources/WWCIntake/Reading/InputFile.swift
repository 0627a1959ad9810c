import Foundation

/// Reads one input file (form, catalog, form definition, rubric) whole, after checking its size:
/// a file over the limit is refused without being read, so a multi-gigabyte file never reaches
/// memory. Failures are diagnostics naming the file, never thrown errors.
///
/// Plain `open`/`fstat`/`read`: a form's file is read once per form, and Foundation's
/// `attributesOfItem` and `Data(contentsOf:)` cost many times the reading itself. A failure's
/// reason is the system's (`strerror`: "No such file or directory", "Is a directory").
package enum InputFile {
    package static func read(_ url: URL, limit: Int = ReaderLimits.default.maxInputBytes) -> Result<Data, Diagnostic> {
        read(path: url.path, limit: limit)
    }

    package static func read(path: String, limit: Int = ReaderLimits.default.maxInputBytes) -> Result<Data, Diagnostic> {
        func failure(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> Result<Data, Diagnostic> {
            var diagnostic = Diagnostic.error(code, arguments: arguments)
            diagnostic.file = path
            return .failure(diagnostic)
        }
        func unreadable(_ error: Int32) -> Result<Data, Diagnostic> {
            failure(.inputUnreadable, ["file": .text(path), "reason": .text(String(cString: strerror(error)))])
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadable(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return unreadable(errno) }
        let size = Int(status.st_size)
        if size > limit {
            return failure(.inputTooLarge, ["limit": .number(limit), "what": "bytes", "size": .number(size)])
        }
        // A regular file is read to the size `fstat` gave; anything else (a pipe, a device) to
        // its end, in chunks.
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        var data = Data(count: isRegular ? size : 65_536)
        var filled = 0
        while true {
            if filled == data.count {
                if isRegular { break }
                data.count += 65_536
            }
            let count = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return unreadable(errno)
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return .success(data)
    }
}
