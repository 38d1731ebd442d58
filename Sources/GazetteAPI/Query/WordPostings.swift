/// The inverted index of `CollectionIndex` while it is built: per folded word, the slots holding
/// it (ascending) and the heaviest field weight in each. Parts built over consecutive slot
/// ranges on several cores join in slot order (`joined`), so postings stay ascending.
struct WordPostings {
    private(set) var table = WordTable()
    private(set) var postings: [[UInt32]] = []
    private(set) var weights: [[UInt8]] = []
    /// Folding space reused from item to item.
    private var scratch: [UInt8] = []
    /// Per word, the last slot recorded and its weight there: a word repeated within an item is
    /// settled in these flat arrays without touching its postings (another array per word).
    private var lastSlot: [UInt32] = []
    private var lastWeight: [UInt8] = []

    /// Adds the words of `item`'s searchable `paths` at `slot`, above every slot added before.
    ///
    /// Strings are read in the item's stored JSON and folded into `scratch` a word at a time;
    /// only a string with escapes, or one the byte path cannot fold, becomes a String.
    mutating func add(slot: Int, item: StoredItem, paths: [(path: FieldPath, weight: Int)]) {
        let slot32 = UInt32(slot)
        var scratch: [UInt8] = []
        swap(&scratch, &self.scratch)
        defer { swap(&scratch, &self.scratch) }
        for (path, weight) in paths {
            let components = path.components
            let weight8 = UInt8(weight)
            item.withMemberBytes(components[0]) { member in
                JSONStringWalk.forEachString(in: member, components: components, depth: 1) { text, hasEscapes in
                    if !hasEscapes, TextFolding.forEachASCIIWord(in: text, scratch: &scratch, { word in
                        record(table.id(ofPadded: word), slot: slot32, weight: weight8)
                    }) { return }
                    let string = hasEscapes ? JSONStringWalk.decoded(text) ?? "" : String(decoding: text, as: UTF8.self)
                    for word in TextFolding.words(string) {
                        var word = word
                        let id = word.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }
                        record(id, slot: slot32, weight: weight8)
                    }
                }
            }
        }
    }

    private mutating func record(_ id: Int, slot: UInt32, weight: UInt8) {
        if id == postings.count {
            postings.append([])
            weights.append([])
            lastSlot.append(.max)
            lastWeight.append(0)
        }
        // The same word again in this item: keep its heaviest field.
        if lastSlot[id] == slot {
            guard weight > lastWeight[id] else { return }
            lastWeight[id] = weight
            weights[id][weights[id].count - 1] = weight
        } else {
            lastSlot[id] = slot
            lastWeight[id] = weight
            postings[id].append(slot)
            weights[id].append(weight)
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
            for (id, word) in postings.table.words.enumerated() { placesByWord[word, default: []].append((part, id)) }
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
}
