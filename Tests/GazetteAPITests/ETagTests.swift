@testable import GazetteAPI
import Testing

@Suite("ETag")
struct ETagTests {
    @Test("is a quoted 16-hex-digit tag that depends only on the bytes")
    func stable() {
        let tag = ETag.make(Array(#"{"id":"a"}"#.utf8))
        #expect(tag == ETag.make(Array(#"{"id":"a"}"#.utf8)))
        #expect(tag != ETag.make(Array(#"{"id":"b"}"#.utf8)))
        #expect(tag.count == 18 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
        #expect(ETag.make([]) == "\"cbf29ce484222325\"")
    }

    @Test("fed in pieces, the hasher gives the tag of the concatenation, always 16 digits")
    func pieces() {
        let parts = ["/articles", "?", "q=biên giới", "", "\"0a1b2c3d4e5f6789\""]
        var hasher = ETag.Hasher()
        for part in parts { hasher.add(part) }
        hasher.add(0)
        #expect(hasher.etag == ETag.make(Array(parts.joined().utf8) + [0]))
        // FNV-1a 64 of "a", the published test vector.
        #expect(ETag.make(Array("a".utf8)) == "\"af63dc4c8601ec8c\"")
        // About one in 16 of these hashes starts with a zero digit: it must still be written.
        for seed in 0..<2_000 {
            let tag = ETag.make(Array(String(seed).utf8))
            #expect(tag.utf8.count == 18 && tag.dropFirst().dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }

    @Test("matching: lists, *, and W/ only under weak comparison", arguments: [
        (#""a""#, #""a""#, false, true),
        (#""b", "a""#, #""a""#, false, true),
        (#""b""#, #""a""#, false, false),
        ("*", #""a""#, false, true),
        (#"W/"a""#, #""a""#, false, false),
        (#"W/"a""#, #""a""#, true, true),
        (#"W/"b""#, #""a""#, true, false),
    ])
    func matching(field: String, etag: String, weak: Bool, expected: Bool) {
        #expect(ETag.matches(field, etag: etag, weak: weak) == expected)
    }

    @Test("an item's ETag survives a restart: the same dataset gives the same tags")
    func acrossStores() throws {
        let first = try APITestSupport.store().snapshot().item(.officials, id: "dang-ngoc-hau")?.etag
        let second = try APITestSupport.store().snapshot().item(.officials, id: "dang-ngoc-hau")?.etag
        #expect(first != nil && first == second)
    }
}
