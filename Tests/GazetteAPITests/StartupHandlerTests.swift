import GazetteHTTP
@testable import GazetteAPI
import Testing

@Suite("StartupHandler")
struct StartupHandlerTests {
    private static func answer(_ text: String) -> Router {
        Router(routes: [Route(.get, "/articles") { _ in .text(text) }])
    }

    @Test("while loading: 503 with Retry-After for the API, the health routes answered")
    func loading() throws {
        let startup = StartupHandler(readiness: Readiness())
        let refused = startup.handle(try HTTPRequest(method: .get, target: "/articles"))
        #expect(refused.status == .serviceUnavailable)
        #expect(refused.headers[.retryAfter] == "5")
        #expect(startup.handle(try HTTPRequest(method: .get, target: "/healthz")).status == .ok)
        #expect(startup.handle(try HTTPRequest(method: .get, target: "/readyz")).status == .serviceUnavailable)
    }

    @Test("once installed every request goes to the API; a second install is ignored")
    func installed() throws {
        let startup = StartupHandler(readiness: Readiness())
        startup.install(Self.answer("first"))
        startup.install(Self.answer("second"))
        let response = startup.handle(try HTTPRequest(method: .get, target: "/articles"))
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == "first")
        // The loading routes are gone: the API's router has no /healthz.
        #expect(startup.handle(try HTTPRequest(method: .get, target: "/healthz")).status == .notFound)
    }
}
