import Foundation

/// Case- and diacritic-insensitive forms of text, for search and for the `contains`, `startsWith`,
/// `endsWith` and `eqi` operators.
public enum TextFolding {
    /// Lowercased, without diacritics, đ/Đ and Ð (U+00D0) → d; accepts NFC or NFD input.
    ///
    /// "Đặng Ngọc Hậu" → "dang ngoc hau"; "Hoà" and "Hòa" → "hoa"; "Ðoàn" → "doan". Other characters
    /// are kept (spaces, digits, punctuation). Diacritics are the combining marks U+0300–U+036F; the
    /// result is in NFC.
    public static func fold(_ text: String) -> String {
        var contiguous = text
        switch contiguous.withUTF8(foldedWithTable) {
        case .unchanged: return text
        case .folded(let folded): return folded
        case .needsDecomposition: return foldedDecomposed(text)
        }
    }

    /// The folded words of `text`: maximal runs of letters or digits after folding.
    ///
    /// "Nguyễn Đình Việt, 59-NQ/TW" → ["nguyen", "dinh", "viet", "59", "nq", "tw"]. Letters include
    /// those of other scripts; a combining mark continues the word it follows.
    public static func words(_ text: String) -> [String] {
        var folded = fold(text)
        let asciiWords = folded.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var start: Int?
            for index in bytes.indices {
                let byte = bytes[index]
                // Any non-ASCII byte: the scalar path below knows which letters it belongs to.
                if byte >= 0x80 { return nil }
                if isASCIILowercaseLetterOrDigit(byte) {
                    if start == nil { start = index }
                } else if let wordStart = start {
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<index]), as: UTF8.self))
                    start = nil
                }
            }
            if let wordStart = start {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart...]), as: UTF8.self))
            }
            return words
        }
        return asciiWords ?? scalarWords(folded)
    }

    /// NFC form (Vietnamese text is stored and compared in NFC).
    public static func nfc(_ text: String) -> String {
        // Text that is NFC already (nearly all of it) skips Foundation, which bridges and copies
        // the string twice: that was a third of loading a large dataset.
        isKnownNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is surely NFC: every scalar is one that Unicode's NFC_Quick_Check says "Yes"
    /// for in any context, from ranges checked by hand (below U+0300, Latin Extended Additional
    /// where Vietnamese precomposed letters live, and most general punctuation). Anything else,
    /// such as a combining mark, goes to Foundation.
    static func isKnownNFC(_ text: String) -> Bool {
        var contiguous = text
        return contiguous.withUTF8 { nfcStatus(ofUTF8: $0) == .knownNFC }
    }

    /// What one pass over a string's bytes can tell of them.
    enum NFCStatus {
        /// Well-formed UTF-8, every scalar NFC in any context (see `isKnownNFC`).
        case knownNFC
        /// Well-formed UTF-8 with some scalar the fast check does not know: Foundation decides.
        case unknown
        case invalidUTF8
    }

    /// `bytes` checked as UTF-8 and for `isKnownNFC` at once, the common scalars of Vietnamese
    /// (two-byte Latin, three-byte Latin Extended Additional) taken without a general decode:
    /// the two checks apart were a quarter of loading a dataset.
    static func nfcStatus(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> NFCStatus {
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        var status = NFCStatus.knownNFC
        while true {
            index = UTF8Check.firstNonASCII(in: raw, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0xC2 && byte <= 0xDF && index + 1 < count && bytes[index + 1] & 0xC0 == 0x80 {
                // U+0080–U+07FF; below U+0300 (leads up to 0xCB) is NFC.
                if byte > 0xCB { status = .unknown }
                index += 2
            } else if (byte == 0xE1 || byte == 0xE2) && index + 2 < count
                        && bytes[index + 1] & 0xC0 == 0x80 && bytes[index + 2] & 0xC0 == 0x80 {
                let value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                // Latin Extended Additional, where Vietnamese precomposed letters live, and most
                // general punctuation.
                if !(0x1E00...0x1EFF).contains(value) && !(0x2002...0x206F).contains(value) { status = .unknown }
                index += 3
            } else {
                let length = UTF8Check.sequenceLength(in: bytes, at: index)
                guard length > 0 else { return .invalidUTF8 }
                status = .unknown
                index += length
            }
        }
        return status
    }
}

// MARK: - Scalar classification shared with collation

extension TextFolding {
    /// The combining diacritics that folding removes.
    static func isDiacritic(_ value: UInt32) -> Bool {
        value >= 0x300 && value <= 0x36F
    }

    /// đ, Đ, and Ð (U+00D0, the Icelandic eth that looks like Đ and turns up in Vietnamese text):
    /// letters without a decomposition, so dropping marks alone leaves them.
    static func isDWithStroke(_ value: UInt32) -> Bool {
        value == 0x111 || value == 0x110 || value == 0xD0
    }

    static func isASCIIUppercase(_ byte: UInt8) -> Bool {
        byte &- 0x41 < 26
    }

    static func isASCIILowercaseLetterOrDigit(_ byte: UInt8) -> Bool {
        byte &- 0x61 < 26 || byte &- 0x30 < 10
    }

    static func asciiLowercased(_ value: UInt32) -> UInt32 {
        value &- 0x41 < 26 ? value | 0x20 : value
    }

    /// The scalar that starts at `index` of `bytes`, and its length in bytes.
    ///
    /// `bytes` must be the UTF-8 of a `String` and `index` the start of a scalar.
    // Unchecked reads stay in bounds: a String's UTF-8 is always valid, so a lead byte is always
    // followed by all of its continuation bytes.
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        let second = UInt32(bytes[index + 1]) & 0x3F
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | second, 2) }
        let third = UInt32(bytes[index + 2]) & 0x3F
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | second << 6 | third, 3) }
        let fourth = UInt32(bytes[index + 3]) & 0x3F
        return ((lead & 0x07) << 18 | second << 12 | third << 6 | fourth, 4)
    }

    /// One scalar of the Latin, Latin Extended, General Punctuation or Currency blocks, seen through
    /// its canonical decomposition: a base scalar and at most two diacritics.
    struct DecomposedScalar: Sendable {
        // Packed in one word, so that a lookup is one load and the result fits in registers: the
        // lowercased base in bits 0–20, flags in 21–23, the diacritics in 24–39 and 40–55.
        private let bits: UInt64

        init(lowercaseBase: UInt32, isUppercase: Bool, isLetter: Bool, isWhitespace: Bool, firstMark: UInt32, secondMark: UInt32) {
            bits = UInt64(lowercaseBase)
                | (isUppercase ? 1 << 21 : 0) | (isLetter ? 1 << 22 : 0) | (isWhitespace ? 1 << 23 : 0)
                | UInt64(firstMark) << 24 | UInt64(secondMark) << 40
        }

        fileprivate init?(bits: UInt64) {
            guard bits != 0 else { return nil }
            self.bits = bits
        }

        fileprivate var packed: UInt64 { bits }

        /// The first scalar of the decomposition, lowercased.
        var lowercaseBase: UInt32 { UInt32(truncatingIfNeeded: bits) & 0x1F_FFFF }
        var isUppercase: Bool { bits & 1 << 21 != 0 }
        var isLetter: Bool { bits & 1 << 22 != 0 }
        var isWhitespace: Bool { bits & 1 << 23 != 0 }
        /// The diacritics (U+0300–U+036F) in canonical order; 0 when absent.
        var firstMark: UInt32 { UInt32(truncatingIfNeeded: bits >> 24) & 0xFFFF }
        var secondMark: UInt32 { UInt32(truncatingIfNeeded: bits >> 40) & 0xFFFF }
    }

    /// The decomposition of the scalar `value` when the table has it; `nil` sends the caller to
    /// Foundation.
    static func decomposed(_ value: UInt32) -> DecomposedScalar? {
        tableIndex(value).flatMap { DecomposedScalar(bits: decompositionTable[$0]) }
    }

    /// Where `value` sits in a table laid out like `tableBlocks`, one entry per scalar in order.
    static func tableIndex(_ value: UInt32) -> Int? {
        switch value {
        case 0x80..<0x250: Int(value - 0x80)
        case 0x1E00..<0x1F00: Int(value - 0x1E00) + 0x1D0
        case 0x2000..<0x2070: Int(value - 0x2000) + 0x2D0
        case 0x20A0..<0x20D0: Int(value - 0x20A0) + 0x340
        default: nil
        }
    }

    // Foundation's decomposition costs about 0.9 µs a word on Linux, twenty times folding from this
    // table. Vietnamese text stays within these blocks, so a table built once from Foundation
    // answers almost every scalar, and only other scripts take the slow path.
    static let tableBlocks: [Range<UInt32>] = [
        0x80..<0x250, 0x1E00..<0x1F00, 0x2000..<0x2070, 0x20A0..<0x20D0,
    ]

    /// The packed entries; 0 where the table gives no answer.
    private static let decompositionTable: [UInt64] = tableBlocks.flatMap { range in
        range.map { value in Unicode.Scalar(value).flatMap(makeDecomposedScalar)?.packed ?? 0 }
    }

    private static func makeDecomposedScalar(_ scalar: Unicode.Scalar) -> DecomposedScalar? {
        let decomposition = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let base = decomposition.first, decomposition.count <= 3 else { return nil }
        let marks = decomposition.dropFirst().map(\.value)
        guard marks.allSatisfy(isDiacritic) else { return nil }
        let lowercaseBase: Unicode.Scalar
        if base.properties.changesWhenLowercased {
            let mapping = base.properties.lowercaseMapping.unicodeScalars
            // A mapping to several scalars (none in these blocks today) would not fit one entry.
            guard mapping.count == 1, let only = mapping.first else { return nil }
            lowercaseBase = only
        } else {
            lowercaseBase = base
        }
        return DecomposedScalar(
            lowercaseBase: lowercaseBase.value,
            isUppercase: lowercaseBase != base,
            isLetter: base.properties.isAlphabetic,
            isWhitespace: base.properties.isWhitespace,
            firstMark: marks.count > 0 ? marks[0] : 0,
            secondMark: marks.count > 1 ? marks[1] : 0
        )
    }
}

