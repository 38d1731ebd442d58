/// The slots of one resource changed by recent writes, with the store version of each change, so
/// that an index built at an older version can tell which of its items it must not trust.
///
/// Kept in chunks of 1,024 entries inside the copy-on-write state, so that a write copies at most
/// one chunk when a reader shares the log. Bounded: past `limit` entries the oldest chunk is
/// dropped and `floor` rises; an index older than `floor` cannot know everything that changed
/// since, and is not used.
struct ChangeLog: Sendable {
    private struct Entry {
        let version: UInt64
        let slot: Int
    }

    static let chunkSize = 1_024
    /// Entries kept at most (whole chunks are dropped, so a few more may stay).
    let limit: Int

    /// Every change after this version is in the log.
    private(set) var floor: UInt64 = 0
    private var chunks: [[Entry]] = []
    private(set) var count = 0

    init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    mutating func record(version: UInt64, slot: Int) {
        if count >= limit, let oldest = chunks.first {
            floor = oldest[oldest.count - 1].version
            count -= oldest.count
            chunks.removeFirst()
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [Entry] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(Entry(version: version, slot: slot))
        count += 1
    }

    /// Forgets every entry: nothing before `version` needs to be known (after a bulk load).
    mutating func reset(at version: UInt64) {
        floor = version
        chunks.removeAll()
        count = 0
    }

    /// The slots changed after `version`, or `nil` when the log no longer reaches back that far.
    func slots(changedAfter version: UInt64) -> Set<Int>? {
        guard version >= floor else { return nil }
        var changed: Set<Int> = []
        // Newest first: stop at the first chunk that starts at or before `version`.
        for chunk in chunks.reversed() {
            for entry in chunk.reversed() {
                if entry.version <= version { return changed }
                changed.insert(entry.slot)
            }
        }
        return changed
    }
}
