/// What a compaction wrote.
public struct CompactionReport: Sendable, Equatable {
    /// The new snapshot's path.
    public var snapshot: String
    public var generation: Int
    /// Journal records the snapshot now holds (the journal they were in is gone).
    public var compactedRecords: Int
    /// The snapshot's size in bytes.
    public var bytes: Int
}
