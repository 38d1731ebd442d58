/// The inverted index of `CollectionIndex` while it is built: per folded word, the slots holding
/// it (ascending) and the heaviest field weight in each. Parts built over consecutive slot
/// ranges on several cores join in order (`append`), so postings stay ascending.
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

    /// Adds `later`, built over slots above all of these.
    mutating func append(_ later: WordPostings) {
        for (word, laterID) in later.wordIDs {
            let id = self.id(of: word)
            postings[id] += later.postings[laterID]
            weights[id] += later.weights[laterID]
        }
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