// MARK: - Folding paths

extension TextFolding {
    private enum TableFolding {
        case unchanged
        case folded(String)
        case needsDecomposition
    }

    /// Folds scalar by scalar from the table, or gives up when a scalar is not in it.
    ///
    /// Exact: canonical reordering only moves diacritics, which are all dropped, so folding each
    /// scalar's decomposition equals folding the decomposition of the whole text.
    private static func foldedWithTable(_ bytes: UnsafeBufferPointer<UInt8>) -> TableFolding {
        var isFolded = true
        for byte in bytes where byte >= 0x80 || isASCIIUppercase(byte) {
            isFolded = false
            break
        }
        // Lowercase ASCII, the usual query and most words of an index: no copy at all.
        if isFolded { return .unchanged }
        var isComplete = true
        let folded = String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            guard let count = foldedWithTable(bytes, into: buffer) else {
                isComplete = false
                return 0
            }
            return count
        }
        return isComplete ? .folded(folded) : .needsDecomposition
    }

    /// Writes the UTF-8 of the scalar `value` at the start of `buffer`; returns the length.
    /// Writes the table folding of `bytes` into `buffer` (at least twice their size) and returns
    /// its length; `nil` when a scalar is not in the table.
    ///
    /// Every write stays in the buffer: ASCII stays one byte, and a scalar of n ≥ 2 bytes folds
    /// to at most 4 ≤ 2n bytes.
    static func foldedWithTable(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        asciiFolds.withUnsafeBufferPointer { asciiFolds in
            foldedWithTable(bytes, into: buffer, asciiFolds: asciiFolds)
        }
    }

    private static func foldedWithTable(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>,
                                        asciiFolds: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        let output = UnsafeMutableRawBufferPointer(buffer)
        while index < bytes.count {
            // A run of ASCII, up to eight bytes, lowercased at once. Carries in the sums below
            // only move up from bytes at or above 0x80, which lie after the run (little-endian),
            // and the eight bytes written fit: `buffer` holds twice the input.
            if index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                let run = high == 0 ? 8 : high.trailingZeroBitCount >> 3
                if run > 0 {
                    let atLeastA = word &+ 0x3F3F_3F3F_3F3F_3F3F
                    let pastZ = word &+ 0x2525_2525_2525_2525
                    let uppercase = atLeastA & ~pastZ & 0x8080_8080_8080_8080
                    output.storeBytes(of: word | uppercase >> 2, toByteOffset: count, as: UInt64.self)
                    count += run
                    index += run
                    continue
                }
            } else if bytes[index] < 0x80 {
                let byte = bytes[index]
                buffer[count] = isASCIIUppercase(byte) ? byte | 0x20 : byte
                count += 1
                index += 1
                continue
            }
            // The scalars of Vietnamese letters, straight from `asciiFolds`.
            if let (entry, length) = asciiFoldEntry(bytes, at: index), asciiFolds[entry] != notASCIIFold {
                let folded = asciiFolds[entry]
                if folded != 0 {
                    buffer[count] = folded
                    count += 1
                }
                index += length
                continue
            }
            let (value, length) = decodeScalar(bytes, at: index)
            index += length
            let output: UInt32
            if isDiacritic(value) {
                continue
            } else if isDWithStroke(value) {
                output = 0x64
            } else if let entry = decomposed(value) {
                output = entry.lowercaseBase
            } else {
                return nil
            }
            count += encodeUTF8(output, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
        }
        return count
    }

    /// Per two-byte scalar with a lead from 0xC2 to 0xCD (U+0080–U+037F), then per scalar of Latin
    /// Extended Additional (U+1E00–U+1EFF, leads E1 B8–BB): the ASCII byte the scalar folds to, 0
    /// when folding drops it (a diacritic), or `notASCIIFold`. Built from the general path below,
    /// so the two agree; a lookup replaced a decode, three tests and a table walk per letter.
    private static let asciiFolds: [UInt8] = {
        let scalars = Array(UInt32(0x80)..<0x380) + Array(UInt32(0x1E00)..<0x1F00)
        return scalars.map { value -> UInt8 in
            if isDiacritic(value) { return 0 }
            if isDWithStroke(value) { return UInt8(ascii: "d") }
            guard let entry = decomposed(value), entry.lowercaseBase < 0x80, entry.lowercaseBase != 0 else { return notASCIIFold }
            return UInt8(entry.lowercaseBase)
        }
    }()

    private static let notASCIIFold: UInt8 = 0xFF

    /// Where the scalar at `index` (a lead byte of valid UTF-8) is in `asciiFolds`, and its length.
    private static func asciiFoldEntry(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (entry: Int, length: Int)? {
        let lead = bytes[index]
        if lead >= 0xC2 && lead <= 0xCD {
            return (Int(lead - 0xC2) << 6 | Int(bytes[index + 1] & 0x3F), 2)
        }
        if lead == 0xE1, bytes[index + 1] &- 0xB8 < 4 {
            return (0x300 + (Int(bytes[index + 1] - 0xB8) << 6 | Int(bytes[index + 2] & 0x3F)), 3)
        }
        return nil
    }

    private static func encodeUTF8(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if value < 0x80 {
            buffer[0] = UInt8(value)
            return 1
        }
        if value < 0x800 {
            buffer[0] = UInt8(0xC0 | value >> 6)
            buffer[1] = UInt8(0x80 | value & 0x3F)
            return 2
        }
        if value < 0x1_0000 {
            buffer[0] = UInt8(0xE0 | value >> 12)
            buffer[1] = UInt8(0x80 | value >> 6 & 0x3F)
            buffer[2] = UInt8(0x80 | value & 0x3F)
            return 3
        }
        buffer[0] = UInt8(0xF0 | value >> 18)
        buffer[1] = UInt8(0x80 | value >> 12 & 0x3F)
        buffer[2] = UInt8(0x80 | value >> 6 & 0x3F)
        buffer[3] = UInt8(0x80 | value & 0x3F)
        return 4
    }

    /// Folds through Foundation's canonical decomposition: correct for every script.
    static func foldedDecomposed(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            if isDiacritic(value) { continue }
            if isDWithStroke(value) {
                folded.append("d")
            } else if value < 0x80 {
                folded.append(Unicode.Scalar(UInt8(asciiLowercased(value))))
            } else {
                isASCII = false
                if scalar.properties.changesWhenLowercased {
                    for lowered in scalar.properties.lowercaseMapping.unicodeScalars where !isDiacritic(lowered.value) {
                        folded.append(lowered)
                    }
                } else {
                    folded.append(scalar)
                }
            }
        }
        // Recomposing what remains (Hangul, marks of other scripts) keeps the result NFC.
        return isASCII ? String(folded) : String(folded).precomposedStringWithCanonicalMapping
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .decimalNumber
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func scalarWords(_ folded: String) -> [String] {
        let scalars = folded.unicodeScalars
        var words: [String] = []
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isWordScalar(scalar) || (start != nil && isMark(scalar)) {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(String(scalars[wordStart..<index]))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let wordStart = start { words.append(String(scalars[wordStart...])) }
        return words
    }
}
