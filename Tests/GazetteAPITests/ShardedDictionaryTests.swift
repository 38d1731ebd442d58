@testable import GazetteAPI
import Testing

@Suite("ShardedDictionary")
struct ShardedDictionaryTests {
    @Test("sets, reads, modifies and removes keys of every length, counting them")
    func roundTrip() {
        var dictionary = ShardedDictionary<String, Int>()
        // Lengths 0 to 40 cover the whole-word loop and every tail length.
        let keys = (0..<3_000).map { String(repeating: "x", count: $0 % 41) + "-\($0)" } + [""]
        for (value, key) in keys.enumerated() { dictionary[key] = value }
        #expect(dictionary.count == keys.count)
        for (value, key) in keys.enumerated() { #expect(dictionary[key] == value) }
        dictionary.modify("new", default: 0) { $0 += 5 }
        dictionary.modify(keys[0], default: 0) { $0 += 5 }
        #expect(dictionary.count == keys.count + 1)
        #expect(dictionary["new"] == 5)
        #expect(dictionary[keys[0]] == 5)
        for key in keys { dictionary[key] = nil }
        dictionary["missing"] = nil
        #expect(dictionary.count == 1)
        #expect(dictionary[keys[1]] == nil)
    }

    @Test("keys that differ only in their middle bytes still spread over shards")
    func spreads() {
        let keys = (0..<4_096).map { "thu-truong-" + String($0, radix: 16) + "-lam-viec-voi-son-la" }
        let shards = Set(keys.map { Int(truncatingIfNeeded: $0.shardHash(seed: 12_345)) & 1_023 })
        #expect(shards.count > 900)
    }

    @Test("insertNew adds a new key, keeps the value of a present one, and says which it did")
    func insertNew() {
        var dictionary = ShardedDictionary<String, Int>()
        // `#expect` cannot call a mutating method itself: each answer is taken first.
        let addedFirst = dictionary.insertNew("a", 1)
        #expect(addedFirst)
        #expect(dictionary.count == 1)
        #expect(dictionary["a"] == 1)
        let addedAgain = dictionary.insertNew("a", 2)
        #expect(!addedAgain)
        #expect(dictionary.count == 1)
        #expect(dictionary["a"] == 1)
        // A removed key is new again.
        dictionary["a"] = nil
        #expect(dictionary.count == 0)
        let addedAfterRemoval = dictionary.insertNew("a", 3)
        #expect(addedAfterRemoval)
        #expect(dictionary["a"] == 3)
        #expect(dictionary.count == 1)
    }

    @Test("insertNew over thousands of keys of every length, twice")
    func insertNewMany() {
        var dictionary = ShardedDictionary<String, Int>()
        let keys = (0..<3_000).map { String(repeating: "y", count: $0 % 41) + "-\($0)" } + [""]
        var added = 0
        for (value, key) in keys.enumerated() where dictionary.insertNew(key, value) { added += 1 }
        #expect(added == keys.count)
        #expect(dictionary.count == keys.count)
        var readded: [String] = []
        for (value, key) in keys.enumerated() where dictionary.insertNew(key, -value - 1) { readded.append(key) }
        #expect(readded == [])
        #expect(dictionary.count == keys.count)
        #expect(keys.enumerated().allSatisfy { dictionary[$0.element] == $0.offset })
    }

    @Test("insertNew makes the value only for a new key")
    func insertNewIsLazy() {
        var dictionary = ShardedDictionary<String, [Int]>()
        var made = 0
        func make() -> [Int] {
            made += 1
            return [made]
        }
        let addedNew = dictionary.insertNew("k", make())
        let addedPresent = dictionary.insertNew("k", make())
        #expect(addedNew)
        #expect(!addedPresent)
        #expect(made == 1)
        #expect(dictionary["k"] == [1])
    }

    /// Every key hashes alike: one shard, one hash.
    private struct CollidingKey: ShardKey {
        let name: String
        func shardHash(seed: UInt64) -> UInt64 { 42 }
    }

    @Test("keys whose hashes are equal stay distinct: the hash only narrows the search")
    func equalHashes() {
        var dictionary = ShardedDictionary<CollidingKey, Int>()
        for number in 0..<200 { dictionary[CollidingKey(name: "id-\(number)")] = number }
        #expect(dictionary.count == 200)
        for number in 0..<200 {
            let name = "id-\(number)"
            #expect(dictionary[CollidingKey(name: name)] == number, "\(name)")
        }
        #expect(dictionary[CollidingKey(name: "id-200")] == nil)
        dictionary[CollidingKey(name: "id-5")] = nil
        #expect(dictionary.count == 199)
        #expect(dictionary[CollidingKey(name: "id-5")] == nil)
        #expect(dictionary[CollidingKey(name: "id-6")] == 6)
    }
}
