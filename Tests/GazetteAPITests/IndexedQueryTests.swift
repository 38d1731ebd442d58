import Foundation
@testable import GazetteAPI
@testable import GazetteHTTP
import Testing

/// The indexed path must give exactly what a scan gives: same total, same items, same order, on a
/// fresh index and with items changed, added and deleted since it was built.
@Suite("Indexed queries match scans")
struct IndexedQueryTests {
    static let words = ["biên giới", "cửa khẩu", "Chiềng Khương", "kinh tế", "ngoại giao", "hạ tầng", "cà phê",
                        "điện gió", "nông sản", "Sơn La", "xuất khẩu", "biển", "biến đổi", "đường"]
    static let provinces = ["Sơn La", "Điện Biên", "Lai Châu", "Lào Cai"]

    /// A store of `count` articles with titles, provinces and dates drawn from small lists.
    static func store(count: Int = 1_200) throws -> GazetteStore {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var articles: [JSONValue] = []
        for number in 0..<count {
            let title = (0..<4).map { _ in words[next(words.count)] }.joined(separator: " ")
            var article: JSONObject = [
                "id": .string("bai-\(number)"), "title": .string(title),
                "summary": .string((0..<6).map { _ in words[next(words.count)] }.joined(separator: " ")),
                "body": [.string((0..<10).map { _ in words[next(words.count)] }.joined(separator: " "))],
                "publishedOn": .string(String(format: "20%02d-%02d-%02d", 15 + next(10), 1 + next(12), 1 + next(28))),
            ]
            if next(5) > 0 { article["province"] = .string(provinces[next(provinces.count)]) }
            articles.append(.object(article))
        }
        let document: JSONValue = ["articles": .array(articles), "officials": [], "projects": []]
        return try GazetteStore(dataset: JSONWriter.encode(document), source: "test",
                                clock: { Date(timeIntervalSince1970: 1_742_515_200) })
    }

    static let queries = [
        "q=bien", "q=bien+gioi", "q=cua+khau&_page=3", "q=son+la&_sort=-publishedOn", "q=zzz",
        "province=S%C6%A1n%20La", "province=S%C6%A1n%20La&_sort=-publishedOn&_page=5",
        "province:in=L%C3%A0o%20Cai,Lai%20Ch%C3%A2u&_sort=title,-publishedOn&_per_page=50&_page=2",
        "_sort=province,-publishedOn&_page=7", "_sort=-title", "_sort=province&_page=30", "_sort=-province&_page=60", "_sort=publishedOn&publishedOn:gte=2020-01-01",
        "province=S%C6%A1n%20La&title:contains=kinh&q=ngoai", "publishedOn=2019-05-07", "province=Nowhere",
    ]

    /// `rawQuery` on `/articles` parsed, the state it runs on, and the page a scan gives (ids, the
    /// total first).
    static func scan(_ store: GazetteStore, _ rawQuery: String) throws -> (query: ListQuery, snapshot: StoreSnapshot, page: [String]) {
        let request = try HTTPRequest(method: .get, target: "/articles?" + rawQuery, headers: [.host: "x"], remoteAddress: "t")
        let query = try QueryParser.parseList(request.queryItems, kind: .articles)
        let snapshot = store.snapshot()
        let scanned = QueryEngine.run(query, on: snapshot.items(.articles), kind: .articles)
        let range = Pagination(page: query.page, perPage: query.perPage, total: scanned.items.count).range
        return (query, snapshot, ["total \(scanned.items.count)"] + scanned.items[range].map(\.id))
    }

    /// The page a scan gives and the page the index gives, as ids, with totals.
    static func both(_ store: GazetteStore, _ rawQuery: String) throws -> (scan: [String], indexed: [String]?) {
        let (query, snapshot, scan) = try Self.scan(store, rawQuery)
        let indexed = IndexedQuery.run(query, snapshot: snapshot, kind: .articles) { total in
            Pagination(page: query.page, perPage: query.perPage, total: total).range
        }
        return (scan, indexed.map { ["total \($0.total)"] + $0.page.map(\.id) })
    }

