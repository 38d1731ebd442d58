import Testing
@testable import GazetteHTTP

@Suite("HTTPRequestTarget")
struct HTTPRequestTargetTests {
    private static func parse(_ target: String, method: HTTPMethod = .get) throws(HTTPParseError) -> HTTPRequestTarget.Parts {
        try HTTPRequestTarget.parse(Array(target.utf8), method: method)
    }

    private static func query(_ target: String) throws -> [[String]] {
        try parse(target).queryItems.map { [$0.name, $0.value] }
    }

    // MARK: Query

    @Test("decodes query strings", arguments: [
        ("/s?q=a+b", [["q", "a b"]]),
        ("/s?q=a%20b%2Bc", [["q", "a b+c"]]),
        ("/s?q=%26%3D%3F%23", [["q", "&=?#"]]),
        ("/s?na+me=v", [["na me", "v"]]),
        ("/s?q=caf%C3%A9&r=%E1%BB%8D", [["q", "caf\u{E9}"], ["r", "\u{1ECD}"]]),
        ("/s?a=1&b=2&a=3", [["a", "1"], ["b", "2"], ["a", "3"]]),
        ("/s?&&a=1&&b=2&", [["a", "1"], ["b", "2"]]),
        ("/s?flag&x=1", [["flag", ""], ["x", "1"]]),
        ("/s?a=", [["a", ""]]),
        ("/s?=v", [["", "v"]]),
        ("/s?a=b=c", [["a", "b=c"]]),
        ("/s?a=%2B", [["a", "+"]]),
        ("/s?", []),
        ("/s", []),
    ])
    func decodesQuery(target: String, items: [[String]]) throws {
        #expect(try Self.query(target) == items)
    }

    @Test("keeps the raw query as it arrived, nil without a question mark", arguments: [
        ("/s?q=a+b%20c", "q=a+b%20c"), ("/s?", ""), ("/s", nil), ("/s??x", "?x"),
    ] as [(String, String?)])
    func keepsRawQuery(target: String, rawQuery: String?) throws {
        #expect(try Self.parse(target).rawQuery == rawQuery)
    }

