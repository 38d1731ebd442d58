import Testing
@testable import GazetteHTTP

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    private static func fields(_ headers: HTTPHeaders) -> [[String]] {
        headers.map { [$0.name.rawValue, $0.value] }
    }

    @Test("compares and hashes names ignoring ASCII case only")
    func nameEquality() {
        #expect(HTTPHeaderName("content-length") == .contentLength)
        #expect(HTTPHeaderName("CONTENT-LENGTH") == .contentLength)
        #expect(HTTPHeaderName("Content-Lengths") != .contentLength)
        #expect(HTTPHeaderName("Content-Lengt") != .contentLength)
        // Unicode case folding must not make a non-ASCII name equal to an ASCII one.
        #expect(HTTPHeaderName("\u{212A}ey") != HTTPHeaderName("key"))
        #expect(HTTPHeaderName("X-\u{C9}") != HTTPHeaderName("X-\u{E9}"))
        let set: Set<HTTPHeaderName> = ["Accept", "ACCEPT", "accept", "Vary"]
        #expect(set.count == 2)
        #expect(set.contains("vAry"))
    }

    @Test("reads the first value of a name, ignoring case")
    func firstValue() {
        let headers: HTTPHeaders = ["Accept": "a", "Vary": "v", "accept": "b"]
        #expect(headers["ACCEPT"] == "a")
        #expect(headers[.vary] == "v")
        #expect(headers["Missing"] == nil)
        #expect(headers.count == 3)
    }

    @Test("keeps repeated fields in order for values(for:)")
    func valuesInOrder() {
        var headers = HTTPHeaders()
        headers.add("Set-Cookie", "a=1")
        headers.add("Vary", "Accept")
        headers.add("set-cookie", "b=2")
        #expect(headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(headers.values(for: "Missing") == [])
        #expect(Self.fields(headers) == [["Set-Cookie", "a=1"], ["Vary", "Accept"], ["set-cookie", "b=2"]])
    }

    @Test("splits list fields into trimmed, non-empty elements across repeated fields", arguments: [
        (["a, b", "c"], ["a", "b", "c"]),
        ([" a ,\tb\t"], ["a", "b"]),
        (["a,,b", ","], ["a", "b"]),
        (["a, ,b", " \t "], ["a", "b"]),
        ([""], []),
        (["gzip, chunked"], ["gzip", "chunked"]),
    ])
    func listElements(values: [String], elements: [String]) {
        var headers = HTTPHeaders()
        for value in values { headers.add(.transferEncoding, value) }
        #expect(headers.listElements(for: "transfer-encoding") == elements)
    }

    @Test("finds a token in a list field ignoring case, but not a longer token")
    func containsToken() {
        let headers: HTTPHeaders = ["Connection": "Keep-Alive, Upgrade", "connection": "TE"]
        #expect(headers.contains(.connection, token: "keep-alive"))
        #expect(headers.contains(.connection, token: "upgrade"))
        #expect(headers.contains(.connection, token: "te"))
        #expect(!headers.contains(.connection, token: "close"))
        #expect(!headers.contains(.connection, token: "keep"))
        #expect(!headers.contains(.vary, token: "te"))
    }

    @Test("setting a name replaces all its fields at the first one's place")
    func subscriptSetReplaces() {
        var headers: HTTPHeaders = ["A": "1", "Vary": "x", "a": "2", "B": "3"]
        headers["a"] = "new"
        #expect(Self.fields(headers) == [["a", "new"], ["Vary", "x"], ["B", "3"]])
        headers["C"] = "4"
        #expect(Self.fields(headers) == [["a", "new"], ["Vary", "x"], ["B", "3"], ["C", "4"]])
    }

    @Test("setting nil or remove deletes every field of the name")
    func removes() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers["A"] = nil
        #expect(Self.fields(headers) == [["B", "2"]])
        headers.remove("b")
        #expect(headers.isEmpty)
    }
}
