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
            var start = -1
            index = 0
            while index < count {
                let byte = folded[index]
                if isASCIILowercaseLetterOrDigit(byte) {
                    if start < 0 { start = index }
                    index += 1
                    continue
                }
                if start >= 0 {
                    body(UnsafeRawBufferPointer(rebasing: folded[start..<index]))
                    start = -1
                }
                index += byte < 0x80 ? 1 : 3
            }
            if start >= 0 { body(UnsafeRawBufferPointer(rebasing: folded[start..<count])) }
            return true
        }
    }
}
