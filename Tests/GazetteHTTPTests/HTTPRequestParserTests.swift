import Testing
@testable import GazetteHTTP

/// One malformed input and what the client must be told about it.
struct RejectedInput: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var error: String
    var status: Int
    var location: String
    /// A phrase the detail must contain, so that the client learns what was wrong.
    var detailMentions: String

    init(_ name: String, _ text: String, _ error: String, _ status: Int, _ location: String, mentions: String = "") {
        self.init(name, Array(text.utf8), error, status, location, mentions: mentions)
    }

    init(_ name: String, _ bytes: [UInt8], _ error: String, _ status: Int, _ location: String, mentions: String = "") {
        self.name = name
        self.bytes = bytes
        self.error = error
        self.status = status
        self.location = location
        self.detailMentions = mentions
    }

    var testDescription: String { name }

    /// Parses the bytes whole and checks the error, its status, location and detail.
    func check(limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) throws {
        let error = try #require(ParserFixture.error(bytes, limits: limits), "\(name) was accepted")
        #expect(error.caseName == self.error, "\(name): \(error)")
        #expect(error.status.code == status, "\(name): \(error)")
        #expect(error.location == location, "\(name): \(error)")
        #expect(error.detail.contains(detailMentions), "\(name): \(error.detail)")
    }
}

@Suite("HTTPRequestParser: request line")
struct HTTPRequestParserRequestLineTests {
    struct Accepted: CustomTestStringConvertible, Sendable {
        var line: String
        var method: HTTPMethod
        var rawPath: String
        var rawQuery: String?
        var version: HTTPVersion
        var testDescription: String { line }
    }

