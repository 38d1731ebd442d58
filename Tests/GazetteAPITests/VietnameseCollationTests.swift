import Foundation
@testable import GazetteAPI
import Testing

@Suite("VietnameseCollation")
struct VietnameseCollationTests {
    /// Asserts that `texts` is strictly increasing, by `areInIncreasingOrder` and by keys, and that
    /// sorting it backwards restores it.
    private func expectIncreasing(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for (earlier, later) in zip(texts, texts.dropFirst()) {
            #expect(VietnameseCollation.areInIncreasingOrder(earlier, later), "\(earlier) < \(later)", sourceLocation: sourceLocation)
            #expect(!VietnameseCollation.areInIncreasingOrder(later, earlier), "\(later) < \(earlier)", sourceLocation: sourceLocation)
            #expect(VietnameseCollation.key(earlier) < VietnameseCollation.key(later), "key \(earlier) < \(later)", sourceLocation: sourceLocation)
        }
        #expect(texts.reversed().sorted(by: VietnameseCollation.areInIncreasingOrder) == texts, sourceLocation: sourceLocation)
    }

    @Test("a < ă < â < b")
    func breveAndCircumflexLetters() {
        expectIncreasing(["a", "ă", "â", "b"])
    }

    @Test("d < đ < e, with Ð (U+00D0) as Đ")
    func dWithStroke() {
        expectIncreasing(["d", "đ", "e"])
        expectIncreasing(["dz", "\u{D0}a", "đb", "e"])
    }

    @Test("the whole alphabet, f j w z in their Latin places")
    func alphabet() {
        let alphabet = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(separator: " ").map(String.init)
        expectIncreasing(alphabet)
        expectIncreasing(alphabet.map { $0.uppercased() })
    }

    @Test("tones on one syllable: ma < mà < mả < mã < má < mạ")
    func tones() {
        expectIncreasing(["ma", "mà", "mả", "mã", "má", "mạ"])
        expectIncreasing(["mơ", "mờ", "mở", "mỡ", "mớ", "mợ"])
    }

    @Test("letters decide before tones, unlike code point order")
    func lettersBeforeTones() {
        // By code points "mac" < "mà" and "Em" < "Đặng"; by the alphabet both are the other way.
        #expect("mac" < "mà")
        expectIncreasing(["mà", "mac"])
        expectIncreasing(["mạ", "mb"])
        expectIncreasing(["Ánh", "Bình"])
        expectIncreasing(["Nguyen", "Nguyet", "Nguyễn"])
    }

    @Test("tones compare position by position")
    func tonesByPosition() {
        expectIncreasing(["ma ma", "ma mà", "mà ma", "mà mà"])
    }

    @Test("case decides after tones, lowercase first")
    func caseAfterTones() {
        expectIncreasing(["an", "An", "AN", "àn", "Àn", "ăn"])
        expectIncreasing(["đa", "Đa"])
    }

    @Test("Đặng Ngọc Hậu sorts after Dương and before Em")
    func dangBetween() {
        expectIncreasing(["Dương", "Đặng Ngọc Hậu", "Em"])
    }

    @Test("sorts the four officials by the alphabet")
    func sortsOfficials() {
        let names = ["Nguyễn Thành Công", "Đặng Ngọc Hậu", "Nguyễn Minh Vũ", "Nguyễn Đình Việt"]
        let expected = ["Đặng Ngọc Hậu", "Nguyễn Đình Việt", "Nguyễn Minh Vũ", "Nguyễn Thành Công"]
        #expect(names.sorted(by: VietnameseCollation.areInIncreasingOrder) == expected)
        #expect(names.sorted { VietnameseCollation.key($0) < VietnameseCollation.key($1) } == expected)
        // Code point order puts Đ after N: the test would fail with plain `<`.
        #expect(names.sorted() != expected)
    }

    @Test("sorts NFD input exactly like NFC")
    func sortsNFD() {
        let names = ["Nguyễn Thành Công", "Đặng Ngọc Hậu", "Nguyễn Minh Vũ", "Nguyễn Đình Việt", "Dương", "Em", "mà", "ma", "mạ"]
        let decomposed = names.map(\.decomposedStringWithCanonicalMapping)
        let sortedNFC = names.sorted(by: VietnameseCollation.areInIncreasingOrder)
        let sortedNFD = decomposed.sorted(by: VietnameseCollation.areInIncreasingOrder)
        #expect(sortedNFD.map(\.precomposedStringWithCanonicalMapping) == sortedNFC)
        for (nfc, nfd) in zip(names, decomposed) {
            #expect(VietnameseCollation.key(nfc) == VietnameseCollation.key(nfd))
            #expect(VietnameseCollation.key(nfc).hashValue == VietnameseCollation.key(nfd).hashValue)
            #expect(!VietnameseCollation.areInIncreasingOrder(nfc, nfd))
            #expect(!VietnameseCollation.areInIncreasingOrder(nfd, nfc))
        }
    }

    @Test("white space first, then other characters by code point, digits among them, then letters")
    func nonLetters() {
        expectIncreasing([" ", "!", "-", "0", "10", "9", "@", "~", "a"])
        expectIncreasing(["a b", "a-b", "a0", "ab"])
        // No-break and en spaces are white space too.
        expectIncreasing(["a b", "a\u{A0}c", "a\u{2002}d", "a!b"])
        expectIncreasing(["z", "ø", "ελληνικά"])
    }

