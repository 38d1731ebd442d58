import Dispatch
import Foundation
@testable import GazetteAPI
import Synchronization
import Testing

/// Durable stores in temporary directories, writes that exercise every record kind, and the
/// state of a store written out so that two stores can be compared exactly.
enum DurableFixture {
    /// A clock that moves 0.37 s per call: timestamps differ between writes and are not whole seconds.
    final class SteppingClock: Sendable {
        private let ticks = Atomic<Int>(0)
        private let start: Date

        init(start: Date = Date(timeIntervalSince1970: 1_742_515_200.25)) {
            self.start = start
        }

        func now() -> Date {
            start.addingTimeInterval(Double(ticks.add(1, ordering: .relaxed).newValue) * 0.37)
        }
    }

    static func withDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-durable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    static func open(_ directory: URL, clock: SteppingClock = SteppingClock(),
                     options: DurabilityOptions = DurabilityOptions()) throws -> GazetteStore {
        let seed = try #require(EmbeddedDataset.bytes())
        return try GazetteStore.open(directory: directory, seed: seed, source: "embedded dataset.json",
                                     options: options, clock: { clock.now() })
    }

    /// Every item of every resource in order, with its bytes, ETag and Last-Modified, and each
    /// resource's Last-Modified: what clients can observe.
    static func state(_ store: GazetteStore, lastModified: Bool = true) -> [String] {
        let snapshot = store.snapshot()
        var lines: [String] = []
        for kind in ResourceKind.allCases {
            if lastModified { lines.append("\(kind.rawValue) Last-Modified \(HTTPDate.format(snapshot.modifiedAt(kind)))") }
            for item in snapshot.items(kind) {
                lines.append("\(kind.rawValue)/\(item.id) \(item.etag)" + (lastModified ? " \(item.lastModified)" : "")
                             + " " + String(decoding: item.json, as: UTF8.self))
            }
        }
        return lines
    }

    static func ids(_ store: GazetteStore, _ kind: ResourceKind) -> [String] {
        store.snapshot().items(kind).map(\.id)
    }

    /// Every file of `directory` with its bytes.
    static func files(_ directory: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return files
    }

    static func official(_ name: String, id: String? = nil) -> JSONValue {
        var object: JSONObject = [
            "name": .string(name), "level": "provincial", "province": "Sơn La",
            "positions": [["title": "Giám đốc", "organization": "Sở Ngoại vụ"]],
        ]
        if let id { object["id"] = .string(id) }
        return .object(object)
    }

    static func article(_ title: String, officials: [String] = [], projects: [String] = []) -> JSONValue {
        [
            "title": .string(title), "summary": "Tóm tắt", "body": ["Đoạn một."], "publishedOn": "2025-04-01",
            "officialIds": .array(officials.map { .string($0) }), "projectIds": .array(projects.map { .string($0) }),
        ]
    }

    /// Creates, replaces, patches and deletes, including writes that change the derived
    /// `articleIds` of officials and projects.
    static func writeEverything(_ store: GazetteStore) throws {
        let official = try store.create(.officials, body: official("Lê Văn Tám"))
        _ = try store.replace(.projects, id: "cua-khau-moi", body: [
            "name": "Cửa khẩu mới", "category": "border-gate", "status": "proposed", "areaHa": 12.5,
        ], ifMatch: nil)
        let article = try store.create(.articles, body: article("Tin mới", officials: [official.id, "dang-ngoc-hau"],
                                                                projects: ["cua-khau-moi"]))
        _ = try store.patch(.articles, id: article.id, patch: ["officialIds": ["nguyen-minh-vu"], "notes": "Đã sửa"], ifMatch: article.etag)
        _ = try store.replace(.officials, id: official.id, body: Self.official("Lê Văn Tám Mới"), ifMatch: nil)
        try store.delete(.articles, id: "thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la", ifMatch: nil)
        let temporary = try store.create(.officials, body: Self.official("Tạm Thời"))
        try store.delete(.officials, id: temporary.id, ifMatch: temporary.etag)
        _ = try store.patch(.projects, id: "xuat-khau-nong-san", patch: ["status": "approved"], ifMatch: nil)
    }
}

