/// A failed system call on a socket: the call's name and `errno`. Logged, never shown to clients.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. `bind`.
    public var call: String
    /// The `errno` it reported (0 when the call reports errors its own way, as `getaddrinfo` does).
    public var errno: Int32
    /// The system's text for the error.
    public var message: String

    init(call: String, errno: Int32, message: String? = nil) {
        self.call = call
        self.errno = errno
        self.message = message ?? SystemCall.errorDescription(errno)
    }

    public var description: String { "\(call) failed: \(message)" }
}