    /// Texts that take every path: ASCII, the table, marks out of canonical order, marks of other
    /// scripts, a leading mark, U+0340, Hangul and Greek (Foundation's decomposition).
    static let tricky: [String] = [
        "", " ", "a", "A", "à", "a\u{300}", "A\u{300}", "ă", "a\u{306}\u{300}", "ằ", "a\u{300}\u{306}",
        "e\u{323}\u{302}", "e\u{302}\u{323}", "ệ", "Ệ", "ê", "e", "é", "ë", "ê\u{308}", "e\u{308}\u{301}",
        "e\u{301}\u{308}", "u\u{302}", "û", "ư", "ü", "a\u{306}\u{302}", "a\u{302}\u{306}", "a\u{300}\u{301}",
        "a\u{301}\u{300}", "\u{301}a", "\u{323}\u{301}a", "\u{301}\u{323}a", "a\u{340}", "a\u{341}", "á",
        "a\u{483}", "a\u{20D0}", "đ", "Đ", "\u{D0}", "ð", "d", "D", "Ða", "Đa", "đa", "\u{2000}x", "\u{2002}x",
        " x", "\tx", "한국", "한국어", "Ελληνικά", "ελληνικά", "ß", "ẞ", "ss", "Æ", "æ", "İ", "i", "ı",
        "Nguyễn", "Nguyen", "Nguyễn Đình Việt", "2025", "59-NQ/TW", "“Sơn La”", "–", "ma", "mà", "mả",
        // Texts that share a prefix ending inside a character: comparison skips the shared bytes.
        "Đặng Ngọc Hậu", "Đặng Ngọc Hầu", "Đặng Ngọc Hâu", "Đặng Ngọc Hậu Giang", "Đặng Ngọc Hậ", "Đặng한",
        "Đặng", "Đặngx", "ĐặngX", "Đặng\u{301}", "Đặng\u{483}", "ậu", "ầu", "Ậu",
        // Marks of other scripts next to the diacritics that make letters.
        "a\u{483}\u{306}", "a\u{306}\u{483}", "ă\u{483}", "ab\u{483}", "ả\u{1DC4}", "a\u{1DC4}\u{306}", "ặ\u{20D0}", "ặ\u{20D0}b",
    ]

    @Test("areInIncreasingOrder agrees with keys, and the order is total")
    func agreesWithKeys() {
        let all = Self.tricky + Self.tricky.map(\.decomposedStringWithCanonicalMapping)
        let keys = all.map(VietnameseCollation.key)
        var failures: [String] = []
        for i in all.indices {
            for j in all.indices {
                let pair = "\(all[i].debugDescription) vs \(all[j].debugDescription)"
                let less = VietnameseCollation.areInIncreasingOrder(all[i], all[j])
                let greater = keys[j] < keys[i]
                let equal = keys[i] == keys[j]
                if less != (keys[i] < keys[j]) { failures.append("areInIncreasingOrder disagrees: \(pair)") }
                if [less, greater, equal].filter({ $0 }).count != 1 { failures.append("not exactly one of <, >, ==: \(pair)") }
                if equal != (all[i] == all[j]) { failures.append("key equality is not canonical equivalence: \(pair)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    @Test("the order is transitive")
    func transitive() {
        // Sorted by a relation that is total, the list is consistent with it everywhere exactly
        // when the relation is transitive on it.
        let keys = (Self.tricky + Self.tricky.map(\.decomposedStringWithCanonicalMapping)).map(VietnameseCollation.key).sorted()
        var inversions: [String] = []
        for i in keys.indices {
            for j in keys.indices where i < j && keys[j] < keys[i] {
                inversions.append("\(keys[j].text.debugDescription) < \(keys[i].text.debugDescription)")
            }
        }
        #expect(inversions.isEmpty, "\(inversions.prefix(20))")
    }

    @Test("reading a text from the table gives the units of reading its NFD form")
    func tableMatchesFoundation() {
        let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x20A0...0x20CF]
        var compared = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for text in ["\(scalar)", "X\(scalar)\u{301}y", "\(scalar)\u{323}\u{302}", "\(scalar)\u{306}\u{31B}"] {
                    let (fastUnits, fastGaveUp) = units(of: text, isDecomposed: false)
                    let (slowUnits, slowGaveUp) = units(of: text.decomposedStringWithCanonicalMapping, isDecomposed: true)
                    #expect(!slowGaveUp)
                    if !fastGaveUp {
                        #expect(fastUnits == slowUnits, "U+\(String(value, radix: 16)) in \(text.debugDescription)")
                        compared += 1
                    }
                }
            }
        }
        // Only scalars the table leaves out (none in Latin) go to Foundation.
        #expect(compared > 880 * 4 - 40)
    }

    private func units(of text: String, isDecomposed: Bool) -> (units: [String], didGiveUp: Bool) {
        var text = text
        return text.withUTF8 { bytes in
            var reader = CollationReader(bytes, isDecomposed: isDecomposed)
            var units: [String] = []
            while let unit = reader.next() { units.append(describe(unit)) }
            return (units, reader.didGiveUp)
        }
    }

    private func describe(_ unit: CollationUnit) -> String {
        "\(unit.primary) \(String(unit.secondary, radix: 16)) \(unit.isUppercase)"
    }
}