    @Test("a fresh index gives what a scan gives", arguments: queries)
    func fresh(query: String) throws {
        let store = try Self.store()
        let (scan, indexed) = try Self.both(store, query)
        #expect(indexed != nil, "the index was used")
        #expect(indexed == scan)
        #expect(scan.count > 1 || query.contains("zzz") || query.contains("Nowhere") || query.contains("2019-05-07"))
    }

    /// 40 patches (titles, provinces set and removed, dates among the others'), 40 deletes and 40
    /// creates, so that changed items sort and rank between unchanged ones.
    static func applyWrites(to store: GazetteStore) throws {
        for number in 0..<40 {
            _ = try store.patch(.articles, id: "bai-\(number * 7)", patch: [
                "title": .string("biên giới mới \(number)"), "province": number % 2 == 0 ? "Sơn La" : .null,
                "publishedOn": .string("20\(15 + number % 10)-06-\(String(format: "%02d", 1 + number % 28))"),
            ], ifMatch: nil)
            try store.delete(.articles, id: "bai-\(number * 7 + 3)", ifMatch: nil)
            _ = try store.create(.articles, body: [
                "title": .string("Cửa khẩu biên giới \(number)"), "summary": "kinh tế", "body": ["biên giới"],
                "publishedOn": .string("20\(15 + number % 10)-02-\(String(format: "%02d", 1 + number % 28))"),
                "province": number % 3 == 0 ? "Lào Cai" : "Sơn La",
            ])
        }
    }

    @Test("after creates, patches and deletes the index and the changed items together still give what a scan gives")
    func afterWrites() throws {
        let store = try Self.store()
        try Self.applyWrites(to: store)
        for query in Self.queries {
            let (scan, indexed) = try Self.both(store, query)
            #expect(indexed == scan, "\(query)")
        }
    }

    @Test("past 2,048 changed items the old index still answers, exactly, while a fresh one is built")
    func rebuildAfterManyWrites() throws {
        let store = try Self.store()
        // Distinct items count: 1,000 patched and 1,100 created.
        for number in 0..<1_000 {
            _ = try store.patch(.articles, id: "bai-\(number)", patch: ["title": .string("biên giới lần \(number)")], ifMatch: nil)
        }
        for number in 0..<1_100 {
            _ = try store.create(.articles, body: [
                "title": .string("Cửa khẩu biên giới \(number)"), "summary": "kinh tế", "body": ["gió"], "publishedOn": "2024-01-01",
            ])
        }
        let (scan, indexed) = try Self.both(store, "q=bien+gioi")
        #expect(indexed == scan)
        // The query started a build in the background; once it is in, no item counts as changed.
        var changed = Int.max
        for _ in 0..<500 where changed > 0 {
            Thread.sleep(forTimeInterval: 0.02)
            let snapshot = store.snapshot()
            changed = snapshot.indexes.index(for: snapshot, kind: .articles)?.changed.count ?? Int.max
        }
        #expect(changed == 0)
        #expect(try Self.both(store, "q=bien+gioi&_page=2").indexed == (try Self.both(store, "q=bien+gioi&_page=2").scan))
    }

    @Test("the change log knows the slots changed after a version until it drops them; then it says so")
    func changeLog() {
        var log = ChangeLog(limit: 2_048)
        log.reset(at: 10)
        #expect(log.slots(changedAfter: 10) == [])
        #expect(log.slots(changedAfter: 9) == nil, "older than the floor")
        for version in 11...3_000 { log.record(version: UInt64(version), slot: version % 700) }
        #expect(log.count <= 2_048)
        #expect(log.floor > 10)
        #expect(log.slots(changedAfter: 10) == nil)
        #expect(log.slots(changedAfter: 2_998) == [2_999 % 700, 3_000 % 700])
        #expect(log.slots(changedAfter: 3_000) == [])
        #expect(log.slots(changedAfter: log.floor)?.count == 700)
    }

