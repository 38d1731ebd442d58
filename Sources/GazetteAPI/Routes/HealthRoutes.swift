import GazetteHTTP

/// `GET /healthz`: the process is up and serving. The body is fixed, so it is encoded once.
public enum HealthRoutes {
    private static let body = Array(#"{"status":"ok"}"#.utf8)

    public static var routes: [Route] {
        [Route(.get, "/healthz") { _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: body,
                         headers: [.cacheControl: "no-store"])
        }]
    }
}
