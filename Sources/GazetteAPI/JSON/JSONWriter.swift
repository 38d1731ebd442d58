/// Writes `JSONValue`s as UTF-8 JSON text, appending to a byte buffer that callers can reuse.
public enum JSONWriter {
    /// Compact JSON: members in stored order, "/" not escaped, non-ASCII as raw UTF-8, control characters escaped (\n \t \" \\ \b \f \r, others \u00XX); numbers: integral values with magnitude < 2^53 printed as integers ("19", "-3"), others in Swift's shortest round-trip form ("19.32", "1e+300"); non-finite numbers written as null.
    ///
    /// Appends to `buffer` without clearing it, so one buffer can collect a whole response.
    public static func write(_ value: borrowing JSONValue, into buffer: inout [UInt8]) {
        // `borrowing`: switching over a borrowed value spares a retain and release per node.
        switch value {
        case .null:
            appendLiteral("null", to: &buffer)
        case .bool(let bool):
            appendLiteral(bool ? "true" : "false", to: &buffer)
        case .number(let number):
            writeNumber(number, into: &buffer)
        case .string(let string):
            writeString(string, into: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                write(element, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            buffer.append(UInt8(ascii: "{"))
            for position in object.storedKeys.indices {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                writeString(object.storedKeys[position], into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                write(object.storedValues[position], into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// The value as compact JSON (see `write(_:into:)`).
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        write(value, into: &buffer)
        return buffer
    }

    /// Indented with two spaces, for humans (used by /openapi.json and ?pretty); same rules otherwise.
    ///
    /// Members are written `"name": value`, one per line; empty arrays and objects stay `[]` and
    /// `{}`. No newline follows the last bracket.
    public static func encodePretty(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        writePretty(value, into: &buffer)
        return buffer
    }

    /// Appends the indented form of `encodePretty(_:)` to `buffer`.
    public static func writePretty(_ value: JSONValue, into buffer: inout [UInt8]) {
        writePretty(value, indent: 0, into: &buffer)
    }

    /// Appends `string` as a JSON string literal, quotes included.
    public static func writeString(_ string: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        // Native Swift strings are contiguous UTF-8; the copy is for the rare bridged or lazy one.
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, into: &buffer) }) == nil {
            var copy = string
            copy.withUTF8 { writeEscaped($0, into: &buffer) }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends `number` as JSON: see `write(_:into:)`.
    public static func writeNumber(_ number: Double, into buffer: inout [UInt8]) {
        guard number.isFinite else {
            appendLiteral("null", to: &buffer)
            return
        }
        if number.magnitude < 9_007_199_254_740_992, number == number.rounded(.towardZero) {
            writeInteger(Int64(number), into: &buffer)
        } else {
            buffer.append(contentsOf: number.description.utf8)
        }
    }

    // MARK: Internals

    private static func writePretty(_ value: borrowing JSONValue, indent: Int, into buffer: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent: indent + 1, into: &buffer)
                writePretty(element, indent: indent + 1, into: &buffer)
            }
            newline(indent: indent, into: &buffer)
            buffer.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            buffer.append(UInt8(ascii: "{"))
            for position in object.storedKeys.indices {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent: indent + 1, into: &buffer)
                writeString(object.storedKeys[position], into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                writePretty(object.storedValues[position], indent: indent + 1, into: &buffer)
            }
            newline(indent: indent, into: &buffer)
            buffer.append(UInt8(ascii: "}"))
        default:
            write(value, into: &buffer)
        }
    }

    private static func newline(indent: Int, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Appends unescaped runs in bulk and escapes `"`, `\` and C0 controls (RFC 8259 §7).
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout [UInt8]) {
        // The common string needs no escape at all: one copy.
        if JSONStringScan.firstSpecial(in: bytes, from: 0) == bytes.count {
            buffer.append(contentsOf: bytes)
            return
        }
        var runStart = 0
        for position in bytes.indices {
            let byte = bytes[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < position {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            }
            runStart = position + 1
            buffer.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            default:
                buffer.append(UInt8(ascii: "u"))
                buffer.append(UInt8(ascii: "0"))
                buffer.append(UInt8(ascii: "0"))
                buffer.append(hexDigit(byte >> 4))
                buffer.append(hexDigit(byte & 0x0F))
            }
        }
        if runStart < bytes.count {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Decimal digits without going through `String`: written backwards, then reversed in place.
    private static func writeInteger(_ integer: Int64, into buffer: inout [UInt8]) {
        if integer < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let start = buffer.endIndex
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        buffer[start...].reverse()
    }

    private static func appendLiteral(_ literal: StaticString, to buffer: inout [UInt8]) {
        literal.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }
}
