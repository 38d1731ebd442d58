import Dispatch
import Foundation
import Glibc
import Testing
@testable import GazetteHTTP

// Test support for the socket layer: a raw TCP client whose every operation has a deadline (so a
// server bug fails a test instead of hanging it), and `withTestServer`, which always stops the server.

enum TestClientError: Error, CustomStringConvertible {
    case system(call: String, errno: Int32)
    case timedOut(String, received: [UInt8])
    case closed(String, received: [UInt8])
    case reset(String, received: [UInt8])
    case malformed(String)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .timedOut(let what, let received): "timed out waiting for \(what); had \(received.count) bytes: \(TestClient.preview(received))"
        case .closed(let what, let received): "EOF while waiting for \(what); had \(received.count) bytes: \(TestClient.preview(received))"
        case .reset(let what, let received): "connection reset while waiting for \(what); had \(received.count) bytes: \(TestClient.preview(received))"
        case .malformed(let why): "malformed response: \(why)"
        }
    }

    var errno: Int32? {
        if case .system(_, let code) = self { return code }
        return nil
    }
}

/// One response as the client received it.
struct TestResponse {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// How a read that waits for the end of the connection ended.
enum TestClientEnd: Equatable {
    case eof
    case reset
}

/// A non-blocking TCP socket driven with `poll`, so every call is bounded by `timeout`.
final class TestClient {
    let fd: Int32
    let timeout: Duration
    /// Bytes received and not yet returned by a `read…` call.
    private(set) var pending: [UInt8] = []
    private var isClosed = false

    /// Connects to `host:port`. `receiveBufferSize` shrinks `SO_RCVBUF` before the connection is
    /// made, so a client that does not read fills up quickly (loopback autotunes up to 32 MB).
    init(host: String = "127.0.0.1", port: Int, receiveBufferSize: Int? = nil, timeout: Duration = .seconds(5)) throws {
        self.timeout = timeout
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw TestClientError.system(call: "getaddrinfo(\(host))", errno: 0)
        }
        defer { freeaddrinfo(info) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.system(call: "socket", errno: Glibc.errno) }
        self.fd = fd
        if var size = receiveBufferSize.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        // From here on every failure goes through close(): deinit runs too, and must not close
        // the descriptor a second time (by then it may belong to another test's socket).
        if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
            let code = Glibc.errno
            guard code == EINPROGRESS else { close(); throw TestClientError.system(call: "connect", errno: code) }
            guard Self.poll(fd, events: Int16(POLLOUT), until: .now + timeout) else {
                close()
                throw TestClientError.timedOut("connect", received: [])
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            guard error == 0 else { close(); throw TestClientError.system(call: "connect", errno: error) }
        }
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Stops sending; the server reads end-of-file.
    func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    // MARK: Sending

    func send(_ text: String, timeout: Duration? = nil) throws {
        try send(Array(text.utf8), timeout: timeout)
    }

    /// Sends every byte, waiting for room as needed, or throws when `timeout` passes first.
    func send(_ bytes: [UInt8], timeout: Duration? = nil) throws {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 { offset += sent; continue }
            let code = Glibc.errno
            if code == EINTR { continue }
            guard code == EAGAIN else { throw TestClientError.system(call: "send", errno: code) }
            guard Self.poll(fd, events: Int16(POLLOUT), until: deadline) else {
                throw TestClientError.timedOut("room to send (\(offset) of \(bytes.count) bytes sent)", received: pending)
            }
        }
    }

    /// Sends `text` one byte per write, pausing between them.
    func sendByteByByte(_ text: String, pause: Duration = .milliseconds(2)) throws {
        for byte in text.utf8 {
            try send([byte])
            Thread.sleep(forTimeInterval: pause.seconds)
        }
    }

    // MARK: Receiving

    private enum Fill { case data, eof, reset }

