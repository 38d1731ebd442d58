/// Splits and checks a request-target (RFC 9112 §3.2): origin form (`/path?query`), absolute form
/// (`http://host/path?query`) and asterisk form (`*`, for `OPTIONS` only). Percent-encoding and the
/// UTF-8 it decodes to are checked here, once, so later decoding cannot fail.
enum HTTPRequestTarget {
    struct Parts {
        var rawPath: String
        var rawQuery: String?
        var queryItems: [HTTPQueryItem]
    }

    static func parse(_ target: [UInt8], method: HTTPMethod) throws(HTTPParseError) -> Parts {
        let result = target.withUnsafeBytes { raw in
            Result { () throws(HTTPParseError) in try parse(raw, method: method) }
        }
        return try result.get()
    }

    static func parse(_ target: UnsafeRawBufferPointer, method: HTTPMethod) throws(HTTPParseError) -> Parts {
        guard !target.isEmpty else { throw .invalidRequestLine("the request target is empty") }
        // One pass finds what the checks below need: 2k instructions a request went to four passes.
        var hasFragment = false
        var firstQuestionMark: Int?
        var percentBeforeQuery = false
        // "#", "%" and "?" are all below 0x40: one mask test skips the rest (letters, digits, "-",
        // "/"), so the common byte costs two comparisons.
        let special: UInt64 = 1 << 0x23 | 1 << 0x25 | 1 << 0x3F
        for position in 0..<target.count {
            let byte = target[position]
            if byte >= 0x40 {
                if byte >= 0x7F { throw Self.mustBeEncoded(byte) }
                continue
            }
            if byte <= 0x20 { throw Self.mustBeEncoded(byte) }
            guard special >> byte & 1 != 0 else { continue }
            switch byte {
            case UInt8(ascii: "#"): hasFragment = true
            case ASCII.questionMark where firstQuestionMark == nil: firstQuestionMark = position
            case ASCII.percent where firstQuestionMark == nil: percentBeforeQuery = true
            default: break
            }
        }
        if target.count == 1, target[0] == UInt8(ascii: "*") {
            guard method == .options else {
                throw .invalidRequestLine("the asterisk form \"*\" is only allowed with OPTIONS")
            }
            return Parts(rawPath: "*", rawQuery: nil, queryItems: [])
        }
        if hasFragment {
            throw .invalidRequestLine("the request target must not contain a fragment (#)")
        }
        var start = 0
        if target[0] != ASCII.slash {
            start = try absoluteFormPathStart(target)
        }
        let end = target.count
        // The absolute form's authority comes before its path: a "?" there is not the query's.
        let queryStart = firstQuestionMark.flatMap { $0 >= start ? $0 : nil }
            ?? (start > 0 ? target[start...].firstIndex(of: ASCII.questionMark) : nil)
        let pathEnd = queryStart ?? end
        let pathBytes = start < pathEnd ? UnsafeRawBufferPointer(rebasing: target[start..<pathEnd]) : nil
        let rawPath = pathBytes.map { String(decoding: $0, as: UTF8.self) } ?? "/"
        // Printable ASCII without escapes is already valid decoded UTF-8.
        if let pathBytes, start > 0 || percentBeforeQuery {
            if pathBytes.contains(ASCII.percent) { try validate(pathBytes, place: "path") }
        }
        guard let queryStart else { return Parts(rawPath: rawPath, rawQuery: nil, queryItems: []) }
        let queryBytes = UnsafeRawBufferPointer(rebasing: target[(queryStart + 1)..<end])
        return Parts(rawPath: rawPath, rawQuery: String(decoding: queryBytes, as: UTF8.self),
                     queryItems: try parseQuery(queryBytes))
    }

    private static func mustBeEncoded(_ byte: UInt8) -> HTTPParseError {
        .invalidRequestLine("the request target contains a byte (0x\(String(byte, radix: 16))) that must be percent-encoded")
    }

    /// Where the path begins in `http://authority/path`; the authority must be present.

    private static func absoluteFormPathStart(_ target: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int {
        let text = String(decoding: target, as: UTF8.self).lowercased()
        let schemeLength: Int
        if text.hasPrefix("http://") { schemeLength = 7 } else if text.hasPrefix("https://") { schemeLength = 8 } else {
            throw .invalidRequestLine("the request target must start with \"/\", be an absolute http(s) URI, or be \"*\"")
        }
        var index = schemeLength
        while index < target.count, target[index] != ASCII.slash, target[index] != ASCII.questionMark { index += 1 }
        guard index > schemeLength else { throw .invalidRequestLine("the absolute request target has no host") }
        return index
    }

    /// Splits `a=1&b=x+y&a=2` into decoded items, in order; empty pieces (`&&`) are skipped.
    static func parseQuery(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> [HTTPQueryItem] {
        var items: [HTTPQueryItem] = []
        var pieceStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "&") {
                if index > pieceStart {
                    let piece = UnsafeRawBufferPointer(rebasing: bytes[pieceStart..<index])
                    let equals = piece.firstIndex(of: UInt8(ascii: "=")) ?? piece.count
                    let name = try decode(UnsafeRawBufferPointer(rebasing: piece[0..<equals]), plusAsSpace: true, place: "query")
                    let value = equals < piece.count
                        ? try decode(UnsafeRawBufferPointer(rebasing: piece[(equals + 1)...]), plusAsSpace: true, place: "query")
                        : ""
                    items.append(HTTPQueryItem(name: name, value: value))
                }
                pieceStart = index + 1
            }
            index += 1
        }
        return items
    }

    /// Decodes an already validated path; never fails.
    static func decodedPath(_ rawPath: String) -> String {
        guard rawPath.utf8.contains(ASCII.percent) else { return rawPath }
        var copy = rawPath
        return copy.withUTF8 { bytes in
            (try? decode(UnsafeRawBufferPointer(bytes), plusAsSpace: false, place: "path")) ?? rawPath
        }
    }

    /// Decodes one path segment for the router (`%2F` stays inside the segment); the bytes as they
    /// are when the decoding fails.
    static func decodedSegment(_ segment: UnsafeRawBufferPointer) -> String {
        guard segment.contains(ASCII.percent) else { return String(decoding: segment, as: UTF8.self) }
        return (try? decode(segment, plusAsSpace: false, place: "path")) ?? String(decoding: segment, as: UTF8.self)
    }

    private static func validate(_ bytes: UnsafeRawBufferPointer, place: String) throws(HTTPParseError) {
        _ = try decode(bytes, plusAsSpace: false, place: place)
    }

    /// Percent-decodes and checks that the result is UTF-8.
    static func decode(_ bytes: UnsafeRawBufferPointer, plusAsSpace: Bool, place: String) throws(HTTPParseError) -> String {
        if !bytes.contains(ASCII.percent) && !(plusAsSpace && bytes.contains(ASCII.plus)) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.percent {
                guard index + 2 < bytes.count,
                      let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
                else { throw .invalidPercentEncoding(place) }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(plusAsSpace && byte == ASCII.plus ? ASCII.space : byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .invalidUTF8(place) }
        return text
    }
}
