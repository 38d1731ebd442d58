/// Settings of a durable store.
public struct DurabilityOptions: Sendable {
    /// Compact once the journal holds this many records (default 10,000).
    public var compactionRecordLimit: Int
    /// Compact once the journal holds this many bytes (default 64 MiB).
    public var compactionByteLimit: Int
    /// Receives what an operator must know after start-up: refused writes, failed compactions.
    public var log: @Sendable (String) -> Void

    public init(compactionRecordLimit: Int = 10_000, compactionByteLimit: Int = 64 << 20,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.compactionRecordLimit = compactionRecordLimit
        self.compactionByteLimit = compactionByteLimit
        self.log = log
    }
}
