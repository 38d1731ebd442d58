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
        // The head is written into one stack buffer and appended once: a dozen small appends to
        // the array (each checking uniqueness and capacity) cost over 1k instructions a response.
        var size = 9 + 20 + 1 + status.reasonPhrase.utf8.count + 2
        for (name, value) in response.headers { size += name.rawValue.utf8.count + value.utf8.count + 4 }
        size += 16 + 20 + 2 + 6 + date.count + 2 + 24 + 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { storage in
            var head = HeadWriter(storage)
            head.write("HTTP/1.1 ")
            head.writeDecimal(status.code)
            head.write(ASCII.space)
            head.write(status.reasonPhrase)
            head.write("\r\n")
            for (name, value) in response.headers where !isServerManaged(name) {
                head.writeSanitized(name.rawValue)
                head.write(": ")
                head.writeSanitized(value)
                head.write("\r\n")
            }
            if status.allowsBody {
                head.write("Content-Length: ")
                head.writeDecimal(response.body.count)
                head.write("\r\n")
            }
            head.write("Date: ")
            date.withUnsafeBufferPointer { head.write(UnsafeRawBufferPointer($0)) }
            head.write("\r\n")
            switch persistence {
            case .keepAlive: break
            case .keepAliveConfirmed: head.write("Connection: keep-alive\r\n")
            case .close: head.write("Connection: close\r\n")
            }
            head.write("\r\n")
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: storage[0..<head.count]))
        }
        return !omitBody && status.allowsBody && !response.body.isEmpty
    }

    /// Bytes written front to back into a buffer the caller sized for them.
    private struct HeadWriter {
        let storage: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        init(_ storage: UnsafeMutableBufferPointer<UInt8>) { self.storage = storage }

        mutating func write(_ byte: UInt8) {
            storage[count] = byte
            count += 1
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            precondition(count + bytes.count <= storage.count, "response head larger than its computed size")
            UnsafeMutableRawPointer(storage.baseAddress! + count).copyMemory(from: source, byteCount: bytes.count)
            count += bytes.count
        }

        mutating func write(_ text: StaticString) {
            write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func write(_ text: String) {
            var text = text
            text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        }

        /// CR, LF and NUL would end or corrupt the head: each becomes a space.
        mutating func writeSanitized(_ text: String) {
            let start = count
            write(text)
            // All three are at most CR (13): one comparison passes the ordinary byte.
            for index in start..<count where storage[index] <= ASCII.cr {
                let byte = storage[index]
                if byte == ASCII.cr || byte == ASCII.lf || byte == 0 { storage[index] = ASCII.space }
            }
        }

        mutating func writeDecimal(_ value: Int) {
            guard value > 0 else { write(UInt8(ascii: "0")); return }
            var digits = 0
            var rest = value
            while rest > 0 { digits += 1; rest /= 10 }
            rest = value
            for index in stride(from: count + digits - 1, through: count, by: -1) {
                storage[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += digits
        }
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
}