    @Test("accepts well-formed request lines", arguments: [
        Accepted(line: "GET / HTTP/1.1", method: .get, rawPath: "/", rawQuery: nil, version: .http1_1),
        Accepted(line: "POST /articles HTTP/1.1", method: .post, rawPath: "/articles", rawQuery: nil, version: .http1_1),
        Accepted(line: "DELETE /articles/1?force=1 HTTP/1.1", method: .delete, rawPath: "/articles/1", rawQuery: "force=1", version: .http1_1),
        Accepted(line: "PURGE /cache HTTP/1.1", method: HTTPMethod(rawValue: "PURGE"), rawPath: "/cache", rawQuery: nil, version: .http1_1),
        Accepted(line: "M-SEARCH! /x HTTP/1.1", method: HTTPMethod(rawValue: "M-SEARCH!"), rawPath: "/x", rawQuery: nil, version: .http1_1),
        Accepted(line: "GET /a?b HTTP/1.0", method: .get, rawPath: "/a", rawQuery: "b", version: .http1_0),
        Accepted(line: "GET http://example.com/path?q=1 HTTP/1.1", method: .get, rawPath: "/path", rawQuery: "q=1", version: .http1_1),
        Accepted(line: "GET HTTP://Example.com:8080 HTTP/1.1", method: .get, rawPath: "/", rawQuery: nil, version: .http1_1),
        Accepted(line: "GET https://example.com?x=y HTTP/1.1", method: .get, rawPath: "/", rawQuery: "x=y", version: .http1_1),
        Accepted(line: "OPTIONS * HTTP/1.1", method: .options, rawPath: "*", rawQuery: nil, version: .http1_1),
    ])
    func acceptsRequestLine(_ accepted: Accepted) throws {
        let requests = try ParserFixture.requests("\(accepted.line)\r\nHost: example.com\r\n\r\n")
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == accepted.method)
        #expect(request.rawPath == accepted.rawPath)
        #expect(request.rawQuery == accepted.rawQuery)
        #expect(request.version == accepted.version)
        #expect(request.target == accepted.line.split(separator: " ")[1].description)
    }

    @Test("rejects malformed request lines with 400", arguments: [
        RejectedInput("two spaces after the method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "space"),
        RejectedInput("trailing space", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "version"),
        RejectedInput("leading space", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "method"),
        RejectedInput("tabs as separators", "GET\t/\tHTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("method is not a token", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "token"),
        RejectedInput("no version", "GET /\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("method only", "GET\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("space inside the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("asterisk form with GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "OPTIONS"),
        RejectedInput("fragment", "GET /a#top HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "fragment"),
        RejectedInput("relative target", "GET articles HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "\"/\""),
        RejectedInput("authority form", "CONNECT example.com:443 HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("other scheme", "GET ftp://example.com/ HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("absolute form without host", "GET http:///path HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "host"),
        RejectedInput("raw UTF-8 in the target", "GET /caf\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "0xc3"),
        RejectedInput("control byte in the target", "GET /a\u{01}b HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "0x1"),
        RejectedInput("DEL in the target", "GET /a\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "0x7f"),
        RejectedInput("NUL in the target", "GET /a\u{0} HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "0x0"),
        RejectedInput("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "HTTP/1.1"),
        RejectedInput("two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("version without minor", "GET / HTTP/1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("version with a letter", "GET / HTTP/1.x\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("version without slash", "GET / HTTP 1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
        RejectedInput("request line ends with a bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "bare LF"),
        RejectedInput("bare LF before the request line", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line", mentions: "bare LF"),
        RejectedInput("CR inside the request line", "GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", "invalidRequestLine", 400, "request-line"),
    ])
    func rejectsRequestLine(_ input: RejectedInput) throws {
        try input.check()
    }

    @Test("answers versions other than 1.0 and 1.1 with 505", arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0", "HTTP/9.9"])
    func rejectsUnsupportedVersion(_ version: String) throws {
        let error = try #require(ParserFixture.error("GET / \(version)\r\nHost: a\r\n\r\n"))
        #expect(error == .unsupportedVersion(version))
        #expect(error.status == .httpVersionNotSupported)
        #expect(error.location == "request-line")
        #expect(error.detail.contains(version))
    }

    @Test("ignores empty lines before the request line")
    func ignoresLeadingEmptyLines() throws {
        let requests = try ParserFixture.requests("\r\n\r\nGET /a HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(requests.map(\.rawPath) == ["/a"])
    }

    @Test("ignores an empty line between pipelined requests")
    func ignoresEmptyLineBetweenRequests() throws {
        let requests = try ParserFixture.requests(
            "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(requests.map(\.rawPath) == ["/a", "/b"])
        #expect(requests.first?.body == Array("hi".utf8))
    }

    @Test("keeps the method's case: methods are case-sensitive")
    func keepsMethodCase() throws {
        let request = try #require(try ParserFixture.requests("get / HTTP/1.1\r\nHost: a\r\n\r\n").first)
        #expect(request.method.rawValue == "get")
        #expect(request.method != .get)
    }

    @Test("records the remote address it is given")
    func recordsRemoteAddress() throws {
        let request = try #require(try ParserFixture.requests("GET / HTTP/1.1\r\nHost: a\r\n\r\n").first)
        #expect(request.remoteAddress == "127.0.0.1:1")
    }
}

@Suite("HTTPRequestParser: header fields")
struct HTTPRequestParserHeaderTests {
    @Test("matches field names case-insensitively and keeps their spelling")
    func caseInsensitiveNames() throws {
        let request = try #require(try ParserFixture.requests(
            "GET / HTTP/1.1\r\nhOsT: example.com\r\ncontent-TYPE: text/plain\r\n\r\n").first)
        #expect(request.headers[.host] == "example.com")
        #expect(request.headers["Content-Type"] == "text/plain")
        #expect(request.headers.map(\.name.rawValue) == ["hOsT", "content-TYPE"])
    }

    @Test("keeps repeated fields in arrival order")
    func repeatedFieldsInOrder() throws {
        let request = try #require(try ParserFixture.requests(
            "GET / HTTP/1.1\r\nAccept: text/html\r\nHost: a\r\nX-Tag: 1\r\naccept: application/json, text/plain\r\n\r\n").first)
        #expect(request.headers.values(for: .accept) == ["text/html", "application/json, text/plain"])
        #expect(request.headers.listElements(for: .accept) == ["text/html", "application/json", "text/plain"])
        #expect(request.headers[.accept] == "text/html")
        #expect(request.headers.map(\.name.rawValue) == ["Accept", "Host", "X-Tag", "accept"])
    }

    @Test("trims optional whitespace around values and keeps inner whitespace", arguments: [
        ("X: value", "value"),
        ("X:value", "value"),
        ("X: \t value \t ", "value"),
        ("X: a  b\tc", "a  b\tc"),
        ("X:", ""),
        ("X:   ", ""),
        ("X: a:b: c", "a:b: c"),
    ])
    func trimsOptionalWhitespace(line: String, value: String) throws {
        let request = try #require(try ParserFixture.requests("GET / HTTP/1.1\r\nHost: a\r\n\(line)\r\n\r\n").first)
        #expect(request.headers["X"] == value)
    }

    @Test("accepts obs-text bytes in a value")
    func acceptsObsText() throws {
        let request = try #require(try ParserFixture.requests("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Ng\u{1ECD}c\r\n\r\n").first)
        #expect(request.headers["X-Name"] == "Ng\u{1ECD}c")
    }

    @Test("rejects malformed field lines with 400", arguments: [
        RejectedInput("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "whitespace between the field name \"Host\" and the colon"),
        RejectedInput("tab before the colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A\t: 1\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "\"X-A\""),
        RejectedInput("obs-fold with a space", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", "obsoleteLineFolding", 400, "header-section", mentions: "folding"),
        RejectedInput("obs-fold with a tab", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\t2\r\n\r\n", "obsoleteLineFolding", 400, "header-section", mentions: "folding"),
        RejectedInput("whitespace before the first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", "obsoleteLineFolding", 400, "header-section"),
        RejectedInput("NUL in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: 1\u{0}2\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "\"X-Id\" contains a NUL"),
        RejectedInput("CR in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: 1\r2\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "\"X-Id\" contains a CR"),
        RejectedInput("CR at the end of a value", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: 1\r\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "contains a CR"),
        RejectedInput("bare LF ending a field", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: 1\n2\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "bare LF"),
        RejectedInput("bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", "invalidHeaderField", 400, "header-section", mentions: "bare LF"),
        RejectedInput("control character in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: \u{1B}[0m\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "0x1b"),
        RejectedInput("DEL in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-Id: a\u{7F}\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "0x7f"),
        RejectedInput("empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: value\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "empty"),
        RejectedInput("missing colon", "GET / HTTP/1.1\r\nHost: a\r\nX-Id value\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "no colon"),
        RejectedInput("non-token field name", "GET / HTTP/1.1\r\nHost: a\r\nX(Id): 1\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "\"X(Id)\""),
        RejectedInput("non-ASCII field name", "GET / HTTP/1.1\r\nHost: a\r\nX-\u{E9}: 1\r\n\r\n", "invalidHeaderField", 400, "header-section"),
    ])
    func rejectsFieldLine(_ input: RejectedInput) throws {
        try input.check()
    }

    @Test("rejects an HTTP/1.1 request without Host with 400")
    func rejectsMissingHost() throws {
        let error = try #require(ParserFixture.error("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"))
        #expect(error == .missingHost)
        #expect(error.status == .badRequest)
        #expect(error.location == "header:Host")
    }

    @Test("accepts an HTTP/1.0 request without Host")
    func acceptsHTTP10WithoutHost() throws {
        let requests = try ParserFixture.requests("GET / HTTP/1.0\r\n\r\n")
        #expect(requests.count == 1)
        #expect(requests.first?.headers.isEmpty == true)
    }

    @Test("accepts an empty Host and a host with a port", arguments: ["Host:", "Host: example.com:8080", "Host: [::1]:8080"])
    func acceptsHostForms(_ field: String) throws {
        #expect(try ParserFixture.requests("GET / HTTP/1.1\r\n\(field)\r\n\r\n").count == 1)
    }

    @Test("rejects invalid Host fields with 400", arguments: [
        RejectedInput("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "invalidHost", 400, "header:Host", mentions: "2 times"),
        RejectedInput("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n", "invalidHost", 400, "header:Host", mentions: "2 times"),
        RejectedInput("a list of hosts", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", "invalidHost", 400, "header:Host", mentions: "a, b"),
        RejectedInput("userinfo", "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n", "invalidHost", 400, "header:Host"),
        RejectedInput("a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "invalidHost", 400, "header:Host"),
    ])
    func rejectsHost(_ input: RejectedInput) throws {
        try input.check()
    }
}

@Suite("HTTPRequestParser: message body framing")
struct HTTPRequestParserFramingTests {
    @Test("reads a Content-Length body")
    func readsContentLengthBody() throws {
        let request = try #require(try ParserFixture.requests(
            "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world").first)
        #expect(request.body == Array("hello world".utf8))
    }

    @Test("reads no body without Content-Length or Transfer-Encoding, even if bytes follow")
    func noFramingMeansNoBody() throws {
        var driver = ParserDriver()
        let events = try driver.feed(Array("POST /a HTTP/1.1\r\nHost: a\r\n\r\nGET".utf8))
        #expect(events.count == 1)
        #expect(events.first?.request?.body == [])
        #expect(driver.unconsumed == Array("GET".utf8))
    }

    @Test("accepts Content-Length values that mean the same length", arguments: [
        ("Content-Length: 0", 0),
        ("Content-Length: 3", 3),
        ("Content-Length: 003", 3),
        ("Content-Length: 3, 3", 3),
        ("Content-Length: 3\r\ncontent-length: 3", 3),
        ("Content-Length:   3  ", 3),
    ])
    func acceptsContentLength(field: String, length: Int) throws {
        let request = try #require(try ParserFixture.requests("PUT /a HTTP/1.1\r\nHost: a\r\n\(field)\r\n\r\nabc").first)
        #expect(request.body == Array("abc".utf8.prefix(length)))
    }

    @Test("rejects invalid Content-Length values with 400", arguments: [
        "abc", "-5", "+5", "5a", "0x5", "5 5", "5.0", "", ",", " , ",
    ])
    func rejectsInvalidContentLength(_ value: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)\r\n\r\n"))
        #expect(error.caseName == "invalidContentLength")
        #expect(error.status == .badRequest)
        #expect(error.location == "header:Content-Length")
    }

    @Test("rejects differing Content-Length values with 400", arguments: [
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: 5, 6",
        "Content-Length: 5, 5, 6",
        "Content-Length: 5\r\nContent-Length: 5, 50",
    ])
    func rejectsDifferingContentLength(_ fields: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\nhello\r\n"))
        #expect(error.caseName == "conflictingContentLength")
        #expect(error.status == .badRequest)
        #expect(error.location == "header:Content-Length")
        #expect(error.detail.contains("\"5\""))
    }

    @Test("rejects Content-Length together with Transfer-Encoding", arguments: [
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Transfer-Encoding: gzip\r\nContent-Length: 5",
    ])
    func rejectsContentLengthWithTransferEncoding(_ fields: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
        #expect(error.caseName == "conflictingFraming")
        #expect(error.status == .badRequest)
        #expect(error.detail.contains("Content-Length and Transfer-Encoding"))
    }

    @Test("answers transfer codings other than chunked with 501", arguments: [
        ("gzip", "gzip"), ("gzip, chunked", "gzip"), ("identity", "identity"), ("chunked, gzip", "gzip"),
        ("deflate\r\nTransfer-Encoding: chunked", "deflate"),
    ])
    func rejectsUnknownTransferCoding(value: String, coding: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n"))
        #expect(error == .unsupportedTransferCoding(coding))
        #expect(error.status == .notImplemented)
        #expect(error.location == "header:Transfer-Encoding")
    }

    @Test("rejects chunked applied twice or an empty Transfer-Encoding with 400", arguments: [
        "Transfer-Encoding: chunked, chunked",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: ",
        "Transfer-Encoding: ,",
    ])
    func rejectsInvalidTransferEncoding(_ fields: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n0\r\n\r\n"))
        #expect(error.caseName == "invalidTransferEncoding")
        #expect(error.status == .badRequest)
        #expect(error.location == "header:Transfer-Encoding")
    }

    @Test("rejects Transfer-Encoding in an HTTP/1.0 request with 400")
    func rejectsTransferEncodingInHTTP10() throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        #expect(error.caseName == "invalidTransferEncoding")
        #expect(error.status == .badRequest)
        #expect(error.detail.contains("HTTP/1.0"))
    }

    @Test("reads a chunked body with extensions, keeping trailers apart from the headers")
    func readsChunkedBodyWithTrailers() throws {
        let request = try #require(try ParserFixture.requests(
            "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "6 ; ext=\"quoted\"\r\n world\r\n"
                + "0\r\nX-Checksum: abc\r\nX-Other:  1 \r\n\r\n").first)
        #expect(request.body == Array("hello world".utf8))
        #expect(request.trailers.map { [$0.name.rawValue, $0.value] } == [["X-Checksum", "abc"], ["X-Other", "1"]])
        #expect(request.headers["X-Checksum"] == nil)
        #expect(request.headers[.transferEncoding] == "Chunked")
    }

    @Test("reads hexadecimal chunk sizes in either case", arguments: ["a", "A", "00A", "0a", "0000000000000000000000a"])
    func readsHexChunkSize(_ size: String) throws {
        let request = try #require(try ParserFixture.requests(
            "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\n0123456789\r\n0\r\n\r\n").first)
        #expect(request.body == Array("0123456789".utf8))
        #expect(request.trailers.isEmpty)
    }

    @Test("reads an empty chunked body")
    func readsEmptyChunkedBody() throws {
        let requests = try ParserFixture.requests("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(requests.count == 1)
        #expect(requests.first?.body == [])
    }

    @Test("rejects malformed chunked bodies with 400", arguments: [
        RejectedInput("size is not hexadecimal", "zz\r\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "hexadecimal"),
        RejectedInput("size is missing", "\r\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "hexadecimal"),
        RejectedInput("negative size", "-5\r\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body"),
        RejectedInput("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "after the chunk size"),
        RejectedInput("size line ends with a bare LF", "5\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "CRLF"),
        RejectedInput("data longer than the size", "5\r\nhello!\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "followed by CRLF"),
        RejectedInput("data without CRLF", "5\r\nhello0\r\n\r\n", "invalidChunk", 400, "body", mentions: "followed by CRLF"),
        RejectedInput("data followed by a bare LF", "5\r\nhello\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "followed by CRLF"),
        RejectedInput("control character in an extension", "5;a=\u{1}\r\nhello\r\n0\r\n\r\n", "invalidChunk", 400, "body", mentions: "control"),
        RejectedInput("trailer line ends with a bare LF", "0\r\nX: 1\n\r\n", "invalidChunk", 400, "body", mentions: "trailer"),
        RejectedInput("folded trailer", "0\r\nX: 1\r\n 2\r\n\r\n", "obsoleteLineFolding", 400, "header-section"),
        RejectedInput("trailer without colon", "0\r\nX 1\r\n\r\n", "invalidHeaderField", 400, "header-section", mentions: "no colon"),
    ])
    func rejectsMalformedChunks(_ input: RejectedInput) throws {
        var input = input
        input.bytes = Array("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + input.bytes
        try input.check()
    }
}

@Suite("HTTPRequestParser: limits")
struct HTTPRequestParserLimitTests {
    @Test("accepts a body at the limit and answers 413 above it, before the body arrives")
    func contentLengthLimit() throws {
        let limits = HTTPRequestParser.Limits(maxBodySize: 10)
        let accepted = try ParserFixture.requests("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits)
        #expect(accepted.first?.body.count == 10)

        // Only the head is sent: the error must not wait for the body.
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits))
        #expect(error == .contentTooLarge(limit: 10))
        #expect(error.status == .contentTooLarge)
        #expect(error.location == "body")
    }

    @Test("answers 413 to a Content-Length too large for any integer", arguments: ["99999999999999999999", "9223372036854775808"])
    func hugeContentLength(_ value: String) throws {
        let error = try #require(ParserFixture.error("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)\r\n\r\n"))
        #expect(error == .contentTooLarge(limit: HTTPRequestParser.Limits().maxBodySize))
    }

    @Test("answers 413 when the chunks add up to more than the limit, before reading the chunk")
    func chunkedBodyLimit() throws {
        let limits = HTTPRequestParser.Limits(maxBodySize: 10)
        let head = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let accepted = try ParserFixture.requests(head + "6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n", limits: limits)
        #expect(accepted.first?.body == Array("abcdefghij".utf8))

        let error = try #require(ParserFixture.error(head + "6\r\nabcdef\r\n5\r\n", limits: limits))
        #expect(error == .contentTooLarge(limit: 10))
        #expect(error.status == .contentTooLarge)
    }

    @Test("answers 413 to a chunk size too large for any integer")
    func hugeChunkSize() throws {
        let error = try #require(ParserFixture.error(
            "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n"))
        #expect(error.status == .contentTooLarge)
    }

    @Test("accepts a target at the limit and answers 414 above it")
    func requestTargetLimit() throws {
        let limits = HTTPRequestParser.Limits(maxRequestTargetLength: 16)
        let atLimit = "/" + String(repeating: "a", count: 15)
        #expect(try ParserFixture.requests("GET \(atLimit) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).first?.rawPath == atLimit)

        let error = try #require(ParserFixture.error("GET \(atLimit)b HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits))
        #expect(error == .requestTargetTooLong(limit: 16))
        #expect(error.status == .uriTooLong)
        #expect(error.location == "request-target")
    }

    @Test("answers 414 before the request line ends")
    func requestTargetLimitEarly() throws {
        let limits = HTTPRequestParser.Limits(maxRequestTargetLength: 16)
        var driver = ParserDriver(limits: limits)
        #expect(try driver.feed(Array("GET /".utf8)).isEmpty)
        // No CRLF ever comes: a client must not be able to make the server buffer an endless line.
        #expect(throws: HTTPParseError.requestTargetTooLong(limit: 16)) {
            for _ in 0..<64 { _ = try driver.feed(Array("a".utf8)) }
        }
    }

    @Test("answers 400, not 414, when a long method makes the request line too long")
    func longMethod() throws {
        let limits = HTTPRequestParser.Limits(maxRequestTargetLength: 16)
        let method = String(repeating: "M", count: 40)
        let error = try #require(ParserFixture.error("\(method) /short HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits))
        #expect(error.caseName == "invalidRequestLine")
        #expect(error.detail.contains("longer than 48 bytes"))

        // Before the line ends, and with no space at all.
        var driver = ParserDriver(limits: limits)
        #expect(throws: HTTPParseError.invalidRequestLine("the request line is longer than 48 bytes")) {
            for _ in 0..<64 { _ = try driver.feed(Array("M".utf8)) }
        }
        // A method of up to 22 bytes leaves room for a target at the limit.
        let longestTarget = "/" + String(repeating: "t", count: 15)
        let accepted = try ParserFixture.requests(
            "\(String(repeating: "M", count: 22)) \(longestTarget) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits)
        #expect(accepted.first?.rawPath == longestTarget)
    }

    @Test("bounds a chunk-size line whether it arrives whole or in pieces", arguments: [1, 100, 100_000])
    func chunkLineLimit(pieceSize: Int) throws {
        let text = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;"
            + String(repeating: "e", count: 5000) + "\r\nhello\r\n0\r\n\r\n"
        var driver = ParserDriver()
        #expect(throws: HTTPParseError.invalidChunk("a chunk-size line is too long")) {
            _ = try driver.feed(Array(text.utf8), pieceSize: pieceSize)
        }
    }

    @Test("accepts a header section at the limit and answers 431 above it")
    func headerSectionLimit() throws {
        // "Host: a\r\n" (9) + "X: " (3) + value + "\r\n" (2) + "\r\n" (2) = 16 + value.
        let limits = HTTPRequestParser.Limits(maxHeaderSectionSize: 64)
        let fits = "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 48))\r\n\r\n"
        #expect(try ParserFixture.requests(fits, limits: limits).count == 1)

        let tooLarge = "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 49))\r\n\r\n"
        let error = try #require(ParserFixture.error(tooLarge, limits: limits))
        #expect(error == .headerSectionTooLarge(limit: 64))
        #expect(error.status == .requestHeaderFieldsTooLarge)
        #expect(error.location == "header-section")
    }

    @Test("answers 431 before the header section ends")
    func headerSectionLimitEarly() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderSectionSize: 64)
        var driver = ParserDriver(limits: limits)
        #expect(try driver.feed(Array("GET / HTTP/1.1\r\nHost: a\r\nX: ".utf8)).isEmpty)
        #expect(throws: HTTPParseError.headerSectionTooLarge(limit: 64)) {
            for _ in 0..<100 { _ = try driver.feed(Array("v".utf8)) }
        }
    }

    @Test("accepts maxHeaderCount fields and answers 431 to one more, before the head ends")
    func headerCountLimit() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderCount: 3)
        #expect(try ParserFixture.requests("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).count == 1)

        // The head is unfinished: the fourth line alone is enough to refuse it.
        let error = try #require(ParserFixture.error("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n", limits: limits))
        #expect(error == .tooManyHeaderFields(limit: 3))
        #expect(error.status == .requestHeaderFieldsTooLarge)
        #expect(error.location == "header-section")
    }

    @Test("limits the number of trailer fields")
    func trailerCountLimit() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderCount: 2)
        let head = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        #expect(try ParserFixture.requests(head + "A: 1\r\nB: 2\r\n\r\n", limits: limits).first?.trailers.count == 2)
        #expect(ParserFixture.error(head + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == .tooManyHeaderFields(limit: 2))
    }

    @Test("limits the size of the trailer section, even when it arrives in pieces", arguments: [1, 7, 1000])
    func trailerSectionLimit(pieceSize: Int) throws {
        let limits = HTTPRequestParser.Limits(maxHeaderSectionSize: 64)
        let head = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let fields = (0..<10).map { "X-\($0): 0123456789\r\n" }.joined()
        var driver = ParserDriver(limits: limits)
        #expect(throws: HTTPParseError.headerSectionTooLarge(limit: 64)) {
            _ = try driver.feed(Array((head + fields + "\r\n").utf8), pieceSize: pieceSize)
        }
    }
}

@Suite("HTTPRequestParser: incremental input")
struct HTTPRequestParserIncrementalTests {
    static let requests: [String] = [
        "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
        "\r\n\r\nGET /a?b=c+d&e HTTP/1.1\r\nHost: example.com\r\nAccept: a\r\naccept: b\r\n\r\n",
        "POST /articles HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nhello, world!",
        "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\nX-Sum: 1\r\n\r\n",
        "GET http://example.com/p%C3%A9?q=%20 HTTP/1.1\r\nHost: example.com\r\n\r\n",
        "OPTIONS * HTTP/1.0\r\n\r\n",
    ]

    @Test("parses a request fed one byte at a time exactly like one fed whole", arguments: requests)
    func byteAtATime(_ text: String) throws {
        let whole = try ParserFixture.requests(text).map(ParsedRequest.init)
        var driver = ParserDriver()
        let pieces = try driver.feed(Array(text.utf8), pieceSize: 1).compactMap(\.request).map(ParsedRequest.init)
        #expect(whole.count == 1)
        #expect(pieces == whole)
        #expect(driver.unconsumed.isEmpty)
        #expect(driver.parser.isBetweenRequests)
    }

    @Test("parses a request split at any point exactly like one fed whole", arguments: requests)
    func splitAnywhere(_ text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try ParserFixture.requests(text).map(ParsedRequest.init)
        for split in 1..<bytes.count {
            var driver = ParserDriver()
            let first = try driver.feed(bytes[..<split]).compactMap(\.request)
            let second = try driver.feed(bytes[split...]).compactMap(\.request)
            #expect((first + second).map(ParsedRequest.init) == whole, "split at \(split)")
        }
    }

    @Test("returns three pipelined requests in one buffer in order", arguments: [1, 5, 10_000])
    func pipelined(pieceSize: Int) throws {
        let text = Self.requests[2] + Self.requests[3] + Self.requests[0]
        var driver = ParserDriver()
        let requests = try driver.feed(Array(text.utf8), pieceSize: pieceSize).compactMap(\.request)
        #expect(requests.map(\.rawPath) == ["/articles", "/upload", "/"])
        #expect(requests.map { String(decoding: $0.body, as: UTF8.self) } == ["hello, world!", "hello, world", ""])
        #expect(driver.unconsumed.isEmpty)
    }

    @Test("consumes only the first request and leaves the next one's bytes")
    func consumesOneRequestAtATime() throws {
        let first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
        let text = first + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
        var parser = HTTPRequestParser()
        let (consumed, event) = try Array(text.utf8).withUnsafeBytes { raw throws(HTTPParseError) in try parser.parse(raw) }
        #expect(consumed == first.utf8.count)
        #expect(event?.request?.rawPath == "/a")
    }

    @Test("reports whether it is between requests or reading a body")
    func reportsProgress() throws {
        var driver = ParserDriver()
        #expect(driver.parser.isBetweenRequests)
        _ = try driver.feed(Array("POST /a HT".utf8))
        #expect(!driver.parser.isBetweenRequests)
        #expect(!driver.parser.isReadingBody)
        _ = try driver.feed(Array("TP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab".utf8))
        #expect(driver.parser.isReadingBody)
        let events = try driver.feed(Array("cd".utf8))
        #expect(events.first?.request?.body == Array("abcd".utf8))
        #expect(driver.parser.isBetweenRequests)
        #expect(!driver.parser.isReadingBody)
    }
}

@Suite("HTTPRequestParser: Expect: 100-continue")
struct HTTPRequestParserExpectTests {
    @Test("asks for 100 Continue before the body when the body has not arrived", arguments: [
        "Content-Length: 5", "Transfer-Encoding: chunked",
    ])
    func continueBeforeBody(_ framing: String) throws {
        var driver = ParserDriver()
        let headEvents = try driver.feed(Array("PUT /a HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n\(framing)\r\n\r\n".utf8))
        #expect(headEvents.count == 1)
        #expect(headEvents.first?.isContinueExpected == true)

        let body = framing.hasPrefix("Content") ? "hello" : "5\r\nhello\r\n0\r\n\r\n"
        let bodyEvents = try driver.feed(Array(body.utf8))
        #expect(bodyEvents.count == 1)
        #expect(bodyEvents.first?.request?.body == Array("hello".utf8))
    }

    @Test("does not ask for 100 Continue when the body is already there", arguments: [
        "Content-Length: 5\r\n\r\nhello", "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    ])
    func noContinueWhenBodyArrived(_ rest: String) throws {
        let events = try ParserFixture.events("PUT /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\(rest)")
        #expect(events.count == 1)
        #expect(events.first?.request?.body == Array("hello".utf8))
    }

    @Test("does not ask for 100 Continue for a request without a body")
    func noContinueWithoutBody() throws {
        let events = try ParserFixture.events("GET /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n")
        #expect(events.count == 1)
        #expect(events.first?.request != nil)
    }

    @Test("ignores 100-continue from an HTTP/1.0 client")
    func noContinueForHTTP10() throws {
        var driver = ParserDriver()
        #expect(try driver.feed(Array("PUT /a HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n".utf8)).isEmpty)
        #expect(try driver.feed(Array("hello".utf8)).first?.request?.body == Array("hello".utf8))
    }

    @Test("answers other expectations with 417, naming the one it cannot meet", arguments: [
        ("200-ok", "200-ok"), ("100-continue-please", "100-continue-please"), ("100-continue, foo", "foo"),
        ("100-continue\r\nExpect: foo=1", "foo=1"),
    ])
    func rejectsOtherExpectations(value: String, reported: String) throws {
        let error = try #require(ParserFixture.error("PUT /a HTTP/1.1\r\nHost: a\r\nExpect: \(value)\r\nContent-Length: 5\r\n\r\n"))
        #expect(error == .unsupportedExpectation(reported))
        #expect(error.status == .expectationFailed)
        #expect(error.location == "header:Expect")
    }

    @Test("reports broken framing before an unsupported expectation")
    func framingBeforeExpectation() throws {
        let error = try #require(ParserFixture.error(
            "PUT /a HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"))
        #expect(error.caseName == "conflictingFraming")
    }
}

@Suite("HTTPRequest.shouldKeepAlive on parsed requests")
struct HTTPRequestKeepAliveTests {
    @Test("follows the version default and the Connection tokens", arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive, Upgrade\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive-please\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nKeep-Alive: timeout=5\r\n\r\n", false),
    ])
    func shouldKeepAlive(text: String, keepAlive: Bool) throws {
        let request = try #require(try ParserFixture.requests(text).first)
        #expect(request.shouldKeepAlive == keepAlive)
    }
}
