/// The inverted index of `CollectionIndex` while it is built: per folded word, the slots holding
/// it (ascending) and the heaviest field weight in each. Parts built over consecutive slot
/// ranges on several cores join in slot order (`joined`), so postings stay ascending.
struct WordPostings {
    private(set) var table = WordTable()
    /// Per word: its slots, each shifted left two bits with the weight (1–3) in the low bits.
    /// One array per word, not two: every append to a nested array pays for uniqueness checks.
    private var entries: [[UInt32]] = []
    /// Folding space reused from item to item.
    private var scratch: [UInt8] = []
    /// Per word, the last slot recorded and its weight there: a word repeated within an item is
    /// settled in these flat arrays without reading its entries.
    private var lastSlot: [UInt32] = []
    private var lastWeight: [UInt8] = []

    /// Weights take the two low bits of an entry; `add` asserts that they fit.
    private static let weightBits: UInt32 = 2

    /// Adds the words of `item`'s searchable `paths` at `slot`, above every slot added before.
    ///
    /// Strings are read in the item's stored JSON and folded into `scratch` a word at a time;
    /// only a string with escapes, or one the byte path cannot fold, becomes a String.
    mutating func add(slot: Int, item: StoredItem, paths: [(path: FieldPath, weight: Int)]) {
        // A billion slots or a weight above 3 would not fit an entry; the schemas' weights are
        // 1–3, and a billion items would not fit in memory.
        precondition(slot < 1 << (32 - Self.weightBits) && paths.allSatisfy { $0.weight < 1 << Self.weightBits })
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
        if id == entries.count {
            entries.append([])
            lastSlot.append(.max)
            lastWeight.append(0)
        }
        let entry = slot << Self.weightBits | UInt32(weight)
        // The same word again in this item: keep its heaviest field.
        if lastSlot[id] == slot {
            guard weight > lastWeight[id] else { return }
            lastWeight[id] = weight
            entries[id][entries[id].count - 1] = entry
        } else {
            lastSlot[id] = slot
            lastWeight[id] = weight
            entries[id].append(entry)
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
            let total = places.reduce(0) { $0 + parts[$1.part].entries[$1.id].count }
            let weightMask = UInt32(1) << weightBits - 1
            // Written straight into arrays of the final size: an append per entry, with its
            // capacity check, was most of this serial step at a million articles.
            var slots = [UInt32](repeating: 0, count: total)
            var heaviest = [UInt8](repeating: 0, count: total)
            var offset = 0
            slots.withUnsafeMutableBufferPointer { slots in
                heaviest.withUnsafeMutableBufferPointer { heaviest in
                    for (part, id) in places {
                        parts[part].entries[id].withUnsafeBufferPointer { entries in
                            for (index, entry) in entries.enumerated() {
                                slots[offset + index] = entry >> weightBits
                                heaviest[offset + index] = UInt8(truncatingIfNeeded: entry & weightMask)
                            }
                            offset += entries.count
                        }
                        parts[part].entries[id] = []
                    }
                }
            }
            postings.append(slots)
            weights.append(heaviest)
        }
        return (words, postings, weights)
    }
}
