import Foundation
import GazetteAPI
import Testing

@Suite("Slug")
struct SlugTests {
    static let examples: [(String, String)] = [
        ("Đặng Ngọc Hậu", "dang-ngoc-hau"),
        ("Nguyễn Đình Việt", "nguyen-dinh-viet"),
        ("Cửa khẩu chính Chiềng Khương", "cua-khau-chinh-chieng-khuong"),
        ("Nghị quyết 59-NQ/TW", "nghi-quyet-59-nq-tw"),
        ("\u{D0}oàn công tác", "doan-cong-tac"),
        ("Điện gió", "dien-gio"),
        ("  --Sơn La:  phát triển -- kinh tế!  ", "son-la-phat-trien-kinh-te"),
        ("a___b...c", "a-b-c"),
        ("already-a-slug", "already-a-slug"),
        ("", ""),
        ("  ", ""),
        ("!!! --- …", ""),
        ("한국어", ""),
        ("Straße 5", "stra-e-5"),
    ]

    @Test("makes a slug from folded words", arguments: examples)
    func makes(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test("makes the same slug from NFD input", arguments: examples)
    func makesFromNFD(input: String, expected: String) {
        #expect(Slug.make(input.decomposedStringWithCanonicalMapping) == expected)
    }

    @Test("makes only valid or empty slugs", arguments: examples)
    func makesValid(input: String, expected: String) {
        let slug = Slug.make(input)
        #expect(slug.isEmpty || Slug.isValid(slug))
    }

    @Test("cuts a long slug at the last word that fits")
    func cutsAtWord() {
        let slug = Slug.make(String(repeating: "Việt ", count: 100))
        #expect(slug.count == 199)
        #expect(slug.hasSuffix("-viet"))
        #expect(Slug.isValid(slug))
    }

    @Test("keeps a word that ends exactly at the limit")
    func cutsAtLimit() {
        let long = String(repeating: "a", count: Slug.maxLength)
        #expect(Slug.make(long + " b") == long)
    }

    @Test("cuts a single word longer than the limit")
    func cutsLongWord() {
        let slug = Slug.make(String(repeating: "ă", count: 250))
        #expect(slug == String(repeating: "a", count: 200))
        #expect(Slug.isValid(slug))
    }

    @Test("accepts lowercase words of a-z and 0-9 joined by single hyphens", arguments: [
        "a", "0", "dang-ngoc-hau", "59-nq-tw", "x1-2y", String(repeating: "a", count: 200),
    ])
    func accepts(slug: String) {
        #expect(Slug.isValid(slug))
    }

    @Test("rejects anything else", arguments: [
        "", "-", "-a", "a-", "a--b", "Dang", "dang ngoc", "dang_ngoc", "đang", "dang-ngọc", "a/b", "a.b",
        "dang-ngoc-hau\n", String(repeating: "a", count: 201),
    ])
    func rejects(slug: String) {
        #expect(!Slug.isValid(slug))
    }
}
