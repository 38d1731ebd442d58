/// A complete HTTP request, as the parser delivers it to a handler.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as it arrived (origin, absolute or asterisk form).
    public var target: String
    /// The path, percent-encoded as it arrived (`/articles/ng%E1%BB%8D`); `*` for `OPTIONS *`.
    public var rawPath: String
    /// The query string after `?`, still percent-encoded; `nil` when the target has none.
    public var rawQuery: String?
    /// The query parameters, decoded (`+` is a space), in order, repeated names kept.
    public var queryItems: [HTTPQueryItem]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body, de-chunked. Empty when the request had none.
    public var body: [UInt8]
    /// Trailer fields of a chunked body (RFC 9112 §7.1.2), kept apart from `headers`.
    public var trailers: HTTPHeaders
    /// Values of the route template's `{name}` segments, set by `Router`.
    public var pathParameters: [String: String]
    /// The peer's address (`127.0.0.1:51234`), for logs.
    public var remoteAddress: String

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], body: [UInt8] = [], remoteAddress: String = ""
    ) throws(HTTPParseError) {
        let parts = try HTTPRequestTarget.parse(Array(target.utf8), method: method)
        self.method = method
        self.target = target
        self.rawPath = parts.rawPath
        self.rawQuery = parts.rawQuery
        self.queryItems = parts.queryItems
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = [:]
        self.pathParameters = [:]
        self.remoteAddress = remoteAddress
    }

    /// The path with percent-encoding decoded (`/articles/ngọ`).
    public var path: String { HTTPRequestTarget.decodedPath(rawPath) }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Whether the connection stays open after this request: HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive` (RFC 9112 §9.3).
    public var shouldKeepAlive: Bool {
        if headers.contains(.connection, token: "close") { return false }
        if version == .http1_1 { return true }
        return headers.contains(.connection, token: "keep-alive")
    }
}

/// One `name=value` pair of a query string, decoded.
public struct HTTPQueryItem: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
