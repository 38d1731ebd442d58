@testable import GazetteAPI
import Testing

/// Byte strings that probe a UTF-8 validator: shared with the NFC status tests, which must reject
/// exactly the same inputs.
enum UTF8Samples {
    /// Bytes that matter after a lead: ASCII, every boundary of the continuation range and of the
    /// narrowed second-byte ranges (E0 A0, ED 9F, F0 90, F4 8F), and bytes that are never
    /// continuations.
    static let trailBytes: [UInt8] = [
        0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xAF, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF,
    ]

    /// Fewer for the fourth byte: whether it is a continuation is all that matters there.
    static let lastBytes: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0]

    /// Every lead byte from 0x80 (including stray continuations, C0, C1 and F5–FF) with every
    /// second byte and sampled third and fourth bytes, plus each of those cut short.
    static var multibyteSequences: [[UInt8]] {
        var sequences: [[UInt8]] = []
        for lead in UInt8(0x80)...0xFF {
            sequences.append([lead])
            for second in UInt8.min...UInt8.max {
                sequences.append([lead, second])
                guard lead >= 0xE0 else { continue }
                for third in trailBytes {
                    sequences.append([lead, second, third])
                    guard lead >= 0xF0 else { continue }
                    for fourth in lastBytes { sequences.append([lead, second, third, fourth]) }
                }
            }
        }
        return sequences
    }

    /// A few well-formed scalars of each length, and pieces that are not.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("Z".utf8), Array("0".utf8), Array(" ".utf8),
        Array("đ".utf8), Array("ư".utf8), Array("\u{80}".utf8), Array("\u{7FF}".utf8),
        Array("ế".utf8), Array("\u{800}".utf8), Array("\u{D7FF}".utf8), Array("\u{E000}".utf8), Array("\u{FFFD}".utf8),
        Array("\u{FFFF}".utf8), Array("😀".utf8), Array("\u{10000}".utf8), Array("\u{10FFFF}".utf8),
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC3], [0xE1, 0xBB], [0xF0, 0x9F, 0x98],
    ]

    /// Byte strings from `seed`: uniformly random bytes, or pieces (mostly well-formed) after ASCII
    /// runs of 0 to 17 bytes, so that multibyte scalars land on every offset of an 8-byte word.
    static func randomStrings(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            var bytes: [UInt8] = []
            if random.chance(30) {
                for _ in 0..<random.within(0...40) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
                return bytes
            }
            for _ in 0..<random.within(0...5) {
                for _ in 0..<random.below(18) { bytes.append(UInt8(random.within(0x20...0x7E))) }
                // Mostly the well-formed pieces (the first 17), so that many strings are valid.
                let piece = random.chance(85) ? pieces[random.below(17)] : random.pick(pieces)
                bytes += piece
            }
            return bytes
        }
    }

    /// What the standard library says of `bytes`.
    static func standardLibraryAccepts(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}

