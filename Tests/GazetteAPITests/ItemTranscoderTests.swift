import Foundation
@testable import GazetteAPI
import Testing

/// The transcoder is only a faster way to the state the general path builds (parse, validate,
/// put): every dataset here is loaded both ways and must give the same items, byte for byte, or
/// the same first problem.
@Suite("ItemTranscoder")
struct ItemTranscoderTests {
    static let now = Date(timeIntervalSince1970: 1_742_515_200)

    static let official = #"{"id":"lo-minh-hung","name":"Lò Minh Hưng","positions":[{"title":"Phó Chủ tịch","organization":"UBND tỉnh Sơn La"}],"level":"provincial","province":"Sơn La"}"#
    static let project = #"{"id":"cua-khau-chieng-khuong","name":"Cửa khẩu Chiềng Khương","category":"border-gate","status":"planning","areaHa":12.5,"startYear":2025,"phases":[{"name":"Giai đoạn 1","startYear":2025,"endYear":2030}]}"#
    static let article = #"{"id":"bai-mot","title":"Thứ trưởng làm việc với tỉnh Sơn La","titleEn":"Deputy Minister works with Sơn La","summary":"Cửa khẩu Chiềng Khương được nâng cấp.","body":["Đoạn một về cửa khẩu.","Đoạn hai – “trích dẫn”…"],"images":[{"caption":"Toàn cảnh"}],"author":"Cầm Hoa","source":{"name":"Báo Sơn La","url":"https://baosonla.org.vn/chinh-tri/bai-mot.html"},"publishedOn":"2025-03-21","province":"Sơn La","tags":["biên giới","Sơn La"],"officialIds":["lo-minh-hung"],"projectIds":["cua-khau-chieng-khuong"],"createdAt":"2025-03-21T08:00:00Z"}"#

    static func dataset(officials: [String] = [official], projects: [String] = [project], articles: [String]) -> [UInt8] {
        Array(#"{"officials":[\#(officials.joined(separator: ","))],"projects":[\#(projects.joined(separator: ","))],"articles":[\#(articles.joined(separator: ","))]}"#.utf8)
    }

    /// Loads `bytes` item by item (the transcoder where it can) and as one parsed document (the
    /// general path only); both must agree on every item or on the first problem.
    static func expectSameLoad(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let streamed = Result { () throws(DatasetError) in try DatasetLoader.load(bytes, source: "t", now: now) }
        guard let document = try? JSONParser.parse(bytes) else {
            // Not JSON: only the item-by-item path runs, and it must refuse it.
            #expect(throws: DatasetError.self, sourceLocation: sourceLocation) { try streamed.get() }
            return
        }
        let (whole, errors) = DatasetLoader.build(document, onto: StoreSnapshot(), previous: nil, now: now, errorLimit: 1)
        switch streamed {
        case .success(let snapshot):
            #expect(errors.isEmpty, "the general path found \(errors)", sourceLocation: sourceLocation)
            for kind in ResourceKind.allCases {
                #expect(snapshot.items(kind).map(\.id) == whole.items(kind).map(\.id), sourceLocation: sourceLocation)
                #expect(snapshot.items(kind).map { String(decoding: $0.json, as: UTF8.self) }
                        == whole.items(kind).map { String(decoding: $0.json, as: UTF8.self) }, sourceLocation: sourceLocation)
                #expect(snapshot.items(kind).map(\.etag) == whole.items(kind).map(\.etag), sourceLocation: sourceLocation)
                #expect(snapshot.items(kind).map(\.lastModified) == whole.items(kind).map(\.lastModified), sourceLocation: sourceLocation)
                #expect(snapshot.modifiedAt(kind) == whole.modifiedAt(kind), sourceLocation: sourceLocation)
            }
        case .failure(let error):
            #expect(errors.first?.pointer == error.pointer, "\(error)", sourceLocation: sourceLocation)
            #expect(errors.first?.detail == error.message, sourceLocation: sourceLocation)
        }
    }

    static func transcode(_ text: String, _ kind: ResourceKind) -> ItemTranscoder.Item? {
        Array(text.utf8).withUnsafeBufferPointer { ItemTranscoder.transcode($0, schema: kind.schema, now: now) }
    }

    @Test("plain items are read straight into the bytes the general path stores")
    func plainItems() throws {
        for (text, kind) in [(Self.official, ResourceKind.officials), (Self.project, .projects), (Self.article, .articles)] {
            let item = try #require(Self.transcode(text, kind), "\(kind) was declined")
            let value = try #require(try JSONParser.parse(Array(text.utf8)).objectValue)
            #expect(item.stored.id == value["id"]?.stringValue)
            #expect(item.references == kind.schema.referenceFields.map { value[$0.name]?.arrayValue?.compactMap(\.stringValue) ?? [] })
        }
        Self.expectSameLoad(Self.dataset(articles: [Self.article]))
    }

