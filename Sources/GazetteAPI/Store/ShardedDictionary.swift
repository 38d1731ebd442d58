/// A dictionary split into 1,024 smaller ones by hash. Inside a copy-on-write state that readers
/// share, a write copies the one shard it changes (a 1,024th of the entries), not the whole table.
/// With 64 shards, a durable write at a million articles copied 15,600 ids (1.4 ms of CPU).
///
/// Each shard keys on the key with its 64-bit hash, computed once: the shard's own hashing then
/// reads 8 bytes, not a 60-byte id, and so does every rehash as a shard grows (SipHash of the ids
/// was a twentieth of loading a million articles).
struct ShardedDictionary<Key: ShardKey, Value: Sendable>: Sendable {
    /// A key with its seeded hash; equal keys have equal hashes, so the hash is compared first.
    private struct HashedKey: Hashable, Sendable {
        let key: Key
        let hash: UInt64

        static func == (lhs: HashedKey, rhs: HashedKey) -> Bool {
            lhs.hash == rhs.hash && lhs.key == rhs.key
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(hash)
        }
    }

    private static var shardCount: Int { 1_024 }
    private var shards: [[HashedKey: Value]] = Array(repeating: [:], count: 1_024)
    private(set) var count = 0
    /// Random per dictionary, so that clients who choose ids cannot choose their shard or
    /// make their hashes collide.
    private let seed = UInt64.random(in: 0...UInt64.max)

    private func hashed(_ key: Key) -> (shard: Int, key: HashedKey) {
        let hash = key.shardHash(seed: seed)
        return (Int(truncatingIfNeeded: hash) & (Self.shardCount - 1), HashedKey(key: key, hash: hash))
    }

    subscript(key: Key) -> Value? {
        get {
            let (shard, key) = hashed(key)
            return shards[shard][key]
        }
        set {
            let (shard, key) = hashed(key)
            if let newValue {
                if shards[shard].updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if shards[shard].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }

    /// Changes the value for `key` in place (no copy of the value when nothing else shares it).
    mutating func modify(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        let (shard, key) = hashed(key)
        // The shard's size tells whether the key was new: one lookup, not two.
        let before = shards[shard].count
        body(&shards[shard][key, default: defaultValue()])
        count += shards[shard].count - before
    }

    /// Adds `key` with `value` unless it is present; whether it was added. One lookup.
    mutating func insertNew(_ key: Key, _ value: @autoclosure () -> Value) -> Bool {
        let before = count
        modify(key, default: value()) { _ in }
        return count > before
    }
}

/// A key that picks its shard with a cheap hash: the dictionary inside the shard hashes it
/// again (SipHash), and hashing a 60-byte id twice was a third of finding an item.
protocol ShardKey: Hashable, Sendable {
    func shardHash(seed: UInt64) -> UInt64
}

extension String: ShardKey {
    /// Eight bytes at a time, multiplied and folded: every byte counts, unlike a hash of the
    /// ends, so ids that share their ends still spread.
    func shardHash(seed: UInt64) -> UInt64 {
        var text = self
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash = seed ^ UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * (index - offset)) }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
            return hash ^ hash >> 32
        }
    }
}