    @Test("rejects invalid percent-encoding in the query with 400", arguments: [
        "/s?q=%zz", "/s?q=%", "/s?q=%4", "/s?q=%4g", "/s?%=1", "/s?a=1&b=%G0", "/s?q=100%",
    ])
    func rejectsQueryPercentEncoding(_ target: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error == .invalidPercentEncoding("query"))
        #expect(error?.status == .badRequest)
        #expect(error?.location == "query")
        #expect(error?.detail.contains("query") == true)
    }

    @Test("rejects a query that is not UTF-8 once decoded with 400", arguments: [
        "/s?q=%C3%28", "/s?q=%FF", "/s?q=%C3", "/s?%E1%BB=1", "/s?q=%ED%A0%80",
    ])
    func rejectsQueryUTF8(_ target: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error == .invalidUTF8("query"))
        #expect(error?.status == .badRequest)
        #expect(error?.location == "query")
    }

    // MARK: Path

    @Test("rejects invalid percent-encoding in the path with 400", arguments: [
        "/a%zz", "/%", "/a/%4", "/a%4g/b", "/%%41",
    ])
    func rejectsPathPercentEncoding(_ target: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error == .invalidPercentEncoding("path"))
        #expect(error?.status == .badRequest)
        #expect(error?.location == "path")
    }

    @Test("rejects a path that is not UTF-8 once decoded with 400", arguments: ["/%C3%28", "/a/%FF", "/%C3", "/%C0%AF"])
    func rejectsPathUTF8(_ target: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error == .invalidUTF8("path"))
        #expect(error?.location == "path")
    }

    @Test("checks the path and the query separately", arguments: [
        ("/a%zz?q=1", "path"), ("/a?q=%zz", "query"), ("/a%FF?q=1", "path"),
    ])
    func namesThePartAtFault(target: String, location: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error?.location == location)
    }

    @Test("gives the path percent-decoded but keeps the raw path", arguments: [
        ("/articles/ng%E1%BB%8D", "/articles/ng%E1%BB%8D", "/articles/ng\u{1ECD}"),
        ("/a+b", "/a+b", "/a+b"),
        ("/a%2Fb", "/a%2Fb", "/a/b"),
        ("/a%20b?q=%20", "/a%20b", "/a b"),
        ("/plain", "/plain", "/plain"),
    ])
    func decodesPath(target: String, rawPath: String, path: String) throws {
        let request = try HTTPRequest.make(.get, target)
        #expect(request.rawPath == rawPath)
        #expect(request.path == path)
    }

    @Test("decodes one path segment, keeping %2F inside it")
    func decodesSegment() {
        #expect(HTTPRequestTarget.decodedSegment("a%2Fb%20c") == "a/b c")
        #expect(HTTPRequestTarget.decodedSegment("a+b") == "a+b")
        #expect(HTTPRequestTarget.decodedSegment("plain") == "plain")
    }

    // MARK: Forms

    @Test("splits the absolute form into path and query", arguments: [
        ("http://example.com/p/q?x=1", "/p/q", "x=1"),
        ("http://example.com", "/", nil),
        ("HTTP://EXAMPLE.COM:8080/P", "/P", nil),
        ("https://example.com?x=1", "/", "x=1"),
        ("http://user@example.com/a", "/a", nil),
    ] as [(String, String, String?)])
    func absoluteForm(target: String, rawPath: String, rawQuery: String?) throws {
        let parts = try Self.parse(target)
        #expect(parts.rawPath == rawPath)
        #expect(parts.rawQuery == rawQuery)
    }

    @Test("accepts the asterisk form only with OPTIONS")
    func asteriskForm() throws {
        #expect(try Self.parse("*", method: .options).rawPath == "*")
        for method in [HTTPMethod.get, .head, .post] {
            let error = #expect(throws: HTTPParseError.self) { try Self.parse("*", method: method) }
            #expect(error?.caseName == "invalidRequestLine")
        }
        #expect(throws: HTTPParseError.self) { try Self.parse("*/a", method: .options) }
    }

    @Test("rejects targets that cannot be a request-target", arguments: [
        "", "a/b", "/a#b", "/a b", "/\u{E9}", "/a\tb", "ftp://x/", "http://", "http:///a", "//\u{0}",
    ])
    func rejectsInvalidTargets(_ target: String) throws {
        let error = #expect(throws: HTTPParseError.self) { try Self.parse(target) }
        #expect(error?.caseName == "invalidRequestLine")
        #expect(error?.status == .badRequest)
        #expect(error?.location == "request-line")
    }

    @Test("checks the target when a request is built by hand")
    func publicInitializerChecks() throws {
        #expect(throws: HTTPParseError.invalidPercentEncoding("query")) {
            try HTTPRequest(method: .get, target: "/a?b=%zz")
        }
        let request = try HTTPRequest(method: .get, target: "/a?b=1&b=2")
        #expect(request.queryValue("b") == "1")
        #expect(request.queryValue("c") == nil)
        #expect(request.queryItems == [HTTPQueryItem(name: "b", value: "1"), HTTPQueryItem(name: "b", value: "2")])
    }

    @Test("reports query errors from the parser with location query and status 400")
    func queryErrorThroughParser() throws {
        let error = try #require(ParserFixture.error("GET /s?q=%C3%28 HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(error == .invalidUTF8("query"))
        #expect(HTTPErrorReport(error) == HTTPErrorReport(status: .badRequest, detail: error.detail, location: "query"))
        let pathError = try #require(ParserFixture.error("GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(pathError == .invalidPercentEncoding("path"))
        #expect(pathError.location == "path")
    }
}

extension HTTPRequestTarget {
    /// The router decodes segments from the path's bytes; tests say them as strings.
    static func decodedSegment(_ segment: String) -> String {
        var copy = segment
        return copy.withUTF8 { decodedSegment(UnsafeRawBufferPointer($0)) }
    }
}
