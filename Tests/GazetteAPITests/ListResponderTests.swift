import Foundation
@testable import GazetteAPI
import GazetteHTTP
import Testing

@Suite("ListResponder: lists and pages")
struct ListResponderPagingTests {
    static let totalCount: HTTPHeaderName = "X-Total-Count"

    @Test("a plain list is the stored JSON of each item, concatenated")
    func concatenatesCachedJSON() throws {
        let store = try QueryFixture.store()
        let response = try QueryFixture.list(.projects, "/projects", store: store)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(response.headers[Self.totalCount] == "6")
        var expected: [UInt8] = Array("[".utf8)
        for (index, item) in store.snapshot().items(.projects).enumerated() {
            if index > 0 { expected.append(UInt8(ascii: ",")) }
            expected += item.json
        }
        expected += Array("]".utf8)
        #expect(response.body == expected)
        #expect(response.headers[.lastModified] == HTTPDate.format(QueryFixture.now))
    }

    @Test("_page and _per_page select a page; Link keeps the other parameters")
    func pages() throws {
        let all = try QueryFixture.ids(QueryFixture.list(.projects, "/projects"))
        let response = try QueryFixture.list(.projects, "/projects?_sort=name&_per_page=2&_page=2")
        let sorted = try QueryFixture.run("_sort=name", .projects)
        #expect(try QueryFixture.ids(response) == Array(sorted[2..<4]))
        #expect(all.count == 6)
        #expect(response.headers[Self.totalCount] == "6")
        #expect(response.headers[.link] == [
            #"</projects?_sort=name&_per_page=2&_page=1>; rel="first""#,
            #"</projects?_sort=name&_per_page=2&_page=1>; rel="prev""#,
            #"</projects?_sort=name&_per_page=2&_page=3>; rel="next""#,
            #"</projects?_sort=name&_per_page=2&_page=3>; rel="last""#,
        ].joined(separator: ", "))
    }

    @Test("the first page has no prev, the last no next; _page is appended when absent")
    func edges() throws {
        let first = try QueryFixture.list(.officials, "/officials?level=provincial&_per_page=2")
        #expect(first.headers[.link] == [
            #"</officials?level=provincial&_per_page=2&_page=1>; rel="first""#,
            #"</officials?level=provincial&_per_page=2&_page=2>; rel="next""#,
            #"</officials?level=provincial&_per_page=2&_page=2>; rel="last""#,
        ].joined(separator: ", "))
        #expect(first.headers[Self.totalCount] == "3")
        let last = try QueryFixture.list(.officials, "/officials?level=provincial&_per_page=2&_page=2")
        #expect(try QueryFixture.ids(last).count == 1)
        #expect(last.headers[.link]?.contains(#"rel="next""#) == false)
        #expect(last.headers[.link]?.contains(#"</officials?level=provincial&_per_page=2&_page=1>; rel="prev""#) == true)
    }

    @Test("a page past the end is an empty array with the right headers")
    func pastTheEnd() throws {
        let response = try QueryFixture.list(.projects, "/projects?_page=9&_per_page=4")
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == "[]")
        #expect(response.headers[Self.totalCount] == "6")
        #expect(response.headers[.link] == [
            #"</projects?_page=1&_per_page=4>; rel="first""#,
            #"</projects?_page=2&_per_page=4>; rel="prev""#,
            #"</projects?_page=2&_per_page=4>; rel="last""#,
        ].joined(separator: ", "))
        let far = try QueryFixture.list(.projects, "/projects?_page=9007199254740991")
        #expect(String(decoding: far.body, as: UTF8.self) == "[]")
        #expect(far.headers[.link]?.contains(#"</projects?_page=1>; rel="prev""#) == true)
    }

    @Test("an empty result is one empty page")
    func emptyResult() throws {
        let response = try QueryFixture.list(.projects, "/projects?areaHa:gt=1000&_envelope=true")
        let body = try QueryFixture.json(response)
        #expect(body["data"] == [])
        #expect(body["meta"] == ["total": 0, "page": 1, "perPage": 20, "pages": 1])
        #expect(response.headers[Self.totalCount] == "0")
    }

    @Test("_envelope=true wraps data, meta and links; prev and next are null when absent")
    func envelope() throws {
        let response = try QueryFixture.list(.officials, "/officials?_envelope=true&_per_page=3&_sort=name")
        let body = try QueryFixture.json(response)
        #expect(body["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-minh-vu"])
        #expect(body["meta"] == ["total": 4, "page": 1, "perPage": 3, "pages": 2])
        #expect(body["links"] == [
            "first": "/officials?_envelope=true&_per_page=3&_sort=name&_page=1",
            "prev": nil,
            "next": "/officials?_envelope=true&_per_page=3&_sort=name&_page=2",
            "last": "/officials?_envelope=true&_per_page=3&_sort=name&_page=2",
        ])
        #expect(response.headers[Self.totalCount] == "4")
        let keys = try #require(body.objectValue?.keys)
        #expect(keys == ["data", "meta", "links"])
    }

    @Test("Link escapes what may not appear inside <…>, and keeps percent-encoding as sent")
    func linkEscaping() throws {
        let response = try QueryFixture.list(.officials, "/officials?q=%C4%91%E1%BA%B7ng&name:contains=<h>&_per_page=1")
        #expect(response.headers[.link]?.hasPrefix(#"</officials?q=%C4%91%E1%BA%B7ng&name:contains=%3Ch%3E&_per_page=1&_page=1>; rel="first""#) == true)
    }

    @Test("HEAD gets the same status and headers as GET")
    func head() throws {
        let store = try QueryFixture.store()
        let snapshot = store.snapshot()
        let get = try ListResponder.respond(
            to: HTTPRequest(method: .get, target: "/projects?_per_page=2"), kind: .projects, items: snapshot.items(.projects), snapshot: snapshot)
        let head = try ListResponder.respond(
            to: HTTPRequest(method: .head, target: "/projects?_per_page=2"), kind: .projects, items: snapshot.items(.projects), snapshot: snapshot)
        #expect(head.status == get.status)
        #expect(Array(head.headers).map { "\($0.name): \($0.value)" } == Array(get.headers).map { "\($0.name): \($0.value)" })
    }

    @Test("nested lists take the same query language")
    func nestedLists() throws {
        let snapshot = try QueryFixture.store().snapshot()
        let article = try #require(snapshot.items(.articles).first)
        let response = try QueryFixture.list(
            .officials, "/articles/\(article.id)/officials?_sort=name&_per_page=2", parent: (.articles, article.id))
        #expect(try QueryFixture.ids(response) == ["dang-ngoc-hau", "nguyen-dinh-viet"])
        #expect(response.headers[Self.totalCount] == "4")
        #expect(response.headers[.link]?.hasPrefix("</articles/\(article.id)/officials?_sort=name&_per_page=2&_page=1>") == true)
        let articles = try QueryFixture.list(
            .articles, "/officials/dang-ngoc-hau/articles?_fields=title", parent: (.officials, "dang-ngoc-hau"))
        #expect(try QueryFixture.json(articles).arrayValue?.first?.objectValue?.keys == ["id", "title"])
        let refused = try QueryFixture.list(.projects, "/articles/\(article.id)/projects?colour=1", parent: (.articles, article.id))
        #expect(try QueryFixture.blamed(refused) == ["colour"])
    }
}

