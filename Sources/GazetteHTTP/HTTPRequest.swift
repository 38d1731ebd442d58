/// A complete HTTP request, as the parser delivers it to a handler.
public struct HTTPRequest: Sendable {
    /// The request's parts, the way handlers read them.
    struct Fields: Sendable {
        var method: HTTPMethod
        var target: String
        var rawPath: String
        var rawQuery: String?
        var queryItems: [HTTPQueryItem]
        var version: HTTPVersion
        var headers: HTTPHeaders
        var body: [UInt8]
        var trailers: HTTPHeaders
        var remoteAddress: String
    }

    /// Why a box: a request passes through five handler layers and the parser's event, and
    /// copying and destroying eleven fields (nine reference-counted) there cost about 3k
    /// instructions a request; a box is one retain. It is immutable, so it is Sendable without a
    /// lock; a setter builds a new one, and setters are rare.
    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// Values of the route template's `{name}` segments, set by `Router`. Beside the box, not in
    /// it: the router sets them on every request to a template with a parameter, and a new box
    /// copied and later destroyed the other fields (about 800 instructions an item GET).
    public var pathParameters = HTTPPathParameters()

    var fields: Fields { storage.fields }

    init(fields: Fields) {
        storage = Storage(fields)
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    public var method: HTTPMethod {
        get { storage.fields.method }
        set { update { $0.method = newValue } }
    }
    /// The request-target exactly as it arrived (origin, absolute or asterisk form).
    public var target: String {
        get { storage.fields.target }
        set { update { $0.target = newValue } }
    }
    /// The path, percent-encoded as it arrived (`/articles/ng%E1%BB%8D`); `*` for `OPTIONS *`.
    public var rawPath: String {
        get { storage.fields.rawPath }
        set { update { $0.rawPath = newValue } }
    }
    /// The query string after `?`, still percent-encoded; `nil` when the target has none.
    public var rawQuery: String? {
        get { storage.fields.rawQuery }
        set { update { $0.rawQuery = newValue } }
    }
    /// The query parameters, decoded (`+` is a space), in order, repeated names kept.
    public var queryItems: [HTTPQueryItem] {
        get { storage.fields.queryItems }
        set { update { $0.queryItems = newValue } }
    }
    public var version: HTTPVersion {
        get { storage.fields.version }
        set { update { $0.version = newValue } }
    }
    public var headers: HTTPHeaders {
        get { storage.fields.headers }
        set { update { $0.headers = newValue } }
    }
    /// The body, de-chunked. Empty when the request had none.
    public var body: [UInt8] {
        get { storage.fields.body }
        set { update { $0.body = newValue } }
    }
    /// Trailer fields of a chunked body (RFC 9112 §7.1.2), kept apart from `headers`.
    public var trailers: HTTPHeaders {
        get { storage.fields.trailers }
        set { update { $0.trailers = newValue } }
    }
    /// The peer's address (`127.0.0.1:51234`), for logs.
    public var remoteAddress: String {
        get { storage.fields.remoteAddress }
        set { update { $0.remoteAddress = newValue } }
    }

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], body: [UInt8] = [], remoteAddress: String = ""
    ) throws(HTTPParseError) {
        let parts = try HTTPRequestTarget.parse(Array(target.utf8), method: method)
        self.init(fields: Fields(
            method: method, target: target, rawPath: parts.rawPath, rawQuery: parts.rawQuery,
            queryItems: parts.queryItems, version: version, headers: headers, body: body, trailers: [:],
            remoteAddress: remoteAddress))
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
