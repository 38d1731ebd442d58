/// A one-shot HTTP/1.1 client for health checks: sends `GET path` with `Connection: close` and
/// reads the status code of the answer, all within one timeout. It blocks the calling thread, so
/// it belongs in a command-line tool (`gazette healthcheck`), never on a server's event loop.
public enum HTTPProbe {
    /// Why a probe got no status code.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The host did not resolve, or the connection failed: refused, unreachable or reset.
        case connection(SocketError)
        /// No status line arrived within the timeout (a server that accepts and never answers).
        case timedOut(Duration)
        /// The peer closed the connection, or sent something that is not an HTTP/1.x status line.
        case malformedResponse

        public var description: String {
            switch self {
            case .connection(let error): "\(error)"
            case .timedOut(let timeout): "no answer within \(timeout)"
            case .malformedResponse: "the answer is not an HTTP/1.x status line"
            }
        }
    }

    /// The longest status line read before giving up on the answer as malformed.
    static let maxStatusLineLength = 8 * 1024

    /// The status code of `GET path` on `host:port`, or `nil` when no well-formed status line
    /// arrives within `timeout` (nothing listening, connection reset, too slow, not HTTP).
    /// - Parameters:
    ///   - host: A numeric address (`127.0.0.1`, `::1`) or a name to resolve.
    ///   - path: The request target in origin form: starts with `/`, visible ASCII only.
    ///   - timeout: For the whole exchange: connecting, sending, and reading the status line. (A
    ///     name is resolved first, by the system's resolver and within its own timeouts.)
    public static func get(host: String, port: Int, path: String, timeout: Duration) -> Int? {
        try? getStatus(host: host, port: port, path: path, timeout: timeout).get()
    }

    /// Like `get(host:port:path:timeout:)`, with the reason when there is no status code.
    public static func getStatus(host: String, port: Int, path: String, timeout: Duration) -> Result<Int, Failure> {
        precondition(path.first == "/" && path.utf8.allSatisfy { (0x21...0x7E).contains($0) },
                     "HTTPProbe: the path must be in origin form (\"/…\", visible ASCII), not \(path)")
        let (sum, overflowed) = SystemCall.monotonicNanoseconds().addingReportingOverflow(timeout.nanoseconds)
        let exchange = Exchange(deadline: overflowed ? .max : sum, timeout: timeout)
        do throws(Failure) {
            let fd = try exchange.connect(host: host, port: port)
            defer { SystemCall.close(fd) }
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let request = "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nUser-Agent: GazetteHTTPProbe\r\n"
                + "Connection: close\r\n\r\n"
            try exchange.send(Array(request.utf8), on: fd)
            return .success(try exchange.receiveStatus(on: fd))
        } catch {
            return .failure(error)
        }
    }

    /// The status code of a status line (RFC 9112 §4: `HTTP/1.x SP 3DIGIT SP [reason]`), without
    /// its line ending; `nil` when `line` is anything else.
    static func statusCode(ofStatusLine line: some Collection<UInt8>) -> Int? {
        let bytes = Array(line)
        guard bytes.count >= 12, bytes.starts(with: Array("HTTP/1.".utf8)), isDigit(bytes[7]), bytes[8] == UInt8(ascii: " "),
              bytes[9...11].allSatisfy(isDigit), bytes.count == 12 || bytes[12] == UInt8(ascii: " ")
        else { return nil }
        return bytes[9...11].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// One request's deadline, shared by every step so that the timeout bounds the whole exchange.
    private struct Exchange {
        /// Monotonic nanoseconds.
        let deadline: UInt64
        let timeout: Duration

        /// Tries each resolved address in turn; the error of the last one if none connects.
        func connect(host: String, port: Int) throws(Failure) -> Int32 {
            let addresses: [SystemCall.Address]
            do {
                addresses = try SystemCall.resolveConnectAddresses(host: host, port: port)
            } catch {
                throw .connection(error)
            }
            var lastError = SocketError(call: "getaddrinfo(\(host))", errno: 0, message: "no address")
            for address in addresses {
                let fd: Int32
                do {
                    let started = try SystemCall.startConnection(to: address)
                    fd = started.fd
                    if started.isConnected { return fd }
                } catch {
                    lastError = error
                    continue
                }
                do throws(Failure) {
                    try wait(on: fd, forWriting: true)
                } catch {
                    SystemCall.close(fd)
                    throw error
                }
                guard let error = SystemCall.connectionError(fd) else { return fd }
                SystemCall.close(fd)
                lastError = error
            }
            throw .connection(lastError)
        }

        func send(_ bytes: [UInt8], on fd: Int32) throws(Failure) {
            var offset = 0
            while offset < bytes.count {
                let sent: Int
                do throws(SocketError) {
                    // `withUnsafeBytes` rethrows untyped errors, so the result crosses it as a `Result`.
                    sent = try bytes.withUnsafeBytes { raw in
                        Result { () throws(SocketError) in try SystemCall.send(fd, UnsafeRawBufferPointer(rebasing: raw[offset...])) }
                    }.get()
                } catch {
                    throw .connection(error)
                }
                if sent == 0 { try wait(on: fd, forWriting: true) }
                offset += sent
            }
        }

        /// Reads until the end of the status line and returns its code; the rest is not read.
        func receiveStatus(on fd: Int32) throws(Failure) -> Int {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1024)
            while true {
                if let end = received.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = received[..<end].last == UInt8(ascii: "\r") ? received[..<(end - 1)] : received[..<end]
                    guard let code = HTTPProbe.statusCode(ofStatusLine: line) else { throw .malformedResponse }
                    return code
                }
                guard received.count < HTTPProbe.maxStatusLineLength else { throw .malformedResponse }
                let count: Int?
                do throws(SocketError) {
                    count = try buffer.withUnsafeMutableBytes { raw in
                        Result { () throws(SocketError) in try SystemCall.read(fd, into: raw) }
                    }.get()
                } catch {
                    throw .connection(error)
                }
                switch count {
                case nil: try wait(on: fd, forWriting: false)
                case 0: throw .malformedResponse
                case let count?: received += buffer[..<count]
                }
            }
        }

        /// Waits until `fd` is ready, or throws `timedOut` once the deadline has passed.
        private func wait(on fd: Int32, forWriting: Bool) throws(Failure) {
            while true {
                let now = SystemCall.monotonicNanoseconds()
                guard now < deadline else { throw .timedOut(timeout) }
                // Round up: a wait of 0 ms would spin until the last millisecond has passed.
                let milliseconds = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
                do {
                    if try SystemCall.waitUntilReady(fd, forWriting: forWriting, timeoutMilliseconds: milliseconds) { return }
                } catch {
                    throw .connection(error)
                }
            }
        }
    }
}
