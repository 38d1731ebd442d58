/// The byte scan that JSON strings share: the writer looks for what it must escape, the parser
/// for where a string stops being plain.
enum JSONStringScan {
    /// The offset of the first byte at or after `start` that a JSON string cannot hold as it is
    /// (a control character, `"` or `\`), or `bytes.count`. Sixteen bytes at a time: byte loops
    /// cost a dozen instructions a byte, and reading and writing strings is most of loading.
    static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
            let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
            let space = SIMD16<UInt8>(repeating: 0x20)
            while position + 16 <= bytes.count {
                let chunk = raw.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
                let needs = (chunk .< space) .| (chunk .== quote) .| (chunk .== backslash)
                if any(needs) {
                    // The first flagged lane, from the flags as two little-endian words: the byte
                    // loop below took up to 16 steps to find it again, for every short string.
                    let flags = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: needs), to: SIMD2<UInt64>.self)
                    return flags[0] != 0
                        ? position + flags[0].trailingZeroBitCount / 8
                        : position + 8 + flags[1].trailingZeroBitCount / 8
                }
                position += 16
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return position }
            position += 1
        }
        return position
    }

    /// Just past the closing quote of the string whose opening quote is at `start`, and whether
    /// the string has escapes; `nil` when `start` is not a quote or the string is unterminated.
    static func stringEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, hasEscapes: Bool)? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
        var index = start + 1
        var hasEscapes = false
        while index < bytes.count {
            index = firstSpecial(in: bytes, from: index)
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                hasEscapes = true
                index += 2
            case UInt8(ascii: "\""): return (index + 1, hasEscapes)
            default: index += 1  // a control byte: a full parse reports it
            }
        }
        return nil
    }

    /// Just past the `}` or `]` that closes the object or array opening at `start`; `nil` when
    /// `start` opens neither or it is unterminated. Strings are skipped whole, brackets in them
    /// included.
    static func containerEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") else { return nil }
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let string = stringEnd(in: bytes, from: index) else { return nil }
                index = string.end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
