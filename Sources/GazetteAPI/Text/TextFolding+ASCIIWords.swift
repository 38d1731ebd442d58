extension TextFolding {
    /// Calls `body` with each word of `text` (UTF-8 bytes) as `words(_:)` would give it, without
    /// making a String: the bytes of one folded word, valid until `body` returns.
    ///
    /// At least 16 bytes can be read from the start of each word handed out (the buffer has that
    /// much room past the text), so a word's bytes can be loaded in whole words.
    ///
    /// Returns `false`, having called `body` for nothing, when the text needs what only the
    /// String path does (a scalar the table lacks, or a non-ASCII letter left after folding);
    /// the caller then uses `words(_:)`. `scratch` is reused between calls to save allocations.
    static func forEachASCIIWord(
        in text: UnsafeRawBufferPointer, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        let needed = text.count * 2 + 16
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: max(needed, 2 * scratch.count)) }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            let source = UnsafeBufferPointer(start: text.baseAddress?.assumingMemoryBound(to: UInt8.self), count: text.count)
            guard let count = foldedWithTable(source, into: buffer) else { return false }
            let folded = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count])
            // Beside ASCII, only General Punctuation (U+2000–U+206F: dashes, quotes, "…"), which
            // `words` treats as separators too; any other scalar goes the String way.
            var index = 0
            while true {
                index = UTF8Check.firstNonASCII(in: folded, from: index)
                guard index < count else { break }
                let byte = folded[index]
                // E2 80 80 ... E2 81 AF; E2 81 B0 and on (superscripts, some of them letters) are not.
                guard byte == 0xE2, index + 2 < count,
                      folded[index + 1] == 0x80 || folded[index + 1] == 0x81 && folded[index + 2] <= 0xAF else { return false }
                index += 3
            }
            forEachWordRun(in: folded, body)
            return true
        }
    }

    /// Calls `body` with each run of ASCII lowercase letters and digits in `folded`, eight bytes
    /// at a time: a byte loop branched on every byte and mispredicted at every word's ends, and
    /// was the largest cost of building the index. Every other byte separates (the non-ASCII
    /// bytes left are General Punctuation's). At least 8 bytes past `folded` must be readable.
    private static func forEachWordRun(in folded: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard let base = folded.baseAddress else { return }
        let count = folded.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var start = 0
        // Bit 7 of the last byte before `offset`: whether a word runs into this chunk.
        var carry: UInt64 = 0
        var offset = 0
        while offset < count {
            let chunk = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Bit 7 of each byte that is a letter or digit. Bytes are compared without bit 7, so
            // no sum carries into the next byte; bytes with bit 7 set are dropped after.
            let low = chunk & ~high
            let isLetter = (low &+ (0x80 - 0x61) &* ones) & ~(low &+ (0x80 - 0x7B) &* ones)
            let isDigit = (low &+ (0x80 - 0x30) &* ones) & ~(low &+ (0x80 - 0x3A) &* ones)
            var inWord = (isLetter | isDigit) & ~chunk & high
            // Bytes past the text (padding) are not part of any word.
            if count - offset < 8 { inWord &= (1 << (8 * UInt64(count - offset))) &- 1 }
            let before = inWord << 8 | carry
            var starts = inWord & ~before
            var ends = ~inWord & before & high
            while starts | ends != 0 {
                let startBit = starts == 0 ? 64 : starts.trailingZeroBitCount
                let endBit = ends == 0 ? 64 : ends.trailingZeroBitCount
                if startBit < endBit {
                    start = offset + startBit >> 3
                    starts &= starts &- 1
                } else {
                    body(UnsafeRawBufferPointer(start: base + start, count: offset + endBit >> 3 - start))
                    ends &= ends &- 1
                }
            }
            carry = inWord >> 56
            offset += 8
        }
        if carry != 0 { body(UnsafeRawBufferPointer(start: base + start, count: count - start)) }
    }
}