    /// Reads what is available into `pending`, waiting until `deadline` for something to happen.
    private func fill(until deadline: ContinuousClock.Instant, waitingFor what: @autoclosure () -> String) throws -> Fill {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                pending.append(contentsOf: buffer[0..<count])
                return .data
            }
            if count == 0 { return .eof }
            let code = Glibc.errno
            switch code {
            case EINTR: continue
            case ECONNRESET: return .reset
            case EAGAIN:
                guard Self.poll(fd, events: Int16(POLLIN), until: deadline) else {
                    throw TestClientError.timedOut(what(), received: pending)
                }
            default: throw TestClientError.system(call: "recv", errno: code)
            }
        }
    }

    /// Reads exactly `count` bytes.
    func read(count: Int, timeout: Duration? = nil) throws -> [UInt8] {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        while pending.count < count {
            switch try fill(until: deadline, waitingFor: "\(count) bytes") {
            case .data: continue
            case .eof: throw TestClientError.closed("\(count) bytes", received: pending)
            case .reset: throw TestClientError.reset("\(count) bytes", received: pending)
            }
        }
        defer { pending.removeFirst(count) }
        return Array(pending[0..<count])
    }

    /// Reads one response: status line, header fields, and a `Content-Length` body (none for 1xx,
    /// 204, 304, or when `isHead`). Interim `100 Continue` responses are returned like any other.
    func readResponse(isHead: Bool = false, timeout: Duration? = nil) throws -> TestResponse {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let range = pending.firstRange(of: terminator) {
                headEnd = range.upperBound
                break
            }
            switch try fill(until: deadline, waitingFor: "a response head") {
            case .data: continue
            case .eof: throw TestClientError.closed("a response head", received: pending)
            case .reset: throw TestClientError.reset("a response head", received: pending)
            }
        }
        guard let headEnd else { throw TestClientError.malformed("no head") }
        let head = String(decoding: pending[0..<(headEnd - 4)], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw TestClientError.malformed("status line \"\(statusLine)\"")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw TestClientError.malformed("field line \"\(line)\"") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        pending.removeFirst(headEnd)
        var response = TestResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
        let hasBody = !isHead && status >= 200 && status != 204 && status != 304
        if hasBody {
            guard let lengthText = response.header("Content-Length"), let length = Int(lengthText) else {
                throw TestClientError.malformed("no Content-Length in \(head)")
            }
            let remaining = deadline - ContinuousClock.now
            response.body = try read(count: length, timeout: max(remaining, .milliseconds(1)))
        }
        return response
    }

    /// Reads until the server closes; returns what arrived after any earlier reads and how it ended.
    func readToEnd(timeout: Duration? = nil) throws -> (bytes: [UInt8], end: TestClientEnd) {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        while true {
            switch try fill(until: deadline, waitingFor: "the server to close the connection") {
            case .data: continue
            case .eof: defer { pending = [] }; return (pending, .eof)
            case .reset: defer { pending = [] }; return (pending, .reset)
            }
        }
    }

    /// Whether the server closed the connection cleanly (EOF, nothing more sent) within `timeout`.
    func isClosedByServer(timeout: Duration? = nil) throws -> Bool {
        let (bytes, end) = try readToEnd(timeout: timeout)
        return bytes.isEmpty && end == .eof
    }

    /// Whether anything (bytes or end-of-file) is waiting to be read right now.
    func hasInput() -> Bool {
        guard pending.isEmpty else { return true }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return Glibc.poll(&entry, 1, 0) > 0
    }

    /// Waits until the socket is ready for `events` or `deadline` passes; `false` on timeout.
    private static func poll(_ fd: Int32, events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let milliseconds = Int32(clamping: Int((left.seconds * 1000).rounded(.up)))
            let result = Glibc.poll(&entry, 1, milliseconds)
            if result > 0 { return true }
            if result < 0 && Glibc.errno != EINTR { return true }
        }
    }

    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(300), as: UTF8.self)
        return "\"\(text.replacingOccurrences(of: "\r\n", with: "\\r\\n"))\"" + (bytes.count > 300 ? "…" : "")
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

// MARK: Test servers

extension HTTPServer.Configuration {
    /// 127.0.0.1, a free port, two loops, and a shutdown deadline that keeps a broken test short.
    static func testing(_ adjust: (inout Self) -> Void = { _ in }) -> Self {
        var configuration = Self(host: "127.0.0.1", port: 0)
        configuration.eventLoopCount = 2
        configuration.shutdownTimeout = .seconds(5)
        adjust(&configuration)
        return configuration
    }
}

extension HTTPServer {
    /// Waits for `waitUntilStopped()` at most `limit`; `false` if the loops were still running.
    func waitUntilStopped(within limit: Duration) -> Bool {
        let stopped = DispatchSemaphore(value: 0)
        Thread { [self] in
            waitUntilStopped()
            stopped.signal()
        }.start()
        return stopped.wait(timeout: .now() + limit.seconds) == .success
    }
}

enum TestHandlers {
    /// Echoes the body, or the request target when the body is empty; the method goes in `X-Method`.
    static let echo = HTTPClosureHandler { request in
        var response = HTTPResponse(
            status: .ok, contentType: "application/octet-stream",
            body: request.body.isEmpty ? Array(request.target.utf8) : request.body)
        response.headers["X-Method"] = request.method.rawValue
        return response
    }
}

/// Deterministic, non-repeating-looking bytes for large bodies.
func testPattern(count: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var state: UInt32 = 0x1234_5678
    for index in 0..<count {
        state = state &* 1_664_525 &+ 1_013_904_223
        bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
    }
    return bytes
}

/// Runs `body` against a started server and always stops it, even when `body` throws.
@discardableResult
func withTestServer<T>(
    configuration: HTTPServer.Configuration = .testing(),
    handler: any HTTPHandler = TestHandlers.echo,
    _ body: (_ port: Int) throws -> T
) throws -> T {
    try withTestServer(configuration: configuration, handler: handler) { port, _ in try body(port) }
}

/// Runs `body` with the port and the server itself (to shut it down, or read its counters).
@discardableResult
func withTestServer<T>(
    configuration: HTTPServer.Configuration = .testing(),
    handler: any HTTPHandler = TestHandlers.echo,
    _ body: (_ port: Int, _ server: HTTPServer) throws -> T
) throws -> T {
    let server = HTTPServer(configuration: configuration, handler: handler)
    let port = try server.start()
    defer {
        server.shutdown()
        if !server.waitUntilStopped(within: configuration.shutdownTimeout + .seconds(5)) {
            Issue.record("the server did not stop within its shutdown timeout plus 5 s")
        }
    }
    return try body(port, server)
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(5), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return try condition()
}
