import Foundation
@testable import GazetteAPI
import Testing

/// Whether the NFD form of `text` has other scalars (`==` on `String` cannot tell: it ignores the form).
private func decomposes(_ text: String) -> Bool {
    !text.unicodeScalars.elementsEqual(text.decomposedStringWithCanonicalMapping.unicodeScalars)
}

private func decomposed(_ text: String) -> String {
    text.decomposedStringWithCanonicalMapping
}

@Suite("TextFolding.fold")
struct TextFoldingFoldTests {
    static let table: [(String, String)] = [
        ("Nguyễn Đình Việt", "nguyen dinh viet"),
        ("Đặng", "dang"),
        ("Đặng Ngọc Hậu", "dang ngoc hau"),
        ("\u{D0}oàn", "doan"),
        ("Chiềng Khương", "chieng khuong"),
        ("Cửa khẩu chính Chiềng Khương", "cua khau chinh chieng khuong"),
        ("Thứ trưởng Thường trực Bộ Ngoại giao", "thu truong thuong truc bo ngoai giao"),
        ("ĐẠI HỘI ĐẢNG", "dai hoi dang"),
        ("Ủy viên Ban Chấp hành Trung ương Đảng", "uy vien ban chap hanh trung uong dang"),
        ("Nghị quyết 59-NQ/TW ngày 24/01/2025!", "nghi quyet 59-nq/tw ngay 24/01/2025!"),
        ("“Sơn La” – 19,32 ha…", "“son la” – 19,32 ha…"),
        ("Café Crème", "cafe creme"),
        ("Ærø Straße", "ærø straße"),
        ("Ελληνικά", "ελληνικα"),
        ("한국어 Đà Nẵng", "한국어 da nang"),
    ]

    @Test("folds case, diacritics and đ", arguments: table)
    func foldsNFC(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test("folds NFD input the same as NFC", arguments: table.filter { decomposes($0.0) })
    func foldsNFD(input: String, expected: String) {
        #expect(TextFolding.fold(decomposed(input)) == expected)
    }

    @Test("Đặng Ngọc Hậu in NFD folds like its NFC form")
    func foldsDecomposedName() {
        let nfd = decomposed("Đặng Ngọc Hậu")
        #expect(nfd.unicodeScalars.count == 18)
        #expect(TextFolding.fold(nfd) == TextFolding.fold("Đặng Ngọc Hậu"))
        #expect(TextFolding.fold(nfd) == "dang ngoc hau")
    }

    @Test("Hoà with the tone on a equals Hòa with the tone on o")
    func foldsBothToneSpellings() {
        let toneOnA = "Ho\u{E0}"
        let toneOnO = "H\u{F2}a"
        #expect(toneOnA != toneOnO)
        #expect(TextFolding.fold(toneOnA) == "hoa")
        #expect(TextFolding.fold(toneOnO) == "hoa")
    }

    @Test("maps đ, Đ and the look-alike Ð (U+00D0) to d")
    func mapsDWithStroke() {
        #expect(TextFolding.fold("\u{111}\u{110}\u{D0}") == "ddd")
        #expect(TextFolding.fold("\u{D0}o\u{E0}n") == "doan")
    }

    @Test("drops diacritics in any order and mixed forms", arguments: [
        ("Vie\u{323}\u{302}t", "viet"),
        ("Vie\u{302}\u{323}t", "viet"),
        ("Vi\u{EA}\u{323}t", "viet"),
        ("\u{301}a", "a"),
        ("A\u{340}", "a"),
    ])
    func dropsMarks(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test("lowercases ASCII and keeps everything else", arguments: [
        ("HELLO, World 42!", "hello, world 42!"),
        ("already folded", "already folded"),
        ("", ""),
        ("@[`{~\t\n", "@[`{~\t\n"),
    ])
    func foldsASCII(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test("the table path agrees with Foundation's decomposition for every scalar it covers")
    func tableMatchesFoundation() {
        let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x20A0...0x20CF]
        var checked = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for text in ["\(scalar)", "X\(scalar)\u{301}y", "\(scalar)\u{323}\u{302}"] {
                    #expect(TextFolding.fold(text) == TextFolding.foldedDecomposed(text), "U+\(String(value, radix: 16))")
                    checked += 1
                }
            }
        }
        #expect(checked == 880 * 3)
    }