@Suite("ListResponder: fields and embedding")
struct ListResponderShapeTests {
    @Test("_fields keeps id and the fields asked for, nested ones included, in stored order")
    func sparseFields() throws {
        let response = try QueryFixture.list(.articles, "/articles?_fields=source.name,title")
        let article = try #require(try QueryFixture.json(response).arrayValue?.first?.objectValue)
        #expect(article.keys == ["id", "title", "source"])
        #expect(article["source"] == ["name": "Sơn La"])
        let officials = try QueryFixture.list(.officials, "/officials?_fields=positions.organization&_sort=name&_per_page=1")
        #expect(try QueryFixture.json(officials) == [["id": "dang-ngoc-hau", "positions": [["organization": "UBND tỉnh Sơn La"]]]])
    }

    @Test("_fields and _embed work on a single item")
    func singleItem() throws {
        let response = try QueryFixture.item(.officials, id: "dang-ngoc-hau", "/officials/dang-ngoc-hau?_fields=name&_embed=articles")
        #expect(response.status == .ok)
        let body = try QueryFixture.json(response)
        #expect(body.objectValue?.keys == ["id", "name", "articles"])
        #expect(body["articles"]?.arrayValue?.count == 1)
        #expect(body["articles"]?[0]?["title"]?.stringValue?.hasPrefix("Thứ trưởng") == true)
        #expect(response.headers[.eTag] == ETag.make(response.body))
        let refused = try QueryFixture.item(.officials, id: "dang-ngoc-hau", "/officials/dang-ngoc-hau?_page=2")
        #expect(try QueryFixture.blamed(refused) == ["_page"])
    }

