/// Well-formed UTF-8 (RFC 3629 §4), checked over bytes: what the JSON parser, the dataset reader
/// and the NFC check accept as text.
enum UTF8Check {
    /// The length of the well-formed sequence whose lead byte, at or above 0x80, is at
    /// `position`: 2 to 4, or 0 when it is not one (a stray continuation byte, an overlong form,
    /// a UTF-16 surrogate, past U+10FFFF, or cut short).
    static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF  // no overlong forms
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F  // no UTF-16 surrogates
        case 0xF0: length = 4; secondRange = 0x90...0xBF  // no overlong forms
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F  // nothing above U+10FFFF
        default: return 0
        }
        guard position + length <= bytes.count, secondRange.contains(bytes[position + 1]) else { return 0 }
        for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        while true {
            position = firstNonASCII(in: UnsafeRawBufferPointer(bytes), from: position)
            guard position < bytes.count else { return true }
            let length = sequenceLength(in: bytes, at: position)
            guard length > 0 else { return false }
            position += length
        }
    }

    /// The offset of the first byte at or after `start` that is not ASCII, or `bytes.count`.
    /// Eight bytes a step, straight to the flagged byte (little-endian: the lowest one), so a
    /// short run between two letters costs one step too. Always inlined: a call for every
    /// letter between two runs cost 4 % of reading items.
    @inline(__always)
    static func firstNonASCII(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count {
            let high = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080
            if high != 0 { return index + high.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }
}
