/// The inverted index of `CollectionIndex` while it is built: per folded word, the slots holding
/// it (ascending) and the heaviest field weight in each. Parts built over consecutive slot
/// ranges on several cores join in slot order (`joined`), so postings stay ascending.
struct WordPostings {
    private(set) var table = WordTable()
    /// Per word id: its entries (`entry(slot:weight:)`), ascending by slot. Longer than the table
    /// by spare empty lists, so that a text's words are recorded through one unsafe buffer
    /// (`reserveIDs`): an append to a nested array through the outer one checked uniqueness twice.
    private var entries: [[UInt32]] = []
    /// Folding space reused from item to item.
    private var scratch: [UInt8] = []
    /// Per word, the last slot recorded and its weight there: a word repeated within an item is
    /// settled in these flat arrays without reading its entries.
    private var lastSlot: [UInt32] = []
    private var lastWeight: [UInt8] = []

    /// Weights take the two low bits of an entry; `add` asserts that they fit.
    static let weightBits: UInt32 = 2

    /// A slot and the heaviest field weight there, packed: postings stay in this form, so the
    /// join moves arrays instead of copying every entry.
    @inline(__always) static func entry(slot: UInt32, weight: UInt8) -> UInt32 { slot << weightBits | UInt32(weight) }
    @inline(__always) static func slot(_ entry: UInt32) -> UInt32 { entry >> weightBits }
    @inline(__always) static func weight(_ entry: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: entry & (1 << weightBits - 1)) }

    /// A searchable path as `add` reads it: the member names along it and its weight.
    struct Path: Sendable {
        let components: [String]
        let weight: UInt8
    }

    /// `paths` as `add` takes them, made once per index rather than copied per item.
    static func paths(_ paths: [(path: FieldPath, weight: Int)]) -> [Path] {
        // A weight above 3 would not fit an entry; the schemas' weights are 1–3.
        precondition(paths.allSatisfy { $0.weight > 0 && $0.weight < 1 << weightBits })
        return paths.map { Path(components: $0.path.components, weight: UInt8($0.weight)) }
    }

    /// Adds the words of `item`'s searchable `paths` at `slot`, above every slot added before.
    ///
    /// Strings are read in the item's stored JSON and folded into `scratch` a word at a time;
    /// only a string with escapes, or one the byte path cannot fold, becomes a String.
    mutating func add(slot: Int, item: StoredItem, paths: [Path]) {
        // A billion slots would not fit an entry, nor in memory.
        precondition(slot < 1 << (32 - Self.weightBits))
        let slot32 = UInt32(slot)
        for path in paths {
            let components = path.components
            let weight = path.weight
            item.withMemberBytes(components[0]) { member in
                JSONStringWalk.forEachString(in: member, components: components, depth: 1) { text, hasEscapes in
                    if !hasEscapes, recordASCIIWords(in: text, slot: slot32, weight: weight) { return }
                    let string = hasEscapes ? JSONStringWalk.decoded(text) ?? "" : String(decoding: text, as: UTF8.self)
                    for word in TextFolding.words(string) {
                        var word = word
                        let id = word.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }
                        reserveIDs(1)
                        entries.withUnsafeMutableBufferPointer { entries in
                            lastSlot.withUnsafeMutableBufferPointer { lastSlot in
                                lastWeight.withUnsafeMutableBufferPointer { lastWeight in
                                    Self.record(id, slot: slot32, weight: weight, entries, lastSlot, lastWeight)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The words of `text` by the byte path (`TextFolding.forEachASCIIWord`), recorded; `false`
    /// when that path declines the text (nothing is recorded then).
    private mutating func recordASCIIWords(in text: UnsafeRawBufferPointer, slot: UInt32, weight: UInt8) -> Bool {
        // Folded, the text is at most twice as long (`TextFolding.foldedWithTable`), and a word
        // takes two bytes with its separator: at most this many new words, each given its
        // lists before the unsafe buffers are taken.
        reserveIDs(text.count + 1)
        // Moved out of `self` for the duration (empty arrays allocate nothing): the closures
        // below hold them all while they use `self.table`.
        var scratch: [UInt8] = []
        var entries: [[UInt32]] = []
        var lastSlot: [UInt32] = []
        var lastWeight: [UInt8] = []
        swap(&scratch, &self.scratch)
        swap(&entries, &self.entries)
        swap(&lastSlot, &self.lastSlot)
        swap(&lastWeight, &self.lastWeight)
        defer {
            swap(&scratch, &self.scratch)
            swap(&entries, &self.entries)
            swap(&lastSlot, &self.lastSlot)
            swap(&lastWeight, &self.lastWeight)
        }
        return entries.withUnsafeMutableBufferPointer { entries in
            lastSlot.withUnsafeMutableBufferPointer { lastSlot in
                lastWeight.withUnsafeMutableBufferPointer { lastWeight in
                    TextFolding.forEachASCIIWord(in: text, scratch: &scratch) { word in
                        Self.record(self.table.id(ofPadded: word), slot: slot, weight: weight, entries, lastSlot, lastWeight)
                    }
                }
            }
        }
    }

    /// Makes the per-word lists at least `count` longer than the table (doubling, so rarely).
    private mutating func reserveIDs(_ count: Int) {
        let needed = table.count + count
        guard entries.count < needed else { return }
        let grown = max(needed, 2 * entries.count, 1_024)
        entries.append(contentsOf: repeatElement([], count: grown - entries.count))
        lastSlot.append(contentsOf: repeatElement(.max, count: grown - lastSlot.count))
        lastWeight.append(contentsOf: repeatElement(0, count: grown - lastWeight.count))
    }

    @inline(__always)
    private static func record(
        _ id: Int, slot: UInt32, weight: UInt8, _ entries: UnsafeMutableBufferPointer<[UInt32]>,
        _ lastSlot: UnsafeMutableBufferPointer<UInt32>, _ lastWeight: UnsafeMutableBufferPointer<UInt8>
    ) {
        // `reserveIDs` makes this hold; a broken bound must stop here, not write past the lists.
        precondition(id < entries.count)
        let entry = Self.entry(slot: slot, weight: weight)
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
    /// order with its lists, one per part holding it, in part order (so entries ascend across
    /// them). The lists are moved, never copied: concatenating them was the serial end of building
    /// at a million articles, mostly the kernel zeroing pages for the copies.
    static func joined(_ parts: consuming [WordPostings]) -> (words: [String], lists: [[[UInt32]]]) {
        var parts = parts
        var placesByWord: [String: [(part: Int, id: Int)]] = [:]
        for (part, postings) in parts.enumerated() {
            for (id, word) in postings.table.words.enumerated() { placesByWord[word, default: []].append((part, id)) }
        }
        let words = placesByWord.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var joined: [[[UInt32]]] = []
        joined.reserveCapacity(words.count)
        for word in words {
            // Parts in slot order: their places were appended part by part.
            let places = placesByWord[word] ?? []
            var lists: [[UInt32]] = []
            lists.reserveCapacity(places.count)
            for (part, id) in places {
                var list: [UInt32] = []
                swap(&list, &parts[part].entries[id])
                lists.append(list)
            }
            joined.append(lists)
        }
        return (words, joined)
    }
}
