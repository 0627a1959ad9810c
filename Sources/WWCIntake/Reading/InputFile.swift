import Foundation

/// Reads one input file (form, catalog, form definition, rubric) whole, after checking its size:
/// a file over the limit is refused without being read, so a multi-gigabyte file never reaches
/// memory. Failures are diagnostics naming the file, never thrown errors.
public enum InputFile {
    public static func read(_ url: URL, limit: Int = ReaderLimits.default.maxInputBytes) -> Result<Data, Diagnostic> {
        let path = url.path
        func failure(_ code: DiagnosticCode, _ arguments: [String: MessageArgument]) -> Result<Data, Diagnostic> {
            var diagnostic = Diagnostic.error(code, arguments: arguments)
            diagnostic.file = path
            return .failure(diagnostic)
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int {
            if size > limit {
                return failure(.inputTooLarge, ["limit": .number(limit), "what": "bytes", "size": .number(size)])
            }
            // Foundation reads a 0-byte file through a 4 KB buffer it never frees (LeakSanitizer,
            // scripts/sanitizers.sh); an empty regular file needs no reading.
            if size == 0, attributes[.type] as? FileAttributeType == .typeRegular { return .success(Data()) }
        }
        do {
            return .success(try Data(contentsOf: url))
        } catch {
            return failure(.inputUnreadable, ["file": .text(path), "reason": .text(systemReason(error))])
        }
    }

    /// The operating system's words for why a file could not be read ("No such file or
    /// directory"), as the other commands report it, rather than Foundation's wrapper sentence.
    static func systemReason(_ error: any Error) -> String {
        let error = error as NSError
        let posix = [error, error.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }
            .first { $0.domain == NSPOSIXErrorDomain }
        if let posix { return String(cString: strerror(Int32(posix.code))) }
        if error.domain == NSCocoaErrorDomain, error.code == NSFileReadNoSuchFileError { return String(cString: strerror(ENOENT)) }
        if error.domain == NSCocoaErrorDomain, error.code == NSFileReadNoPermissionError { return String(cString: strerror(EACCES)) }
        return error.localizedDescription
    }
}
