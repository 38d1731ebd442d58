/// The slots of one resource changed by recent writes, with the store version of each change, so
/// that an index built at an older version can tell which of its items it must not trust.
///
/// Bounded: past `limit` entries the older half is dropped and `floor` rises. An index older than
/// `floor` cannot know everything that changed since, and is rebuilt.
struct ChangeLog: Sendable {
    static let limit = 8_192

    /// Every change after this version is in `entries`.
    private(set) var floor: UInt64 = 0
    private var versions: [UInt64] = []
    private var changedSlots: [Int] = []

    mutating func record(version: UInt64, slot: Int) {
        if versions.count >= Self.limit {
            let dropped = Self.limit / 2
            floor = versions[dropped - 1]
            versions.removeFirst(dropped)
            changedSlots.removeFirst(dropped)
        }
        versions.append(version)
        changedSlots.append(slot)
    }

    /// Forgets every entry: nothing before `version` needs to be known (after a bulk load).
    mutating func reset(at version: UInt64) {
        floor = version
        versions.removeAll()
        changedSlots.removeAll()
    }

    /// The slots changed after `version`, or `nil` when the log no longer reaches back that far.
    func slots(changedAfter version: UInt64) -> Set<Int>? {
        guard version >= floor else { return nil }
        var low = 0
        var high = versions.count
        while low < high {
            let middle = (low + high) / 2
            if versions[middle] <= version { low = middle + 1 } else { high = middle }
        }
        return Set(changedSlots[low...])
    }
}
