import Testing
@testable import GazetteHTTP

@Suite("HTTPDateCache")
struct HTTPDateCacheTests {
    @Test("formats seconds since 1970 as IMF-fixdate", arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
    ])
    func formats(seconds: Int, text: String) {
        #expect(HTTPDateCache.format(seconds) == text)
    }

    @Test("holds the current second's date after update")
    func updates() {
        var cache = HTTPDateCache()
        #expect(cache.bytes.isEmpty)
        let before = SystemCall.wallClockSeconds()
        cache.update()
        let after = SystemCall.wallClockSeconds()
        let text = String(decoding: cache.bytes, as: UTF8.self)
        #expect((before...after).map(HTTPDateCache.format).contains(text))
        #expect(cache.bytes.count == 29)
    }
}
