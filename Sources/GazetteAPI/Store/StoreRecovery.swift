/// What a durable store found in its data directory at start-up.
public struct StoreRecovery: Sendable {
    /// The snapshot loaded (or written from the seed).
    public var snapshot: String
    /// The journal appended to from now on.
    public var journal: String
    /// Journal records replayed on top of the snapshot.
    public var replayedRecords = 0
    /// Set when the directory was empty and was seeded from this dataset.
    public var seededFrom: String?
    /// What the operator should know: a torn last record dropped, a leftover not removed.
    public var warnings: [String] = []
}
