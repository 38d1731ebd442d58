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
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (l?, r?) where lowercased(l) == lowercased(r): continue
            default: return false
            }
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
