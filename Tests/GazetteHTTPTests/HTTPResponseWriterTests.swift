import Testing
@testable import GazetteHTTP

@Suite("HTTPResponseWriter")
struct HTTPResponseWriterTests {
    private static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    private static func write(
        _ response: HTTPResponse, omitBody: Bool = false,
        persistence: HTTPResponseWriter.Persistence = .keepAlive
    ) -> String {
        var buffer: [UInt8] = []
        HTTPResponseWriter.write(response, omitBody: omitBody, persistence: persistence, date: Array(date.utf8), into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The header lines (without the status line), split at CRLF.
    private static func headerLines(_ text: String) -> [String] {
        let head = text.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return head.split(separator: "\r\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    @Test("writes the status line, headers, Content-Length, Date and body in order")
    func writesWholeResponse() {
        let text = Self.write(.text("hello"))
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"
            + "Date: \(Self.date)\r\n\r\nhello")
    }

    @Test("writes Content-Length 0 for an empty 200")
    func emptyOK() {
        #expect(Self.write(HTTPResponse(status: .ok)) == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test("writes Content-Length in decimal", arguments: [1, 9, 10, 100, 1234, 1_048_576])
    func contentLengthDigits(count: Int) {
        let text = Self.write(HTTPResponse(status: .ok, body: Array(repeating: 0x61, count: count)))
        #expect(Self.headerLines(text).contains("Content-Length: \(count)"))
        #expect(text.hasSuffix("\r\n\r\n" + String(repeating: "a", count: count)))
    }

    @Test("writes neither Content-Length nor a body for 204 and 304", arguments: [HTTPStatus.noContent, .notModified])
    func noBodyStatuses(status: HTTPStatus) {
        let text = Self.write(HTTPResponse(status: status, body: Array("ignored".utf8)))
        #expect(text == "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test("writes an empty reason phrase for an unknown status")
    func unknownStatus() {
        let text = Self.write(HTTPResponse(status: HTTPStatus(code: 299)))
        #expect(text.hasPrefix("HTTP/1.1 299 \r\n"))
    }

    @Test("says what the connection will do", arguments: [
        (HTTPResponseWriter.Persistence.keepAlive, nil),
        (.keepAliveConfirmed, "Connection: keep-alive"),
        (.close, "Connection: close"),
    ] as [(HTTPResponseWriter.Persistence, String?)])
    func connectionHeader(persistence: HTTPResponseWriter.Persistence, line: String?) {
        let lines = Self.headerLines(Self.write(.text("x"), persistence: persistence))
        let connectionLines = lines.filter { $0.lowercased().hasPrefix("connection:") }
        #expect(connectionLines == (line.map { [$0] } ?? []))
        #expect(lines.contains("Date: \(Self.date)"))
    }

    @Test("keeps the Content-Length of the body but omits the body for HEAD")
    func omitsBodyForHead() {
        let text = Self.write(.text("hello"), omitBody: true)
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"
            + "Date: \(Self.date)\r\n\r\n")
    }

    @Test("drops framing headers a handler set, in any case")
    func dropsServerManagedHeaders() {
        let response = HTTPResponse(status: .ok, headers: [
            "content-length": "999", "Transfer-Encoding": "chunked", "CONNECTION": "keep-alive",
            "Date": "yesterday", "X-Kept": "1",
        ], body: Array("abc".utf8))
        let lines = Self.headerLines(Self.write(response, persistence: .close))
        #expect(lines == ["X-Kept: 1", "Content-Length: 3", "Date: \(Self.date)", "Connection: close"])
    }

    @Test("cannot be made to start a header line from a value or name", arguments: [
        ("X-Name", "a\r\nSet-Cookie: evil=1"),
        ("X-Name", "a\nSet-Cookie: evil=1"),
        ("X-Name", "a\rSet-Cookie: evil=1"),
        ("X-Name", "a\r\n\r\n<html>"),
        ("X-Name\r\nSet-Cookie", "evil=1"),
        ("X-Name", "a\u{0}b"),
    ])
    func preventsHeaderInjection(name: String, value: String) {
        let response = HTTPResponse(status: .ok, headers: [HTTPHeaderName(name): value])
        let text = Self.write(response)
        let lines = Self.headerLines(text)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { !$0.lowercased().hasPrefix("set-cookie") && !$0.hasPrefix("<html>") })
        #expect(!text.utf8.contains(0))
        #expect(text.hasSuffix("Content-Length: 0\r\nDate: \(Self.date)\r\n\r\n"))
    }

    @Test("appends to bytes already queued, so pipelined responses follow each other")
    func appends() {
        var buffer: [UInt8] = []
        HTTPResponseWriter.writeContinue(into: &buffer)
        HTTPResponseWriter.write(.text("a"), omitBody: false, persistence: .keepAlive, date: Array(Self.date.utf8), into: &buffer)
        HTTPResponseWriter.write(HTTPResponse(status: .noContent), omitBody: false, persistence: .close,
                                 date: Array(Self.date.utf8), into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))
        #expect(text.hasSuffix("\r\n\r\naHTTP/1.1 204 No Content\r\nDate: \(Self.date)\r\nConnection: close\r\n\r\n"))
    }

    @Test("writes 100 Continue as a bare status line")
    func writesContinue() {
        var buffer: [UInt8] = []
        HTTPResponseWriter.writeContinue(into: &buffer)
        #expect(buffer == Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }

    @Test("writes responses the request parser's own rules would accept as a message head")
    func headIsWellFormed() {
        let response = HTTPResponse(status: .created, headers: ["Location": "/articles/1", "ETag": "\"1\""], body: Array("{}".utf8))
        let lines = Self.headerLines(Self.write(response, persistence: .close))
        for line in lines {
            var copy = line
            let parsed = copy.withUTF8 { try? HTTPRequestParser.parseField(UnsafeRawBufferPointer($0)) }
            #expect(parsed != nil, "\(line)")
        }
        #expect(lines.contains("Location: /articles/1"))
    }
}
