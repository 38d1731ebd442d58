import Synchronization
import Testing
@testable import GazetteHTTP

/// What an observer saw: each report's status and the peer's address.
private final class ObservedErrors: Sendable {
    private let seen = Mutex<[(status: Int, remoteAddress: String)]>([])

    var all: [(status: Int, remoteAddress: String)] { seen.withLock { $0 } }

    /// An observer that records and marks each response with `X-Observed: <status>`.
    var observer: HTTPServerErrorObserver {
        { report, remoteAddress, response in
            self.seen.withLock { $0.append((report.status.code, remoteAddress)) }
            response.headers["X-Observed"] = "\(report.status.code)"
        }
    }
}

@Suite("HTTPServer.Configuration.serverErrorObserver")
struct ServerErrorObserverTests {
    @Test("sees a 400 for a malformed request line, with the peer's address, and its header reaches the client")
    func malformedRequest() throws {
        let observed = ObservedErrors()
        try withTestServer(configuration: .testing { $0.serverErrorObserver = observed.observer }) { port in
            let client = try TestClient(port: port)
            try client.send("NOT A REQUEST\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("X-Observed") == "400")
            let seen = observed.all
            #expect(seen.count == 1)
            #expect(seen.first?.status == 400)
            #expect(seen.first?.remoteAddress.hasPrefix("127.0.0.1:") == true, "\(seen)")
        }
    }

    @Test("sees the 408 of a request head that does not arrive in time")
    func headerTimeout() throws {
        let observed = ObservedErrors()
        let configuration = HTTPServer.Configuration.testing {
            $0.serverErrorObserver = observed.observer
            $0.headerReadTimeout = .milliseconds(200)
        }
        try withTestServer(configuration: configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n")
            let response = try client.readResponse(timeout: .seconds(5))
            #expect(response.status == 408)
            #expect(response.header("X-Observed") == "408")
            #expect(observed.all.map(\.status) == [408])
        }
    }

    @Test("sees the 503 for a connection beyond maxConnections")
    func connectionLimit() throws {
        let observed = ObservedErrors()
        let configuration = HTTPServer.Configuration.testing {
            $0.serverErrorObserver = observed.observer
            $0.maxConnections = 1
        }
        try withTestServer(configuration: configuration) { port in
            let first = try TestClient(port: port)
            try first.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().status == 200)
            let extra = try TestClient(port: port)
            let refused = try extra.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("X-Observed") == "503")
            #expect(refused.header("Retry-After") == "1")
            #expect(observed.all.map(\.status) == [503])
            first.close()
        }
    }

    @Test("never sees responses the handler made, errors included")
    func handlerResponsesAreNotObserved() throws {
        let observed = ObservedErrors()
        let handler = HTTPClosureHandler { request in
            request.rawPath == "/missing" ? .text("no\n", status: .notFound) : .text("yes\n")
        }
        try withTestServer(configuration: .testing { $0.serverErrorObserver = observed.observer }, handler: handler) { port in
            let client = try TestClient(port: port)
            try client.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\nGET /here HTTP/1.1\r\nHost: x\r\n\r\n")
            let missing = try client.readResponse()
            let here = try client.readResponse()
            #expect(missing.status == 404)
            #expect(here.status == 200)
            #expect(missing.header("X-Observed") == nil && here.header("X-Observed") == nil)
            #expect(observed.all.isEmpty)
        }
    }
}
