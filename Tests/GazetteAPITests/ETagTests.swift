import GazetteAPI
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
