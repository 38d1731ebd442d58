import Foundation
@testable import GazetteAPI
import Synchronization
import Testing

@Suite("Mapped dataset file")
struct MappedDatasetTests {
    private static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-mapped-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a store loaded from a mapped file, given back part by part, equals one loaded from an array")
    func sameStore() throws {
        // Several batches, so parts of the file are released while later ones are still to be read.
        let bytes = DatasetScannerTests.officials(DatasetLoader.batchSize * 2 + 300)
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let now = Date(timeIntervalSince1970: 1_742_515_200)
        let file = try #require(DatasetFile.map(path))
        #expect(file.bytes.count == bytes.count)
        let mapped = try GazetteStore(mapped: file, source: path, clock: { now }).snapshot()
        let read = try GazetteStore(dataset: bytes, source: path, clock: { now }).snapshot()
        #expect(mapped.count(.officials) == DatasetLoader.batchSize * 2 + 300)
        #expect(mapped.items(.officials).map(\.json) == read.items(.officials).map(\.json))
    }

    @Test("a named pipe is not opened to be mapped: opening it waits for a writer, and closing it broke the writer's pipe")
    func namedPipeNotOpened() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Bool?>(nil)
        Thread.detachNewThread {
            let mapped = DatasetFile.map(fifo)
            result.withLock { $0 = mapped == nil }
            done.signal()
        }
        let returned = done.wait(timeout: .now() + 5) == .success
        #expect(returned, "DatasetFile.map blocked opening the pipe")
        if !returned {
            // Be the writer it waits for, so that the thread ends.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
        }
        #expect(result.withLock { $0 } == true)
    }

    @Test("released pages read back from the file unchanged")
    func releaseRereads() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(DatasetFile.map(path))
        #expect(Array(file.bytes) == bytes)
        file.release(1_000..<250_001)
        file.release(0..<file.bytes.count)
        #expect(Array(file.bytes) == bytes)
    }

    @Test("an invalid mapped dataset is reported where it is wrong")
    func invalid() throws {
        let path = try Self.temporaryFile(DatasetScannerTests.officials(DatasetLoader.batchSize + 10, invalid: DatasetLoader.batchSize + 5))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(DatasetFile.map(path))
        do {
            _ = try GazetteStore(mapped: file, source: path)
            Issue.record("an invalid dataset loaded")
        } catch let error as DatasetError {
            #expect(error.pointer == "/officials/\(DatasetLoader.batchSize + 5)/name")
            #expect(error.source == path)
        }
    }

    @Test("an empty file maps to no bytes and is not a dataset; a missing file, a directory and a pipe do not map")
    func unmappable() throws {
        let empty = try Self.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let file = try #require(DatasetFile.map(empty))
        #expect(file.bytes.isEmpty)
        #expect(throws: DatasetError.self) { try GazetteStore(mapped: file, source: empty) }
        #expect(DatasetFile.map("/nonexistent/gazette.json") == nil)
        #expect(DatasetFile.map(FileManager.default.temporaryDirectory.path) == nil)
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]); close(descriptors[1]) }
        #expect(DatasetFile.map("/proc/self/fd/\(descriptors[0])") == nil)
    }

    @Test("a data directory is seeded from a mapped file; once it holds a snapshot the seed is not read")
    func mappedSeed() throws {
        let seed = try Self.temporaryFile(DatasetScannerTests.officials(DatasetLoader.batchSize + 30))
        let notJSON = try Self.temporaryFile(Array("not a dataset".utf8))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-mapped-dir-\(UUID().uuidString)")
        defer {
            for path in [seed, notJSON, directory.path] { try? FileManager.default.removeItem(atPath: path) }
        }
        let seeded: [[UInt8]] = try {
            let store = try GazetteStore.open(directory: directory, mappedSeed: try #require(DatasetFile.map(seed)), source: seed)
            #expect(store.recovery?.seededFrom == seed)
            return store.snapshot().items(.officials).map(\.json)
        }()
        #expect(seeded.count == DatasetLoader.batchSize + 30)
        let reopened = try GazetteStore.open(directory: directory, mappedSeed: try #require(DatasetFile.map(notJSON)), source: notJSON)
        #expect(reopened.recovery?.seededFrom == nil)
        #expect(reopened.snapshot().items(.officials).map(\.json) == seeded)
    }
}
