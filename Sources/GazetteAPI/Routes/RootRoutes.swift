import GazetteHTTP

/// `GET /`: where everything is.
enum RootRoutes {
    static var routes: [Route] {
        [Route(.get, "/") { request in
            let links: JSONObject = [
                "articles": "/articles",
                "officials": "/officials",
                "projects": "/projects",
                "search": "/search?q={terms}",
                "stats": "/stats",
                "openapiYAML": "/openapi.yaml",
                "openapiJSON": "/openapi.json",
                "health": "/healthz",
            ]
            let body: JSONValue = [
                "name": "Gazette",
                "description": "Articles, officials and development projects from Báo Sơn La's report on Sơn La's border-area development.",
                "links": .object(links),
            ]
            return respond { () throws(APIError) in
                try QueryGuard.rejectAll(request)
                return JSONResponse.value(body, request: request)
            }
        }]
    }
}

/// For routes that take no query parameters.
enum QueryGuard {
    static func rejectAll(_ request: HTTPRequest) throws(APIError) {
        guard !request.queryItems.isEmpty else { return }
        throw .invalidQuery(request.queryItems.map {
            ProblemDetails.FieldError(in: "query", name: $0.name, detail: "unknown parameter \"\($0.name)\": \(request.path) takes none")
        })
    }
}
