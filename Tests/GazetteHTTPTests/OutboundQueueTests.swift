import Testing
@testable import GazetteHTTP

/// The queue must hand the socket exactly the bytes `HTTPResponseWriter.write` makes, in order,
/// however little each send takes, and must send a large body from the handler's own array.
@Suite("OutboundQueue")
struct OutboundQueueTests {
    private static let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    /// Responses of every shape: small and large bodies, empty, HEAD, a 100 Continue between them.
    private static func fill(_ queue: inout OutboundQueue, expected: inout [UInt8]) {
        let large = HTTPResponse(status: .ok, body: [UInt8]((0..<20_000).map { UInt8($0 % 251) }))
        let exactlyThreshold = HTTPResponse(status: .ok, body: [UInt8](repeating: 0x41, count: OutboundQueue.sharedBodyThreshold))
        let cases: [(HTTPResponse, Bool)] = [
            (.text("small"), false), (large, false), (large, true), (.text("after"), false),
            (HTTPResponse(status: .noContent), false), (exactlyThreshold, false), (large, false), (large, false),
        ]
        for (position, (response, isHead)) in cases.enumerated() {
            if position == 3 {
                queue.write { HTTPResponseWriter.writeContinue(into: &$0) }
                HTTPResponseWriter.writeContinue(into: &expected)
            }
            queue.append(response, omitBody: isHead, persistence: .keepAlive, date: date)
            HTTPResponseWriter.write(response, omitBody: isHead, persistence: .keepAlive, date: date, into: &expected)
        }
    }

    @Test("sends the writer's bytes in order, whatever each send takes", arguments: [1, 7, 1_000, 4_097, 30_000, Int.max])
    func order(limit: Int) throws {
        var queue = OutboundQueue()
        var expected: [UInt8] = []
        Self.fill(&queue, expected: &expected)
        #expect(queue.count == expected.count)
        var received: [UInt8] = []
        var calls = 0
        while !queue.isEmpty, calls < 1_000_000 {
            calls += 1
            let sent = try queue.send { first, second in
                var taken = Array(first.prefix(limit))
                if let second, taken.count < limit { taken += second.prefix(limit - taken.count) }
                received += taken
                return taken.count
            }
            #expect(sent > 0)
            #expect(queue.count == expected.count - received.count)
        }
        #expect(received == expected)
        // Empty again: the next response starts from the front.
        queue.append(.text("again"), omitBody: false, persistence: .close, date: Self.date)
        var again: [UInt8] = []
        HTTPResponseWriter.write(.text("again"), omitBody: false, persistence: .close, date: Self.date, into: &again)
        _ = try queue.send { first, _ in
            #expect(Array(first) == again)
            return first.count
        }
        #expect(queue.isEmpty)
    }

    @Test("a large body goes out from the handler's array, beside its head, in one send")
    func largeBodyIsNotCopied() throws {
        let body = [UInt8](repeating: 0x5A, count: 30_000)
        var queue = OutboundQueue()
        queue.append(HTTPResponse(status: .ok, body: body), omitBody: false, persistence: .keepAlive, date: Self.date)
        let bodyAddress = body.withUnsafeBytes { $0.baseAddress }
        _ = try queue.send { first, second in
            #expect(String(decoding: first, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(second?.baseAddress == bodyAddress, "the body's own storage")
            #expect(second?.count == body.count)
            return first.count + (second?.count ?? 0)
        }
        #expect(queue.isEmpty)
    }

    @Test("a send that would block sends nothing and keeps everything; an error leaves the queue as it was")
    func blockedAndFailed() throws {
        var queue = OutboundQueue()
        var expected: [UInt8] = []
        Self.fill(&queue, expected: &expected)
        #expect(try queue.send { _, _ in 0 } == 0)
        #expect(queue.count == expected.count)
        #expect(throws: SocketError.self) {
            try queue.send { _, _ throws(SocketError) in throw SocketError(call: "send", errno: 32) }
        }
        #expect(queue.count == expected.count)
    }
}