@Suite("UTF8Check")
struct UTF8CheckTests {
    private static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Check.isValid)
    }

    /// The inputs on which `isValid` and the standard library disagree, at most a few.
    private static func disagreements(_ inputs: [[UInt8]]) -> [String] {
        var found: [String] = []
        for bytes in inputs where isValid(bytes) != UTF8Samples.standardLibraryAccepts(bytes) {
            found.append("\(UTF8Samples.hex(bytes)): isValid \(isValid(bytes))")
            if found.count == 10 { break }
        }
        return found
    }

    @Test("agrees with the standard library on every lead and second byte, sampled third and fourth bytes")
    func multibyteSequences() {
        let sequences = UTF8Samples.multibyteSequences
        #expect(sequences.count > 400_000)
        #expect(Self.disagreements(sequences) == [])
        // The same after ASCII, just short of and just past a whole 8-byte word, and before ASCII.
        for prefix in ["", "abcdefg", "abcdefgh", "abcdefghi"] {
            let placed = sequences.filter { $0.count <= 3 }.map { Array(prefix.utf8) + $0 + Array("xyz".utf8) }
            #expect(Self.disagreements(placed) == [], "after \"\(prefix)\"")
        }
    }

    @Test("names the forms the RFC rules out", arguments: [
        ([0xC0, 0xAF], false),              // overlong "/"
        ([0xC1, 0xBF], false),
        ([0xE0, 0x80, 0xAF], false),        // overlong "/"
        ([0xE0, 0x9F, 0xBF], false),        // overlong U+07FF
        ([0xE0, 0xA0, 0x80], true),         // U+0800
        ([0xED, 0x9F, 0xBF], true),         // U+D7FF
        ([0xED, 0xA0, 0x80], false),        // U+D800, a surrogate
        ([0xED, 0xBF, 0xBF], false),        // U+DFFF
        ([0xF0, 0x8F, 0xBF, 0xBF], false),  // overlong U+FFFF
        ([0xF0, 0x90, 0x80, 0x80], true),   // U+10000
        ([0xF4, 0x8F, 0xBF, 0xBF], true),   // U+10FFFF
        ([0xF4, 0x90, 0x80, 0x80], false),  // U+110000
        ([0xF5, 0x80, 0x80, 0x80], false),
        ([0xFF], false),
        ([0x80], false),                    // a stray continuation
        ([0x61, 0xBF, 0x62], false),
        ([0xC3], false),                    // cut short
        ([0xE1, 0xBB], false),
        ([0xF0, 0x9F, 0x98], false),
        ([0xE1, 0xBB, 0x85, 0x41], true),   // ễ then A
        ([], true),
    ] as [([UInt8], Bool)])
    func namedForms(bytes: [UInt8], expected: Bool) {
        #expect(Self.isValid(bytes) == expected)
        #expect(UTF8Samples.standardLibraryAccepts(bytes) == expected)
    }

    @Test("sequenceLength gives each scalar's encoded length, at any position")
    func everyScalar() {
        var wrong: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array("ab\(scalar)".utf8)
            let length = bytes.withUnsafeBufferPointer { UTF8Check.sequenceLength(in: $0, at: 2) }
            if length != bytes.count - 2 || !Self.isValid(bytes) { wrong.append(value) }
            if wrong.count == 10 { break }
        }
        #expect(wrong == [])
    }

    @Test("sequenceLength is 0 exactly where the standard library rejects the sequence the lead starts")
    func sequenceLengthMatchesStandardLibrary() {
        var wrong: [String] = []
        for sequence in UTF8Samples.multibyteSequences {
            // The length the lead announces, when the bytes up to it form one scalar.
            var expected = 0
            for length in 2...4 where length <= sequence.count {
                if let text = String(validating: sequence[..<length], as: UTF8.self), text.unicodeScalars.count == 1 {
                    expected = length
                }
            }
            let actual = sequence.withUnsafeBufferPointer { UTF8Check.sequenceLength(in: $0, at: 0) }
            if actual != expected { wrong.append("\(UTF8Samples.hex(sequence)): \(actual), expected \(expected)") }
            if wrong.count == 10 { break }
        }
        #expect(wrong == [])
    }

    @Test("agrees with the standard library on seeded random byte strings")
    func randomStrings() {
        let inputs = UTF8Samples.randomStrings(seed: 0x5EED_0F_07F8, count: 40_000)
        let validCount = inputs.count { UTF8Samples.standardLibraryAccepts($0) }
        // Both answers must be common, or the comparison proves little.
        #expect(validCount > 8_000 && validCount < 32_000)
        #expect(Self.disagreements(inputs) == [])
    }

    @Test("agrees on mixed ASCII and multibyte text of every length from 0 to 40, and on each cut short")
    func mixedLengths() {
        let scalars: [String] = ["a", "Đ", "ữ", "\u{2013}", "中", "😀", "k"]
        var inputs: [[UInt8]] = []
        for length in 0...40 {
            for start in scalars.indices {
                var bytes: [UInt8] = []
                var index = start
                while bytes.count < length {
                    bytes += Array(scalars[index % scalars.count].utf8)
                    // Runs of ASCII long enough for whole 8-byte words.
                    if index % 3 == 0 { bytes += Array("nine byte".utf8) }
                    index += 1
                }
                inputs.append(bytes)
                // Every prefix: cuts inside a scalar must be rejected, cuts between accepted.
                for cut in 0..<bytes.count { inputs.append(Array(bytes[..<cut])) }
                // A stray continuation byte at a few places.
                for place in stride(from: 0, through: bytes.count, by: 5) {
                    var broken = bytes
                    broken.insert(0x9A, at: place)
                    inputs.append(broken)
                }
            }
        }
        #expect(inputs.contains { !UTF8Samples.standardLibraryAccepts($0) })
        #expect(Self.disagreements(inputs) == [])
    }
}
