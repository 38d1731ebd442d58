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
}
