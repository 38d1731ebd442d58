import Foundation
@testable import GazetteAPI
@testable import GazetteHTTP
import Testing

/// The two paths whose work does not grow with the number of matches — a walk of a sorted order
/// for equality filters with `_sort`, relevance levels from bitmaps for a broad `q` — must give
/// exactly what a scan gives, on every page, fresh and after writes; and they must really be the
/// paths that answered.
@Suite("Sorted walks and ranked bitmaps match scans")
struct IndexedWalkTests {
    static let walkQueries = [
        "province=S%C6%A1n%20La&_sort=-publishedOn", "province=S%C6%A1n%20La&_sort=-publishedOn&_page=2",
        "province=S%C6%A1n%20La&_sort=-publishedOn&_page=12", "province=S%C6%A1n%20La&_sort=-publishedOn&_page=13",
        "province=S%C6%A1n%20La&_sort=-publishedOn&_page=99",
        "province=L%C3%A0o%20Cai&_sort=title&_per_page=100&_page=2", "province=L%C3%A0o%20Cai&_sort=-title&_page=4",
        "province:in=L%C3%A0o%20Cai,Lai%20Ch%C3%A2u&_sort=publishedOn&_page=3",
        "province:in=S%C6%A1n%20La,Lai%20Ch%C3%A2u&province:in=S%C6%A1n%20La,L%C3%A0o%20Cai&_sort=-id&_page=2",
        "province=%C4%90i%E1%BB%87n%20Bi%C3%AAn&_sort=-province",
    ]

    static let rankedQueries = [
        "q=bien+gioi", "q=bien+gioi&_page=2", "q=bien+gioi&_page=9", "q=bien+gioi&_per_page=100&_page=3",
        "q=bien+gioi&_page=500", "q=bien", "q=bien&_page=40", "q=son+la+kinh", "q=son+la+kinh&_page=4",
        "q=cua+khau&_per_page=7&_page=11", "q=dien+gio+nong+san", "q=xuat+khau+bien+gioi",
    ]

    enum Path { case walk, ranked }

    /// The scan's page and the page `path` gives (`nil` when that path declined), as ids with totals.
    static func both(_ store: GazetteStore, _ rawQuery: String, _ path: Path) throws -> (scan: [String], fast: [String]?) {
        let (query, snapshot, scan) = try IndexedQueryTests.scan(store, rawQuery)
        let (index, changed) = try #require(snapshot.indexes.index(for: snapshot, kind: .articles))
        let pageRange = { (total: Int) in Pagination(page: query.page, perPage: query.perPage, total: total).range }
        let result = switch path {
        case .walk: IndexedQuery.sortedWalk(query, snapshot: snapshot, kind: .articles, index: index, changed: changed, range: pageRange)
        case .ranked: IndexedQuery.rankedText(query, snapshot: snapshot, kind: .articles, index: index, changed: changed, range: pageRange)
        }
        return (scan, result.map { ["total \($0.total)"] + $0.page.map(\.id) })
    }

    @Test("a walk of the sorted order gives the scan's page, fresh", arguments: walkQueries)
    func walkFresh(query: String) throws {
        let store = try IndexedQueryTests.store()
        let (scan, fast) = try Self.both(store, query, .walk)
        #expect(fast != nil, "the walk answered")
        #expect(fast == scan)
    }

    @Test("relevance levels from bitmaps give the scan's page, fresh", arguments: rankedQueries)
    func rankedFresh(query: String) throws {
        let store = try IndexedQueryTests.store()
        let (scan, fast) = try Self.both(store, query, .ranked)
        #expect(fast != nil, "the bitmaps answered")
        #expect(fast == scan)
        #expect(scan.first != "total 0", "the query matches something")
    }

