/// Bytes in, `HTTPRequest` or `HTTPParseError` out; no I/O (RFC 9112).
///
/// The parser is incremental: call `parse(_:)` with every byte not yet consumed, drop the
/// `consumed` prefix, and call again when more arrive. It remembers how far it has scanned an
/// unfinished header section, so a client sending one byte at a time costs linear, not quadratic, work.
struct HTTPRequestParser {
    /// Size limits; see `HTTPServer.Configuration` for their meaning and defaults.
    struct Limits: Sendable {
        var maxRequestTargetLength = 8 * 1024
        var maxHeaderSectionSize = 32 * 1024
        var maxHeaderCount = 100
        var maxBodySize = 1024 * 1024
    }

    enum Event {
        /// A whole request.
        case request(HTTPRequest)
        /// The head asked for `Expect: 100-continue` and its body has not arrived: answer
        /// `100 Continue` now, then keep parsing.
        case continueExpected
    }

    private enum ChunkState {
        case size
        case data(remaining: Int)
        case dataEnd
        /// `size`: bytes of this trailer section consumed by earlier calls.
        case trailers(lineStart: Int, scanned: Int, count: Int, size: Int)
    }

    private enum State {
        case head
        case body(remaining: Int)
        case chunked(ChunkState)
    }

    let limits: Limits
    private var state = State.head
    /// The request whose head is parsed and whose body is still arriving.
    private var pending: HTTPRequest?
    /// The pending request's body and trailers so far. Kept apart from the request (whose parts
    /// are immutable) so that appending mutates in place instead of copying.
    private var pendingBody: [UInt8] = []
    private var pendingTrailers = HTTPHeaders()
    /// Head scanning progress, relative to the start of the unconsumed bytes.
    private var scanned = 0
    private var lineStart = 0
    private var requestLineEnd: Int?
    private var lineCount = 0

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether no part of a request has been seen since the last one ended.
    var isBetweenRequests: Bool {
        if case .head = state { return scanned == 0 }
        return false
    }

