import GazetteHTTP

/// Adds CORS (Fetch standard) to every response for allowed origins, and answers preflights.
struct CORSHandler: HTTPHandler {
    static let allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match"
    static let exposedHeaders = "X-Total-Count, Link, ETag, Location"

    let inner: Router
    let origins: [String]

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let origin = request.headers[.origin], let allowed = allowedOrigin(origin) else {
            return inner.handle(request)
        }
        let response = inner.handle(request)
        guard response.isDeferred else { return Self.decorate(response, request: request, allowed: allowed) }
        return response.map { Self.decorate($0, request: request, allowed: allowed) }
    }

    private static func decorate(_ response: consuming HTTPResponse, request: HTTPRequest, allowed: String) -> HTTPResponse {
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil, response.status == .noContent {
            // Preflight: the router's Allow lists the path's methods.
            response.headers[.accessControlAllowMethods] = response.headers[.allow] ?? "GET, HEAD, OPTIONS"
            response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        response.headers[.accessControlAllowOrigin] = allowed
        if allowed != "*" { response.headers.add(.vary, "Origin") }
        // Moved out: a plain `return` of a consuming parameter copied the response.
        return consume response
    }

    private func allowedOrigin(_ origin: String) -> String? {
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }
}

extension HTTPHeaderName {
    static let accessControlAllowOrigin: HTTPHeaderName = "Access-Control-Allow-Origin"
    static let accessControlAllowMethods: HTTPHeaderName = "Access-Control-Allow-Methods"
    static let accessControlAllowHeaders: HTTPHeaderName = "Access-Control-Allow-Headers"
    static let accessControlExposeHeaders: HTTPHeaderName = "Access-Control-Expose-Headers"
    static let accessControlMaxAge: HTTPHeaderName = "Access-Control-Max-Age"
    static let accessControlRequestMethod: HTTPHeaderName = "Access-Control-Request-Method"
}