    @Test("a single item without parameters is its stored JSON and ETag")
    func storedItem() throws {
        let store = try QueryFixture.store()
        let item = try #require(store.snapshot().item(.officials, id: "nguyen-minh-vu"))
        let response = try QueryFixture.item(.officials, id: "nguyen-minh-vu", "/officials/nguyen-minh-vu")
        #expect(response.body == item.json)
        #expect(response.headers[.eTag] == item.etag)
    }

    @Test("_embed=officials,projects puts the related items inline on articles")
    func embedOnArticles() throws {
        let store = try QueryFixture.store()
        let response = try QueryFixture.list(.articles, "/articles?_embed=officials,projects", store: store)
        let article = try #require(try QueryFixture.json(response).arrayValue?.first?.objectValue)
        let officials = try #require(article["officials"]?.arrayValue)
        #expect(officials.compactMap { $0["id"]?.stringValue } == article["officialIds"]?.arrayValue?.compactMap(\.stringValue))
        #expect(officials.first?["name"] == "Nguyễn Minh Vũ")
        #expect(article["projects"]?.arrayValue?.count == 6)
        #expect(Array(article.keys.suffix(2)) == ["officials", "projects"])
        let stored = try #require(store.snapshot().item(.officials, id: "nguyen-minh-vu"))
        #expect(officials.first == .object(stored.value))
    }

    @Test("_embed with _fields: the selection, then the embedded items")
    func embedWithFields() throws {
        let response = try QueryFixture.list(.projects, "/projects?_fields=name&_embed=articles&status=planning")
        let body = try QueryFixture.json(response)
        let project = try #require(body.arrayValue?.first?.objectValue)
        #expect(project.keys == ["id", "name", "articles"])
        #expect(project["articles"]?.arrayValue?.count == 1)
    }

    @Test("_embed of something unrelated is refused")
    func embedRefused() throws {
        #expect(try QueryFixture.blamed(QueryFixture.list(.officials, "/officials?_embed=projects")) == ["_embed"])
    }
}

@Suite("ListResponder: groups and aggregates")
struct ListResponderGroupingTests {
    @Test("_group_by=status&_agg=sum:areaHa: count first, then Vietnamese order of keys")
    func groupByStatus() throws {
        let response = try QueryFixture.list(.projects, "/projects?_group_by=status&_agg=sum:areaHa")
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == [
            #"[{"status":"seeking-investment","count":4,"sum":{"areaHa":0}}"#,
            #"{"status":"drafting","count":1,"sum":{"areaHa":0}}"#,
            #"{"status":"planning","count":1,"sum":{"areaHa":19.32}}]"#,
        ].joined(separator: ","))
        #expect(response.headers["X-Total-Count"] == "3")
        #expect(response.headers[.eTag] == ETag.make(response.body))
    }

    @Test("_group_by=publishedOn:month buckets dates")
    func groupByMonth() throws {
        let monthly = try QueryFixture.list(.articles, "/articles?_group_by=publishedOn:month")
        #expect(try QueryFixture.json(monthly) == [["publishedOn": "2025-03", "count": 1]])
        let yearly = try QueryFixture.list(.articles, "/articles?_group_by=publishedOn:year")
        #expect(try QueryFixture.json(yearly) == [["publishedOn": "2025", "count": 1]])
    }

    @Test("_agg without _group_by is one group; missing values are skipped")
    func aggregateWithoutGroups() throws {
        let response = try QueryFixture.list(.projects, "/projects?_agg=sum:areaHa,avg:areaHa,min:startYear,max:endYear,max:legalBasis.issuedOn")
        #expect(String(decoding: response.body, as: UTF8.self)
            == #"[{"count":6,"sum":{"areaHa":19.32},"avg":{"areaHa":19.32},"min":{"startYear":2026},"max":{"endYear":2035,"legalBasis.issuedOn":"2025-01-24"}}]"#)
    }

    @Test("filters and q apply before grouping; an empty result still has its one aggregate group")
    func filtersFirst() throws {
        let grouped = try QueryFixture.list(.officials, "/officials?q=son+la&_group_by=level")
        #expect(try QueryFixture.json(grouped) == [["level": "provincial", "count": 3]])
        let none = try QueryFixture.list(.projects, "/projects?areaHa:gt=100&_agg=sum:areaHa,avg:areaHa")
        #expect(try QueryFixture.json(none) == [["count": 0, "sum": ["areaHa": 0], "avg": ["areaHa": nil]]])
        let noGroups = try QueryFixture.list(.projects, "/projects?areaHa:gt=100&_group_by=status")
        #expect(String(decoding: noGroups.body, as: UTF8.self) == "[]")
    }

    @Test("items without the grouped field form a null group, listed last among equals")
    func nullGroup() throws {
        let response = try QueryFixture.list(.officials, "/officials?_group_by=province")
        #expect(try QueryFixture.json(response) == [["province": "Sơn La", "count": 3], ["province": nil, "count": 1]])
    }

    @Test("groups are not paged: _page with _group_by is refused")
    func refusesPaging() throws {
        let response = try QueryFixture.list(.projects, "/projects?_group_by=status&_page=2&_per_page=1")
        #expect(try QueryFixture.blamed(response) == ["_page", "_per_page"])
    }
}

