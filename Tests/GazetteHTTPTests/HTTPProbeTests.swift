import Dispatch
import Synchronization
import Testing
@testable import GazetteHTTP

/// The health-check client against a live server, a closed port, a listener that never answers,
/// and a raw peer that answers whatever a test tells it to.
@Suite("HTTPProbe")
struct HTTPProbeTests {
    /// 200 on `/healthz`, 404 anywhere else.
    static let healthHandler = HTTPClosureHandler { request in
        HTTPResponse(status: request.target == "/healthz" ? .ok : .notFound, contentType: "text/plain", body: Array("ok".utf8))
    }

    @Test("a server that answers 200 gives 200")
    func answersOK() throws {
        try withTestServer(handler: Self.healthHandler) { port in
            #expect(HTTPProbe.get(host: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(5)) == 200)
        }
    }

    @Test("a 404 comes back as 404, not as success")
    func answersNotFound() throws {
        try withTestServer(handler: Self.healthHandler) { port in
            #expect(HTTPProbe.get(host: "127.0.0.1", port: port, path: "/missing", timeout: .seconds(5)) == 404)
        }
    }

    @Test("sends one GET with Host and Connection: close")
    func sendsRequest() throws {
        let (status, request) = try withRawPeer(answer: "HTTP/1.1 204 No Content\r\n\r\n") { port in
            HTTPProbe.get(host: "127.0.0.1", port: port, path: "/healthz?deep=1", timeout: .seconds(5))
        }
        #expect(status == 204)
        let port = request.port
        #expect(String(decoding: request.bytes, as: UTF8.self) == """
            GET /healthz?deep=1 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: GazetteHTTPProbe\r\n\
            Connection: close\r\n\r\n
            """)
    }

    @Test("nothing listening: nil at once, not after the timeout")
    func nothingListening() throws {
        let port = try closedPort()
        let start = ContinuousClock.now
        let result = HTTPProbe.getStatus(host: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(10))
        #expect(ContinuousClock.now - start < .seconds(2))
        guard case .failure(.connection(let error)) = result else {
            Issue.record("expected a refused connection, got \(result)")
            return
        }
        #expect(error.call == "connect")
        #expect(HTTPProbe.get(host: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(10)) == nil)
    }

    @Test("a listener that accepts and never answers: timed out, after the timeout and not much later")
    func silentServer() throws {
        // The kernel completes the handshake for a listener's backlog, so a socket that is never
        // accepted is a server that connects and never says a word.
        let address = try #require(try SystemCall.resolveListenAddresses(host: "127.0.0.1", port: 0).first)
        let listener = try SystemCall.makeListener(address, port: 0, backlog: 4, reusePort: false)
        defer { SystemCall.close(listener) }
        let port = try SystemCall.localPort(listener)

        let start = ContinuousClock.now
        let result = HTTPProbe.getStatus(host: "127.0.0.1", port: port, path: "/healthz", timeout: .milliseconds(300))
        let elapsed = ContinuousClock.now - start
        guard case .failure(.timedOut(let timeout)) = result else {
            Issue.record("expected a timeout, got \(result)")
            return
        }
        #expect(timeout == .milliseconds(300))
        #expect(elapsed >= .milliseconds(300))
        #expect(elapsed < .seconds(2))
    }

    @Test("a peer that answers something other than HTTP is malformed")
    func notHTTP() throws {
        let (result, _) = try withRawPeer(answer: "SSH-2.0-OpenSSH_9.6\r\n") { port in
            HTTPProbe.getStatus(host: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(5))
        }
        guard case .failure(.malformedResponse) = result else {
            Issue.record("expected a malformed response, got \(result)")
            return
        }
    }

    @Test("a peer that closes without answering is malformed")
    func closedWithoutAnswer() throws {
        let (result, _) = try withRawPeer(answer: "") { port in
            HTTPProbe.getStatus(host: "127.0.0.1", port: port, path: "/healthz", timeout: .seconds(5))
        }
        guard case .failure(.malformedResponse) = result else {
            Issue.record("expected a malformed response, got \(result)")
            return
        }
    }

    @Test("the host may be a name: localhost reaches 127.0.0.1, whichever address it resolves to first")
    func hostName() throws {
        try withTestServer(handler: Self.healthHandler) { port in
            #expect(HTTPProbe.get(host: "localhost", port: port, path: "/healthz", timeout: .seconds(5)) == 200)
        }
    }

    @Test("status lines", arguments: [
        ("HTTP/1.1 200 OK", 200),
        ("HTTP/1.0 503 Service Unavailable", 503),
        ("HTTP/1.1 204", 204),
        ("HTTP/1.1 404 ", 404),
    ])
    func statusLines(line: String, code: Int) {
        #expect(HTTPProbe.statusCode(ofStatusLine: Array(line.utf8)) == code)
    }

    @Test("not status lines", arguments: [
        "", "HTTP/1.1", "HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1  200 OK",
        "http/1.1 200 OK", "HTTP/1.x 200 OK", "HTTP/1.1 2x0 OK", "SSH-2.0-OpenSSH_9.6",
    ])
    func notStatusLines(line: String) {
        #expect(HTTPProbe.statusCode(ofStatusLine: Array(line.utf8)) == nil)
    }
}

// MARK: Peers

/// A port that was free a moment ago and has no listener now.
private func closedPort() throws -> Int {
    let address = try #require(try SystemCall.resolveListenAddresses(host: "127.0.0.1", port: 0).first)
    let listener = try SystemCall.makeListener(address, port: 0, backlog: 1, reusePort: false)
    defer { SystemCall.close(listener) }
    return try SystemCall.localPort(listener)
}

/// What a raw peer received, and on which port.
private struct RawRequest: Sendable {
    var port: Int
    var bytes: [UInt8]
}

/// Runs `body` against a peer on 127.0.0.1 that accepts one connection, reads the request head,
/// writes `answer` as it is and closes. Returns what `body` returned and the request the peer read.
private func withRawPeer<T>(answer: String, _ body: (_ port: Int) throws -> T) throws -> (T, RawRequest) {
    let address = try #require(try SystemCall.resolveListenAddresses(host: "127.0.0.1", port: 0).first)
    let listener = try SystemCall.makeListener(address, port: 0, backlog: 4, reusePort: false)
    defer { SystemCall.close(listener) }
    let port = try SystemCall.localPort(listener)
    let received = Mutex<[UInt8]>([])
    let finished = DispatchSemaphore(value: 0)
    let answerBytes = Array(answer.utf8)
    // Every wait below is bounded, so a probe that never connects fails the test instead of hanging it.
    DispatchQueue.global().async {
        defer { finished.signal() }
        guard (try? SystemCall.waitUntilReady(listener, forWriting: false, timeoutMilliseconds: 5000)) == true,
              let (fd, _) = try? SystemCall.accept(listener)
        else { return }
        defer { SystemCall.close(fd) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            guard (try? SystemCall.waitUntilReady(fd, forWriting: false, timeoutMilliseconds: 5000)) == true,
                  let count = try? buffer.withUnsafeMutableBytes({ raw in try SystemCall.read(fd, into: raw) })
            else { break }
            if count == 0 { break }
            request += buffer[..<count]
        }
        received.withLock { $0 = request }
        // A few bytes always fit an empty socket buffer: one send is enough.
        _ = answerBytes.withUnsafeBytes { raw in try? SystemCall.send(fd, raw) }
        SystemCall.shutdownWrite(fd)
    }
    let result = try body(port)
    #expect(finished.wait(timeout: .now() + 10) == .success, "the raw peer did not finish")
    return (result, RawRequest(port: port, bytes: received.withLock { $0 }))
}
