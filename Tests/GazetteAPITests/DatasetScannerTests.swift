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
}