    @Test("the result is NFC")
    func resultIsNFC() {
        for (input, _) in Self.table {
            let folded = TextFolding.fold(input.decomposedStringWithCanonicalMapping)
            #expect(Array(folded.unicodeScalars) == Array(folded.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }
}

@Suite("TextFolding.words")
struct TextFoldingWordsTests {
    @Test("splits folded text into runs of letters and digits", arguments: [
        ("Nguyễn Đình Việt, 59-NQ/TW", ["nguyen", "dinh", "viet", "59", "nq", "tw"]),
        ("  leading and   trailing  ", ["leading", "and", "trailing"]),
        ("", []),
        ("--- !!! …", []),
        ("Chiềng Khương–Bản Đán", ["chieng", "khuong", "ban", "dan"]),
        ("19,32 ha; 2026–2030", ["19", "32", "ha", "2026", "2030"]),
        ("e-mail_address", ["e", "mail", "address"]),
        ("x", ["x"]),
        ("ĐẶNG", ["dang"]),
        ("Ελληνικά και 한국어", ["ελληνικα", "και", "한국어"]),
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
    ])
    func splits(input: String, expected: [String]) {
        #expect(TextFolding.words(input) == expected)
    }

    @Test("splits NFD input like NFC")
    func splitsNFD() {
        let text = "Nguyễn Đình Việt, 59-NQ/TW"
        #expect(decomposes(text))
        #expect(TextFolding.words(decomposed(text)) == ["nguyen", "dinh", "viet", "59", "nq", "tw"])
    }
}

@Suite("TextFolding.nfc")
struct TextFoldingNFCTests {
    @Test("composes NFD Vietnamese and keeps NFC and ASCII as they are")
    func composes() {
        let name = "Đặng Ngọc Hậu"
        #expect(decomposes(name))
        let nfc = TextFolding.nfc(decomposed(name))
        #expect(Array(nfc.unicodeScalars) == Array(name.unicodeScalars))
        #expect(Array(TextFolding.nfc(name).unicodeScalars) == Array(name.unicodeScalars))
        #expect(TextFolding.nfc("plain ASCII") == "plain ASCII")
    }

    @Test("puts the tone of Hoà in canonical position")
    func composesTone() {
        let nfc = TextFolding.nfc("Hoa\u{300}")
        #expect(Array(nfc.unicodeScalars) == ["H", "o", "\u{E0}"])
    }

    @Test("the fast path takes only text that is NFC; everything else is normalized by Foundation", arguments: [
        ("Thứ trưởng Thường trực “Bộ Ngoại giao” – 19,32 ha…", true),
        ("plain ASCII", true),
        ("Hoa\u{300}", false),            // a combining mark
        ("sixteen ascii by" + "Hoa\u{300}", false),  // the same after whole 8-byte ASCII words
        ("seventeen ascii b" + "\u{2126}", false),
        ("eight by" + "Đặng Ngọc Hậu" + "eight by", true),
        ("\u{2126}", false),               // OHM SIGN: NFC is Ω U+03A9
        ("\u{2001}", false),               // EM QUAD: NFC is U+2003
        ("\u{212B}", false),               // ANGSTROM SIGN: NFC is Å U+00C5
        ("Ω", false),                      // Greek: outside the ranges checked by hand, so Foundation decides
        ("cà phê ☕️", false),
    ])
    func fastPath(text: String, isFast: Bool) {
        #expect(TextFolding.isKnownNFC(text) == isFast)
        let expected = text.precomposedStringWithCanonicalMapping
        #expect(Array(TextFolding.nfc(text).unicodeScalars) == Array(expected.unicodeScalars))
    }
}

@Suite("TextFolding.nfcStatus")
struct TextFoldingNFCStatusTests {
    private static func status(_ bytes: [UInt8]) -> TextFolding.NFCStatus {
        bytes.withUnsafeBufferPointer(TextFolding.nfcStatus)
    }

    private static func status(_ text: String) -> TextFolding.NFCStatus {
        status(Array(text.utf8))
    }

    /// The scalars `isKnownNFC` documents as checked by hand: below U+0300, Latin Extended
    /// Additional, and general punctuation from U+2002 (U+2000 and U+2001 are not NFC).
    private static func isHandChecked(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value) || (0x2002...0x206F).contains(scalar.value)
    }

    /// Everything the status of valid text must satisfy; the problems found, empty when none.
    private static func problems(_ text: String) -> [String] {
        let status = Self.status(text)
        let name = text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        var found: [String] = []
        if status == .invalidUTF8 { found.append("\(name): valid text called invalid") }
        let expected: TextFolding.NFCStatus = text.unicodeScalars.allSatisfy(isHandChecked) ? .knownNFC : .unknown
        if status != expected { found.append("\(name): \(status), expected \(expected)") }
        // The promise the fast path rests on: what it calls NFC is NFC.
        if status == .knownNFC,
           !text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) {
            found.append("\(name): known NFC but Foundation composes it")
        }
        if TextFolding.isKnownNFC(text) != (status == .knownNFC) { found.append("\(name): isKnownNFC disagrees") }
        return found
    }