    /// Whether the head of the current request is complete and its body is being read.
    var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    /// Parses as much of `buffer` as makes progress. `consumed` bytes must be dropped by the caller.
    mutating func parse(_ buffer: UnsafeRawBufferPointer, remoteAddress: String = "") throws(HTTPParseError) -> (consumed: Int, event: Event?) {
        switch state {
        case .head:
            return try parseHead(buffer, remoteAddress: remoteAddress)
        case .body(let remaining):
            let take = min(remaining, buffer.count)
            pendingBody.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<take]))
            if take == remaining {
                return (take, finishPending())
            }
            state = .body(remaining: remaining - take)
            return (take, nil)
        case .chunked(let chunkState):
            return try parseChunked(buffer, chunkState: chunkState)
        }
    }

    private mutating func finishPending() -> Event? {
        state = .head
        defer {
            pending = nil
            pendingBody = []
            pendingTrailers = HTTPHeaders()
        }
        return pending.map { .request($0.with(body: pendingBody, trailers: pendingTrailers)) }
    }

    // MARK: Head

    private mutating func parseHead(_ buffer: UnsafeRawBufferPointer, remoteAddress: String) throws(HTTPParseError) -> (consumed: Int, event: Event?) {
        var index = scanned
        // RFC 9112 §2.2: ignore empty lines before the request line.
        if lineCount == 0 && requestLineEnd == nil && lineStart == 0 {
            var skip = 0
            while skip + 1 < buffer.count, buffer[skip] == ASCII.cr, buffer[skip + 1] == ASCII.lf { skip += 2 }
            if skip > 0 { resetHead(); return (skip, nil) }
            if buffer.count == 1 && buffer[0] == ASCII.cr { return (0, nil) }
        }
        let count = buffer.count
        while index < count {
            guard let lineFeed = ASCII.firstIndex(of: ASCII.lf, in: buffer, from: index) else {
                index = count
                break
            }
            index = lineFeed
            guard index > lineStart, buffer[index - 1] == ASCII.cr else {
                throw requestLineEnd == nil
                    ? .invalidRequestLine("lines must end with CRLF, not a bare LF")
                    : .invalidHeaderField("lines must end with CRLF, not a bare LF")
            }
            let lineEnd = index - 1
            if requestLineEnd == nil {
                requestLineEnd = lineEnd
                if lineEnd > maxRequestLineLength { throw requestLineTooLong(buffer, count: lineEnd) }
            } else if lineEnd == lineStart {
                let headEnd = index + 1
                let request = try makeRequest(buffer, headEnd: headEnd, remoteAddress: remoteAddress)
                resetHead()
                return try startBody(request, buffer: buffer, headEnd: headEnd)
            } else {
                lineCount += 1
                if lineCount > limits.maxHeaderCount { throw .tooManyHeaderFields(limit: limits.maxHeaderCount) }
            }
            index += 1
            lineStart = index
        }
        scanned = index
        if let requestLineEnd {
            if count - requestLineEnd - 2 > limits.maxHeaderSectionSize {
                throw .headerSectionTooLarge(limit: limits.maxHeaderSectionSize)
            }
        } else if count > maxRequestLineLength {
            throw requestLineTooLong(buffer, count: count)
        }
        return (0, nil)
    }

    /// Room for the target, a method of up to 22 bytes, two spaces and `HTTP/1.1`: a line longer
    /// than this is refused before its end arrives.
    private var maxRequestLineLength: Int { limits.maxRequestTargetLength + 32 }

    /// 414 when the target (as far as it arrived) is over the limit; otherwise the method is what
    /// made the line long, and that is a malformed request line, not a long URI.
    private func requestLineTooLong(_ buffer: UnsafeRawBufferPointer, count: Int) -> HTTPParseError {
        let line = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        if let firstSpace = line.firstIndex(of: ASCII.space) {
            // Without a second space yet, all that follows the first is target.
            let targetEnd = line[(firstSpace + 1)...].firstIndex(of: ASCII.space) ?? count
            if targetEnd - firstSpace - 1 > limits.maxRequestTargetLength {
                return .requestTargetTooLong(limit: limits.maxRequestTargetLength)
            }
        }
        return .invalidRequestLine("the request line is longer than \(maxRequestLineLength) bytes")
    }

    private mutating func resetHead() {
        scanned = 0
        lineStart = 0
        requestLineEnd = nil
        lineCount = 0
    }

    private func makeRequest(_ buffer: UnsafeRawBufferPointer, headEnd: Int, remoteAddress: String) throws(HTTPParseError) -> HTTPRequest {
        guard let requestLineEnd else { throw .invalidRequestLine("missing") }
        if headEnd - requestLineEnd - 2 > limits.maxHeaderSectionSize {
            throw .headerSectionTooLarge(limit: limits.maxHeaderSectionSize)
        }
        let line = UnsafeRawBufferPointer(rebasing: buffer[0..<requestLineEnd])
        guard let firstSpace = ASCII.firstIndex(of: ASCII.space, in: line) else {
            throw .invalidRequestLine("expected \"METHOD target HTTP/1.1\"")
        }
        guard let secondSpace = ASCII.firstIndex(of: ASCII.space, in: line, from: firstSpace + 1) else {
            throw .invalidRequestLine("expected \"METHOD target HTTP/1.1\"")
        }
        let methodBytes = UnsafeRawBufferPointer(rebasing: line[0..<firstSpace])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isToken) else {
            throw .invalidRequestLine("the method must be a token")
        }
        let targetBytes = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        if targetBytes.isEmpty { throw .invalidRequestLine("expected exactly one space between method, target and version") }
        if targetBytes.count > limits.maxRequestTargetLength { throw .requestTargetTooLong(limit: limits.maxRequestTargetLength) }
        let version = try parseVersion(UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...]))
        let method = Self.method(methodBytes)
        let target = try HTTPRequestTarget.parse(targetBytes, method: method)
        let headers = try parseFields(buffer, from: requestLineEnd + 2, to: headEnd - 2)

        // An origin-form target without a query is its path: share the String, not a copy.
        let isPath = target.rawQuery == nil && target.rawPath.utf8.count == targetBytes.count
        let request = HTTPRequest(
            unchecked: method, target: isPath ? target.rawPath : String(decoding: targetBytes, as: UTF8.self), parts: target,
            version: version, headers: headers, remoteAddress: remoteAddress)
        try checkHost(request)
        return request
    }

    private static func method(_ bytes: UnsafeRawBufferPointer) -> HTTPMethod {
        // Reuse the static values for the common methods: no new String per request.
        switch bytes.count {
        case 3 where bytes[0] == UInt8(ascii: "G") && bytes[1] == UInt8(ascii: "E") && bytes[2] == UInt8(ascii: "T"): .get
        case 3 where bytes[0] == UInt8(ascii: "P") && bytes[1] == UInt8(ascii: "U") && bytes[2] == UInt8(ascii: "T"): .put
        case 4 where bytes.elementsEqual("POST".utf8): .post
        case 4 where bytes.elementsEqual("HEAD".utf8): .head
        default: HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }

    private func parseVersion(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPVersion {
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), case-sensitive.
        guard bytes.count == 8, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"),
              bytes[2] == UInt8(ascii: "T"), bytes[3] == UInt8(ascii: "P"), bytes[4] == ASCII.slash, bytes[6] == UInt8(ascii: "."),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[5]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[7])
        else {
            throw .invalidRequestLine("the version must look like HTTP/1.1")
        }
        let version = HTTPVersion(major: Int(bytes[5] - 48), minor: Int(bytes[7] - 48))
        guard version == .http1_1 || version == .http1_0 else { throw .unsupportedVersion(version.description) }
        return version
    }

    /// Parses `name: value` lines between `start` and `end` (each line ends with CRLF).
    private func parseFields(_ buffer: UnsafeRawBufferPointer, from start: Int, to end: Int) throws(HTTPParseError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        var lineStart = start
        while lineStart < end {
            // parseHead saw a CR before every LF, so the first LF ends the line.
            let lineEnd = (ASCII.firstIndex(of: ASCII.lf, in: buffer, from: lineStart) ?? end + 1) - 1
            let field = try Self.parseField(UnsafeRawBufferPointer(rebasing: buffer[lineStart..<lineEnd]))
            headers.add(field.name, field.value)
            lineStart = lineEnd + 2
        }
        return headers
    }

    /// One field line: `token ":" OWS value OWS` (RFC 9112 §5).
    static func parseField(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> (name: HTTPHeaderName, value: String) {
        if let first = line.first, first == ASCII.space || first == ASCII.tab { throw .obsoleteLineFolding }
        guard let colon = ASCII.firstIndex(of: ASCII.colon, in: line) else {
            throw .invalidHeaderField("a field line has no colon")
        }
        let nameBytes = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        guard !nameBytes.isEmpty else { throw .invalidHeaderField("a field name is empty") }
        for byte in nameBytes where !ASCII.isToken(byte) {
            let name = String(decoding: nameBytes, as: UTF8.self)
            if byte == ASCII.space || byte == ASCII.tab {
                throw .invalidHeaderField("whitespace between the field name \"\(name.trimmingSuffixWhitespace)\" and the colon")
            }
            throw .invalidHeaderField("the field name \"\(name)\" contains a character that is not allowed")
        }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == ASCII.space || line[valueStart] == ASCII.tab { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == ASCII.space || line[valueEnd - 1] == ASCII.tab { valueEnd -= 1 }
        let valueBytes = UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])
        let name = HTTPHeaderName(String(decoding: nameBytes, as: UTF8.self))
        for byte in valueBytes where byte < 0x20 && byte != ASCII.tab || byte == 0x7F {
            let what = byte == 0 ? "NUL" : byte == ASCII.cr ? "CR" : byte == ASCII.lf ? "LF" : "control character 0x\(String(byte, radix: 16))"
            throw .invalidHeaderField("the value of \"\(name)\" contains a \(what)")
        }
        // obs-text (0x80–0xFF) is allowed on the wire; decode it leniently rather than refuse it.
        return (name, String(decoding: valueBytes, as: UTF8.self))
    }

    private func checkHost(_ request: HTTPRequest) throws(HTTPParseError) {
        var host: String?
        var count = 0
        for field in request.headers where field.name == .host {
            host = field.value
            count += 1
        }
        if count > 1 { throw .invalidHost("it appears \(count) times") }
        guard let host else {
            if request.version == .http1_1 { throw .missingHost }
            return
        }
        // uri-host [":" port]: no whitespace, userinfo, path or comma.
        if ASCII.containsByte(host, where: { $0 == ASCII.space || $0 == ASCII.slash || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ",") || $0 >= 0x80 }) {
            throw .invalidHost("\"\(host)\" is not a host[:port]")
        }
    }

    // MARK: Body framing (RFC 9112 §6)

    private mutating func startBody(_ request: HTTPRequest, buffer: UnsafeRawBufferPointer, headEnd: Int) throws(HTTPParseError) -> (consumed: Int, event: Event?) {
        // Fast path for the common bodiless GET: no framing or Expect field, nothing to allocate.
        if !request.headers.contains(where: { $0.name == .transferEncoding || $0.name == .contentLength || $0.name == .expect }) {
            return (headEnd, .request(request))
        }
        let codings = request.headers.listElements(for: .transferEncoding)
        let lengths = request.headers.listElements(for: .contentLength)
        let hasTransferEncoding = !request.headers.values(for: .transferEncoding).isEmpty
        let hasContentLength = !request.headers.values(for: .contentLength).isEmpty
        let available = buffer.count - headEnd

        if hasTransferEncoding {
            // RFC 9112 §6.1: both present smells of request smuggling; refuse rather than pick one.
            if hasContentLength { throw .conflictingFraming("both Content-Length and Transfer-Encoding are present") }
            if request.version == .http1_0 { throw .invalidTransferEncoding("HTTP/1.0 requests cannot use Transfer-Encoding") }
            if codings.isEmpty { throw .invalidTransferEncoding("the field is empty") }
            for coding in codings where !ASCII.equalsIgnoringCase(coding, "chunked") {
                throw .unsupportedTransferCoding(coding)
            }
            if codings.count > 1 { throw .invalidTransferEncoding("chunked may be applied only once") }
            // The expectation is checked after the framing: a framing error matters more.
            let wantsContinue = try expectsContinue(request)
            pending = request
            state = .chunked(.size)
            // RFC 9110 §10.1.1: no 100 once the client has started sending the content.
            return (headEnd, wantsContinue && available == 0 ? .continueExpected : nil)
        }
        var length = 0
        if hasContentLength {
            guard let first = lengths.first else { throw .invalidContentLength("") }
            // RFC 9112 §6.3: a list of identical values may be read as one; differing ones are an error.
            for other in lengths where other != first {
                throw .conflictingContentLength(first, other)
            }
            guard first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .invalidContentLength(first)
            }
            // 1*DIGIT may carry leading zeros; only the significant digits can overflow.
            let digits = first.drop(while: { $0 == "0" })
            guard digits.utf8.count <= 15, let value = digits.isEmpty ? 0 : Int(digits) else {
                throw .contentTooLarge(limit: limits.maxBodySize)
            }
            if value > limits.maxBodySize { throw .contentTooLarge(limit: limits.maxBodySize) }
            length = value
        }
        let wantsContinue = try expectsContinue(request)
        if length == 0 {
            return (headEnd, .request(request))
        }
        if available >= length {
            let body = Array(UnsafeRawBufferPointer(rebasing: buffer[headEnd..<(headEnd + length)]))
            return (headEnd + length, .request(request.with(body: body, trailers: request.trailers)))
        }
        pendingBody.reserveCapacity(length)
        pending = request
        state = .body(remaining: length)
        // RFC 9110 §10.1.1: no 100 once the client has started sending the content.
        return (headEnd, wantsContinue && available == 0 ? .continueExpected : nil)
    }

    private func expectsContinue(_ request: HTTPRequest) throws(HTTPParseError) -> Bool {
        // Expect is a list (RFC 9110 §10.1.1): every element must be one we can meet.
        let expectations = request.headers.listElements(for: .expect)
        guard !expectations.isEmpty else { return false }
        for expectation in expectations where !ASCII.equalsIgnoringCase(expectation, "100-continue") {
            throw .unsupportedExpectation(expectation)
        }
        // An HTTP/1.0 client does not know 100 (RFC 9110 §10.1.1).
        return request.version == .http1_1
    }

    // MARK: Chunked bodies (RFC 9112 §7.1)

    private static let maxChunkLineLength = 4096

    private mutating func parseChunked(_ buffer: UnsafeRawBufferPointer, chunkState: ChunkState) throws(HTTPParseError) -> (consumed: Int, event: Event?) {
        var chunkState = chunkState
        var index = 0
        let count = buffer.count
        while true {
            switch chunkState {
            case .size:
                guard let lf = buffer[index...].firstIndex(of: ASCII.lf) else {
                    if count - index > Self.maxChunkLineLength { throw .invalidChunk("a chunk-size line is too long") }
                    state = .chunked(chunkState)
                    return (index, nil)
                }
                // The same bound whether the line arrived whole or in pieces.
                if lf - index > Self.maxChunkLineLength { throw .invalidChunk("a chunk-size line is too long") }
                guard lf > index, buffer[lf - 1] == ASCII.cr else { throw .invalidChunk("a chunk-size line must end with CRLF") }
                let size = try chunkSize(UnsafeRawBufferPointer(rebasing: buffer[index..<(lf - 1)]), bodySoFar: pendingBody.count)
                index = lf + 1
                chunkState = size == 0 ? .trailers(lineStart: index, scanned: index, count: 0, size: 0) : .data(remaining: size)

            case .data(let remaining):
                let take = min(remaining, count - index)
                pendingBody.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index..<(index + take)]))
                index += take
                if take < remaining {
                    state = .chunked(.data(remaining: remaining - take))
                    return (index, nil)
                }
                chunkState = .dataEnd
            case .dataEnd:
                guard count - index >= 2 else {
                    if count - index == 1, buffer[index] != ASCII.cr { throw .invalidChunk("chunk data must be followed by CRLF") }
                    state = .chunked(chunkState)
                    return (index, nil)
                }
                guard buffer[index] == ASCII.cr, buffer[index + 1] == ASCII.lf else {
                    throw .invalidChunk("chunk data must be followed by CRLF (is the chunk size right?)")
                }
                index += 2
                chunkState = .size
            case .trailers(let lineStart, let scanned, let fieldCount, let earlierSize):
                // Offsets are relative to `buffer`; the consumed prefix moves them back below.
                let sectionStart = lineStart
                var position = max(scanned, lineStart)
                var start = lineStart
                var fields = fieldCount
                while position < count {
                    guard buffer[position] == ASCII.lf else { position += 1; continue }
                    guard position > start, buffer[position - 1] == ASCII.cr else {
                        throw .invalidChunk("a trailer line must end with CRLF")
                    }
                    // The trailer section counts against the same limit as the header section.
                    if earlierSize + position + 1 - sectionStart > limits.maxHeaderSectionSize {
                        throw .headerSectionTooLarge(limit: limits.maxHeaderSectionSize)
                    }
                    if position - 1 == start {
                        return (position + 1, finishPending())
                    }
                    let field = try Self.parseField(UnsafeRawBufferPointer(rebasing: buffer[start..<(position - 1)]))
                    fields += 1
                    if fields > limits.maxHeaderCount { throw .tooManyHeaderFields(limit: limits.maxHeaderCount) }
                    pendingTrailers.add(field.name, field.value)
                    position += 1
                    start = position
                }
                if earlierSize + count - sectionStart > limits.maxHeaderSectionSize {
                    throw .headerSectionTooLarge(limit: limits.maxHeaderSectionSize)
                }
                // Consume the finished trailer lines; keep the partial one for next time.
                state = .chunked(.trailers(lineStart: 0, scanned: count - start, count: fields,
                                           size: earlierSize + start - sectionStart))
                return (start, nil)
            }
        }
    }

    /// `1*HEXDIG [ BWS ";" chunk-ext ]`; extensions are accepted and ignored.
    private func chunkSize(_ line: UnsafeRawBufferPointer, bodySoFar: Int) throws(HTTPParseError) -> Int {
        var size = 0
        var index = 0
        while index < line.count, let digit = ASCII.hexValue(line[index]) {
            // Checked per digit: `Int` cannot overflow, and leading zeros (1*HEXDIG) cost nothing.
            guard size <= Int.max >> 4 else { throw .contentTooLarge(limit: limits.maxBodySize) }
            size = size << 4 | Int(digit)
            if size > limits.maxBodySize - bodySoFar { throw .contentTooLarge(limit: limits.maxBodySize) }
            index += 1
        }
        guard index > 0 else { throw .invalidChunk("a chunk size must be hexadecimal digits") }
        var rest = index
        while rest < line.count, line[rest] == ASCII.space || line[rest] == ASCII.tab { rest += 1 }
        if rest < line.count {
            guard line[rest] == UInt8(ascii: ";") else { throw .invalidChunk("unexpected characters after the chunk size") }
            for byte in line[rest...] where byte < 0x20 && byte != ASCII.tab || byte == 0x7F {
                throw .invalidChunk("a chunk extension contains a control character")
            }
        }
        return size
    }
}

private extension String {
    var trimmingSuffixWhitespace: String {
        var copy = Substring(self)
        while let last = copy.last, last == " " || last == "\t" { copy = copy.dropLast() }
        return String(copy)
    }
}

extension HTTPRequest {
    /// Builds a request from parts the parser has already checked.
    init(unchecked method: HTTPMethod, target: String, parts: HTTPRequestTarget.Parts, version: HTTPVersion,
         headers: HTTPHeaders, remoteAddress: String) {
        self.init(fields: Fields(
            method: method, target: target, rawPath: parts.rawPath, rawQuery: parts.rawQuery,
            queryItems: parts.queryItems, version: version, headers: headers, body: [], trailers: [:],
            remoteAddress: remoteAddress))
    }

    /// The same request carrying its body and trailers, in one new box.
    func with(body: [UInt8], trailers: HTTPHeaders) -> HTTPRequest {
        var fields = self.fields
        fields.body = body
        fields.trailers = trailers
        return HTTPRequest(fields: fields)
    }
}
