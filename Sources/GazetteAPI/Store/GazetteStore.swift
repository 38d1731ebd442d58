import Dispatch
import Foundation
import Synchronization

/// The store of all three resources. Reads take an immutable `StoreSnapshot` (a copy-on-write
/// value, taken in O(1) under a lock held only for that copy) and work without any lock. Every
/// write goes through one path (`commit`) that decides it against the latest state, turns it into
/// a `JournalRecord`, and applies it with the code journal replay uses; with a data directory it is
/// also appended to the journal, and the call returns only once an fsync covers it.
///
/// In memory, writes change the published snapshot under its lock, as they always did. With a data
/// directory three locks are used, always taken in this order, never the other way:
/// - `sync` serializes fsyncs and compactions. A writer waits here for the fsync that covers its
///   record; whoever holds it syncs every record appended so far, so concurrent writers share one
///   fsync (group commit).
/// - `writer` serializes writers: the state after every appended write (`head`) and the journal.
///   It is never held during an fsync, except by a compaction or an import.
/// - `published` is what readers see: only acknowledged writes. It is held only to copy or swap a
///   value, so a reader never waits for the disk.
public final class GazetteStore: Sendable {
    private struct WriterState {
        /// Every accepted write applied, including those still waiting for their fsync.
        var head: StoreSnapshot
        var journal: Journal?
        /// Records appended since start-up: the ticket a writer waits on.
        var appended: UInt64 = 0
        /// Set when the journal can no longer be trusted (a failed fsync, a failed compaction, or
        /// `close()`): writes are refused from then on, reads go on.
        var failure: String?
    }

    private struct SyncState {
        /// Appended records known to be on disk.
        var durable: UInt64 = 0
    }

    private let published: Mutex<StoreSnapshot>
    private let writer: Mutex<WriterState>
    private let sync = Mutex(SyncState())
    private let clock: @Sendable () -> Date
    private let directory: DataDirectory?
    private let options: DurabilityOptions
    private let journalRecords = Atomic<Int>(0)
    private let journalBytes = Atomic<Int>(0)
    private let journalSyncs = Atomic<Int>(0)
    private let isCompactionScheduled = Atomic<Bool>(false)
    /// Journal records at which the next automatic compaction is tried: raised after a failure,
    /// so that a full disk does not cost a snapshot attempt per write.
    private let nextCompactionRecords = Atomic<Int>(0)
    /// The size of the newest snapshot, for `compactionGrowthRatio`.
    private let snapshotBytes = Atomic<Int>(0)

    /// What start-up found in the data directory; nil for a store in memory.
    public let recovery: StoreRecovery?

    private init(snapshot: StoreSnapshot, journal: Journal?, directory: DataDirectory?, recovery: StoreRecovery?,
                 options: DurabilityOptions, clock: @escaping @Sendable () -> Date) {
        self.published = Mutex(snapshot)
        self.writer = Mutex(WriterState(head: snapshot, journal: journal))
        self.directory = directory
        self.recovery = recovery
        self.options = options
        self.clock = clock
        journalRecords.store(journal?.recordCount ?? 0, ordering: .relaxed)
        journalBytes.store(journal?.size ?? 0, ordering: .relaxed)
    }

