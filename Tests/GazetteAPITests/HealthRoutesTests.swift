import GazetteAPI
import GazetteHTTP
import Testing

@Suite("GET /healthz")
struct HealthRoutesTests {
    let router = Router(routes: HealthRoutes.routes)

    @Test("answers 200 with a JSON status")
    func answersOK() throws {
        let response = router.handle(try HTTPRequest(method: .get, target: "/healthz"))
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"ok"}"#)
    }

    @Test("refuses POST with 405 and Allow")
    func refusesPost() throws {
        let response = router.handle(try HTTPRequest(method: .post, target: "/healthz"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
    }
}
