import Foundation
import GazetteAPI
import GazetteHTTP
import Testing

@Suite("Readiness and GET /readyz")
struct ReadinessTests {
    private func readyz(_ readiness: Readiness, method: HTTPMethod = .get) throws -> HTTPResponse {
        Router(routes: ReadinessRoutes(readiness: readiness).routes, errorResponder: ErrorResponder.http)
            .handle(try HTTPRequest(method: method, target: "/readyz"))
    }

    private func problem(_ response: HTTPResponse) throws -> ProblemDetails {
        try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
    }

    @Test("starts loading: 503 problem+json that says so, with Retry-After")
    func loading() throws {
        let readiness = Readiness()
        #expect(readiness.state == .loading)
        #expect(!readiness.isReady)
        let response = try readyz(readiness)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.contentType] == "application/problem+json")
        #expect(response.headers[.retryAfter] == "1")
        #expect(response.headers[.cacheControl] == "no-store")
        let problem = try problem(response)
        #expect(problem.status == 503)
        #expect(problem.title == "Service Unavailable")
        #expect(problem.detail.contains("loading"))
    }

    @Test("once ready: 200 {\"status\":\"ready\"}")
    func ready() throws {
        let readiness = Readiness()
        readiness.markReady()
        #expect(readiness.state == .ready && readiness.isReady)
        let response = try readyz(readiness)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"ready"}"#)
        #expect(try readyz(readiness, method: .head).status == .ok)
    }

    @Test("shutting down: 503 problem+json without Retry-After")
    func shuttingDown() throws {
        let readiness = Readiness()
        readiness.markReady()
        readiness.markShuttingDown()
        #expect(readiness.state == .shuttingDown)
        let response = try readyz(readiness)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.contentType] == "application/problem+json")
        #expect(response.headers[.retryAfter] == nil)
        #expect(try problem(response).detail.contains("shutting down"))
        #expect(try readyz(readiness, method: .head).status == .serviceUnavailable)
    }

    @Test("never ready again after shutdown begins, even if loading finishes later")
    func shutdownWins() throws {
        let readiness = Readiness()
        readiness.markShuttingDown()
        readiness.markReady()
        #expect(readiness.state == .shuttingDown)
        #expect(try readyz(readiness).status == .serviceUnavailable)
    }

    @Test("Observability serves /readyz and /metrics next to the API's routes")
    func observabilityRoutes() throws {
        let observability = Observability(accessLog: nil)
        let router = Router(routes: HealthRoutes.routes + observability.routes, errorResponder: ErrorResponder.http)
        let handler = observability.wrap(router, router: router)
        #expect(handler.handle(try HTTPRequest(method: .get, target: "/readyz")).status == .serviceUnavailable)
        observability.readiness.markReady()
        #expect(handler.handle(try HTTPRequest(method: .get, target: "/readyz")).status == .ok)
        #expect(handler.handle(try HTTPRequest(method: .get, target: "/healthz")).headers[.requestID] != nil)
        let metrics = handler.handle(try HTTPRequest(method: .get, target: "/metrics"))
        let exposition = Exposition(String(decoding: metrics.body, as: UTF8.self))
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/readyz", "status": "503"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/readyz", "status": "200"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/healthz", "status": "200"]) == 1)
    }
}
