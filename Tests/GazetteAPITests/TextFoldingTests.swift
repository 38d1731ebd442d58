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
