import Foundation

/// Where finished log lines go: one call per line, each line ending in a newline.
///
/// The standard streams are written with one unbuffered `write(2)` per line (through `FileHandle`),
/// never through `print`, whose output to a pipe sits in a block buffer: a container's log would
/// arrive late, or not at all if the process is killed. Lines of up to 4 KiB (`PIPE_BUF`) reach a
/// pipe whole even when several event loops write at once. Write errors are ignored: a reader that
/// went away must not stop the server.
public struct LogSink: Sendable {
    private let body: @Sendable (UnsafeRawBufferPointer) -> Void

    /// A sink that hands each line to `body`; the bytes are only valid during the call.
    public init(_ body: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.body = body
    }

    /// Writes one line (its bytes, newline included).
    public func write(_ line: UnsafeRawBufferPointer) {
        body(line)
    }

    /// Standard output, unbuffered.
    public static let standardOutput = LogSink { line in
        try? FileHandle.standardOutput.write(contentsOf: line)
    }

    /// Standard error, unbuffered.
    public static let standardError = LogSink { line in
        try? FileHandle.standardError.write(contentsOf: line)
    }

    /// Discards every line.
    public static let discarding = LogSink { _ in }
}
