import Foundation
import GazetteAPI
import GazetteHTTP
import Testing

@Suite("ErrorResponder")
struct ErrorResponderTests {
    private func decode(_ response: HTTPResponse) throws -> ProblemDetails {
        try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
    }

    @Test("renders a parse error as problem+json naming the header at fault")
    func rendersHeaderError() throws {
        let response = ErrorResponder.http(HTTPErrorReport(.missingHost))
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentType] == "application/problem+json")
        let problem = try decode(response)
        #expect(problem.status == 400)
        #expect(problem.title == "Bad Request")
        #expect(problem.detail.contains("Host"))
        #expect(problem.errors == [ProblemDetails.FieldError(in: "header", name: "Host", detail: problem.detail)])
    }

    @Test("keeps a location without a name whole", arguments: ["query", "path", "request-line", "body"])
    func rendersPlainLocation(location: String) throws {
        let response = ErrorResponder.http(HTTPErrorReport(status: .badRequest, detail: "bad", location: location))
        let problem = try decode(response)
        #expect(problem.errors?.first?.in == location)
        #expect(problem.errors?.first?.name == nil)
    }

    @Test("gives each status its own code and reason", arguments: [
        (HTTPParseError.contentTooLarge(limit: 10), 413), (.requestTargetTooLong(limit: 10), 414),
        (.tooManyHeaderFields(limit: 1), 431), (.unsupportedTransferCoding("gzip"), 501), (.unsupportedVersion("HTTP/2.0"), 505),
    ])
    func mapsStatus(error: HTTPParseError, code: Int) throws {
        let response = ErrorResponder.http(HTTPErrorReport(error))
        #expect(response.status.code == code)
        #expect(try decode(response).status == code)
    }

    @Test("router 404 and 405 come out as problem+json")
    func routerErrors() throws {
        let router = Router(routes: HealthRoutes.routes, errorResponder: ErrorResponder.http)
        let missing = router.handle(try HTTPRequest(method: .get, target: "/nope"))
        #expect(missing.status == .notFound)
        #expect(try decode(missing).errors?.first?.in == "path")
        let wrongMethod = router.handle(try HTTPRequest(method: .delete, target: "/healthz"))
        #expect(wrongMethod.status == .methodNotAllowed)
        #expect(wrongMethod.headers[.allow] == "GET, HEAD, OPTIONS")
        #expect(wrongMethod.headers[.contentType] == "application/problem+json")
    }
}
