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
