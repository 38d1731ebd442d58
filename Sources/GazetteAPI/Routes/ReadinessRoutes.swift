import GazetteHTTP

/// `GET /readyz`: whether a load balancer should send traffic here. 200 `{"status":"ready"}` once
/// the data is loaded; 503 `application/problem+json` while loading and from the start of a
/// graceful shutdown, so the balancer drains this instance before it stops. `/healthz` stays 200
/// throughout: the process is alive.
public struct ReadinessRoutes: Sendable {
    private static let readyBody = Array(#"{"status":"ready"}"#.utf8)

    let readiness: Readiness

    public init(readiness: Readiness) {
        self.readiness = readiness
    }

    public var routes: [Route] {
        let readiness = readiness
        return [Route(.get, "/readyz") { _ in Self.response(for: readiness.state) }]
    }

    static func response(for state: Readiness.State) -> HTTPResponse {
        let detail: String
        switch state {
        case .ready:
            return HTTPResponse(status: .ok, contentType: "application/json", body: readyBody, headers: [.cacheControl: "no-store"])
        case .loading:
            detail = "The server is still loading its data."
        case .shuttingDown:
            detail = "The server is shutting down."
        }
        var response = ErrorResponder.http(HTTPErrorReport(status: .serviceUnavailable, detail: detail))
        response.headers[.cacheControl] = "no-store"
        if state == .loading { response.headers[.retryAfter] = "1" }
        return response
    }
}