    @Test("after creates, patches and deletes both paths merge the changed items as a scan orders them")
    func afterWrites() throws {
        let store = try IndexedQueryTests.store()
        try IndexedQueryTests.applyWrites(to: store)
        for query in Self.walkQueries {
            let (scan, fast) = try Self.both(store, query, .walk)
            #expect(fast != nil, "\(query): the walk answered")
            #expect(fast == scan, "\(query)")
        }
        for query in Self.rankedQueries {
            let (scan, fast) = try Self.both(store, query, .ranked)
            #expect(fast != nil, "\(query): the bitmaps answered")
            #expect(fast == scan, "\(query)")
        }
    }

    @Test("each path declines what it cannot answer exactly or cheaply, and the general path answers")
    func declines() throws {
        let store = try IndexedQueryTests.store()
        #expect(try Self.both(store, "province=Nowhere&_sort=title", .walk).fast == nil, "no match: sorting nothing is cheaper")
        #expect(try Self.both(store, "province=S%C6%A1n%20La", .walk).fast == nil, "no _sort")
        #expect(try Self.both(store, "province=S%C6%A1n%20La&_sort=title,-publishedOn", .walk).fast == nil, "two keys")
        #expect(try Self.both(store, "province=S%C6%A1n%20La&title:contains=kinh&_sort=title", .walk).fast == nil, "a condition off the index")
        #expect(try Self.both(store, "publishedOn=2019-05-07&_sort=title", .walk).fast == nil, "a rare value")
        #expect(try Self.both(store, "q=bien+gioi&_sort=title", .ranked).fast == nil, "q with _sort")
        #expect(try Self.both(store, "q=bien+gioi&province=S%C6%A1n%20La", .ranked).fast == nil, "q with a filter")
        #expect(try Self.both(store, "q=a+b+c+d+e", .ranked).fast == nil, "more than four terms")
        #expect(try Self.both(store, "q=zzz+bien", .ranked).fast == nil, "a term that matches nothing")
        for query in ["province=Nowhere&_sort=title", "q=bien+gioi&_sort=title", "q=zzz+bien", "q=a+b+c+d+e"] {
            let (scan, indexed) = try IndexedQueryTests.both(store, query)
            #expect(indexed == scan, "\(query) through IndexedQuery.run")
        }
    }

    @Test("an inverted index built on every core equals one built on one")
    func parallelBuild() throws {
        let store = try IndexedQueryTests.store()
        let snapshot = store.snapshot()
        let serial = CollectionIndex(snapshot: snapshot, kind: .articles, parallelMinimum: .max)
        // Three parts even on one core: the join is what is tested.
        let parallel = CollectionIndex(snapshot: snapshot, kind: .articles, parallelMinimum: 1, parts: 3)
        for q in ["bien", "bien gioi", "cua khau", "son la kinh", "d", "zzz", "nong san xuat khau"] {
            let fullText = try #require(FullTextQuery(q))
            let one = serial.search(fullText)
            let several = parallel.search(fullText)
            #expect(several.slots == one.slots, "\(q)")
            #expect(several.scores == one.scores, "\(q)")
            #expect(!one.slots.isEmpty || q == "zzz")
        }
        for term in ["bien", "gioi", "son"] {
            #expect(parallel.termBitmaps(term)?.exact == serial.termBitmaps(term)?.exact)
        }
    }

    @Test("a bitmap counts, unions, lists and tests its slots")
    func bitmap() {
        var bits = SlotBitmap([0, 63, 64, 200], capacity: 201)
        #expect(bits.count == 4)
        #expect(bits.contains(63) && bits.contains(64) && !bits.contains(65) && !bits.contains(10_000))
        bits.formUnion(SlotBitmap([1, 300], capacity: 301))
        #expect(bits.slots == [0, 1, 63, 64, 200, 300])
        #expect(bits.word(1) == 1 && bits.word(99) == 0)
        #expect(SlotBitmap.empty.isEmpty && SlotBitmap(capacity: 500).isEmpty && !bits.isEmpty)
    }
}