@Suite("ListResponder: errors, ETags and conditional requests")
struct ListResponderValidationTests {
    @Test("bad queries are a 400 problem naming every offending parameter")
    func problems() throws {
        let response = try QueryFixture.list(
            .projects, "/projects?colour=red&status:like=x&areaHa=ten&_page=0&_per_page=101&_sort=components&_embed=officials&status=unknown")
        #expect(try QueryFixture.blamed(response) == ["colour", "status:like", "areaHa", "_page", "_per_page", "_sort", "_embed", "status"])
        let body = try QueryFixture.json(response)
        #expect(body["status"] == 400)
        #expect(body["type"] == "urn:gazette:problem:invalid-query")
        let zero = try QueryFixture.list(.projects, "/projects?_per_page=0")
        #expect(try QueryFixture.blamed(zero) == ["_per_page"])
        #expect(try QueryFixture.details(zero) == ["_per_page is a number from 1 to 100, not \"0\""])
    }

    @Test("the ETag is stable, differs per query, and answers If-None-Match with 304")
    func etagAndNotModified() throws {
        let store = try QueryFixture.store()
        let first = try QueryFixture.list(.projects, "/projects?_sort=name", store: store)
        let again = try QueryFixture.list(.projects, "/projects?_sort=name", store: store)
        let etag = try #require(first.headers[.eTag])
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        #expect(again.headers[.eTag] == etag)
        #expect(try QueryFixture.list(.projects, "/projects?_sort=-name", store: store).headers[.eTag] != etag)
        #expect(try QueryFixture.list(.projects, "/projects?_sort=name&_envelope=true", store: store).headers[.eTag] != etag)
        let notModified = try QueryFixture.list(.projects, "/projects?_sort=name", store: store, headers: [.ifNoneMatch: etag])
        #expect(notModified.status == .notModified)
        #expect(notModified.body.isEmpty)
        #expect(notModified.headers[.eTag] == etag)
        #expect(notModified.headers["X-Total-Count"] == "6")
        let stale = try QueryFixture.list(.projects, "/projects?_sort=name", store: store, headers: [.ifNoneMatch: "\"0000000000000000\""])
        #expect(stale.status == .ok)
    }

    @Test("the ETag changes when an item of the page changes, and only then")
    func etagFollowsItems() throws {
        let store = try QueryFixture.store()
        let target = "/projects?_per_page=1&_sort=name"
        let before = try #require(try QueryFixture.list(.projects, target, store: store).headers[.eTag])
        let sorted = try QueryFixture.run("_sort=name", .projects)
        // An item on another page: the page is unchanged.
        _ = try store.patch(.projects, id: sorted[3], patch: ["areaHa": 20], ifMatch: nil)
        #expect(try QueryFixture.list(.projects, target, store: store).headers[.eTag] == before)
        _ = try store.patch(.projects, id: sorted[0], patch: ["areaHa": 1], ifMatch: nil)
        let after = try #require(try QueryFixture.list(.projects, target, store: store).headers[.eTag])
        #expect(after != before)
    }

    @Test("the ETag of a list with _embed follows the embedded items too")
    func etagFollowsEmbedded() throws {
        let store = try QueryFixture.store()
        let target = "/articles?_embed=officials"
        let before = try #require(try QueryFixture.list(.articles, target, store: store).headers[.eTag])
        let plain = try #require(try QueryFixture.list(.articles, "/articles", store: store).headers[.eTag])
        _ = try store.patch(.officials, id: "dang-ngoc-hau", patch: ["level": "central"], ifMatch: nil)
        #expect(try QueryFixture.list(.articles, target, store: store).headers[.eTag] != before)
        #expect(try QueryFixture.list(.articles, "/articles", store: store).headers[.eTag] == plain)
    }
}