    @Test("rejects exactly the bytes UTF8Check rejects")
    func invalidMatchesUTF8Check() {
        let inputs = UTF8Samples.multibyteSequences.map { Array("a".utf8) + $0 }
            + UTF8Samples.randomStrings(seed: 0x0BAD_F00D, count: 30_000)
        var wrong: [String] = []
        for bytes in inputs {
            let isValid = bytes.withUnsafeBufferPointer(UTF8Check.isValid)
            if (Self.status(bytes) == .invalidUTF8) == isValid {
                wrong.append("\(UTF8Samples.hex(bytes)): \(Self.status(bytes)), isValid \(isValid)")
            }
            if wrong.count == 10 { break }
        }
        #expect(wrong == [])
    }

    @Test("every scalar of the two-byte range, Latin Extended Additional, General Punctuation and more, in context")
    func scalarsInContext() {
        let ranges: [ClosedRange<UInt32>] = [
            0x80...0x7FF,       // Latin, IPA, combining marks U+0300–U+036F, Greek, Cyrillic...
            0x1E00...0x1EFF,    // Vietnamese precomposed letters
            0x2000...0x20FF,    // punctuation, currency, combining marks for symbols
            0x1100...0x11FF,    // Hangul jamo, which compose
            0x4E00...0x4E7F,    // CJK
            0xAC00...0xAC7F,    // Hangul syllables
            0x1F300...0x1F37F, 0x1F600...0x1F64F,  // emoji, four bytes
        ]
        // Before: nothing, ASCII, letters a mark could compose with, a whole 8-byte ASCII word.
        let before = ["", "a", "e", "A", "ư", "Ơ", "ế", "abcdefgh", "abcdefg"]
        let after = ["", "a", "\u{2013}"]
        var found: [String] = []
        var knownCount = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for prefix in before {
                    for suffix in after {
                        let text = prefix + String(Character(scalar)) + suffix
                        if Self.status(text) == .knownNFC { knownCount += 1 }
                        found += Self.problems(text)
                    }
                }
                if found.count >= 10 { break }
            }
        }
        #expect(found == [])
        // Both answers must be common, or the comparison proves little.
        #expect(knownCount > 10_000)
    }

    @Test("NFC Vietnamese is known NFC; decomposed Vietnamese never is", arguments: [
        "Thứ trưởng Thường trực Bộ Ngoại giao làm việc với tỉnh Sơn La về cửa khẩu Chiềng Khương",
        "Đặng Ngọc Hậu, Nguyễn Đình Việt",
        "Ủy viên Ban Chấp hành Trung ương Đảng — nhiệm kỳ 2026–2030",
        "ĐẠI HỘI ĐẢNG TOÀN QUỐC LẦN THỨ XIV",
        "Hòa, Hoà, Thủy, Thuỷ, Quảng Ngãi, Bà Rịa–Vũng Tàu",
    ])
    func vietnamese(text: String) {
        #expect(Self.status(text) == .knownNFC)
        #expect(Self.problems(text) == [])
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(!nfd.unicodeScalars.elementsEqual(text.unicodeScalars))
        #expect(Self.status(nfd) == .unknown)
        #expect(Self.problems(nfd) == [])
    }

    @Test("a base letter and a combining mark is not known NFC", arguments: [
        "e\u{301}", "Vie\u{323}\u{302}t", "Ho\u{300}a", "a\u{306}", "u\u{31B}", "\u{301}", "abcdefgh" + "o\u{309}",
    ])
    func combiningMarks(text: String) {
        #expect(Self.status(text) == .unknown)
        #expect(!TextFolding.isKnownNFC(text))
        #expect(Self.problems(text) == [])
    }

    @Test("seeded random mixes of ASCII, Vietnamese, marks, jamo, CJK and emoji")
    func randomMixes() {
        let pool: [String] = [
            "a", "Z", " ", "abcdefgh", "ư", "Đ", "ệ", "Ẫ", "à", "\u{300}", "\u{301}", "\u{323}", "\u{309}",
            "\u{2013}", "\u{2001}", "\u{2126}", "\u{1100}", "\u{1161}", "\u{11A8}", "가", "中", "😀", "Ω", "\u{340}",
        ]
        var random = SeededRandom(seed: 0xC0FFEE)
        var found: [String] = []
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<random.within(0...8) { text += random.pick(pool) }
            found += Self.problems(text)
            if found.count >= 10 { break }
        }
        #expect(found == [])
    }
}

