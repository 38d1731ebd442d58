/// Why a request could not be read. Each case maps to one status; after any of them the server
/// answers and then closes the connection, since the framing of what follows is uncertain.
public enum HTTPParseError: Error, Sendable, Equatable {
    case invalidRequestLine(String)
    case invalidHeaderField(String)
    case obsoleteLineFolding
    case missingHost
    case invalidHost(String)
    case conflictingFraming(String)
    /// Two `Content-Length` values that differ: the first and the first one unlike it.
    case conflictingContentLength(String, String)
    case invalidContentLength(String)
    case unsupportedTransferCoding(String)
    case invalidTransferEncoding(String)
    case invalidChunk(String)
    case unsupportedVersion(String)
    case unsupportedExpectation(String)
    case requestTargetTooLong(limit: Int)
    case headerSectionTooLarge(limit: Int)
    case tooManyHeaderFields(limit: Int)
    case contentTooLarge(limit: Int)
    case invalidPercentEncoding(String)
    case invalidUTF8(String)

    /// The status the client gets.
    public var status: HTTPStatus {
        switch self {
        case .invalidRequestLine, .invalidHeaderField, .obsoleteLineFolding, .missingHost, .invalidHost,
             .conflictingFraming, .conflictingContentLength, .invalidContentLength, .invalidTransferEncoding,
             .invalidChunk, .invalidPercentEncoding, .invalidUTF8:
            .badRequest
        case .unsupportedTransferCoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedExpectation: .expectationFailed
        case .requestTargetTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields: .requestHeaderFieldsTooLarge
        case .contentTooLarge: .contentTooLarge
        }
    }

    /// What was wrong and where, in words a client developer can act on.
    public var detail: String {
        switch self {
        case .invalidRequestLine(let why): "Malformed request line: \(why)."
        case .invalidHeaderField(let why): "Malformed header field: \(why)."
        case .obsoleteLineFolding: "Header field line folding (a line starting with space or tab) is not allowed (RFC 9112 §5.2)."
        case .missingHost: "An HTTP/1.1 request must have a Host header field (RFC 9112 §3.2)."
        case .invalidHost(let why): "Invalid Host header field: \(why)."
        case .conflictingFraming(let why): "Ambiguous message framing: \(why)."
        case .conflictingContentLength(let first, let other):
            "Ambiguous message framing: Content-Length has differing values \"\(first)\" and \"\(other)\"."
        case .invalidContentLength(let value): "Invalid Content-Length \"\(value)\": it must be one non-negative decimal number."
        case .unsupportedTransferCoding(let coding): "Transfer coding \"\(coding)\" is not supported; only chunked is."
        case .invalidTransferEncoding(let why): "Invalid Transfer-Encoding: \(why)."
        case .invalidChunk(let why): "Malformed chunked body: \(why)."
        case .unsupportedVersion(let version): "HTTP version \"\(version)\" is not supported; use HTTP/1.1 or HTTP/1.0."
        case .unsupportedExpectation(let value): "Expectation \"\(value)\" is not supported; only 100-continue is."
        case .requestTargetTooLong(let limit): "The request target is longer than \(limit) bytes."
        case .headerSectionTooLarge(let limit): "The header section is larger than \(limit) bytes."
        case .tooManyHeaderFields(let limit): "The request has more than \(limit) header fields."
        case .contentTooLarge(let limit): "The request body is larger than \(limit) bytes."
        case .invalidPercentEncoding(let place): "Invalid percent-encoding in the \(place)."
        case .invalidUTF8(let place): "The \(place) is not valid UTF-8 once percent-decoded."
        }
    }

    /// The part of the request at fault, for machine-readable error bodies.
    public var location: String {
        switch self {
        case .invalidRequestLine, .unsupportedVersion: "request-line"
        case .requestTargetTooLong: "request-target"
        case .invalidPercentEncoding(let place), .invalidUTF8(let place): place
        case .invalidHeaderField, .obsoleteLineFolding, .headerSectionTooLarge, .tooManyHeaderFields: "header-section"
        case .missingHost, .invalidHost: "header:Host"
        case .conflictingFraming: "header:Transfer-Encoding"
        case .invalidContentLength, .conflictingContentLength: "header:Content-Length"
        case .unsupportedTransferCoding, .invalidTransferEncoding: "header:Transfer-Encoding"
        case .unsupportedExpectation: "header:Expect"
        case .invalidChunk, .contentTooLarge: "body"
        }
    }
}
