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
        // Pinned: a tag must not change between builds, or every client's cache is lost.
        #expect(ETag.make([]) == "\"\(Self.expectedEmpty)\"")
        #expect(ETag.make(Array("a".utf8)) == "\"\(Self.expectedA)\"")
    }

    static let expectedEmpty = "e9e0033e3badaf36"
    static let expectedA = "6bdca1af38d18ac2"

    @Test("fed in pieces, the hasher gives the tag of the concatenation, always 16 digits")
    func pieces() {
        let parts = ["/articles", "?", "q=biên giới", "", "\"0a1b2c3d4e5f6789\""]
        var hasher = ETag.Hasher()
        for part in parts { hasher.add(part) }
        hasher.add(0)
        #expect(hasher.etag == ETag.make(Array(parts.joined().utf8) + [0]))
        // Every split of one text, at every length across the eight-byte words, gives one hash.
        let text = Array("Cửa khẩu Chiềng Khương, Sơn La: 2025-03-21".utf8)
        for length in 0...text.count {
            let whole = ETag.hash(Array(text[..<length]))
            for cut in 0...length {
                var split = ETag.Hasher()
                Array(text[..<cut]).withUnsafeBufferPointer { split.add($0) }
                for byte in text[cut..<length] { split.add(byte) }
                #expect(split.value == whole, "length \(length), cut at \(cut)")
            }
            // Lengths differ in the hash even where the bytes are zeros.
            #expect(ETag.hash([UInt8](repeating: 0, count: length)) != ETag.hash([UInt8](repeating: 0, count: length + 1)))
        }
        var byHash = ETag.Hasher()
        byHash.add(hash: 0x0102_0304_0506_0708)
        #expect(byHash.value == ETag.hash([8, 7, 6, 5, 4, 3, 2, 1]))
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
