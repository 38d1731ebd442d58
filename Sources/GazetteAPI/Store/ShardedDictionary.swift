/// A dictionary split into 1,024 smaller ones by hash. Inside a copy-on-write state that readers
/// share, a write copies the one shard it changes (a 1,024th of the entries), not the whole table.
/// With 64 shards, a durable write at a million articles copied 15,600 ids (1.4 ms of CPU).
struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private static var shardCount: Int { 1_024 }
    private var shards: [[Key: Value]] = Array(repeating: [:], count: 1_024)
    private(set) var count = 0

    private static func shard(_ key: Key) -> Int {
        key.hashValue & (shardCount - 1)
    }

    subscript(key: Key) -> Value? {
        get { shards[Self.shard(key)][key] }
        set {
            let shard = Self.shard(key)
            if let newValue {
                if shards[shard].updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if shards[shard].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }

    /// Changes the value for `key` in place (no copy of the value when nothing else shares it).
    mutating func modify(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        let shard = Self.shard(key)
        // The shard's size tells whether the key was new: one lookup, not two.
        let before = shards[shard].count
        body(&shards[shard][key, default: defaultValue()])
        count += shards[shard].count - before
    }
}
