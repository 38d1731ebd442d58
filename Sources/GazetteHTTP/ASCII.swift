/// Byte-level helpers for the ASCII parts of HTTP, which must not go through Unicode-aware
/// `String` comparison (it is slower and treats some non-ASCII letters as equal).
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
    static let percent: UInt8 = 37
    static let plus: UInt8 = 43
    static let slash: UInt8 = 47
    static let questionMark: UInt8 = 63

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        // Lengths first: most header-name comparisons end here, in O(1) for native strings.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Names usually arrive in their canonical spelling: exact equality is a word compare for
        // small strings.
        if lhs == rhs { return true }
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where lowercased(left[index]) != lowercased(right[index]) {
                    return false
                }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return lhs.utf8.elementsEqual(rhs.utf8) { lowercased($0) == lowercased($1) }
    }

    /// The offset of the first `byte` in `buffer[start..<end]`. memchr: the generic
    /// `firstIndex(of:)` on a buffer slice cost about ten instructions a byte.
    static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? buffer.count
        guard start < end, let base = buffer.baseAddress else { return nil }
        guard let found = SystemCall.findByte(byte, in: base + start, count: end - start) else { return nil }
        return found - base
    }

    /// Whether some byte of `text` satisfies `predicate`. Scans the contiguous UTF-8 directly:
    /// the generic `String.UTF8View` path cost about 40 instructions a byte.
    @inline(__always)
    static func containsByte(_ text: String, where predicate: (UInt8) -> Bool) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: predicate) }) { return found }
        return text.utf8.contains(where: predicate)
    }

    /// Appends `text`'s UTF-8 to `buffer` in one copy when its storage is contiguous.
    @inline(__always)
    static func append(_ text: String, to buffer: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { buffer.append(contentsOf: $0) }
        if copied == nil { buffer.append(contentsOf: text.utf8) }
    }

    /// Whether the comma-separated list `value` has an element equal to `token`, ignoring case and
    /// optional whitespace, without building the list.
    static func listContains(_ value: String, token: String) -> Bool {
        var copy = value
        return copy.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ",") { end += 1 }
                var low = start
                var high = end
                while low < high && (bytes[low] == space || bytes[low] == tab) { low += 1 }
                while high > low && (bytes[high - 1] == space || bytes[high - 1] == tab) { high -= 1 }
                if high - low == token.utf8.count
                    && zip(bytes[low..<high], token.utf8).allSatisfy({ lowercased($0) == lowercased($1) }) {
                    return true
                }
                start = end + 1
            }
            return false
        }
    }

    /// `tchar` of RFC 9110 §5.6.2: the characters of methods, field names and codings.
    static let isTokenTable: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool { isTokenTable[Int(byte)] }

    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isToken)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func trimmingWhitespace(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard let start = utf8.firstIndex(where: { $0 != space && $0 != tab }),
              let end = utf8.lastIndex(where: { $0 != space && $0 != tab })
        else { return "" }
        return String(text[start...end])
    }
}
