/// Reads JSON texts from bytes into `JSONValue`s.
public enum JSONParser {
    /// Parses one JSON text (RFC 8259), strictly: no trailing commas, comments, NaN, leading zeros, unescaped control characters, lone surrogates, invalid UTF-8, or trailing non-whitespace; duplicate member names are an error; nesting deeper than `maxDepth` is an error.
    ///
    /// Numbers too large for a `Double` (such as `1e400`) are an error too, since they could not
    /// be written back. A byte order mark is rejected. Strings are kept exactly as written (no
    /// normalization).
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - maxDepth: How many arrays and objects may nest; `[[1]]` has depth 2. Default 64.
    /// - Throws: `JSONParseError` at the first byte that cannot belong to a valid text.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            parseResult(buffer, maxDepth: maxDepth)
        }.get()
    }

    /// Parses one JSON text from raw memory; the same rules as `parse(_:maxDepth:)` on an array.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try bytes.withMemoryRebound(to: UInt8.self) { buffer in
            parseResult(buffer, maxDepth: maxDepth)
        }.get()
    }

    // A Result rather than typed throws through the closures above: `withUnsafeBufferPointer`
    // rethrows untyped errors.
    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var reader = Reader(input: buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            return .success(try reader.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

/// One parse: a cursor over the input bytes.
///
/// The buffer pointer is valid for the whole life of a `Reader`: each one lives inside the
/// `withUnsafeBufferPointer` or `withMemoryRebound` call that provides the buffer, and never escapes it.
private struct Reader {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0
    /// Reused for strings with escapes, so that decoding them allocates one `String` and nothing else.
    var scratch: [UInt8] = []
    /// The elements and member values of the containers being read, innermost last: each container
    /// takes its own off the top when it closes, so that its arrays are allocated once, at their size.
    var valueStack: [JSONValue] = []
    /// The member names of the objects being read, innermost last.
    var keyStack: [String] = []
    /// Up to this many members, duplicates are found by a linear scan rather than a set.
    static let linearScanLimit = 16

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    // MARK: Structure

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // RFC 8259 §8.1: a parser MAY ignore a byte order mark; this one is strict.
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw error("a byte order mark is not allowed", at: 0)
        }
        skipWhitespace()
        if position == input.count {
            throw error("empty input: expected a JSON value", at: position)
        }
        let value = try parseValue()
        skipWhitespace()
        if position != input.count {
            throw error("unexpected data after the JSON value", at: position)
        }
        return value
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < input.count else {
            throw error("expected a JSON value", at: position)
        }
        switch input[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw error("expected a JSON value", at: position)
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        let base = valueStack.count
        while true {
            let element = try parseValue()
            valueStack.append(element)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    throw error("trailing comma before ']'", at: position)
                }
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                let elements = Array(valueStack[base...])
                valueStack.removeSubrange(base...)
                return .array(elements)
            default:
                throw error("expected ',' or ']' after an array element", at: position)
            }
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        let base = keyStack.count
        // Names seen so far, kept only once the object is too large for a linear scan.
        var seen: Set<String> = []
        while true {
            guard peek() == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes", at: position)
            }
            let nameOffset = position
            let name = try parseString()
            let memberCount = keyStack.count - base
            let isDuplicate: Bool
            if memberCount < Self.linearScanLimit {
                isDuplicate = keyStack[base...].contains(name)
            } else {
                if seen.isEmpty { seen = Set(keyStack[base...]) }
                isDuplicate = !seen.insert(name).inserted
            }
            if isDuplicate {
                throw error("duplicate member name \(JSONValue.string(name).debugDescription)", at: nameOffset)
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error("expected ':' after a member name", at: position)
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            keyStack.append(name)
            valueStack.append(value)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    throw error("trailing comma before '}'", at: position)
                }
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                let valueBase = valueStack.count - (keyStack.count - base)
                let object = JSONObject(uniqueKeys: Array(keyStack[base...]), values: Array(valueStack[valueBase...]))
                keyStack.removeSubrange(base...)
                valueStack.removeSubrange(valueBase...)
                return .object(object)
            default:
                throw error("expected ',' or '}' after an object member", at: position)
            }
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        guard depth < maxDepth else {
            throw error("nesting deeper than \(maxDepth) levels", at: position)
        }
        depth += 1
    }

    // MARK: Literals and numbers

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let matches = literal.withUTF8Buffer { expected in
            guard input.count - start >= expected.count else { return false }
            for offset in 0..<expected.count where input[start + offset] != expected[offset] {
                return false
            }
            return true
        }
        guard matches else {
            throw error("expected a JSON value (did you mean '\(literal)'?)", at: start)
        }
        position += literal.utf8CodeUnitCount
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = position
        let isNegative = input[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        guard let first = peek(), isDigit(first) else {
            throw error("expected a digit after '-'", at: position)
        }
        var integer = 0
        var digitCount = 0
        if first == UInt8(ascii: "0") {
            if let next = peek(at: position + 1), isDigit(next) {
                throw error("a number cannot have a leading zero", at: position)
            }
            position += 1
            digitCount = 1
        } else {
            while let byte = peek(), isDigit(byte) {
                if digitCount < 18 {
                    integer = integer * 10 + Int(byte &- UInt8(ascii: "0"))
                }
                digitCount += 1
                position += 1
            }
        }
        var isIntegral = true
        if peek() == UInt8(ascii: ".") {
            isIntegral = false
            position += 1
            guard let byte = peek(), isDigit(byte) else {
                throw error("expected a digit after the decimal point", at: position)
            }
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isIntegral = false
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                position += 1
            }
            guard let byte = peek(), isDigit(byte) else {
                throw error("expected a digit in the exponent", at: position)
            }
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        // Up to 15 digits fit a Double exactly; no text conversion needed for the common case.
        if isIntegral && digitCount <= 15 {
            let magnitude = Double(integer)
            return isNegative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", at: start)
        }
        return value
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at `position`; leaves `position` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fastest path: the closing quote found sixteen bytes at a time and the bytes before it
        // checked as UTF-8. An escape, a control character, invalid UTF-8 (reported where it is)
        // or no closing quote takes the byte loop below.
        // (String(validating:) is generic: its metadata lookups cost more than the check.)
        let end = JSONStringScan.firstSpecial(in: input, from: start)
        if end < input.count, input[end] == UInt8(ascii: "\""), UTF8Check.isValid(UnsafeBufferPointer(rebasing: input[start..<end])) {
            let string = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
            position = end + 1
            return string
        }
        // Fast path: no escapes, so the string is the bytes between the quotes once validated.
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
                position += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            } else if byte < 0x20 {
                throw controlCharacterError(byte)
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw error("unterminated string", at: position)
    }

    /// The slow path of `parseString`: `position` is at the first backslash, `start` after the quote.
    mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                try decodeEscape()
                runStart = position
            } else if byte < 0x20 {
                throw controlCharacterError(byte)
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw error("unterminated string", at: position)
    }

    /// Decodes the escape at `position` (a backslash) into `scratch` and moves past it.
    mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = position
        guard let kind = peek(at: position + 1) else {
            throw error("unterminated string", at: input.count)
        }
        let decoded: UInt8
        switch kind {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            try decodeUnicodeEscape(at: escapeStart)
            return
        case 0x21...0x7E:
            throw error("invalid escape sequence '\\\(UnicodeScalar(kind))' in a string", at: escapeStart)
        default:
            throw error("invalid escape sequence in a string", at: escapeStart)
        }
        scratch.append(decoded)
        position += 2
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00` (RFC 8259 §7); a surrogate alone is an error.
    mutating func decodeUnicodeEscape(at escapeStart: Int) throws(JSONParseError) {
        let unit = try hexQuad(at: escapeStart)
        position = escapeStart + 6
        var scalarValue = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:
            guard peek() == UInt8(ascii: "\\"), peek(at: position + 1) == UInt8(ascii: "u") else {
                throw loneSurrogateError(at: escapeStart)
            }
            let low = try hexQuad(at: position)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw loneSurrogateError(at: escapeStart)
            }
            position += 6
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw loneSurrogateError(at: escapeStart)
        default:
            break
        }
        appendUTF8(scalarValue)
    }

    /// Appends a scalar value (never a surrogate, at most U+10FFFF) as UTF-8.
    mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(value >> 6))
            scratch.append(0x80 | UInt8(value & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(value >> 12))
            scratch.append(0x80 | UInt8(value >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(value & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(value >> 18))
            scratch.append(0x80 | UInt8(value >> 12 & 0x3F))
            scratch.append(0x80 | UInt8(value >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(value & 0x3F))
        }
    }

    /// The four hex digits after the `\u` at `escapeStart`.
    func hexQuad(at escapeStart: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard let byte = peek(at: escapeStart + offset) else {
                throw error("expected four hex digits after '\\u'", at: escapeStart)
            }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected four hex digits after '\\u'", at: escapeStart)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (RFC 3629 §4) and moves past it.
    mutating func skipUTF8Sequence() throws(JSONParseError) {
        let length = UTF8Check.sequenceLength(in: input, at: position)
        guard length > 0 else {
            let lead = input[position]
            if (0xC2...0xF4).contains(lead) {
                throw error("invalid UTF-8 sequence starting with byte 0x\(hex(lead)) in a string", at: position)
            }
            throw error("invalid UTF-8 byte 0x\(hex(lead)) in a string", at: position)
        }
        position += length
    }

    // MARK: Helpers

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func peek() -> UInt8? {
        position < input.count ? input[position] : nil
    }

    func peek(at offset: Int) -> UInt8? {
        offset < input.count ? input[offset] : nil
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    func error(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message: message, offset: offset, in: input)
    }

    func controlCharacterError(_ byte: UInt8) -> JSONParseError {
        error("unescaped control character U+00\(hex(byte)) in a string", at: position)
    }

    func loneSurrogateError(at offset: Int) -> JSONParseError {
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[offset..<offset + 6]), as: UTF8.self)
        return error("lone surrogate \(text) in a string", at: offset)
    }

    func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }
}
