/// `HTTPResponse` to bytes; no I/O. A small body goes into the head's buffer so both leave in one
/// write; a large one is sent from its own array (`OutboundQueue`).
enum HTTPResponseWriter {
    /// What the `Connection` header must say.
    enum Persistence {
        /// HTTP/1.1 keep-alive: the default, no header needed.
        case keepAlive
        /// HTTP/1.0 with `Connection: keep-alive`: the server must confirm it.
        case keepAliveConfirmed
        /// The server closes after this response.
        case close
    }

    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    static func writeContinue(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: continueBytes)
    }

    /// Appends the status line and headers; returns whether `response.body` follows them
    /// (`omitBody` is for `HEAD`: same headers, no body). `OutboundQueue` adds the body.
    static func writeHead(_ response: HTTPResponse, omitBody: Bool, persistence: Persistence, date: [UInt8],
                          into buffer: inout [UInt8]) -> Bool {
        let status = response.status
        append("HTTP/1.1 ", to: &buffer)
        appendDecimal(status.code, to: &buffer)
        buffer.append(ASCII.space)
        append(status.reasonPhrase, to: &buffer)
        buffer.append(ASCII.cr); buffer.append(ASCII.lf)
        for (name, value) in response.headers where !isServerManaged(name) {
            appendSanitized(name.rawValue, to: &buffer)
            buffer.append(ASCII.colon); buffer.append(ASCII.space)
            appendSanitized(value, to: &buffer)
            buffer.append(ASCII.cr); buffer.append(ASCII.lf)
        }
        if status.allowsBody {
            append("Content-Length: ", to: &buffer)
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(ASCII.cr); buffer.append(ASCII.lf)
        }
        append("Date: ", to: &buffer)
        buffer.append(contentsOf: date)
        buffer.append(ASCII.cr); buffer.append(ASCII.lf)
        switch persistence {
        case .keepAlive: break
        case .keepAliveConfirmed: append("Connection: keep-alive\r\n", to: &buffer)
        case .close: append("Connection: close\r\n", to: &buffer)
        }
        buffer.append(ASCII.cr); buffer.append(ASCII.lf)
        return !omitBody && status.allowsBody && !response.body.isEmpty
    }

    /// Framing headers are the server's to write; a handler's copy would contradict them.
    private static func isServerManaged(_ name: HTTPHeaderName) -> Bool {
        // By length first: four case-insensitive comparisons per field cost 2k instructions a response.
        switch name.rawValue.utf8.count {
        case 4: name == .date
        case 10: name == .connection
        case 14: name == .contentLength
        case 17: name == .transferEncoding
        default: false
        }
    }

    @inline(__always)
    private static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func append(_ text: String, to buffer: inout [UInt8]) {
        ASCII.append(text, to: &buffer)
    }

    /// A value a handler built from user input must not be able to start a new header line.
    private static func appendSanitized(_ text: String, to buffer: inout [UInt8]) {
        // Bulk-append the common clean case; a byte-by-byte append cost 3k instructions per response.
        if !ASCII.containsByte(text, where: { $0 == ASCII.cr || $0 == ASCII.lf || $0 == 0 }) {
            ASCII.append(text, to: &buffer)
            return
        }
        for byte in text.utf8 {
            buffer.append(byte == ASCII.cr || byte == ASCII.lf || byte == 0 ? ASCII.space : byte)
        }
    }

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        guard value > 0 else { buffer.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while rest > 0 {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            buffer.append(contentsOf: raw[(20 - count)...])
        }
    }
}
