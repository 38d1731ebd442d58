/// Finds the items of a `--data` document without building it: the byte range of each element of
/// the top-level `articles`, `officials` and `projects` arrays. The loader then parses one item at
/// a time, so a large dataset is never held in memory twice (as bytes and as a whole tree).
///
/// It checks only the structure it walks. Whatever it does not expect (another top-level member,
/// a value that is not an array, a syntax error) makes it return `nil`, and the loader parses the
/// whole document instead, which reports the problem precisely.
enum DatasetScanner {
    /// Each resource's element ranges, in document order.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [ResourceKind: [Range<Int>]]? {
        var index = 0
        var result: [ResourceKind: [Range<Int>]] = [:]
        func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard expect(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                guard let keyEnd = JSONStringScan.stringEnd(in: bytes, from: index)?.end else { return nil }
                // Resource names are plain ASCII: an escaped or other key goes to the full parser.
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
                guard let kind = ResourceKind(rawValue: key), result[kind] == nil else { return nil }
                index = keyEnd
                guard expect(UInt8(ascii: ":")), expect(UInt8(ascii: "[")) else { return nil }
                var ranges: [Range<Int>] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                } else {
                    while true {
                        skipSpace()
                        guard let end = JSONStringScan.containerEnd(in: bytes, from: index) else { return nil }
                        ranges.append(index..<end)
                        index = end
                        skipSpace()
                        guard index < bytes.count else { return nil }
                        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                        guard bytes[index] == UInt8(ascii: "]") else { return nil }
                        index += 1
                        break
                    }
                }
                result[kind] = ranges
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                break
            }
        }
        skipSpace()
        return index == bytes.count ? result : nil
    }
}
