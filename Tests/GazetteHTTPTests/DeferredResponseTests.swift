import Dispatch
import Foundation
import Synchronization
import Testing
@testable import GazetteHTTP

/// Deferred responses over loopback: a handler hands work to another thread, the loop goes on, and
/// the response arrives in request order.
@Suite("Deferred responses")
struct DeferredResponseTests {
    /// `/slow/N` answers after N milliseconds on a pool thread; anything else at once. Both echo the path.
    static func handler(pool: BlockingWorkPool) -> HTTPClosureHandler {
        HTTPClosureHandler { request in
            let path = request.rawPath
            guard path.hasPrefix("/slow/"), let milliseconds = Int(path.dropFirst(6)) else {
                return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(path.utf8))
            }
            return pool.response {
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
                return HTTPResponse(status: .created, contentType: "text/plain", body: Array(path.utf8))
            }
        }
    }

    @Test("a deferred response arrives, and the connection stays open for the next request")
    func deferredThenKeepAlive() throws {
        let pool = BlockingWorkPool(maxThreads: 4)
        try withTestServer(handler: Self.handler(pool: pool)) { port in
            let client = try TestClient(port: port)
            try client.send("GET /slow/50 HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == 201)
            #expect(first.text == "/slow/50")
            #expect(first.header("Content-Length") == "8")
            try client.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "/fast")
        }
    }

    @Test("pipelined requests behind a deferred one are answered after it, in order")
    func pipelinedOrder() throws {
        let pool = BlockingWorkPool(maxThreads: 4)
        try withTestServer(handler: Self.handler(pool: pool)) { port in
            let client = try TestClient(port: port)
            try client.send("GET /slow/80 HTTP/1.1\r\nHost: x\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /slow/10 HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            var texts: [String] = []
            for _ in 0..<4 { texts.append(try client.readResponse().text) }
            #expect(texts == ["/slow/80", "/a", "/slow/10", "/b"])
        }
    }

    @Test("a slow deferred response does not hold up other connections on the same loop")
    func loopKeepsServing() throws {
        let pool = BlockingWorkPool(maxThreads: 4)
        // One loop: both connections share it.
        try withTestServer(configuration: .testing { $0.eventLoopCount = 1 }, handler: Self.handler(pool: pool)) { port in
            let slow = try TestClient(port: port)
            try slow.send("GET /slow/1000 HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try TestClient(port: port)
            let start = ContinuousClock.now
            try fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try fast.readResponse().text == "/fast")
            #expect(ContinuousClock.now - start < .milliseconds(500))
            #expect(try slow.readResponse().text == "/slow/1000")
        }
    }

    @Test("HEAD and Connection: close apply to the deferred response")
    func headAndClose() throws {
        let pool = BlockingWorkPool(maxThreads: 2)
        try withTestServer(handler: Self.handler(pool: pool)) { port in
            let client = try TestClient(port: port)
            try client.send("HEAD /slow/5 HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 201)
            #expect(head.header("Content-Length") == "7")
            #expect(head.body.isEmpty)
            try client.send("GET /slow/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let last = try client.readResponse()
            #expect(last.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test("a client that leaves before its deferred response is ready costs nothing; the server goes on")
    func clientLeaves() throws {
        let pool = BlockingWorkPool(maxThreads: 4)
        try withTestServer(handler: Self.handler(pool: pool)) { port, server in
            for _ in 0..<8 {
                let client = try TestClient(port: port)
                try client.send("GET /slow/30 HTTP/1.1\r\nHost: x\r\n\r\n")
                client.close()
            }
            Thread.sleep(forTimeInterval: 0.1)
            let client = try TestClient(port: port)
            try client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "/after")
            #expect(eventually { server.openConnectionCount == 1 })
        }
    }

    @Test("shutdown waits for a deferred response in flight and sends it with Connection: close")
    func shutdownWaits() throws {
        let pool = BlockingWorkPool(maxThreads: 2)
        let server = HTTPServer(configuration: .testing(), handler: Self.handler(pool: pool))
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /slow/300 HTTP/1.1\r\nHost: x\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.05)
        server.shutdown()
        let response = try client.readResponse()
        #expect(response.status == 201)
        #expect(response.header("Connection") == "close")
        #expect(server.waitUntilStopped(within: .seconds(5)))
    }

    @Test("a response may be deferred again before it is ready")
    func deferredTwice() throws {
        let pool = BlockingWorkPool(maxThreads: 2)
        let handler = HTTPClosureHandler { _ in
            pool.response { pool.response { HTTPResponse.text("twice") } }
        }
        try withTestServer(handler: handler) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "twice")
        }
    }

    @Test("map transforms an immediate response at once and a deferred one when it is ready")
    func mapBothKinds() {
        let immediate = HTTPResponse.text("a").map { var r = $0; r.headers["X-Seen"] = "1"; return r }
        #expect(!immediate.isDeferred)
        #expect(immediate.headers["X-Seen"] == "1")
        let later = HTTPResponse.deferred(DeferredResponse { complete in complete(.text("b")) })
            .map { var r = $0; r.headers["X-Seen"] = "2"; return r }
        #expect(later.isDeferred)
        let received = Mutex<HTTPResponse?>(nil)
        later.deferred?.start { response in received.withLock { $0 = response } }
        let response = received.withLock { $0 }
        #expect(response?.headers["X-Seen"] == "2")
        #expect(response?.body == Array("b".utf8))
    }
}

@Suite("BlockingWorkPool")
struct BlockingWorkPoolTests {
    @Test("every submitted item runs exactly once, on at most maxThreads threads at a time")
    func runsEverythingOnce() {
        let pool = BlockingWorkPool(maxThreads: 8)
        let counts = LockedValue([Int](repeating: 0, count: 2_000))
        let running = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let done = DispatchGroup()
        for index in 0..<2_000 {
            done.enter()
            pool.submit {
                let now = running.add(1, ordering: .relaxed).newValue
                _ = peak.max(now, ordering: .relaxed)
                if index % 100 == 0 { Thread.sleep(forTimeInterval: 0.002) }
                counts.withLock { $0[index] += 1 }
                running.subtract(1, ordering: .relaxed)
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 20) == .success)
        #expect(counts.withLock { $0.allSatisfy { $0 == 1 } })
        #expect(peak.load(ordering: .relaxed) <= 8)
    }

    @Test("blocked items run side by side: 32 sleeps of 200 ms take far less than 32 × 200 ms")
    func blockedItemsOverlap() {
        let pool = BlockingWorkPool(maxThreads: 32)
        let done = DispatchGroup()
        let start = ContinuousClock.now
        for _ in 0..<32 {
            done.enter()
            pool.submit {
                Thread.sleep(forTimeInterval: 0.2)
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test("idle threads are reused for later work")
    func reusesThreads() {
        let pool = BlockingWorkPool(maxThreads: 64)
        let names = Mutex(Set<String>())
        for _ in 0..<50 {
            let done = DispatchSemaphore(value: 0)
            pool.submit {
                names.withLock { _ = $0.insert(Thread.current.name ?? "") }
                done.signal()
            }
            done.wait()
            // Time for the thread to go back to waiting, so the next item finds it idle.
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(names.withLock { $0.count } <= 2)
    }
}
