import GazetteHTTP

/// `GET /openapi.yaml` and `/openapi.json` (placeholder until the spec is embedded).
enum OpenAPIRoutes {
    static var routes: [Route] {
        [
            Route(.get, "/openapi.yaml") { _ in .text("openapi: 3.1.0\n") },
            Route(.get, "/openapi.json") { _ in HTTPResponse(status: .ok, contentType: "application/json", body: Array("{}".utf8)) },
        ]
    }
}
