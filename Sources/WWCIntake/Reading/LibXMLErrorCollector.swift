internal import CLibXML2

/// Receives libxml2's structured errors for one read, so none is ever printed to stderr.
///
/// Installed twice per read: as the SAX handler's `serror` (see `LibXMLSAXParser`), which gets
/// the parser's errors, and as the calling thread's global handler, which gets errors libxml2
/// raises without a parser context (character conversion, I/O). libxml2 keeps the global
/// handler per thread, so parallel reads on different threads do not see each other's errors.
final class LibXMLErrorCollector {
    /// The first error or fatal error; the read stops there.
    private(set) var firstError: LibXMLError?
    /// Errors seen in total, warnings included (tests and debugging).
    private(set) var count = 0

    func record(_ error: UnsafePointer<xmlError>) {
        count += 1
        guard firstError == nil else { return }
        let copied = LibXMLError(error)
        if copied.isError { firstError = copied }
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The C callback; `userData` is `opaque` of a collector kept alive by the read.
    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<LibXMLErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
    }

    /// A do-nothing "generic" (printf-style) handler: a few libxml2 paths call the generic
    /// channel directly instead of raising a structured error, and its default prints to stderr.
    /// Swift imports the variadic function type as an opaque pointer; a function that reads only
    /// its two named arguments is safe to call through a variadic call site on the platforms
    /// Swift supports (the variadic arguments are simply never read).
    private static let silentGenericHandler: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = {
        _, _ in
    }

    /// Runs `body` with this collector as the calling thread's global structured error handler
    /// and a silent generic handler, then restores whatever the thread had before (the host may
    /// use libxml2 too). libxml2 keeps both per thread.
    func withThreadHandler<T>(_ body: () throws -> T) rethrows -> T {
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        let previousGeneric = __xmlGenericError().pointee
        let previousGenericContext = __xmlGenericErrorContext().pointee
        xmlSetStructuredErrorFunc(opaque, Self.handler)
        xmlSetGenericErrorFunc(nil, unsafeBitCast(Self.silentGenericHandler, to: OpaquePointer.self))
        defer {
            xmlSetStructuredErrorFunc(previousContext, previousHandler)
            xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
        }
        return try withExtendedLifetime(self) { try body() }
    }
}