    /// An empty store in memory; `clock` stamps `createdAt`/`updatedAt` (tests pass a fixed one).
    public convenience init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(snapshot: StoreSnapshot(), journal: nil, directory: nil, recovery: nil, options: DurabilityOptions(), clock: clock)
    }

    /// A store in memory holding `dataset`, validated as a whole; throws `DatasetError` naming the
    /// first problem.
    public convenience init(dataset bytes: consuming [UInt8], source: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let snapshot = try DatasetLoader.load(bytes, source: source, now: clock())
        // The file's bytes go before the indexes are built: at 1M articles they are 1.4 GB of the peak.
        _ = consume bytes
        Self.prepareIndexes(snapshot)
        self.init(snapshot: snapshot, journal: nil, directory: nil, recovery: nil, options: DurabilityOptions(), clock: clock)
    }

    /// A store in memory holding the dataset of a mapped file, as `init(dataset:source:clock:)`;
    /// each part of the file is given back to the kernel once its items are stored.
    public convenience init(mapped file: consuming MappedDataset, source: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let snapshot = try DatasetLoader.load(file.bytes, source: source, now: clock(), release: file.release)
        _ = consume file
        Self.prepareIndexes(snapshot)
        self.init(snapshot: snapshot, journal: nil, directory: nil, recovery: nil, options: DurabilityOptions(), clock: clock)
    }

    /// Builds a loaded state's indexes, first and last returning to the system what the
    /// allocator keeps of freed memory (the parse trees of the load, the scratch of the build).
    private static func prepareIndexes(_ snapshot: StoreSnapshot) {
        Heap.releaseFreeMemory()
        snapshot.indexes.prepare(snapshot)
        Heap.releaseFreeMemory()
    }

    /// A durable store kept in `directory` (created if missing): the newest snapshot there with its
    /// journal replayed, or, for an empty directory, `seed` (the `--data` shape, `source` naming it
    /// in errors), which becomes the directory's first snapshot. Once a directory holds a snapshot,
    /// `seed` is not read again.
    ///
    /// Throws `DataDirectoryError` for a directory that is not writable, is in use by another
    /// process or holds a corrupt snapshot or journal (nothing on disk is changed then), and
    /// `DatasetError` for an invalid seed. `recovery` lists what start-up found, with warnings to log.
    public static func open(directory: URL, seed: [UInt8], source: String, options: DurabilityOptions = DurabilityOptions(),
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> GazetteStore {
        try seed.withUnsafeBufferPointer { seed in
            try open(directory: directory, seed: seed, release: { _ in }, source: source, options: options, clock: clock)
        }
    }

    /// `open(directory:seed:...)` with the seed in a mapped file: a directory that holds a snapshot
    /// never touches it, and seeding gives each part back once its items are stored.
    public static func open(directory: URL, mappedSeed seed: MappedDataset, source: String,
                            options: DurabilityOptions = DurabilityOptions(),
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> GazetteStore {
        try open(directory: directory, seed: seed.bytes, release: seed.release, source: source, options: options, clock: clock)
    }

    private static func open(directory: URL, seed: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void, source: String,
                             options: DurabilityOptions, clock: @escaping @Sendable () -> Date) throws -> GazetteStore {
        let dataDirectory = try DataDirectory(path: directory.standardizedFileURL.path)
        let recovered = try dataDirectory.recover(seed: seed, releaseSeed: release, source: source, now: clock())
        prepareIndexes(recovered.state)
        let store = GazetteStore(snapshot: recovered.state, journal: recovered.journal, directory: dataDirectory,
                                 recovery: recovered.report, options: options, clock: clock)
        let snapshotSize = (try? FileManager.default.attributesOfItem(atPath: recovered.report.snapshot))?[.size] as? Int
        store.snapshotBytes.store(snapshotSize ?? 0, ordering: .relaxed)
        return store
    }

    deinit {
        writer.withLock { $0.journal?.close() }
    }

    /// The current state, to read without holding any lock.
    public func snapshot() -> StoreSnapshot {
        published.withLock { $0 }
    }

    /// Whether writes are journaled to a data directory.
    public var isDurable: Bool { directory != nil }

    /// The journal's size since the last snapshot, for metrics; nil for a store in memory.
    public var journalSize: JournalSize? {
        guard directory != nil else { return nil }
        return JournalSize(records: journalRecords.load(ordering: .relaxed), bytes: journalBytes.load(ordering: .relaxed))
    }

    /// Journal fsyncs since start-up, for metrics: writes per fsync shows how well commits group.
    public var journalSyncCount: Int { journalSyncs.load(ordering: .relaxed) }

    // MARK: Writes

    /// Creates an item. Without an `id` the server makes one from the label (`-2`, `-3` on collision).
    public func create(_ kind: ResourceKind, body: JSONValue) throws(APIError) -> StoredItem {
        let schema = kind.schema
        var object = try SchemaValidator.validate(body, schema: schema)
        let now = clock()
        return try commitPut { head throws(APIError) -> JournalRecord in
            let id: String
            if let given = object["id"]?.stringValue {
                if head.item(kind, id: given) != nil {
                    throw .conflict(detail: "\(kind.singular) \"\(given)\" already exists.",
                                    errors: [ProblemDetails.FieldError(in: "body", pointer: "/id", detail: "already exists")])
                }
                id = given
            } else {
                id = head.freeID(kind, label: object[schema.labelField]?.stringValue ?? kind.singular)
            }
            object["id"] = .string(id)
            return .put(kind, id: id, writable: object, createdAt: now, updatedAt: now)
        }
    }

    /// Replaces an item, or creates it with the client's id. Returns the item and whether it was created.
    public func replace(_ kind: ResourceKind, id: String, body: JSONValue, ifMatch: String?) throws(APIError) -> (item: StoredItem, created: Bool) {
        let schema = kind.schema
        var object = try SchemaValidator.validate(body, schema: schema)
        if let bodyID = object["id"]?.stringValue, bodyID != id {
            throw .validationFailed([ProblemDetails.FieldError(
                in: "body", pointer: "/id", detail: "\"\(bodyID)\" differs from the id in the path, \"\(id)\"")])
        }
        guard Slug.isValid(id) else {
            throw .validationFailed([ProblemDetails.FieldError(in: "path", name: "id", detail: "\"\(id)\" is not a slug")])
        }
        object["id"] = .string(id)
        let now = clock()
        var created = false
        let item = try commitPut { head throws(APIError) -> JournalRecord in
            let current = head.item(kind, id: id)
            try Self.check(ifMatch: ifMatch, current: current)
            created = current == nil
            return .put(kind, id: id, writable: object, createdAt: current?.createdAt ?? now, updatedAt: now)
        }
        return (item, created)
    }

    /// Applies a JSON Merge Patch (RFC 7396) to an item's writable fields.
    public func patch(_ kind: ResourceKind, id: String, patch: JSONValue, ifMatch: String?) throws(APIError) -> StoredItem {
        let schema = kind.schema
        let now = clock()
        return try commitPut { head throws(APIError) -> JournalRecord in
            guard let current = head.item(kind, id: id) else { throw .notFound(resource: kind, id: id) }
            try Self.check(ifMatch: ifMatch, current: current)
            var patch = patch
            if case .object(var members) = patch {
                // Server-managed and derived fields may appear in an edited GET body: ignore them.
                for field in schema.fields where !field.isWritable { _ = members.removeValue(forKey: field.name) }
                patch = .object(members)
            }
            let merged = JSONMergePatch.apply(patch, to: .object(current.writableValue(schema: schema)))
            var object = try SchemaValidator.validate(merged, schema: schema)
            if let newID = object["id"]?.stringValue, newID != id {
                throw .validationFailed([ProblemDetails.FieldError(
                    in: "body", pointer: "/id", detail: "an item's id cannot change (\"\(id)\" to \"\(newID)\")")])
            }
            object["id"] = .string(id)
            return .put(kind, id: id, writable: object, createdAt: current.createdAt ?? now, updatedAt: now)
        }
    }

    /// Deletes an item. An official or project that an article still names is refused (409).
    public func delete(_ kind: ResourceKind, id: String, ifMatch: String?) throws(APIError) {
        try commit { head throws(APIError) -> JournalRecord in
            guard let current = head.item(kind, id: id) else { throw .notFound(resource: kind, id: id) }
            try Self.check(ifMatch: ifMatch, current: current)
            return .delete(kind, id: id, at: clock())
        }
    }

    private static func check(ifMatch: String?, current: StoredItem?) throws(APIError) {
        guard let ifMatch else { return }
        guard let current else {
            // RFC 9110 §13.1.1: If-Match fails when there is no current representation.
            throw .preconditionFailed(current: "none")
        }
        if !ETag.matches(ifMatch, etag: current.etag, weak: false) { throw .preconditionFailed(current: current.etag) }
    }

    private func commitPut(_ makeRecord: (StoreSnapshot) throws(APIError) -> JournalRecord) throws(APIError) -> StoredItem {
        guard let item = try commit(makeRecord) else { preconditionFailure("a put record stores an item") }
        return item
    }

    /// The one write path. `makeRecord` decides the write against the latest state, with no other
    /// write in between; the record is checked, appended, applied, and made durable before this
    /// returns, and only then published to readers.
    ///
    /// The state is changed in place, so a write costs a copy of a collection only when a reader
    /// or the published snapshot still shares it. In memory, the published snapshot is the state
    /// itself, as before durability; with a journal, `head` is published once per fsync, so a
    /// group of writes shares one copy.
    @discardableResult
    private func commit(_ makeRecord: (StoreSnapshot) throws(APIError) -> JournalRecord) throws(APIError) -> StoredItem? {
        guard directory != nil else {
            return try published.withLock { snapshot throws(APIError) -> StoredItem? in
                try snapshot.apply(try makeRecord(snapshot))
            }
        }
        let (item, ticket) = try writer.withLock { state throws(APIError) -> (StoredItem?, UInt64) in
            if state.failure != nil { throw Self.storageFailure }
            let record = try makeRecord(state.head)
            try state.head.check(record)
            guard var journal = state.journal else { throw Self.storageFailure }
            do {
                try journal.append(record)
            } catch {
                if journal.isDamaged { fail(&state, "cannot cut a failed append back out of the journal: \(error)") }
                state.journal = journal
                options.log("a write was refused: cannot append to the journal: \(error)")
                throw Self.storageFailure
            }
            state.journal = journal
            let item = state.head.applyChecked(record)
            state.appended += 1
            journalRecords.store(journal.recordCount, ordering: .relaxed)
            journalBytes.store(journal.size, ordering: .relaxed)
            return (item, state.appended)
        }
        try waitUntilDurable(ticket)
        scheduleCompactionIfNeeded()
        return item
    }

    /// Returns once record `ticket` is on disk: synced by this call, or by another writer's fsync
    /// or a compaction while this one waited for the sync lock.
    private func waitUntilDurable(_ ticket: UInt64) throws(APIError) {
        try sync.withLock { sync throws(APIError) in
            guard sync.durable < ticket else { return }
            let (journal, target, head, failure) = writer.withLock { ($0.journal, $0.appended, $0.head, $0.failure) }
            guard failure == nil, let journal else { throw Self.storageFailure }
            do {
                try journal.synchronize()
            } catch {
                // After a failed fsync the kernel may have dropped the dirty pages: retrying could
                // "succeed" without the data. Refuse writes until a restart replays the file.
                writer.withLock { fail(&$0, "fsync of the journal failed: \(error)") }
                throw Self.storageFailure
            }
            journalSyncs.add(1, ordering: .relaxed)
            sync.durable = target
            published.withLock { $0 = head }
        }
    }

    private static let storageFailure = APIError.storageFailed(
        detail: "The write could not be made durable and was not applied. The server's log has the cause.")

    private func fail(_ state: inout WriterState, _ reason: String) {
        if state.failure == nil {
            state.failure = reason
            options.log("writes are refused until the server restarts: \(reason)")
        }
    }

    // MARK: Snapshots and imports

    /// Writes a new snapshot of everything and starts an empty journal (see `DataDirectory` for the
    /// protocol). Writers wait meanwhile; readers do not. 409 without a data directory.
    public func compact() throws(APIError) -> CompactionReport {
        guard directory != nil else { throw Self.noDataDirectory }
        return try exclusively { writer, sync throws(APIError) -> CompactionReport in
            try install(writer.head, writer: &writer, sync: &sync)
        }
    }

    /// Imports a dataset in the `--data` shape, validated as a whole against the store it would
    /// make before anything changes (422 listing every problem). With `dryRun` nothing changes.
    /// With a data directory the result is written as a new snapshot, durable before this returns.
    public func importDataset(_ document: JSONValue, mode: ImportMode, dryRun: Bool) throws(APIError) -> ImportChanges {
        let now = clock()
        guard directory != nil else {
            return try published.withLock { snapshot throws(APIError) -> ImportChanges in
                let (result, changes) = try DatasetImport.plan(document, mode: mode, into: snapshot, now: now)
                if !dryRun && !changes.isEmpty { snapshot = result }
                return changes
            }
        }
        if dryRun {
            return try writer.withLock { state throws(APIError) -> ImportChanges in
                try DatasetImport.plan(document, mode: mode, into: state.head, now: now).changes
            }
        }
        return try exclusively { writer, sync throws(APIError) -> ImportChanges in
            if writer.failure != nil { throw Self.storageFailure }
            let (result, changes) = try DatasetImport.plan(document, mode: mode, into: writer.head, now: now)
            if !changes.isEmpty { _ = try install(result, writer: &writer, sync: &sync) }
            return changes
        }
    }

    /// Runs `body` holding the sync lock, then the writer lock: nothing is appended, synced or
    /// published meanwhile.
    private func exclusively<Result: Sendable>(
        _ body: (inout WriterState, inout SyncState) throws(APIError) -> Result
    ) throws(APIError) -> Result {
        try sync.withLock { sync throws(APIError) -> Result in
            try writer.withLock { writer throws(APIError) -> Result in try body(&writer, &sync) }
        }
    }

    /// Makes `state` the new snapshot and publishes it. Every appended record is durable after
    /// this: the snapshot holds them.
    private func install(_ state: StoreSnapshot, writer: inout WriterState, sync: inout SyncState) throws(APIError) -> CompactionReport {
        if writer.failure != nil { throw Self.storageFailure }
        guard let directory, var journal = writer.journal else { throw Self.noDataDirectory }
        let compacted = journal.recordCount
        let size: Int
        do {
            size = try directory.compact(state, journal: &journal)
        } catch {
            writer.journal = journal
            if error.isFatal {
                fail(&writer, "compaction failed after the new snapshot was in place: \(error.error)")
            } else {
                options.log("compaction failed; the journal stays as it is: \(error.error)")
            }
            throw Self.storageFailure
        }
        writer.journal = journal
        writer.head = state
        sync.durable = writer.appended
        published.withLock { $0 = state }
        journalRecords.store(0, ordering: .relaxed)
        journalBytes.store(0, ordering: .relaxed)
        nextCompactionRecords.store(0, ordering: .relaxed)
        snapshotBytes.store(size, ordering: .relaxed)
        return CompactionReport(snapshot: directory.file(DataDirectory.snapshotName(journal.generation)),
                                generation: journal.generation, compactedRecords: compacted, bytes: size)
    }

    private static let noDataDirectory = APIError.conflict(
        detail: "This server keeps its data in memory only: start it with --data-dir DIR (or GAZETTE_DATA_DIR) to take snapshots.",
        errors: [])

    /// Compacts in the background once the journal passes a limit of `options`.
    private func scheduleCompactionIfNeeded() {
        let records = journalRecords.load(ordering: .relaxed)
        let bytes = journalBytes.load(ordering: .relaxed)
        let hasGrown = Double(bytes) >= Double(snapshotBytes.load(ordering: .relaxed)) * options.compactionGrowthRatio
        let due = hasGrown && (records >= max(options.compactionRecordLimit, nextCompactionRecords.load(ordering: .relaxed))
            || bytes >= options.compactionByteLimit)
        guard due, isCompactionScheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        DispatchQueue.global(qos: .utility).async {
            defer { self.isCompactionScheduled.store(false, ordering: .releasing) }
            do {
                _ = try self.compact()
            } catch {
                self.nextCompactionRecords.store(records + self.options.compactionRecordLimit, ordering: .relaxed)
            }
        }
    }

    // MARK: Shutdown

    /// Syncs and closes the journal and unlocks the data directory; later writes are refused (503).
    /// Call it after the server has stopped: every acknowledged write is on disk already, this only
    /// makes the end explicit. A store in memory has nothing to close.
    public func close() throws {
        defer { directory?.unlock() }
        let result: Result<Void, FileSystemError> = sync.withLock { sync in
            writer.withLock { writer in
                guard let journal = writer.journal else { return .success(()) }
                defer {
                    journal.close()
                    writer.journal = nil
                    if writer.failure == nil { writer.failure = "the store is closed" }
                }
                guard writer.failure == nil else { return .success(()) }
                do throws(FileSystemError) {
                    try journal.synchronize()
                } catch {
                    return .failure(error)
                }
                sync.durable = writer.appended
                let head = writer.head
                published.withLock { $0 = head }
                return .success(())
            }
        }
        try result.get()
    }
}