    @Test("queries the index cannot help with are left to the scan")
    func notIndexable() throws {
        let store = try Self.store()
        #expect(try Self.both(store, "title:contains=kinh").indexed == nil, "no q, no equality, no sort")
        #expect(try Self.both(store, "_page=2").indexed == nil)
        let small = try GazetteStore(dataset: try #require(EmbeddedDataset.bytes()), source: "embedded")
        #expect(try Self.both(small, "q=son+la").indexed == nil, "a small store has no index")
    }

    /// The groups a scan makes and the groups the index counts, as JSON text.
    static func groups(_ store: GazetteStore, _ rawQuery: String) throws -> (scan: String, indexed: String?) {
        let request = try HTTPRequest(method: .get, target: "/articles?" + rawQuery, headers: [.host: "x"], remoteAddress: "t")
        let query = try QueryParser.parseList(request.queryItems, kind: .articles)
        let snapshot = store.snapshot()
        let scan = try #require(query.grouping).run(QueryEngine.select(query, on: snapshot.items(.articles), kind: .articles).items)
        let indexed = IndexedQuery.groups(query, snapshot: snapshot, kind: .articles)
        func text(_ groups: [JSONValue]) -> String { String(decoding: JSONWriter.encode(.array(groups)), as: UTF8.self) }
        return (text(scan), indexed.map(text))
    }

    @Test("groups counted from the index equal the scan's, before and after writes (the null group included)")
    func groupsMatch() throws {
        let store = try Self.store()
        let queries = ["_group_by=publishedOn:month", "_group_by=publishedOn:year", "_group_by=province", "_group_by=publishedOn"]
        for query in queries {
            let (scan, indexed) = try Self.groups(store, query)
            #expect(indexed == scan, "\(query)")
        }
        for number in 0..<30 {
            _ = try store.patch(.articles, id: "bai-\(number)", patch: [
                "province": number % 3 == 0 ? .null : "Hà Giang", "publishedOn": "2031-07-04",
            ], ifMatch: nil)
            try store.delete(.articles, id: "bai-\(number + 500)", ifMatch: nil)
            _ = try store.create(.articles, body: ["title": .string("Mới \(number)"), "summary": "x", "body": ["y"], "publishedOn": "2032-01-01"])
        }
        for query in queries {
            let (scan, indexed) = try Self.groups(store, query)
            #expect(indexed == scan, "\(query) after writes")
        }
        #expect(try Self.groups(store, "_group_by=province&_agg=min:publishedOn").indexed == nil, "aggregates scan")
        #expect(try Self.groups(store, "_group_by=province&q=bien").indexed == nil, "q scans")
    }

    @Test("/search from the index ranks like the scan: score, then id; before and after writes")
    func searchMatchesScan() throws {
        let store = try Self.store()
        func expected(_ q: String, page: Int) throws -> [String] {
            let fullText = try #require(FullTextQuery(q))
            let hits = store.snapshot().items(.articles).compactMap { item in
                SearchDocument(item.value, kind: .articles).score(fullText).map { (item.id, $0) }
            }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let range = Pagination(page: page, perPage: 20, total: hits.count).range
            return ["total \(hits.count)"] + hits[range].map { "\($0.0) \($0.1)" }
        }
        func served(_ q: String, page: Int) throws -> [String] {
            let request = try HTTPRequest(method: .get, target: "/search?q=\(q)&_page=\(page)", headers: [.host: "x"], remoteAddress: "t")
            let response = try SearchResponder.respond(to: request, snapshot: store.snapshot())
            guard case .array(let results) = try JSONParser.parse(response.body) else { return [] }
            return ["total \(response.headers[Pagination.totalCountHeader] ?? "?")"] + results.map {
                "\($0["id"]?.stringValue ?? "") \(Int($0["score"]?.numberValue ?? 0))"
            }
        }
        for (q, page) in [("bien+gioi", 1), ("bien", 3), ("kinh+te+son", 1), ("zzz", 1)] {
            #expect(try served(q, page: page) == (try expected(q.replacingOccurrences(of: "+", with: " "), page: page)), "\(q)")
        }
        for number in 0..<25 {
            _ = try store.patch(.articles, id: "bai-\(number)", patch: ["title": .string("biên giới \(number)")], ifMatch: nil)
        }
        #expect(try served("bien+gioi", page: 1) == (try expected("bien gioi", page: 1)), "after writes")
    }
}
