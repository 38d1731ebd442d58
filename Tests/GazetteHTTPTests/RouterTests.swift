import Synchronization
import Testing
@testable import GazetteHTTP

@Suite("Router")
struct RouterTests {
    /// Renders the report it gets into the response, so a test can see what the router reported.
    private static let errorResponder: HTTPErrorResponder = { report in
        HTTPResponse(status: report.status, headers: ["X-Location": report.location ?? "none"],
                     body: Array(report.detail.utf8))
    }

    /// A route that answers with its own name, the method it saw and its sorted path parameters.
    private static func route(_ method: HTTPMethod, _ template: String) -> Route {
        Route(method, template) { request in
            let parameters = request.pathParameters.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }
            var response = HTTPResponse.text(([template] + parameters).joined(separator: " "))
            response.headers["X-Seen-Method"] = request.method.rawValue
            return response
        }
    }

    private static func router(_ routes: [(HTTPMethod, String)]) -> Router {
        Router(routes: routes.map { route($0.0, $0.1) }, errorResponder: errorResponder)
    }

    private static func body(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    private static let articles = router([
        (.get, "/"),
        (.get, "/healthz"),
        (.get, "/articles"),
        (.post, "/articles"),
        (.get, "/articles/stats"),
        (.get, "/articles/{id}"),
        (.put, "/articles/{id}"),
        (.delete, "/articles/{id}"),
        (.get, "/officials/{official}/projects/{project}"),
        (.get, "/a/b/d"),
        (.get, "/a/{x}/c"),
        (.get, "/ng\u{1ECD}c"),
    ])

    @Test("dispatches by method and path, binding percent-decoded parameters", arguments: [
        (HTTPMethod.get, "/", "/"),
        (.get, "/healthz", "/healthz"),
        (.get, "/articles", "/articles"),
        (.post, "/articles", "/articles"),
        (.get, "/articles/42", "/articles/{id} id=42"),
        (.put, "/articles/42", "/articles/{id} id=42"),
        (.delete, "/articles/42?force=1", "/articles/{id} id=42"),
        (.get, "/articles/ng%E1%BB%8D", "/articles/{id} id=ng\u{1ECD}"),
        (.get, "/articles/a%20b+c", "/articles/{id} id=a b+c"),
        (.get, "/articles/a%2Fb", "/articles/{id} id=a/b"),
        (.get, "/officials/7/projects/x%3Fy", "/officials/{official}/projects/{project} official=7 project=x?y"),
        (.get, "http://example.com/articles/9", "/articles/{id} id=9"),
    ])
    func dispatches(method: HTTPMethod, target: String, answer: String) throws {
        let response = Self.articles.handle(try .make(method, target))
        #expect(response.status == .ok)
        #expect(Self.body(response) == answer)
        #expect(response.headers["X-Seen-Method"] == method.rawValue)
    }

    @Test("prefers a literal segment over a parameter")
    func literalBeatsParameter() throws {
        #expect(Self.body(Self.articles.handle(try .make(.get, "/articles/stats"))) == "/articles/stats")
        #expect(Self.body(Self.articles.handle(try .make(.get, "/articles/statistics"))) == "/articles/{id} id=statistics")
        // The order of registration does not matter.
        let reversed = Self.router([(.get, "/x/{id}"), (.get, "/x/new")])
        #expect(Self.body(reversed.handle(try .make(.get, "/x/new"))) == "/x/new")
    }

    @Test("falls back to a parameter when the literal branch leads nowhere")
    func backtracks() throws {
        #expect(Self.body(Self.articles.handle(try .make(.get, "/a/b/c"))) == "/a/{x}/c x=b")
        #expect(Self.body(Self.articles.handle(try .make(.get, "/a/b/d"))) == "/a/b/d")
    }

    @Test("matches literal segments after percent-decoding them")
    func decodesLiteralSegments() throws {
        #expect(Self.body(Self.articles.handle(try .make(.get, "/h%65althz"))) == "/healthz")
        #expect(Self.body(Self.articles.handle(try .make(.get, "/ng%E1%BB%8Dc"))) == "/ng\u{1ECD}c")
        #expect(Self.articles.handle(try .make(.get, "/health%2Fz")).status == .notFound)
    }

    @Test("answers 404 through the error responder for unknown paths", arguments: [
        "/nope", "/articles/1/extra", "/officials/7", "/officials/7/projects", "/healthz/", "//healthz",
        "/articles//", "/articles/", "/HEALTHZ", "/a/b",
    ])
    func notFound(_ target: String) throws {
        let response = Self.articles.handle(try .make(.get, target))
        #expect(response.status == .notFound)
        #expect(response.headers["X-Location"] == "path")
        #expect(Self.body(response).contains(try HTTPRequest.make(.get, target).path))
        #expect(response.headers[.allow] == nil)
    }

    @Test("does not bind an empty segment to a parameter")
    func emptySegmentIsNoParameter() throws {
        let router = Self.router([(.get, "/x/{id}/y")])
        #expect(router.handle(try .make(.get, "/x//y")).status == .notFound)
        #expect(router.handle(try .make(.get, "/x/1/y")).status == .ok)
    }

    @Test("reads a template's trailing or doubled slash as no segment")
    func templateSlashes() throws {
        let router = Self.router([(.get, "/list/"), (.get, "//double//slash")])
        #expect(Self.body(router.handle(try .make(.get, "/list"))) == "/list/")
        #expect(router.handle(try .make(.get, "/list/")).status == .notFound)
        #expect(Self.body(router.handle(try .make(.get, "/double/slash"))) == "//double//slash")
    }

    @Test("answers 405 with Allow for a known path and another method", arguments: [
        (HTTPMethod.delete, "/articles", "GET, HEAD, OPTIONS, POST"),
        (.post, "/articles/1", "DELETE, GET, HEAD, OPTIONS, PUT"),
        (.post, "/healthz", "GET, HEAD, OPTIONS"),
        (HTTPMethod(rawValue: "get"), "/healthz", "GET, HEAD, OPTIONS"),
    ])
    func methodNotAllowed(method: HTTPMethod, target: String, allow: String) throws {
        let response = Self.articles.handle(try .make(method, target))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == allow)
        #expect(response.headers["X-Location"] == "method")
        #expect(Self.body(response).contains(method.rawValue))
    }

    @Test("offers HEAD only where GET exists")
    func headNeedsGet() throws {
        let router = Self.router([(.post, "/submit")])
        let response = router.handle(try .make(.head, "/submit"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "OPTIONS, POST")
    }

    @Test("answers HEAD with the GET route, unless a HEAD route exists")
    func automaticHead() throws {
        let response = Self.articles.handle(try .make(.head, "/articles/5"))
        #expect(response.status == .ok)
        #expect(Self.body(response) == "/articles/{id} id=5")
        #expect(response.headers["X-Seen-Method"] == "HEAD")

        let explicit = Router(routes: [
            Self.route(.get, "/r"),
            Route(.head, "/r") { _ in HTTPResponse(status: .noContent) },
        ], errorResponder: Self.errorResponder)
        #expect(explicit.handle(try .make(.head, "/r")).status == .noContent)
    }

    @Test("answers OPTIONS on a known path with 204 and Allow, without calling a route")
    func optionsOnPath() throws {
        let response = Self.articles.handle(try .make(.options, "/articles/5"))
        #expect(response.status == .noContent)
        #expect(response.headers[.allow] == "DELETE, GET, HEAD, OPTIONS, PUT")
        #expect(response.body.isEmpty)
        #expect(response.headers["X-Seen-Method"] == nil)
        #expect(Self.articles.handle(try .make(.options, "/nope")).status == .notFound)
    }

    @Test("lets an explicit OPTIONS route answer")
    func explicitOptions() throws {
        let router = Self.router([(.options, "/cors"), (.get, "/cors")])
        #expect(Self.body(router.handle(try .make(.options, "/cors"))) == "/cors")
    }

    @Test("answers OPTIONS * with 204 and every method the router serves")
    func optionsAsterisk() throws {
        let response = Self.articles.handle(try .make(.options, "*"))
        #expect(response.status == .noContent)
        #expect(response.headers[.allow] == "DELETE, GET, HEAD, OPTIONS, POST, PUT")

        let postOnly = Self.router([(.post, "/a")])
        #expect(postOnly.handle(try .make(.options, "*")).headers[.allow] == "OPTIONS, POST")
    }

    @Test("routes requests parsed from bytes")
    func routesParsedRequest() throws {
        let request = try #require(try ParserFixture.requests("GET /articles/%7B1%7D HTTP/1.1\r\nHost: a\r\n\r\n").first)
        #expect(Self.body(Self.articles.handle(request)) == "/articles/{id} id={1}")
    }

    @Test("uses the plain-text error responder by default")
    func defaultErrorResponder() throws {
        let router = Router(routes: [])
        let response = router.handle(try .make(.get, "/missing"))
        #expect(response.status == .notFound)
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(Self.body(response) == "No resource at /missing.\n")
    }

    @Test("names the template that would answer a request")
    func templateForRequest() throws {
        #expect(Self.articles.template(for: try .make(.get, "/articles/3"))?.description == "/articles/{id}")
        #expect(Self.articles.template(for: try .make(.post, "/articles/stats"))?.description == "/articles/stats")
        #expect(Self.articles.template(for: try .make(.get, "/nope")) == nil)
    }

    @Test("the response names the route that answered, as template(for:) does; an unknown path names none", arguments: [
        (HTTPMethod.get, "/articles/42", "/articles/{id}"),
        (.head, "/articles/42", "/articles/{id}"),
        (.patch, "/articles/42", "/articles/{id}"),      // 405
        (.options, "/articles/42", "/articles/{id}"),
        (.get, "/articles/stats", "/articles/stats"),
        (.get, "/nowhere", nil),
    ] as [(HTTPMethod, String, String?)])
    func namesRoute(method: HTTPMethod, path: String, expected: String?) throws {
        let request = try HTTPRequest(method: method, target: path, headers: [.host: "x"], remoteAddress: "t")
        let response = Self.articles.handle(request)
        #expect(response.route?.description == expected)
        #expect(Self.articles.template(for: request)?.description == expected)
    }

    @Test("a deferred response gets the route name once it is ready")
    func namesDeferredRoute() throws {
        let router = Router(routes: [Route(.post, "/things/{id}") { _ in
            .deferred(DeferredResponse { complete in complete(.text("later")) })
        }])
        let response = router.handle(try HTTPRequest(method: .post, target: "/things/1", headers: [.host: "x"], remoteAddress: "t"))
        let final = Mutex<HTTPResponse?>(nil)
        response.deferred?.start { response in final.withLock { $0 = response } }
        #expect(final.withLock { $0?.route?.description } == "/things/{id}")
    }
}
