import Foundation
@testable import GazetteAPI
import Testing

@Suite("SchemaValidator URLs")
struct SchemaValidatorURLTests {
    private static func isPlain(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer(SchemaValidator.isPlainHTTPURL)
    }

    /// The rule for a `.url` field, asked of Foundation alone: the reference the fast check must
    /// never be looser than.
    private static func foundationAccepts(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host else { return false }
        return !host.isEmpty
    }

    @Test("whatever the plain check accepts, Foundation accepts", arguments: [
        "https://baolongan.vn/nong-nghiep/a-1.html", "http://a", "http://1.2.3.4/x", "https://xn--b-xyz.vn/",
        "http://a-b.c-d.e/~x_y.z/", "https://a.b/A/B", "https://baosonla.vn/", "http://a/", "http://a//",
        "https://a.b/.", "https://a.b/../x", "https://a--b.c/", "http://0", "https://a.b/-_.~/",
    ])
    func acceptedByBoth(text: String) {
        #expect(Self.isPlain(text))
        #expect(Self.foundationAccepts(text))
        #expect(SchemaValidator.isAbsoluteHTTPURL(text))
    }

    @Test("generated hosts and paths: the plain check accepts them all, and so does Foundation")
    func generatedCombinations() {
        let labels = ["a", "z9", "0", "1", "xn--b-xyz", "a-b", "abc-def-ghi", "baolongan", "vn", String(repeating: "q", count: 63)]
        let paths = ["", "/", "/x", "/A/B", "/a-b_c.d~e", "/~", "//", "/./", "/../x", "/a.html", "/nong-nghiep/a-1.html",
                     "/UPPER/lower/", "/2025/03/21/", "/-", "/_", "/.hidden"]
        var hosts: [String] = labels
        for first in labels { for second in labels { hosts.append(first + "." + second) } }
        for first in labels.prefix(4) { hosts.append("\(first).b-c.\(first)") }
        var wrong: [String] = []
        var checked = 0
        for scheme in ["http://", "https://"] {
            for host in hosts {
                for path in paths {
                    let text = scheme + host + path
                    checked += 1
                    if !Self.isPlain(text) || !Self.foundationAccepts(text) || !SchemaValidator.isAbsoluteHTTPURL(text) {
                        wrong.append("\(text): plain \(Self.isPlain(text)), Foundation \(Self.foundationAccepts(text))")
                    }
                    if wrong.count >= 10 { break }
                }
            }
        }
        #expect(checked > 3_000)
        #expect(wrong == [])
    }

    @Test("seeded random strings over the URL alphabet: the plain check is never looser than Foundation")
    func randomStrings() {
        let alphabet = Array("abz09-._~/AZ".utf8) + Array(":@?#% ".utf8)
        var random = SeededRandom(seed: 0x0DD_BA11)
        var wrong: [String] = []
        var plainCount = 0
        for _ in 0..<20_000 {
            var text = random.chance(50) ? "https://" : "http://"
            for _ in 0..<random.within(0...16) {
                // Mostly the characters of plain URLs, sometimes one it refuses.
                let byte = random.chance(95) ? alphabet[random.below(12)] : random.pick(alphabet)
                text.append(Character(Unicode.Scalar(byte)))
            }
            if Self.isPlain(text) {
                plainCount += 1
                if !Self.foundationAccepts(text) { wrong.append(text) }
            }
            // The fast check changes nothing about the answer.
            if SchemaValidator.isAbsoluteHTTPURL(text) != Self.foundationAccepts(text) { wrong.append("isAbsoluteHTTPURL: \(text)") }
            if wrong.count >= 10 { break }
        }
        #expect(plainCount > 1_000)
        #expect(wrong == [])
    }

    @Test("the plain check refuses what it does not vouch for; the full check then answers as Foundation does", arguments: [
        "ftp://a", "https://", "http://", "https://a..b", "https://.a", "https://a.", "https://a./", "https://-a.b",
        "https://a-.b", "https://a-", "https://a b", "https://a/b c", "https://a/%20", "HTTPS://a", "Https://a",
        "https://A", "https://a:80/", "https://user@a/", "https://a?x=1", "https://a/?x=1", "https://a#f",
        "https://a/#f", "https:/a", "https:a", "//a", "a", "", "https://a/\u{1EC7}", "https://vi\u{1EC7}t.vn/",
        "https://a_b/", "https://a/b!", "https://a/(b)", "https://a/b\\c", " https://a", "https://a\n",
    ])
    func rejected(text: String) {
        #expect(!Self.isPlain(text))
        #expect(SchemaValidator.isAbsoluteHTTPURL(text) == Self.foundationAccepts(text))
    }
}
