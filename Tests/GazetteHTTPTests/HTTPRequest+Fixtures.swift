@testable import GazetteHTTP

/// Feeds a parser the way `HTTPConnection` does: keeps the bytes not yet consumed, drops the
/// `consumed` prefix and calls again until the parser makes no more progress.
struct ParserDriver {
    var parser: HTTPRequestParser
    /// Bytes handed in but not yet consumed.
    private(set) var unconsumed: [UInt8] = []

    init(limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) {
        parser = HTTPRequestParser(limits: limits)
    }

    /// Appends `bytes` and returns every event they complete, in order.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
        unconsumed.append(contentsOf: bytes)
        var events: [HTTPRequestParser.Event] = []
        while true {
            var parser = self.parser
            let result = unconsumed.withUnsafeBytes { raw in
                Result { () throws(HTTPParseError) in try parser.parse(raw, remoteAddress: "127.0.0.1:1") }
            }
            self.parser = parser
            let (consumed, event) = try result.get()
            unconsumed.removeFirst(consumed)
            if let event { events.append(event) } else if consumed == 0 { return events }
        }
    }

    /// Feeds `bytes` in pieces of `pieceSize` and returns all events.
    mutating func feed(_ bytes: [UInt8], pieceSize: Int) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
        var events: [HTTPRequestParser.Event] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            events += try feed(bytes[start..<end])
            start = end
        }
        return events
    }
}

/// Everything the parser fills in, comparable, so that two ways of parsing can be checked equal.
struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var rawPath: String
    var rawQuery: String?
    var query: [HTTPQueryItem]
    var version: HTTPVersion
    var headers: [[String]]
    var body: [UInt8]
    var trailers: [[String]]

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        rawPath = request.rawPath
        rawQuery = request.rawQuery
        query = request.queryItems
        version = request.version
        headers = request.headers.map { [$0.name.rawValue, $0.value] }
        body = request.body
        trailers = request.trailers.map { [$0.name.rawValue, $0.value] }
    }

    var description: String {
        "\(method) \(target) \(version) \(headers) body: \(String(decoding: body, as: UTF8.self)) trailers: \(trailers)"
    }
}

extension HTTPRequestParser.Event {
    /// The request, or `nil` for `.continueExpected`.
    var request: HTTPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    var isContinueExpected: Bool {
        if case .continueExpected = self { return true }
        return false
    }
}

extension HTTPParseError {
    /// The case name without its payload (`invalidRequestLine`), for tables that name the rule broken.
    var caseName: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }
}

enum ParserFixture {
    /// Parses `text` (given whole) into exactly the events it completes.
    static func events(_ text: String, limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
        var driver = ParserDriver(limits: limits)
        return try driver.feed(Array(text.utf8))
    }

    /// The requests `text` holds, in order.
    static func requests(_ text: String, limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) throws(HTTPParseError) -> [HTTPRequest] {
        try events(text, limits: limits).compactMap(\.request)
    }

    /// The error parsing `bytes` throws, or `nil` if it throws none.
    static func error(_ bytes: [UInt8], limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) -> HTTPParseError? {
        var driver = ParserDriver(limits: limits)
        do {
            _ = try driver.feed(bytes)
            return nil
        } catch {
            return error
        }
    }

    static func error(_ text: String, limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()) -> HTTPParseError? {
        error(Array(text.utf8), limits: limits)
    }
}

extension HTTPRequest {
    /// A request as the router sees it; `target` must be valid.
    static func make(
        _ method: HTTPMethod = .get, _ target: String = "/", version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = ["Host": "example.com"], body: [UInt8] = []
    ) throws -> HTTPRequest {
        try HTTPRequest(method: method, target: target, version: version, headers: headers, body: body)
    }
}
