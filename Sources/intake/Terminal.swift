import Foundation

/// Where the command line writes: data to stdout, human text to stderr.
struct Terminal: Sendable {
    let handle: FileHandle
    let fileDescriptor: Int32

    static let standardOutput = Terminal(handle: .standardOutput, fileDescriptor: STDOUT_FILENO)
    static let standardError = Terminal(handle: .standardError, fileDescriptor: STDERR_FILENO)

    /// Colors and progress lines only on a terminal.
    var isInteractive: Bool { isatty(fileDescriptor) == 1 }

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    /// UTF-8 that is already encoded (a serialized record): no round trip through `String`.
    func write(_ bytes: [UInt8]) {
        handle.write(Data(bytes))
    }
}

/// Raised by commands that already reported their problems: exits with status 1.
struct InputRejected: Error {}
