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
}
