/// A response a handler returns. The server adds `Content-Length`, `Date` and `Connection`.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    /// The body bytes; for a `HEAD` request the server sends the headers of this body, not the body.
    public var body: [UInt8]
    /// Set for a response that comes later (`HTTPResponse.deferred`).
    var deferred: DeferredResponse?
    /// The template of the route that answered, set by `Router`: logs and metrics name requests
    /// by it without matching the path a second time.
    public internal(set) var route: RouteTemplate?

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with `body` and a `Content-Type`.
    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8], headers: HTTPHeaders = [:]) {
        self.status = status
        self.headers = headers
        self.headers[.contentType] = contentType
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}
