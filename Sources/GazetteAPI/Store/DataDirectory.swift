import Foundation
import Synchronization

/// Where a durable store keeps its data: the newest snapshot of the whole dataset, and the journal
/// of the writes accepted since.
///
///     DIR/LOCK                      locked (a POSIX lock) while a server uses the directory
///     DIR/snapshot-0000000007.json  generation 7: the dataset in the --data shape, timestamps included
///     DIR/journal-0000000007.log    the writes accepted after snapshot 7 (see `Journal`)
///
/// Start-up (`recover`) loads the snapshot with the highest generation N and replays
/// `journal-N.log`; an empty directory is first seeded as generation 1. Files of older generations
/// and `*.tmp` files are leftovers of an interrupted compaction, removed once start-up succeeded.
///
/// Compaction (`compact`) moves from generation N to N+1. A crash at any step loses nothing
/// acknowledged:
///
/// 1. fsync `journal-N.log`: every appended record is durable (their writers may still wait).
/// 2. Write the state, which holds every record of journal N, to `snapshot-(N+1).json.tmp`; fsync it.
///    A crash here leaves a `.tmp` that start-up ignores: snapshot N + journal N.
/// 3. Rename it to `snapshot-(N+1).json`, then fsync the directory. Before the directory fsync
///    the rename may or may not survive a crash: either way start-up finds a snapshot and journal
///    that hold everything (N + journal N, or N+1 and no journal yet, which means an empty one).
///    A failure up to and including the rename changes nothing: appends go on to journal N.
/// 4. Create the empty `journal-(N+1).log`, fsync the directory; appends go there from now on.
///    A failure once the rename is done leaves no safe journal to append to (snapshot N+1 may hide
///    journal N's new records), so the store then refuses writes until a restart.
/// 5. Remove `journal-N.log` and `snapshot-N.json`.
///
/// A journal newer than the newest snapshot cannot come from this protocol and stops start-up.
final class DataDirectory: Sendable {
    let path: String
    /// The directory's device and inode, its key in `directoriesInUse`.
    private let identity: FileIdentity
    /// The open `DIR/LOCK`, holding the POSIX lock until `unlock()` or the end of this value; -1 once unlocked.
    private let lockDescriptor: Atomic<Int32>

    /// Directories this process has open. POSIX locks belong to a process, so they keep out other
    /// processes only; this keeps out a second store in the same process (a test, or a bug).
    private static let directoriesInUse = Mutex<Set<FileIdentity>>([])

    /// What start-up found and did.
    struct Recovered: Sendable {
        var state: StoreSnapshot
        var journal: Journal
        var report: StoreRecovery
    }

    /// A compaction that did not complete: when `isFatal`, the old journal must no longer be
    /// appended to (see step 4).
    struct CompactionFailure: Error {
        var error: FileSystemError
        var isFatal: Bool
    }

    /// Creates the directory if needed, checks that it is writable and takes its lock.
    init(path: String) throws(DataDirectoryError) {
        self.path = path
        let identity: FileIdentity
        do {
            try FileSystem.createDirectory(path)
            try FileSystem.checkWritableDirectory(path)
            identity = try FileSystem.identity(of: path)
        } catch {
            throw .unusable(path: path, reason: error.description)
        }
        guard Self.directoriesInUse.withLock({ $0.insert(identity).inserted }) else { throw .inUse(path: path) }
        let lockPath = path + "/LOCK"
        do {
            let descriptor = try FileSystem.openOrCreate(lockPath)
            do {
                guard try FileSystem.lockExclusively(descriptor, path: lockPath) else {
                    FileSystem.close(descriptor)
                    _ = Self.directoriesInUse.withLock { $0.remove(identity) }
                    throw DataDirectoryError.inUse(path: path)
                }
            } catch let error as FileSystemError {
                FileSystem.close(descriptor)
                throw error
            }
            self.identity = identity
            self.lockDescriptor = Atomic(descriptor)
        } catch let error as DataDirectoryError {
            throw error
        } catch {
            _ = Self.directoriesInUse.withLock { $0.remove(identity) }
            throw .unusable(path: path, reason: "\(error)")
        }
    }

    deinit {
        unlock()
    }

    /// Lets another store open the directory: closing the lock file drops the lock.
    func unlock() {
        let descriptor = lockDescriptor.exchange(-1, ordering: .acquiringAndReleasing)
        guard descriptor >= 0 else { return }
        FileSystem.close(descriptor)
        _ = Self.directoriesInUse.withLock { $0.remove(identity) }
    }

