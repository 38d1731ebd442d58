@testable import GazetteAPI
import Foundation
import Testing

@Suite("DatasetScanner")
struct DatasetScannerTests {
    static func scan(_ text: String) -> [ResourceKind: [String]]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            DatasetScanner.scan(buffer)?.mapValues { ranges in
                ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
            }
        }
    }

    @Test("finds each item of each resource, strings with brackets, quotes and escapes included")
    func ranges() {
        let found = Self.scan(#" { "articles" : [ {"t":"a ] } \" [ {"} , {"u":[1,{"v":2}]} ], "officials":[], "projects":[{}] } "#)
        #expect(found?[.articles] == [#"{"t":"a ] } \" [ {"}"#, #"{"u":[1,{"v":2}]}"#])
        #expect(found?[.officials] == [])
        #expect(found?[.projects] == ["{}"])
        #expect(Self.scan("{}")?.isEmpty == true)
    }

    @Test("long strings: quotes, escaped quotes and brackets past the first sixteen bytes")
    func longStrings() {
        let long = #"{"t":"Cửa khẩu Chiềng Khương ] } [ { \"quoted\" and a backslash \\","u":"Sơn La, Việt Nam"}"#
        let found = Self.scan(#"{"articles":["# + long + "," + long + "]}")
        #expect(found?[.articles] == [long, long])
        #expect(Self.scan(#"{"articles":[{"t":"Cửa khẩu Chiềng Khương without its end}]}"#) == nil)
    }

    @Test("anything else is left to the whole-document parser", arguments: [
        "", "[]", #"{"articles":{}}"#, #"{"extra":[]}"#, #"{"articles":[],"articles":[]}"#, #"{"articles":["x"]}"#,
        #"{"articles":[{}]"#, #"{"articles":[{}]} x"#, #"{"articles":[{"a":"unterminated}]}"#, #"{"articles":[{},]}"#,
        #"{"\u0061rticles":[]}"#,
    ])
    func fallsBack(text: String) {
        #expect(Self.scan(text) == nil)
    }

    @Test("a dataset loads item by item to the same state as parsed whole, articles listed first or last")
    func sameState() throws {
        let seed = try #require(EmbeddedDataset.bytes())
        let document = try JSONParser.parse(seed)
        let now = Date(timeIntervalSince1970: 1_742_515_200)
        let whole = DatasetLoader.build(document, onto: StoreSnapshot(), previous: nil, now: now, errorLimit: 1).snapshot
        guard case .object(let top) = document else { Issue.record("not an object"); return }
        let reordered = JSONObject([("articles", top["articles"]!), ("projects", top["projects"]!), ("officials", top["officials"]!)])
        for bytes in [seed, JSONWriter.encode(.object(reordered))] {
            let streamed = try DatasetLoader.load(bytes, source: "test", now: now)
            for kind in ResourceKind.allCases {
                #expect(streamed.items(kind).map(\.json) == whole.items(kind).map(\.json))
                #expect(streamed.items(kind).map(\.etag) == whole.items(kind).map(\.etag))
                #expect(streamed.modifiedAt(kind) == whole.modifiedAt(kind))
            }
        }
    }

    @Test("the cursor hands out each array a few elements at a time, in document order, then the end")
    func cursorSteps() {
        let text = #" {"officials":[{"a":1},{"b":2},{"c":3}] , "projects":[], "articles":[{"d":[4]}]} "#
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = DatasetScanner.Cursor(buffer)
            var steps: [String] = []
            loop: while true {
                switch cursor.next(limit: 2) {
                case .items(let kind, let ranges):
                    steps.append("\(kind.rawValue):" + ranges.map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: "|"))
                case .end:
                    steps.append("end")
                    break loop
                case .invalid:
                    steps.append("invalid")
                    break loop
                }
            }
            #expect(steps == [#"officials:{"a":1}|{"b":2}"#, #"officials:{"c":3}"#, #"articles:{"d":[4]}"#, "end"])
            #expect(cursor.completed == [.officials, .projects, .articles])
            #expect(cursor.next(limit: 2) == .end)
        }
        // A problem is found where the walk reaches it, and the cursor stays invalid.
        let broken = Array(#"{"officials":[{"a":1},{"b":2},{"c":3}],"articles":[{"d":4}] x"#.utf8)
        broken.withUnsafeBufferPointer { buffer in
            var cursor = DatasetScanner.Cursor(buffer)
            guard case .items(.officials, let first) = cursor.next(limit: 2) else { Issue.record("no items"); return }
            #expect(first.count == 2)
            #expect(cursor.isValidToEnd() == false)
            #expect(cursor.next(limit: 2) == .invalid)
        }
    }

    @Test("an invalid item before a syntax error further on: the syntax error is reported, as a whole parse does")
    func itemProblemThenSyntaxError() {
        let text = #"{"officials":[{"name":"","level":"provincial","positions":[]}],"projects":[],"articles":[{"x":1}] oops}"#
        do {
            _ = try DatasetLoader.load(Array(text.utf8), source: "f.json", now: Date())
            Issue.record("accepted")
        } catch {
            #expect(error.message.hasPrefix("not valid JSON"), "\(error)")
        }
    }

    @Test("articles listed before many officials: every official is stored before the articles that name them")
    func articlesFirstInBatches() throws {
        let count = DatasetLoader.batchSize + 300
        let officials = (0..<count).map { #"{"id":"can-bo-\#($0)","name":"Cán bộ \#($0)","level":"provincial","positions":[]}"# }
        let articles = (0..<count).map { number in
            #"{"id":"bai-\#(number)","title":"Bài \#(number)","summary":"Tóm tắt.","body":["Đoạn."],"publishedOn":"2025-03-21","officialIds":["can-bo-\#(count - 1 - number)"]}"#
        }
        let now = Date(timeIntervalSince1970: 1_742_515_200)
        for text in [#"{"articles":[\#(articles.joined(separator: ","))],"officials":[\#(officials.joined(separator: ","))]}"#,
                     #"{"officials":[\#(officials.joined(separator: ","))],"articles":[\#(articles.joined(separator: ","))]}"#] {
            let loaded = try DatasetLoader.load(Array(text.utf8), source: "f.json", now: now)
            #expect(loaded.count(.articles) == count)
            #expect(loaded.count(.officials) == count)
            #expect(loaded.articleIDs(referencing: .officials, id: "can-bo-0") == ["bai-\(count - 1)"])
            #expect(loaded.items(.articles).map(\.id) == (0..<count).map { "bai-\($0)" })
        }
    }

    @Test("a problem in an item is reported at its JSON pointer, as before")
    func itemProblem() {
        let text = #"{"officials":[{"name":"A","level":"provincial","positions":[]},{"name":"","level":"provincial","positions":[]}]}"#
        #expect(throws: DatasetError.self) { try DatasetLoader.load(Array(text.utf8), source: "f.json", now: Date()) }
        do {
            _ = try DatasetLoader.load(Array(text.utf8), source: "f.json", now: Date())
        } catch {
            #expect(error.pointer == "/officials/1/name")
            #expect(error.source == "f.json")
        }
    }

    /// `count` officials, valid but for `invalid` (an empty name) and `broken` (not JSON).
    static func officials(_ count: Int, invalid: Int? = nil, broken: Int? = nil) -> [UInt8] {
        let items = (0..<count).map { number in
            if number == broken { return #"{"name":}"# }
            return #"{"name":"\#(number == invalid ? "" : "Cán bộ \(number)")","level":"provincial","positions":[]}"#
        }
        return Array(#"{"officials":[\#(items.joined(separator: ","))]}"#.utf8)
    }

    @Test("batches prepared on several cores load in order, and a problem deep in one is reported where it is")
    func batches() throws {
        let count = DatasetLoader.batchSize + 700
        let loaded = try DatasetLoader.load(Self.officials(count), source: "f.json", now: Date())
        #expect(loaded.items(.officials).map { $0.value["name"]?.stringValue } == (0..<count).map { "Cán bộ \($0)" })
        for invalid in [3, 2_050, DatasetLoader.batchSize + 650] {
            do {
                _ = try DatasetLoader.load(Self.officials(count, invalid: invalid), source: "f.json", now: Date())
                Issue.record("item \(invalid) was accepted")
            } catch {
                #expect(error.pointer == "/officials/\(invalid)/name")
            }
        }
        // Not JSON: the whole-document parser reports it.
        #expect(throws: DatasetError.self) {
            try DatasetLoader.load(Self.officials(count, broken: DatasetLoader.batchSize + 1), source: "f.json", now: Date())
        }
    }
}

extension DatasetScanner {
    /// Each resource's element ranges, in document order, as one scan to the end; `nil` where the
    /// cursor finds the document invalid.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [ResourceKind: [Range<Int>]]? {
        var cursor = Cursor(bytes)
        var result: [ResourceKind: [Range<Int>]] = [:]
        while true {
            switch cursor.next(limit: .max) {
            case .items(let kind, let ranges): result[kind, default: []] += ranges
            case .end: return result.merging(cursor.completed.map { ($0, []) }) { found, _ in found }
            case .invalid: return nil
            }
        }
    }
}
