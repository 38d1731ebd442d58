import Foundation
@testable import GazetteAPI
import GazetteHTTP
import Testing

@Suite("GET /search")
struct SearchResponderTests {
    static let borderGate = "khu-vuc-cua-khau-chinh-chieng-khuong"

    private func results(_ target: String) throws -> [JSONValue] {
        let response = try QueryFixture.search(target)
        #expect(response.status == .ok)
        return try #require(try QueryFixture.json(response).arrayValue)
    }

    @Test("q=dang ngoc hau ranks the official first, with type, label, snippet and score")
    func findsOfficial() throws {
        let hits = try results("/search?q=dang+ngoc+hau")
        let first = try #require(hits.first?.objectValue)
        #expect(first.keys == ["type", "id", "label", "snippet", "score"])
        #expect(first["type"] == "official")
        #expect(first["id"] == "dang-ngoc-hau")
        #expect(first["label"] == "Đặng Ngọc Hậu")
        #expect(first["score"] == 9)
        #expect(first["snippet"]?.stringValue?.contains("Đặng Ngọc Hậu") == true)
        // The article names him in its body: it matches too, below the name match.
        #expect(hits.contains { $0["type"] == "article" })
        let scores = hits.compactMap { $0["score"]?.numberValue }
        #expect(scores == scores.sorted(by: >))
    }

    @Test("q=chieng khuong finds the border gate, with the original diacritics in the snippet")
    func findsBorderGate() throws {
        let hits = try results("/search?q=chieng+khuong")
        let first = try #require(hits.first)
        #expect(first["type"] == "project")
        #expect(first["id"] == .string(Self.borderGate))
        #expect(first["label"] == "Khu vực cửa khẩu chính Chiềng Khương")
        let snippet = try #require(first["snippet"]?.stringValue)
        #expect(snippet.contains("Chiềng Khương"))
        #expect(snippet.count <= Snippet.length + 2)
    }

    @Test("type= restricts the resources searched (plural or singular)")
    func filtersByType() throws {
        let officials = try results("/search?q=son+la&type=officials")
        #expect(!officials.isEmpty)
        #expect(officials.allSatisfy { $0["type"] == "official" })
        let two = try results("/search?q=son+la&type=project,articles")
        #expect(Set(two.compactMap { $0["type"]?.stringValue }) == ["article", "project"])
    }

    @Test("pages like lists: X-Total-Count, Link, _envelope")
    func pages() throws {
        let all = try results("/search?q=son+la&_per_page=100")
        let response = try QueryFixture.search("/search?q=son+la&_per_page=2&_page=2")
        #expect(response.headers["X-Total-Count"] == String(all.count))
        let page = try #require(try QueryFixture.json(response).arrayValue)
        #expect(page == Array(all[2..<min(4, all.count)]))
        #expect(response.headers[.link]?.contains(#"</search?q=son+la&_per_page=2&_page=1>; rel="prev""#) == true)
        let enveloped = try QueryFixture.json(QueryFixture.search("/search?q=son+la&_envelope=true&_per_page=1"))
        #expect(enveloped["meta"]?["total"]?.intValue == all.count)
        #expect(enveloped["links"]?["prev"]?.isNull == true)
    }

    @Test("the ETag is the body's; If-None-Match gives 304")
    func etag() throws {
        let store = try QueryFixture.store()
        let response = try QueryFixture.search("/search?q=ngoai+giao", store: store)
        let etag = try #require(response.headers[.eTag])
        #expect(etag == ETag.make(response.body))
        var request = try HTTPRequest(method: .get, target: "/search?q=ngoai+giao")
        request.headers[.ifNoneMatch] = etag
        #expect(try SearchResponder.respond(to: request, snapshot: store.snapshot()).status == .notModified)
    }

    static let refused: [(target: String, blamed: [String])] = [
        ("/search", ["q"]),
        ("/search?q=", ["q"]),
        ("/search?q=%20-%20", ["q"]),
        ("/search?q=x&q=y", ["q"]),
        ("/search?q=x&type=people", ["type"]),
        ("/search?q=x&type=", ["type"]),
        ("/search?q=x&_page=0", ["_page"]),
        ("/search?q=x&_per_page=101", ["_per_page"]),
        ("/search?q=x&_envelope=1", ["_envelope"]),
        ("/search?q=x&_sort=score", ["_sort"]),
        ("/search?status=planning", ["status", "q"]),
    ]

    @Test("a missing or empty q, or an unknown parameter, is a 400 naming it", arguments: refused.indices)
    func refuses(index: Int) throws {
        let (target, blamed) = Self.refused[index]
        #expect(try QueryFixture.blamed(QueryFixture.search(target)) == blamed, "\(target)")
    }
}

@Suite("Snippet")
struct SnippetTests {
    static let long = String(repeating: "Phát triển kinh tế khu vực biên giới. ", count: 6)
        + "Xây dựng cửa khẩu chính Chiềng Khương hiện đại, "
        + String(repeating: "đồng bộ hạ tầng giao thông và logistics. ", count: 6)

    @Test("a short text is the snippet whole")
    func shortText() {
        #expect(Snippet.excerpt("Đặng Ngọc Hậu", terms: ["hau"]) == "Đặng Ngọc Hậu")
    }

    @Test("a long text is cut at word boundaries around the first match, with ellipses")
    func longText() {
        let snippet = Snippet.excerpt(Self.long, terms: ["chieng"])
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.contains("Chiềng Khương"))
        #expect(snippet.count <= Snippet.length + 2)
        #expect(snippet.count >= Snippet.length / 2)
        // Whole words only: the cut falls on spaces.
        let inner = snippet.dropFirst().dropLast()
        #expect(Self.long.contains(String(inner)))
        #expect(inner.first?.isWhitespace == false)
        #expect(Self.long.contains(" " + inner))
    }

    @Test("a match near the start keeps the start")
    func matchAtStart() {
        let snippet = Snippet.excerpt(Self.long, terms: ["phat"])
        #expect(snippet.hasPrefix("Phát triển"))
        #expect(snippet.hasSuffix("…"))
    }

    @Test("the snippet prefers a text other than the label when it matches as many terms")
    func prefersNonLabel() throws {
        let object: JSONObject = [
            "id": "x", "name": "Khu vực cửa khẩu Chiềng Khương",
            "objectives": ["phát triển cửa khẩu chính Chiềng Khương theo hướng đồng bộ"],
        ]
        let document = SearchDocument(object, kind: .projects)
        let query = try #require(FullTextQuery("chieng khuong"))
        #expect(Snippet.make(document, query: query, label: "Khu vực cửa khẩu Chiềng Khương")
            == "phát triển cửa khẩu chính Chiềng Khương theo hướng đồng bộ")
        let onlyLabel = try #require(FullTextQuery("khu vuc"))
        #expect(Snippet.make(document, query: onlyLabel, label: "Khu vực cửa khẩu Chiềng Khương") == "Khu vực cửa khẩu Chiềng Khương")
    }
}