@Suite("TextFolding fast table")
struct TextFoldingTableTests {
    /// The table path's folding of `text` as a string, or `nil` when it gives up (and `fold`
    /// falls back to Foundation, which would hide a wrong table entry).
    private static func tableFold(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var buffer = [UInt8](repeating: 0, count: max(bytes.count * 2, 1))
        let count = buffer.withUnsafeMutableBufferPointer { output in
            bytes.withUnsafeBufferPointer { TextFolding.foldedWithTable($0, into: output) }
        }
        return count.map { String(decoding: buffer[..<$0], as: UTF8.self) }
    }

    /// Whether the table is meant to answer `value`: the scalars it drops or maps to d, and those
    /// with a decomposition entry.
    private static func isInTable(_ value: UInt32) -> Bool {
        TextFolding.isDiacritic(value) || TextFolding.isDWithStroke(value) || TextFolding.decomposed(value) != nil
    }

    private static let scalars: [Unicode.Scalar] = (Array(UInt32(0x80)...0x37F) + Array(UInt32(0x1E00)...0x1EFF))
        .compactMap(Unicode.Scalar.init)

    @Test("for every scalar of U+0080–U+037F and U+1E00–U+1EFF inside a word, the table folds like Foundation")
    func everyScalarInAWord() {
        var found: [String] = []
        var answered = 0
        for scalar in Self.scalars {
            let text = "x\(scalar)y"
            let name = "U+" + String(scalar.value, radix: 16, uppercase: true)
            let expected = TextFolding.foldedDecomposed(text)
            if TextFolding.fold(text) != expected { found.append("\(name): fold \(TextFolding.fold(text)), expected \(expected)") }
            let table = Self.tableFold(text)
            if (table != nil) != Self.isInTable(scalar.value) { found.append("\(name): table answered \(table != nil)") }
            if let table {
                answered += 1
                if !table.unicodeScalars.elementsEqual(expected.unicodeScalars) {
                    found.append("\(name): table \(table), expected \(expected)")
                }
            }
            if found.count >= 10 { break }
        }
        #expect(found == [])
        // Every Vietnamese letter and Latin-1 letter at least is answered from the table.
        #expect(answered > 700)
        for letter in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ".unicodeScalars {
            #expect(Self.tableFold(String(Character(letter)).uppercased()) != nil, "\(letter)")
            #expect(Self.tableFold(String(Character(letter))) != nil, "\(letter)")
        }
    }

    @Test("long runs of table scalars fold like Foundation folds the whole run")
    func longRuns() {
        let inTable = Self.scalars.filter { Self.isInTable($0.value) }
        // Runs of 37 scalars, so that marks meet letters and each other in many orders.
        for start in stride(from: 0, to: inTable.count, by: 37) {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: inTable[start..<min(start + 37, inTable.count)])
            let run = String(text)
            let table = Self.tableFold(run)
            let expected = TextFolding.foldedDecomposed(run)
            #expect(table.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars), "run from \(start)")
            #expect(TextFolding.fold(run) == expected)
        }
    }
}
