/// The inverted index of `CollectionIndex` while it is built: per folded word, the slots holding
/// it (ascending) and the heaviest field weight in each. Parts built over consecutive slot
/// ranges on several cores join in slot order (`joined`), so postings stay ascending.
struct WordPostings {
    private(set) var wordIDs: [String: Int] = [:]
    private(set) var postings: [[UInt32]] = []
    private(set) var weights: [[UInt8]] = []

    /// Adds the words of `item`'s searchable `paths` at `slot`, above every slot added before.
    mutating func add(slot: Int, item: StoredItem, paths: [(path: FieldPath, weight: Int)]) {
        let slot32 = UInt32(slot)
        for (path, weight) in paths {
            for value in path.values(in: item) {
                guard let text = value.stringValue else { continue }
                for word in TextFolding.words(text) {
                    let id = self.id(of: word)
                    // The same word again in this item: keep its heaviest field.
                    if postings[id].last == slot32 {
                        let last = weights[id].count - 1
                        weights[id][last] = max(weights[id][last], UInt8(weight))
                    } else {
                        postings[id].append(slot32)
                        weights[id].append(UInt8(weight))
                    }
                }
            }
        }
    }

    /// Parts built over consecutive slot ranges, in slot order, joined: every word in UTF-8 byte
    /// order with its postings and weights at their exact size (appending doubled capacity, so
    /// up to twice the memory). Each part's arrays are freed as soon as they are copied, so the
    /// join never holds much more than the parts did.
    static func joined(_ parts: consuming [WordPostings]) -> (words: [String], postings: [[UInt32]], weights: [[UInt8]]) {
        var parts = parts
        var placesByWord: [String: [(part: Int, id: Int)]] = [:]
        for (part, postings) in parts.enumerated() {
            for (word, id) in postings.wordIDs { placesByWord[word, default: []].append((part, id)) }
        }
        let words = placesByWord.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var postings: [[UInt32]] = []
        var weights: [[UInt8]] = []
        postings.reserveCapacity(words.count)
        weights.reserveCapacity(words.count)
        for word in words {
            // Parts in slot order: their places were appended part by part.
            let places = placesByWord[word] ?? []
            let total = places.reduce(0) { $0 + parts[$1.part].postings[$1.id].count }
            var slots: [UInt32] = []
            var heaviest: [UInt8] = []
            slots.reserveCapacity(total)
            heaviest.reserveCapacity(total)
            for (part, id) in places {
                slots += parts[part].postings[id]
                heaviest += parts[part].weights[id]
                parts[part].postings[id] = []
                parts[part].weights[id] = []
            }
            postings.append(slots)
            weights.append(heaviest)
        }
        return (words, postings, weights)
    }

    private mutating func id(of word: String) -> Int {
        if let known = wordIDs[word] { return known }
        let id = postings.count
        wordIDs[word] = id
        postings.append([])
        weights.append([])
        return id
    }
}