@Suite("Data directory: start-up, replay, torn tails, corruption, compaction")
struct DataDirectoryTests {
    typealias F = DurableFixture

    @Test("an empty directory is seeded as snapshot 1 and an empty journal, with the seed's timestamps pinned")
    func seedsEmptyDirectory() throws {
        try F.withDirectory { directory in
            let first = try F.open(directory)
            #expect(first.isDurable)
            #expect(first.recovery?.seededFrom == "embedded dataset.json")
            #expect(first.journalSize == JournalSize(records: 0, bytes: 0))
            let state = F.state(first)
            #expect(Set(try F.files(directory).keys) == ["LOCK", "snapshot-0000000001.json", "journal-0000000001.log"])
            try first.close()

            // Another day, another clock: the seed is not read again, its timestamps stay.
            let later = try F.open(directory, clock: F.SteppingClock(start: Date(timeIntervalSince1970: 1_800_000_000)))
            #expect(later.recovery?.seededFrom == nil)
            #expect(F.state(later) == state)
        }
    }

    @Test("replay rebuilds exactly the live state: same bytes, ETags, Last-Modified and order")
    func replayEqualsLive() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            try F.writeEverything(store)
            let live = F.state(store)
            #expect(store.journalSize?.records == 9)
            try store.close()

            let reopened = try F.open(directory, clock: F.SteppingClock(start: Date(timeIntervalSince1970: 1_900_000_000)))
            #expect(reopened.recovery?.replayedRecords == 9)
            #expect(reopened.recovery?.warnings == [])
            #expect(F.state(reopened) == live)
        }
    }

    @Test("writes after close are refused with 503, and the journal keeps what was acknowledged")
    func closeRefusesWrites() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            _ = try store.create(.officials, body: F.official("Trước Khi Đóng"))
            try store.close()
            #expect(throws: APIError.self) { try store.create(.officials, body: F.official("Sau Khi Đóng")) }
            #expect(store.snapshot().item(.officials, id: "truoc-khi-dong") != nil)
        }
    }

    @Test("a journal cut at every byte of its last record starts, keeps every earlier write, drops only the torn one")
    func tornLastRecordAtEveryOffset() throws {
        try F.withDirectory { original in
            let store = try F.open(original)
            _ = try store.create(.officials, body: F.official("Một"))
            _ = try store.create(.officials, body: F.official("Hai"))
            let beforeLast = F.state(store)
            _ = try store.create(.officials, body: F.official("Ba Mươi Ba Ký Tự Cho Dài Hơn Một Chút"))
            try store.close()
            let journalName = "journal-0000000001.log"
            let journal = try #require(F.files(original)[journalName])
            let last = try #require(Journal.read(journal).entries.last?.offset)
            #expect(journal.count - last > 100)

            for cut in last..<journal.count {
                try F.withDirectory { copy in
                    try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                    try Data(journal[0..<cut]).write(to: copy.appendingPathComponent(journalName))
                    try FileManager.default.copyItem(at: original.appendingPathComponent("snapshot-0000000001.json"),
                                                     to: copy.appendingPathComponent("snapshot-0000000001.json"))
                    let reopened = try F.open(copy)
                    #expect(F.state(reopened) == beforeLast, "cut at \(cut)")
                    #expect(reopened.recovery?.replayedRecords == 2)
                    let warnings = reopened.recovery?.warnings ?? []
                    if cut == last {
                        #expect(warnings.isEmpty)
                    } else {
                        #expect(warnings.count == 1, "cut at \(cut)")
                        #expect(warnings.first?.contains("torn last record at byte \(last)") == true, "\(warnings)")
                    }
                    #expect(try F.files(copy)[journalName]?.count == last, "the torn tail is cut off")
                    // The journal goes on from a clean end: a new write survives another start
                    // (checked at a sample of the offsets: each costs three fsyncs).
                    guard (cut - last) % 16 == 1 || cut == journal.count - 1 else { return }
                    _ = try reopened.create(.officials, body: F.official("Bốn"))
                    let after = F.state(reopened)
                    try reopened.close()
                    #expect(F.state(try F.open(copy)) == after)
                }
            }
        }
    }

    @Test("a corrupt record in the middle stops start-up, names the file and offset, and changes no byte on disk",
          arguments: [0, 3, 8, 20, 60])
    func corruptMiddleRecord(_ position: Int) throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            for name in ["Một", "Hai", "Ba"] { _ = try store.create(.officials, body: F.official(name)) }
            try store.close()
            let journalURL = directory.appendingPathComponent("journal-0000000001.log")
            var journal = Array(try Data(contentsOf: journalURL))
            let second = try #require(Journal.read(journal).entries.dropFirst().first?.offset)
            journal[second + position] ^= 0x04
            try Data(journal).write(to: journalURL)
            let before = try F.files(directory)

            do {
                _ = try F.open(directory)
                Issue.record("start-up should have failed")
            } catch let error as DataDirectoryError {
                guard case .corruptJournal(let file, let offset, _, let bytesAfter) = error else {
                    Issue.record("wrong error \(error)")
                    return
                }
                #expect(file == journalURL.standardizedFileURL.path)
                #expect(offset == second)
                #expect(bytesAfter == journal.count - second)
                #expect(error.description.contains("byte \(second)"))
                #expect(error.description.contains(journalURL.lastPathComponent))
            }
            #expect(try F.files(directory) == before, "nothing on disk changed")
        }
    }

    @Test("a snapshot that does not load stops start-up with its file and JSON pointer, changing nothing")
    func corruptSnapshot() throws {
        try F.withDirectory { directory in
            try F.open(directory).close()
            let snapshotURL = directory.appendingPathComponent("snapshot-0000000001.json")
            var text = try String(contentsOf: snapshotURL, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"level\":\"central\"", with: "\"level\":\"emperor\"")
            try Data(text.utf8).write(to: snapshotURL)
            let before = try F.files(directory)
            #expect {
                _ = try F.open(directory)
            } throws: { error in
                let text = "\(error)"
                return text.contains(snapshotURL.lastPathComponent) && text.contains("/officials/0/level")
            }
            #expect(try F.files(directory) == before)
        }
    }

    @Test("compaction writes snapshot N+1 and an empty journal N+1, removes generation N, and a restart sees the same")
    func compactionThenRestart() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            try F.writeEverything(store)
            let report = try store.compact()
            #expect(report.generation == 2)
            #expect(report.compactedRecords == 9)
            #expect(report.snapshot.hasSuffix("/snapshot-0000000002.json"))
            #expect(store.journalSize == JournalSize(records: 0, bytes: 0))
            #expect(Set(try F.files(directory).keys) == ["LOCK", "snapshot-0000000002.json", "journal-0000000002.log"])
            _ = try store.create(.officials, body: F.official("Sau Ảnh Chụp"))
            #expect(store.journalSize?.records == 1)
            // Last-Modified of lists and of items whose derived fields changed is not part of the
            // --data shape: after a snapshot only the representation is compared.
            let live = F.state(store, lastModified: false)
            try store.close()

            let reopened = try F.open(directory)
            #expect(reopened.recovery?.replayedRecords == 1)
            #expect(F.state(reopened, lastModified: false) == live)
        }
    }

    @Test("a compaction that fails before its rename changes nothing: writes go on to the same journal")
    func compactionFailsBeforeRename() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            _ = try store.create(.officials, body: F.official("Trước"))
            // A directory where the temporary snapshot goes: creating the file fails (EISDIR).
            let blocker = directory.appendingPathComponent("snapshot-0000000002.json.tmp")
            try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
            #expect(throws: APIError.self) { try store.compact() }
            _ = try store.create(.officials, body: F.official("Sau"))
            #expect(store.journalSize?.records == 2)
            let live = F.state(store)
            try store.close()
            try FileManager.default.removeItem(at: blocker)
            #expect(F.state(try F.open(directory)) == live)
        }
    }

    @Test("a compaction that fails after its rename refuses later writes (503), and loses no acknowledged one")
    func compactionFailsAfterRename() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            _ = try store.create(.officials, body: F.official("Trước"))
            // A directory where the new journal goes: snapshot 2 is in place, journal 2 cannot be created.
            let blocker = directory.appendingPathComponent("journal-0000000002.log")
            try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
            #expect(throws: APIError.self) { try store.compact() }
            #expect(throws: APIError.self) { try store.create(.officials, body: F.official("Sau")) }
            let acknowledged = F.state(store, lastModified: false)
            try store.close()
            try FileManager.default.removeItem(at: blocker)
            let reopened = try F.open(directory)
            #expect(reopened.recovery?.snapshot.hasSuffix("snapshot-0000000002.json") == true)
            #expect(F.state(reopened, lastModified: false) == acknowledged)
            #expect(reopened.snapshot().item(.officials, id: "sau") == nil)
        }
    }

    @Test("the journal is compacted automatically past its record limit, in the background")
    func automaticCompaction() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-durable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try F.open(directory, options: DurabilityOptions(compactionRecordLimit: 5, compactionGrowthRatio: 0))
        for index in 1...5 { _ = try store.create(.officials, body: F.official("Người \(index)")) }
        var waited = 0
        while (store.journalSize?.records ?? 0) >= 5, waited < 500 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(store.journalSize?.records == 0)
        #expect(try F.files(directory).keys.contains("snapshot-0000000002.json"))
        let live = F.state(store, lastModified: false)
        try store.close()
        #expect(F.state(try F.open(directory), lastModified: false) == live)
    }

    @Test("past the record limit, the journal is compacted only once it is half the snapshot's size")
    func compactionWaitsForGrowth() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-durable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let store = try F.open(directory, options: DurabilityOptions(compactionRecordLimit: 5))
            let snapshotSize = try #require(F.files(directory)["snapshot-0000000001.json"]).count
            var written = 0
            // Well past the record limit, still below half the snapshot: no compaction.
            while (store.journalSize?.bytes ?? 0) * 2 < snapshotSize - 1_000 {
                written += 1
                _ = try store.create(.officials, body: F.official("Người \(written)"))
            }
            #expect(written > 5)
            try await Task.sleep(for: .milliseconds(200))
            #expect((store.journalSize?.records ?? 0) == written, "no compaction yet")
            // Grow past half the snapshot: a write compacts in the background.
            let compacted = directory.appendingPathComponent("snapshot-0000000002.json").path
            var grown = false
            while !grown {
                written += 1
                _ = try store.create(.officials, body: F.official("Người \(written)"))
                grown = (store.journalSize?.bytes ?? 0) * 2 >= snapshotSize + 2_000
            }
            var waited = 0
            while !FileManager.default.fileExists(atPath: compacted), waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            #expect(FileManager.default.fileExists(atPath: compacted))
            #expect((store.journalSize?.records ?? 0) < written, "the journal started again")
            try store.close()
        }
    }

    @Test("leftovers of an interrupted compaction are harmless: a .tmp snapshot, or generation N beside N+1")
    func interruptedCompaction() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            try F.writeEverything(store)
            let journal1 = try #require(F.files(directory)["journal-0000000001.log"])
            let snapshot1 = try #require(F.files(directory)["snapshot-0000000001.json"])
            _ = try store.compact()
            let live = F.state(store, lastModified: false)
            try store.close()
            // Crash after step 3 (snapshot 2 renamed, journal 2 not created, generation 1 not removed),
            // with a half-written snapshot 3 as well.
            try FileManager.default.removeItem(at: directory.appendingPathComponent("journal-0000000002.log"))
            try Data(journal1).write(to: directory.appendingPathComponent("journal-0000000001.log"))
            try Data(snapshot1).write(to: directory.appendingPathComponent("snapshot-0000000001.json"))
            try Data("{\"officials\":[".utf8).write(to: directory.appendingPathComponent("snapshot-0000000003.json.tmp"))

            let reopened = try F.open(directory)
            #expect(F.state(reopened, lastModified: false) == live)
            #expect(Set(try F.files(directory).keys) == ["LOCK", "snapshot-0000000002.json", "journal-0000000002.log"])

            // Crash during step 2: only generation 1 is complete, so it is what starts.
            try reopened.close()
        }
        try F.withDirectory { directory in
            let store = try F.open(directory)
            try F.writeEverything(store)
            let live = F.state(store)
            try store.close()
            try Data("{\"officials\":[".utf8).write(to: directory.appendingPathComponent("snapshot-0000000002.json.tmp"))
            #expect(F.state(try F.open(directory)) == live)
        }
    }

    @Test("a journal without its snapshot stops start-up", arguments: [false, true])
    func journalWithoutSnapshot(_ keepOlderSnapshot: Bool) throws {
        try F.withDirectory { directory in
            try F.open(directory).close()
            if keepOlderSnapshot {
                try Data().write(to: directory.appendingPathComponent("journal-0000000002.log"))
            } else {
                try FileManager.default.removeItem(at: directory.appendingPathComponent("snapshot-0000000001.json"))
            }
            let before = try F.files(directory)
            #expect {
                _ = try F.open(directory)
            } throws: { error in
                guard let error = error as? DataDirectoryError, case .missingSnapshot = error else { return false }
                return true
            }
            #expect(try F.files(directory) == before)
        }
    }

    @Test("a directory that cannot be created is an error naming it")
    func unusableDirectory() throws {
        try F.withDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: file)
            let inside = file.appendingPathComponent("data")
            #expect {
                _ = try F.open(inside)
            } throws: { error in
                guard let error = error as? DataDirectoryError, case .unusable(let path, _) = error else { return false }
                return path == inside.path && error.description.contains(inside.path)
            }
        }
    }

    @Test("a directory in use by another store is refused until that store is gone")
    func lockedDirectory() throws {
        try F.withDirectory { directory in
            var first: GazetteStore? = try F.open(directory)
            #expect(first?.isDurable == true)
            #expect {
                _ = try F.open(directory)
            } throws: { error in
                guard let error = error as? DataDirectoryError, case .inUse = error else { return false }
                return true
            }
            first = nil
            #expect(try F.open(directory).isDurable)
        }
    }

    @Test("without a data directory the store is in memory: no journal, and compaction is 409")
    func inMemory() throws {
        let store = try APITestSupport.store()
        #expect(!store.isDurable)
        #expect(store.journalSize == nil)
        #expect(store.recovery == nil)
        #expect(throws: APIError.self) { try store.compact() }
        _ = try store.create(.officials, body: F.official("Trong Bộ Nhớ"))
        #expect(store.snapshot().item(.officials, id: "trong-bo-nho") != nil)
        try store.close()
    }

    @Test("concurrent writers all get their writes acknowledged, and all of them are replayed")
    func concurrentWriters() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let failures = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 8) { writer in
                for index in 0..<20 {
                    do {
                        _ = try store.create(.officials, body: F.official("Người \(writer) \(index)", id: "w\(writer)-\(index)"))
                    } catch {
                        failures.add(1, ordering: .relaxed)
                    }
                }
            }
            #expect(failures.load(ordering: .relaxed) == 0)
            #expect(store.journalSize?.records == 160)
            let live = F.state(store)
            try store.close()
            let reopened = try F.open(directory)
            #expect(F.state(reopened) == live)
            #expect(F.ids(reopened, .officials).filter { $0.hasPrefix("w") }.count == 160)
        }
    }
}