    @Test("the embedded dataset and a generated corpus take the fast path and load as before")
    func datasets() throws {
        let seed = try #require(EmbeddedDataset.bytes())
        let corpus = try CorpusGenerator(articles: 300, seed: 7).makeBytes()
        for bytes in [seed, corpus] {
            Self.expectSameLoad(bytes)
            let ranges = try #require(bytes.withUnsafeBufferPointer { DatasetScanner.scan($0) })
            for (kind, items) in ranges {
                for range in items {
                    let declined = bytes.withUnsafeBufferPointer { buffer in
                        ItemTranscoder.transcode(UnsafeBufferPointer(rebasing: buffer[range]), schema: kind.schema, now: Self.now) == nil
                    }
                    #expect(!declined, "\(kind) item \(String(decoding: bytes[range], as: UTF8.self)) was declined")
                }
            }
        }
    }

    /// `article` with `old` replaced by `new` (which must occur).
    static func article(_ old: String, _ new: String) -> String {
        precondition(article.contains(old), old)
        return article.replacingOccurrences(of: old, with: new)
    }

    @Test("unusual but valid items load as the general path loads them", arguments: [
        // Members out of schema order, and whitespace between every token.
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La","titleEn":"Deputy Minister works with Sơn La","summary":"Cửa khẩu Chiềng Khương được nâng cấp.","#,
                #""summary":"Cửa khẩu Chiềng Khương được nâng cấp.","title":"Thứ trưởng làm việc với tỉnh Sơn La","#),
        article(#"{"id":"bai-mot","#, " {\n  \"id\" : \"bai-mot\" ,\t\"tags\" :[ \"a\" , \"b\" ] ,"),
        // Escapes, decomposed (NFD) text, optional nulls.
        article(#""titleEn":"Deputy Minister works with Sơn La""#, #""titleEn":"A \"quoted\" \u0041\n\/ tab\t""#),
        article("Cửa khẩu Chiềng Khương được", "Cu\u{0309}a kha\u{0302}\u{0309}u Chie\u{0302}\u{0300}ng"),
        article(#""titleEn":"Deputy Minister works with Sơn La""#, #""titleEn":null"#),
        article(#""images":[{"caption":"Toàn cảnh"}]"#, #""images":[{"caption":"Toàn cảnh","captionEn":null}]"#),
        article(#""name":"Báo Sơn La""#, #""name":"B\u00e1o S\u01a1n La""#),
        // Timestamps: given both, another zone, null, fractional seconds.
        article(#""createdAt":"2025-03-21T08:00:00Z""#, #""createdAt":"2025-03-21T08:00:00Z","updatedAt":"2025-04-01T10:30:00Z""#),
        article(#""createdAt":"2025-03-21T08:00:00Z""#, #""createdAt":"2025-03-21T15:00:00+07:00""#),
        article(#""createdAt":"2025-03-21T08:00:00Z""#, #""createdAt":null"#),
        article(#","createdAt":"2025-03-21T08:00:00Z""#, ""),
        // No id: the general path makes one from the title.
        article(#""id":"bai-mot","#, ""),
        // A URL that only Foundation judges; a repeated reference list entry elsewhere.
        article("https://baosonla.org.vn/chinh-tri/bai-mot.html", "https://baosonla.org.vn/a?b=c#d"),
        article("https://baosonla.org.vn/chinh-tri/bai-mot.html", "HTTP://BaoSonLa.org.vn:8080/A%20B"),
        // Empty optional text, empty arrays.
        article(#""author":"Cầm Hoa""#, #""author":"""#),
        article(#""tags":["biên giới","Sơn La"]"#, #""tags":[]"#),
    ])
    func unusualButValid(text: String) {
        Self.expectSameLoad(Self.dataset(articles: [text]))
    }

    @Test("invalid items are declined and reported as the general path reports them", arguments: [
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La""#, #""title":"   ""#),
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La""#, #""title":"\u00a0\u3000""#),
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La""#, #""title":null"#),
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La""#, #""title":12"#),
        article(#""title":"Thứ trưởng làm việc với tỉnh Sơn La","#, ""),
        article(#""body":["Đoạn một về cửa khẩu.","Đoạn hai – “trích dẫn”…"]"#, #""body":"một chuỗi""#),
        article(#""body":["Đoạn một về cửa khẩu.","Đoạn hai – “trích dẫn”…"]"#, #""body":["a",null]"#),
        article(#""images":[{"caption":"Toàn cảnh"}]"#, #""images":[{"captionEn":"Overview"}]"#),
        article(#""images":[{"caption":"Toàn cảnh"}]"#, #""images":[{"caption":"Toàn cảnh","extra":1}]"#),
        article(#""source":{"name":"Báo Sơn La","#, #""source":{"name":"Báo Sơn La","kind":"x","#),
        article("https://baosonla.org.vn/chinh-tri/bai-mot.html", "ftp://baosonla.org.vn/a"),
        article(#""publishedOn":"2025-03-21""#, #""publishedOn":"2025-02-30""#),
        article(#""publishedOn":"2025-03-21""#, #""publishedOn":"21/03/2025""#),
        article(#""id":"bai-mot""#, #""id":"Bài Một""#),
        article(#""id":"bai-mot""#, #""id":"bai--mot""#),
        article(#""projectIds":["cua-khau-chieng-khuong"]"#, #""projectIds":[1]"#),
        article(#""createdAt":"2025-03-21T08:00:00Z""#, #""createdAt":"yesterday""#),
        article(#""createdAt":"2025-03-21T08:00:00Z""#, #""createdAt":20250321"#),
        article(#""tags":["biên giới","Sơn La"]"#, #""tags":["biên giới","Sơn La"],"unknown":true"#),
        article(#""id":"bai-mot","#, #""id":"bai-mot","id":"bai-hai","#),
    ])
    func invalid(text: String) {
        #expect(Self.transcode(text, .articles) == nil)
        Self.expectSameLoad(Self.dataset(articles: [text]))
    }

    @Test("references are checked as a transcoded item is stored", arguments: [
        article(#""officialIds":["lo-minh-hung"]"#, #""officialIds":["khong-co"]"#),
        article(#""officialIds":["lo-minh-hung"]"#, #""officialIds":["lo-minh-hung","lo-minh-hung"]"#),
        article(#""projectIds":["cua-khau-chieng-khuong"]"#, #""projectIds":["khong-co","cua-khau-chieng-khuong","khong-co"]"#),
    ])
    func references(text: String) {
        #expect(Self.transcode(text, .articles) != nil)
        Self.expectSameLoad(Self.dataset(articles: [text]))
        #expect(throws: DatasetError.self) { try DatasetLoader.load(Self.dataset(articles: [text]), source: "t", now: Self.now) }
    }

    @Test("members in any order are stored in schema order", arguments: [
        #"{"name":"Lò Minh Hưng","level":"provincial","id":"lo-minh-hung","positions":[{"organization":"UBND tỉnh Sơn La","title":"Phó Chủ tịch"}]}"#,
        #"{"province":"Sơn La","level":"provincial","positions":[],"name":"Lò Minh Hưng","id":"lo-minh-hung","updatedAt":"2025-03-02T00:00:00Z"}"#,
    ])
    func anyOrder(text: String) throws {
        let item = try #require(Self.transcode(text, .officials))
        let value = try #require(try JSONParser.parse(item.stored.json).objectValue)
        #expect(value.keys == OfficialSchema.schema.fieldNames.filter { value[$0] != nil })
        for name in value.keys {
            #expect(item.stored.member(name) == value[name], "member \(name)")
        }
        Self.expectSameLoad(Self.dataset(officials: [text], articles: [Self.article]))
    }

    @Test("invalid JSON inside an item: the item-by-item load refuses it, as the parser does", arguments: [
        article("Toàn cảnh", "Toàn\u{01}cảnh"),
        article(#""author":"Cầm Hoa""#, #""author":"Cầm Hoa\x""#),
        article(#""tags":["biên giới","Sơn La"]"#, #""tags":["biên giới","Sơn La",]"#),
        article(#""title":"Thứ trưởng"#, #""title":"Thứ trưởng \ud800"#),
    ])
    func invalidJSON(text: String) {
        #expect(Self.transcode(text, .articles) == nil)
        Self.expectSameLoad(Self.dataset(articles: [text]))
    }

    @Test("invalid UTF-8 in a string is declined and refused")
    func invalidUTF8() {
        var bytes = Array(Self.article.utf8)
        let position = bytes.firstIndex(of: UInt8(ascii: "T"))!  // in the title
        bytes[position] = 0xC3  // a lead byte followed by an ASCII byte
        #expect(bytes.withUnsafeBufferPointer { ItemTranscoder.transcode($0, schema: ArticleSchema.schema, now: Self.now) } == nil)
        let dataset = Array(#"{"officials":[\#(Self.official)],"projects":[\#(Self.project)],"articles":["#.utf8) + bytes + Array("]}".utf8)
        #expect(throws: DatasetError.self) { try DatasetLoader.load(dataset, source: "t", now: Self.now) }
    }

    @Test("projects: numbers as the parser reads and the writer writes them", arguments: [
        "12.50", "1e2", "0", "-0", "1E+1", "0.1", "123456789.123456789",
    ])
    func numbers(area: String) {
        let text = Self.project.replacingOccurrences(of: #""areaHa":12.5"#, with: #""areaHa":\#(area)"#)
        #expect(Self.transcode(text, .projects) != nil)
        Self.expectSameLoad(Self.dataset(projects: [text], articles: [Self.article]))
    }

    @Test("projects: numbers out of range or of the wrong kind", arguments: [
        #""areaHa":-1"#, #""areaHa":"12""#, #""startYear":2025.5"#, #""startYear":1800"#, #""startYear":1e400"#,
        #""startYear":01"#, #""startYear":-"#, #""status":"done""#, #""category":null"#,
    ])
    func badNumbers(member: String) {
        let name = member.split(separator: ":")[0]
        let text = Self.project.replacingOccurrences(of: #"\#(name):[^,}]*"#, with: member, options: .regularExpression)
        #expect(text != Self.project)
        #expect(Self.transcode(text, .projects) == nil)
        Self.expectSameLoad(Self.dataset(projects: [text], articles: [Self.article]))
    }

    @Test("an export's derived and server fields round-trip; derived ones must still be JSON")
    func derivedInInput() throws {
        let exported = Self.official.replacingOccurrences(
            of: #""province":"Sơn La"}"#,
            with: #""province":"Sơn La","articleIds":["bai-mot"],"createdAt":"2025-03-01T00:00:00Z","updatedAt":"2025-03-02T00:00:00Z"}"#)
        #expect(Self.transcode(exported, .officials) != nil)
        Self.expectSameLoad(Self.dataset(officials: [exported], articles: [Self.article]))
        let odd = exported.replacingOccurrences(of: #"["bai-mot"]"#, with: #"{"any":[1,true,null]}"#)
        #expect(Self.transcode(odd, .officials) != nil)
        Self.expectSameLoad(Self.dataset(officials: [odd], articles: [Self.article]))
        let deep = exported.replacingOccurrences(of: #"["bai-mot"]"#, with: String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(Self.transcode(deep, .officials) == nil)
        Self.expectSameLoad(Self.dataset(officials: [deep], articles: [Self.article]))
    }

    @Test("duplicate ids, whichever path each item takes, are reported at the second")
    func duplicates() {
        let noID = Self.article.replacingOccurrences(of: #""id":"bai-mot","#, with: "")
        // An escape in a name: the general path.
        let general = Self.article.replacingOccurrences(of: #""author""#, with: #""\u0061uthor""#)
        #expect(Self.transcode(general, .articles) == nil)
        for pair in [[Self.article, Self.article], [general, Self.article], [Self.article, general], [noID, Self.article]] {
            Self.expectSameLoad(Self.dataset(articles: pair))
        }
    }

    @Test("officials named by articles get their articleIds, from either path")
    func derivedLists() throws {
        // The second article is newer: each official's time is that of the last article naming it.
        let second = Self.article.replacingOccurrences(of: "bai-mot", with: "bai-hai")
            .replacingOccurrences(of: "2025-03-21T08:00:00Z", with: "2025-04-02T09:30:00Z")
        let general = second.replacingOccurrences(of: #""author""#, with: #""\u0061uthor""#)
        for articles in [[Self.article, second], [Self.article, general], [second, Self.article]] {
            Self.expectSameLoad(Self.dataset(articles: articles))
            let loaded = try DatasetLoader.load(Self.dataset(articles: articles), source: "t", now: Self.now)
            let ids = articles.map { $0.contains("bai-hai") ? "bai-hai" : "bai-mot" }
            #expect(loaded.item(.officials, id: "lo-minh-hung")?.member("articleIds") == .array(ids.map { .string($0) }))
            let lastNamed = try #require(loaded.item(.articles, id: ids[1]))
            #expect(loaded.item(.officials, id: "lo-minh-hung")?.modifiedAt == lastNamed.modifiedAt)
            #expect(loaded.modifiedAt(.officials) == lastNamed.modifiedAt)
        }
    }
}

extension ItemTranscoder {
    /// One item read by a reader of its own.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, schema: ResourceSchema, now: Date) -> Item? {
        var reader = ItemTranscoder(schema: schema, now: now)
        return reader.transcode(bytes)
    }
}