    // MARK: Names

    static func snapshotName(_ generation: Int) -> String { "snapshot-\(padded(generation)).json" }
    static func journalName(_ generation: Int) -> String { "journal-\(padded(generation)).log" }

    private static func padded(_ generation: Int) -> String {
        let digits = String(generation)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    /// The generation in `prefix-NNNNNNNNNN.suffix`, or nil for any other name.
    private static func generation(of name: String, prefix: String, suffix: String) -> Int? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits), value > 0 else { return nil }
        return value
    }

    func file(_ name: String) -> String { path + "/" + name }

    // MARK: Start-up

    /// Loads the newest snapshot and replays its journal; an empty directory is seeded from
    /// `seed` first. Every check runs before anything on disk changes: a corrupt journal or snapshot
    /// throws and leaves every file as it was. Only then is a torn last record cut off (with a
    /// warning), a missing journal created and leftovers removed. `releaseSeed` is told each range
    /// of `seed` that seeding no longer needs; a directory with a snapshot never reads `seed`.
    func recover(seed: UnsafeBufferPointer<UInt8>, releaseSeed: (Range<Int>) -> Void, source: String,
                 now: Date) throws -> Recovered {
        let names: [String]
        do {
            names = try FileSystem.names(in: path)
        } catch {
            throw DataDirectoryError.unusable(path: path, reason: error.description)
        }
        let snapshots = names.compactMap { Self.generation(of: $0, prefix: "snapshot-", suffix: ".json") }.sorted()
        let journals = names.compactMap { Self.generation(of: $0, prefix: "journal-", suffix: ".log") }.sorted()
        let leftovers = names.filter { $0.hasSuffix(".tmp") }

        guard let generation = snapshots.last else {
            guard journals.isEmpty else {
                throw DataDirectoryError.missingSnapshot(path: path, journals: journals.map(Self.journalName))
            }
            return try seedDirectory(seed: seed, release: releaseSeed, source: source, now: now, leftovers: leftovers)
        }
        if let newer = journals.first(where: { $0 > generation }) {
            throw DataDirectoryError.missingSnapshot(path: path, journals: [Self.journalName(newer)])
        }

        let snapshotPath = file(Self.snapshotName(generation))
        // Mapped, and given back part by part as it loads (as `--data` is): the snapshot is as
        // large as the dataset.
        let snapshotFile: MappedDataset
        do {
            snapshotFile = MappedDataset(mapping: try FileSystem.map(snapshotPath))
        } catch {
            throw DataDirectoryError.fileSystem("cannot read snapshot: \(error)")
        }
        var state: StoreSnapshot
        do {
            state = try DatasetLoader.load(snapshotFile.bytes, source: snapshotPath, now: now, release: snapshotFile.release)
        } catch {
            throw DataDirectoryError.invalidSnapshot(error)
        }

        let journalPath = file(Self.journalName(generation))
        var report = StoreRecovery(snapshot: snapshotPath, journal: journalPath)
        var journalSize = 0
        var tornAt: Int?
        if journals.contains(generation) {
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(journalPath)
            } catch {
                throw DataDirectoryError.fileSystem("cannot read journal: \(error)")
            }
            let contents = Journal.read(bytes)
            for entry in contents.entries {
                do {
                    try state.apply(entry.record)
                } catch {
                    throw DataDirectoryError.unreplayableRecord(file: journalPath, offset: entry.offset, reason: "\(error)")
                }
            }
            report.replayedRecords = contents.entries.count
            switch contents.ending {
            case .clean:
                journalSize = bytes.count
            case .torn(let offset, let reason):
                tornAt = offset
                journalSize = offset
                report.warnings.append(
                    "journal \(journalPath): dropped a torn last record at byte \(offset) (\(reason)); "
                        + "it was never acknowledged. The file is cut back to \(offset) bytes.")
            case .corrupt(let offset, let reason):
                throw DataDirectoryError.corruptJournal(
                    file: journalPath, offset: offset, reason: reason, bytesAfter: bytes.count - offset)
            }
        }

        // Every check passed: from here on files change.
        do {
            if let tornAt { try FileSystem.truncate(journalPath, to: tornAt) }
            let journal = try Journal(path: journalPath, generation: generation, size: journalSize,
                                      recordCount: report.replayedRecords)
            if !journals.contains(generation) { try FileSystem.synchronizeDirectory(path) }
            var stale = leftovers
            stale += snapshots.filter { $0 < generation }.map(Self.snapshotName)
            stale += journals.filter { $0 < generation }.map(Self.journalName)
            report.warnings += removeLeftovers(stale)
            return Recovered(state: state, journal: journal, report: report)
        } catch {
            throw DataDirectoryError.fileSystem("cannot prepare the journal: \(error)")
        }
    }

    /// An empty directory: the seed becomes snapshot 1 at once, so that the timestamps given to
    /// its items now are the ones replay will see, whatever `--data` says on a later start.
    private func seedDirectory(seed: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void, source: String, now: Date,
                               leftovers: [String]) throws -> Recovered {
        // Whole seconds, as the snapshot keeps them: the state served now is the one a restart loads.
        let state = try DatasetLoader.load(seed, source: source, now: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
                                           release: release)
        do {
            try writeSnapshot(state, generation: 1)
            let journalPath = file(Self.journalName(1))
            let journal = try Journal(path: journalPath, generation: 1, size: 0, recordCount: 0)
            try FileSystem.synchronizeDirectory(path)
            var report = StoreRecovery(snapshot: file(Self.snapshotName(1)), journal: journalPath)
            report.seededFrom = source
            report.warnings += removeLeftovers(leftovers)
            return Recovered(state: state, journal: journal, report: report)
        } catch {
            throw DataDirectoryError.fileSystem("cannot seed the data directory: \(error)")
        }
    }

    // MARK: Compaction

    /// Replaces `journal` (generation N) with snapshot N+1 of `state` and an empty journal N+1,
    /// following the protocol above. Returns the snapshot's size in bytes. On a failure before the
    /// rename, `journal` stays in use; after it, the failure `isFatal`.
    func compact(_ state: StoreSnapshot, journal: inout Journal) throws(CompactionFailure) -> Int {
        let next = journal.generation + 1
        let finalPath = file(Self.snapshotName(next))
        let size: Int
        do {
            try journal.synchronize()
            size = try writeTemporarySnapshot(state, to: finalPath + ".tmp")
            try FileSystem.rename(finalPath + ".tmp", to: finalPath)
        } catch {
            // A failed rename changed nothing: journal N and snapshot N still hold everything.
            try? FileSystem.remove(finalPath + ".tmp")
            throw CompactionFailure(error: error, isFatal: false)
        }
        // Snapshot N+1 may be what the next start-up loads: from here on journal N must stay untouched.
        let newJournal: Journal
        do {
            try FileSystem.synchronizeDirectory(path)
            newJournal = try Journal(path: file(Self.journalName(next)), generation: next, size: 0, recordCount: 0)
            try FileSystem.synchronizeDirectory(path)
        } catch {
            throw CompactionFailure(error: error, isFatal: true)
        }
        let old = journal
        journal = newJournal
        old.close()
        _ = removeLeftovers([Self.journalName(old.generation), Self.snapshotName(old.generation)])
        return size
    }

    /// Steps 2 and 3 for a new directory: no journal can be hidden yet, so any failure just fails start-up.
    private func writeSnapshot(_ state: StoreSnapshot, generation: Int) throws(FileSystemError) {
        let finalPath = file(Self.snapshotName(generation))
        try writeTemporarySnapshot(state, to: finalPath + ".tmp")
        try FileSystem.rename(finalPath + ".tmp", to: finalPath)
        try FileSystem.synchronizeDirectory(path)
    }

    /// Step 2: the whole state in the `--data` shape, written and fsynced. Returns its size.
    @discardableResult
    private func writeTemporarySnapshot(_ state: StoreSnapshot, to temporaryPath: String) throws(FileSystemError) -> Int {
        let descriptor = try FileSystem.create(temporaryPath)
        defer { FileSystem.close(descriptor) }
        let size = try DatasetWriter.write(state) { (chunk) throws(FileSystemError) in
            try FileSystem.write(descriptor, chunk, path: temporaryPath)
        }
        try FileSystem.synchronize(descriptor, path: temporaryPath)
        return size
    }

    /// Removes files no start-up will read again; a failure is only a warning.
    private func removeLeftovers(_ names: [String]) -> [String] {
        var warnings: [String] = []
        for name in names {
            do {
                try FileSystem.remove(file(name))
            } catch {
                if !error.isNotFound { warnings.append("cannot remove the leftover \(error)") }
            }
        }
        return warnings
    }
}
