/// Appending JSON pieces to a byte buffer without going through `String`: what lets the generator
/// write a million articles in seconds.
extension Array where Element == UInt8 {
    /// Appends `literal` as is (JSON punctuation and member names, all ASCII).
    mutating func appendRaw(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string, quotes included.
    mutating func appendQuoted(_ text: CorpusText) {
        append(UInt8(ascii: "\""))
        append(contentsOf: text.json)
        append(UInt8(ascii: "\""))
    }

    /// Appends a non-negative integer in decimal, at least `width` digits (zero-padded).
    mutating func appendDecimal(_ value: Int, width: Int = 1) {
        var digits = 1
        var limit = 10
        while value >= limit && digits < 19 {
            digits += 1
            limit &*= 10
        }
        let count = Swift.max(digits, width)
        let start = endIndex
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var rest = value
        var position = start + count - 1
        while rest > 0 {
            self[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }
}
