import Foundation
import Testing
@testable import GazetteHTTP

/// One connection's behaviour over a real loopback socket: persistence, pipelining, framing,
/// limits and timeouts. Every read is bounded, so a server bug fails a test instead of hanging it.
@Suite("HTTPConnection over loopback sockets")
struct HTTPConnectionTests {
    // MARK: Persistence

    @Test("two requests on one HTTP/1.1 connection get two responses")
    func keepAliveServesTwoRequests() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == 200)
            #expect(first.text == "/one")
            #expect(first.header("Connection") == nil)
            #expect(first.header("Date") != nil)
            try client.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = try client.readResponse()
            #expect(second.status == 200)
            #expect(second.text == "/two")
        }
    }

    @Test("HTTP/1.0 without keep-alive gets Connection: close, then EOF")
    func http10ClosesAfterResponse() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "/old")
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test("HTTP/1.0 with Connection: keep-alive stays open and says so")
    func http10KeepAliveStaysOpen() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            for path in ["/a", "/b"] {
                try client.send("GET \(path) HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == path)
                #expect(response.header("Connection") == "keep-alive")
            }
        }
    }

    @Test("Connection: close gets Connection: close, then EOF, and later pipelined requests are not answered")
    func connectionCloseIsHonoured() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "/last")
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test("a client that half-closes after its request still gets the response")
    func halfCloseStillAnswered() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("GET /half HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()
            let response = try client.readResponse()
            #expect(response.text == "/half")
            #expect(try client.readToEnd().bytes.isEmpty)
        }
    }

    // MARK: Framing

    @Test("three pipelined requests in one write are answered in order, bytes intact")
    func pipelinedRequestsInOrder() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send(
                "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n\r\nhello\r\n world"
                + "GET /third?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "/first")
            let second = try client.readResponse()
            #expect(second.text == "hello\r\n world")
            #expect(second.header("X-Method") == "POST")
            #expect(try client.readResponse().text == "/third?q=1")
            // Nothing stray after the third response: the next request is framed correctly.
            try client.send("GET /fourth HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "/fourth")
        }
    }

    @Test("a request sent one byte per write is answered")
    func singleByteWrites() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.sendByteByByte("POST /split HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
            try client.sendByteByByte("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "/again")
        }
    }

    @Test("a chunked request with trailers sent one byte per write is answered")
    func chunkedSingleByteWrites() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.sendByteByByte(
                "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Sum: 11\r\n\r\n"
                + "\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n", pause: .milliseconds(1))
            #expect(try client.readResponse().text == "hello world")
            #expect(try client.readResponse().text == "/after")
        }
    }

    @Test("a malformed head that arrives in two writes gets 400, then EOF")
    func malformedHeadInTwoWrites() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("GET /x HTTP/1.1\r\nHost: x\r\n")
            // Let the first part arrive on its own, so the rest is parsed from the connection's buffer.
            Thread.sleep(forTimeInterval: 0.05)
            try client.send("Bad Header\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test("HEAD gets GET's headers and no body; the next pipelined response follows directly")
    func headHasNoBody() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send(
                "GET /same HTTP/1.1\r\nHost: x\r\n\r\nHEAD /same HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let get = try client.readResponse()
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == get.header("Content-Length"))
            #expect(head.header("Content-Type") == get.header("Content-Type"))
            #expect(head.header("X-Method") == "HEAD")
            #expect(head.body.isEmpty)
            let next = try client.readResponse()
            #expect(next.status == 200)
            #expect(next.text == "/next")
        }
    }

    // MARK: Expect: 100-continue

    @Test("Expect: 100-continue gets 100 Continue before the body, then the response")
    func continueBeforeBody() throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")
        }
    }

    @Test("Expect: 100-continue with a Content-Length over the limit gets 413 and no 100 Continue")
    func continueRefusedWhenTooLarge() throws {
        try withTestServer(configuration: .testing { $0.maxBodySize = 1000 }) { port in
            let client = try TestClient(port: port)
            try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    // MARK: Limits and bad input

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var request: String
        var status: Int
        var testDescription: String { "\(status) for \(name)" }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "a request target over 8 KiB",
                 request: "GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", status: 414),
        BadInput(name: "a header section over 32 KiB",
                 request: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 33 * 1024))\r\n\r\n", status: 431),
        BadInput(name: "more than 100 header fields",
                 request: "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-N: 1\r\n", count: 101) + "\r\n", status: 431),
        BadInput(name: "a Content-Length over 1 MiB",
                 request: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", status: 413),
        BadInput(name: "a field line without a colon",
                 request: "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", status: 400),
        BadInput(name: "a malformed request line", request: "GET/HTTP/1.1\r\nHost: x\r\n\r\n", status: 400),
        BadInput(name: "a missing Host in HTTP/1.1", request: "GET / HTTP/1.1\r\n\r\n", status: 400),
        BadInput(name: "Content-Length with Transfer-Encoding",
                 request: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        BadInput(name: "HTTP/2.0", request: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", status: 505),
        BadInput(name: "an unknown transfer coding",
                 request: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501),
    ]

    @Test("bad input gets its status with Content-Length, Date and Connection: close, then EOF", arguments: badInputs)
    func badInputIsAnsweredThenClosed(_ input: BadInput) throws {
        try withTestServer { port in
            let client = try TestClient(port: port)
            // A valid request behind the bad one must not be answered: its framing is uncertain.
            try client.send(input.request + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == input.status)
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(!response.body.isEmpty)
            #expect(response.header("Date") != nil)
            #expect(response.header("Connection") == "close")
            let rest = try client.readToEnd()
            #expect(rest.bytes.isEmpty, "nothing may follow the error response")
            #expect(rest.end == .eof)
        }
    }

    @Test("413 reaches a client that already sent part of the body (the server lingers instead of resetting)")
    func contentTooLargeWithBodyInFlight() throws {
        try withTestServer(configuration: .testing { $0.maxBodySize = 1024 }) { port in
            let client = try TestClient(port: port)
            // Far more than one 64 KiB read: unread bytes left at close() would turn into a reset.
            try client.send(Array("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n".utf8)
                            + [UInt8](repeating: 0x61, count: 400 * 1024))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            let rest = try client.readToEnd()
            #expect(rest.bytes.isEmpty)
            #expect(rest.end == .eof)
        }
    }

    @Test("a bad request pipelined behind a large response gets 400 after it")
    func badRequestBehindLargeResponse() throws {
        // Larger than the socket's send buffer (up to 4 MB), below the output cap: the send blocks.
        let large = testPattern(count: 12 * 1024 * 1024)
        let handler = HTTPClosureHandler { _ in HTTPResponse(status: .ok, body: large) }
        try withTestServer(configuration: .testing { $0.maxQueuedOutput = 64 * 1024 * 1024 }, handler: handler) { port in
            let client = try TestClient(port: port, receiveBufferSize: 16 * 1024)
            // The first part waits in the connection's buffer; the rest completes the good request,
            // whose response blocks (the client is not reading), then brings the bad one.
            try client.send("GET /large HTTP/1.1\r\nHo")
            Thread.sleep(forTimeInterval: 0.05)
            try client.send("st: x\r\n\r\nGET / HTTP/9.9\r\nHost: x\r\n\r\n")
            Thread.sleep(forTimeInterval: 0.1)
            let first = try client.readResponse(timeout: .seconds(20))
            #expect(first.status == 200)
            #expect(first.body == large)
            let second = try client.readResponse()
            #expect(second.status == 505)
            #expect(try client.isClosedByServer())
        }
    }

    // MARK: Timeouts

    @Test("a partial head gets 408 after the header-read timeout, then EOF")
    func partialHeadTimesOut() throws {
        try withTestServer(configuration: .testing { $0.headerReadTimeout = .milliseconds(300) }) { port in
            let start = ContinuousClock.now
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHo")
            let response = try client.readResponse()
            let elapsed = ContinuousClock.now - start
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(elapsed >= .milliseconds(250))
            #expect(try client.isClosedByServer())
        }
    }

    @Test("a connection that sends nothing is closed after the header-read timeout")
    func silentConnectionIsClosed() throws {
        try withTestServer(configuration: .testing { $0.headerReadTimeout = .milliseconds(300) }) { port in
            let start = ContinuousClock.now
            let client = try TestClient(port: port)
            #expect(try client.isClosedByServer(timeout: .seconds(3)))
            #expect(ContinuousClock.now - start >= .milliseconds(250))
        }
    }

    @Test("a later request's partial head gets 408 after the header-read timeout")
    func secondRequestHeadTimesOut() throws {
        let configuration = HTTPServer.Configuration.testing {
            $0.headerReadTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(30)
        }
        try withTestServer(configuration: configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            try client.send("GET /second HTTP/1.1\r\n")
            #expect(try client.readResponse().status == 408)
            #expect(try client.isClosedByServer())
        }
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleConnectionIsClosed() throws {
        let configuration = HTTPServer.Configuration.testing {
            $0.idleTimeout = .milliseconds(300)
            $0.headerReadTimeout = .seconds(30)
        }
        try withTestServer(configuration: configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            let start = ContinuousClock.now
            #expect(try client.isClosedByServer(timeout: .seconds(3)))
            // The idle clock started when the server answered, a little before `start`.
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
    }

    @Test("a body that stops arriving gets 408 after the body-read timeout")
    func bodyTimesOut() throws {
        try withTestServer(configuration: .testing { $0.bodyReadTimeout = .milliseconds(300) }) { port in
            let client = try TestClient(port: port)
            let start = ContinuousClock.now
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(ContinuousClock.now - start >= .milliseconds(250))
            #expect(try client.isClosedByServer())
        }
    }

    @Test("a client that never reads a large response is closed after the write timeout")
    func writeTimeoutClosesStuckReader() throws {
        let large = testPattern(count: 8 * 1024 * 1024)
        let handler = HTTPClosureHandler { _ in HTTPResponse(status: .ok, body: large) }
        try withTestServer(configuration: .testing { $0.writeTimeout = .milliseconds(300) }, handler: handler) { port, server in
            let client = try TestClient(port: port, receiveBufferSize: 16 * 1024)
            try client.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(eventually { server.openConnectionCount == 1 })
            #expect(eventually { server.openConnectionCount == 0 }, "the server should give up on the stuck reader")
            let (bytes, _) = try client.readToEnd(timeout: .seconds(10))
            #expect(bytes.count < large.count, "the response must have been cut short")
        }
    }

    @Test("a client that keeps its socket open after Connection: close is released after the linger time")
    func lingeringClientIsReleased() throws {
        try withTestServer(configuration: .testing { $0.headerReadTimeout = .milliseconds(300) }) { port, server in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            // The client neither reads the EOF nor closes; the server must still let go.
            #expect(eventually(timeout: .seconds(3)) { server.openConnectionCount == 0 })
        }
    }

    @Test("a client that disconnects in the middle of a large response is cleaned up")
    func disconnectMidResponse() throws {
        let large = testPattern(count: 16 * 1024 * 1024)
        let handler = HTTPClosureHandler { _ in HTTPResponse(status: .ok, body: large) }
        try withTestServer(handler: handler) { port, server in
            let client = try TestClient(port: port, receiveBufferSize: 16 * 1024)
            try client.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.read(count: 1000)
            client.close()
            #expect(eventually { server.openConnectionCount == 0 })
            // The loop is still healthy.
            let next = try TestClient(port: port)
            try next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try next.readResponse(timeout: .seconds(20)).body == large)
        }
    }

    // MARK: Large bodies

    @Test("a 5 MB response arrives intact")
    func largeResponseIntact() throws {
        let large = testPattern(count: 5 * 1024 * 1024)
        let handler = HTTPClosureHandler { _ in HTTPResponse(status: .ok, body: large) }
        try withTestServer(handler: handler) { port in
            let client = try TestClient(port: port, receiveBufferSize: 64 * 1024)
            try client.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse(timeout: .seconds(20))
            #expect(response.body.count == large.count)
            #expect(response.body == large)
        }
    }

    @Test("three pipelined 5 MB responses (beyond the queued-output cap) arrive intact and in order")
    func pipelinedLargeResponsesIntact() throws {
        let large = testPattern(count: 5 * 1024 * 1024)
        let handler = HTTPClosureHandler { request in
            var response = HTTPResponse(status: .ok, body: large)
            response.headers["X-Path"] = request.path
            return response
        }
        try withTestServer(handler: handler) { port in
            let client = try TestClient(port: port, receiveBufferSize: 64 * 1024)
            try client.send((1...3).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
            for index in 1...3 {
                let response = try client.readResponse(timeout: .seconds(20))
                #expect(response.header("X-Path") == "/\(index)")
                #expect(response.body == large)
            }
        }
    }

    @Test("a 900 KB Content-Length body arrives intact")
    func largeRequestBodyIntact() throws {
        let body = testPattern(count: 900 * 1024)
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send(Array("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let response = try client.readResponse(timeout: .seconds(20))
            #expect(response.status == 200)
            #expect(response.body == body)
        }
    }

    @Test("a 900 KB chunked body arrives intact")
    func largeChunkedBodyIntact() throws {
        let body = testPattern(count: 900 * 1024)
        var wire = Array("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        var offset = 0
        var size = 1
        while offset < body.count {
            let take = min(size, body.count - offset)
            wire += Array("\(String(take, radix: 16))\r\n".utf8) + body[offset..<(offset + take)] + [13, 10]
            offset += take
            size = size * 3 + 7
        }
        wire += Array("0\r\nX-Trailer: yes\r\n\r\n".utf8)
        try withTestServer { port in
            let client = try TestClient(port: port)
            try client.send(wire)
            let response = try client.readResponse(timeout: .seconds(20))
            #expect(response.status == 200)
            #expect(response.body == body)
        }
    }
}
