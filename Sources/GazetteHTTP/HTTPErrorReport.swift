/// A failure the server or router answers by itself (a malformed request, no such route, too many
/// connections). The application turns it into a response, so that error bodies have its format.
public struct HTTPErrorReport: Sendable, Equatable {
    public var status: HTTPStatus
    /// What was wrong, in a sentence.
    public var detail: String
    /// The part of the request at fault (`request-line`, `header:Host`, `query`, `body`, `path`), if known.
    public var location: String?

    public init(status: HTTPStatus, detail: String, location: String? = nil) {
        self.status = status
        self.detail = detail
        self.location = location
    }

    public init(_ error: HTTPParseError) {
        self.init(status: error.status, detail: error.detail, location: error.location)
    }
}

/// Renders an `HTTPErrorReport` as a response.
public typealias HTTPErrorResponder = @Sendable (HTTPErrorReport) -> HTTPResponse

/// Sees a response the server made by itself (`report` says why; `remoteAddress` is the peer's
/// `host:port`) before it is sent; it may change the response's header fields.
public typealias HTTPServerErrorObserver = @Sendable (
    _ report: HTTPErrorReport, _ remoteAddress: String, _ response: inout HTTPResponse) -> Void

/// The responder used when the application gives none: the detail as plain text.
public let plainTextErrorResponder: HTTPErrorResponder = { report in
    .text(report.detail + "\n", status: report.status)
}
