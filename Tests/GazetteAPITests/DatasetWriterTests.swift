import Foundation
@testable import GazetteAPI
import Testing

@Suite("DatasetWriter")
struct DatasetWriterTests {
    private struct Full: Error {}

    @Test("written in small pieces, the document is the one encoded whole, and it loads back to the same items")
    func pieces() throws {
        let snapshot = try APITestSupport.store().snapshot()
        let whole = DatasetWriter.encode(snapshot)
        var pieces: [[UInt8]] = []
        let size = DatasetWriter.write(snapshot, chunkSize: 1_000) { pieces.append($0) }
        #expect(pieces.count > 3)
        #expect(pieces.dropLast().allSatisfy { $0.count > 1_000 })
        #expect(Array(pieces.joined()) == whole)
        #expect(size == whole.count)
        let reloaded = try DatasetLoader.load(whole, source: "export", now: Date())
        for kind in ResourceKind.allCases {
            #expect(reloaded.items(kind).map(\.json) == snapshot.items(kind).map(\.json))
        }
    }

    @Test("a sink's error stops the writing and reaches the caller")
    func sinkError() throws {
        let snapshot = try APITestSupport.store().snapshot()
        var calls = 0
        #expect(throws: Full.self) {
            try DatasetWriter.write(snapshot, chunkSize: 100) { (_) throws(Full) in
                calls += 1
                if calls == 2 { throw Full() }
            }
        }
        #expect(calls == 2)
    }
}
