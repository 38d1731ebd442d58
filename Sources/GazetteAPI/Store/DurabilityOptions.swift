/// Settings of a durable store.
public struct DurabilityOptions: Sendable {
    /// Compact once the journal holds this many records (default 10,000).
    public var compactionRecordLimit: Int
    /// Compact once the journal holds this many bytes (default 64 MiB).
    public var compactionByteLimit: Int
    /// ...and only once the journal has grown to this share of the last snapshot's size (default
    /// 0.5). A compaction rewrites everything and holds writers meanwhile: with a large dataset
    /// (1.4 GB at a million articles) a fixed record limit stalled writes for seconds every
    /// 10,000 writes. As with Redis's AOF rewrite, the journal may grow in proportion instead;
    /// replay at start-up then costs about what one compaction costs.
    public var compactionGrowthRatio: Double
    /// Receives what an operator must know after start-up: refused writes, failed compactions.
    public var log: @Sendable (String) -> Void

    public init(compactionRecordLimit: Int = 10_000, compactionByteLimit: Int = 64 << 20, compactionGrowthRatio: Double = 0.5,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.compactionRecordLimit = compactionRecordLimit
        self.compactionByteLimit = compactionByteLimit
        self.compactionGrowthRatio = compactionGrowthRatio
        self.log = log
    }
}
