import Synchronization

/// Indexes over one resource's items as they were at one store version: an inverted index of
/// folded words for `q`, and, built on first use per field, equality postings for filters and
/// ranks for sorting. Immutable once built (the lazy parts fill under a lock), shared by every
/// later snapshot: items changed since are few and are checked one by one (`ChangeLog`).
///
/// Postings are slots, ascending: creation order, as the store keeps items.
final class CollectionIndex: Sendable {
    let kind: ResourceKind
    /// The store version the index reflects.
    let version: UInt64
    /// Slots covered: `0..<slotCount`.
    let slotCount: Int
    /// The items by slot as they were at `version` (a shared value, not a copy).
    let slots: ItemSlots

    /// Folded words in UTF-8 order, so that a prefix is a range found by binary search.
    private let words: [String]
    /// Per word (same positions as `words`): the slots holding it, ascending, each with the
    /// heaviest field holding it there, packed (`WordPostings.entry`); in runs, one per part of
    /// the build that met the word (`WordPostings.joined`).
    private let postings: [[[UInt32]]]

    /// One field's equality index: the slots of each value, and each slot's value as a number
    /// (so a walk in another order tests a slot in one step).
    struct Equality: Sendable {
        let table: [String: [UInt32]]
        /// Each value's number in `column`.
        let valueIDs: [String: Int32]
        /// Per slot, the number of its value; -1 for none (missing, null, not text, empty slot).
        let column: [Int32]
    }

    /// The heaviest weight of a searchable field (3: a title or name); `TermBitmaps` has this many weights.
    let maxWeight: Int
    /// From this many slots on, the inverted index is built on every core.
    static let parallelBuildMinimum = 16_384

    /// Terms whose bitmaps are kept once built: 4 × slotCount / 8 bytes each, so a bound.
    static let cachedTermsLimit = 64

    private struct FieldIndexes {
        var equality: [String: Equality] = [:]
        /// Per range of word positions (the words a term starts), its `termBitmaps`.
        var terms: [Range<Int>: TermBitmaps] = [:]
        var ranks: [String: [Int32]] = [:]
        /// Every occupied slot in `_sort` order, by field and direction (`-publishedOn`).
        var orders: [String: [UInt32]] = [:]
    }

    private let fieldIndexes = Mutex(FieldIndexes())

    /// `parallelMinimum`: from this many slots on, the inverted index is built on every core.
    /// `parts`: how many (default: four per core, up to 16).
    init(snapshot: StoreSnapshot, kind: ResourceKind, parallelMinimum: Int = CollectionIndex.parallelBuildMinimum,
         parts: Int? = nil) {
        self.kind = kind
        self.version = snapshot.version
        let slots = snapshot.slots(kind)
        self.slots = slots
        self.slotCount = slots.count
        let searchable = SearchDocument.searchablePaths(kind)
        self.maxWeight = searchable.map(\.weight).max() ?? 1
        let paths = WordPostings.paths(searchable)
        // Folding and counting words is most of building: large resources use every core, each
        // on a run of consecutive slots, joined in slot order. More runs than cores, taken as
        // cores come free: with one run per core, one core finished up to a second before the other
        // at a million articles (whatever else ran then delayed the other run).
        let parts = slots.count >= parallelMinimum ? parts ?? 4 * ParallelParts.perCore : 1
        let built = ParallelParts.map(count: slots.count, parts: parts) { run in
            var postings = WordPostings()
            slots.forEachSlot(in: run) { slot, item in postings.add(slot: slot, item: item, paths: paths) }
            return postings
        }
        (self.words, self.postings) = WordPostings.joined(built)
    }

    // MARK: Full text

    /// The slots where every term matches the start of some word, ascending, with the relevance
    /// `SearchDocument.score` gives (per term, the heaviest field where it matches; summed).
    func search(_ query: FullTextQuery) -> (slots: [UInt32], scores: [Int]) {
        var result: (slots: [UInt32], scores: [Int])?
        for term in query.terms {
            let matched = termMatches(term)
            guard let current = result else {
                result = matched
                continue
            }
            // Intersect two ascending lists, adding scores.
            var slots: [UInt32] = []
            var scores: [Int] = []
            var a = 0
            var b = 0
            while a < current.slots.count, b < matched.slots.count {
                let x = current.slots[a]
                let y = matched.slots[b]
                if x < y { a += 1 } else if y < x { b += 1 } else {
                    slots.append(x)
                    scores.append(current.scores[a] + matched.scores[b])
                    a += 1
                    b += 1
                }
            }
            result = (slots, scores)
            if slots.isEmpty { break }
        }
        return result ?? ([], [])
    }

    /// The positions in `words` of the words starting with `term`.
    private func wordRange(_ term: String) -> Range<Int> {
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].utf8.lexicographicallyPrecedes(term.utf8) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < words.count, words[end].utf8.starts(with: term.utf8) { end += 1 }
        return low..<end
    }

    /// How many (slot, word) pairs `term` matches: at least its number of matching items, and
    /// exactly that when the term is one whole word.
    func postingCount(_ term: String) -> Int {
        wordRange(term).reduce(0) { count, word in postings[word].reduce(count) { $0 + $1.count } }
    }

    /// `term` as bitmaps of `slotCount` bits (see `TermBitmaps`). `nil` when more than
    /// `maxPrefixWords` words start with `term` (merging postings is then cheaper than bitmaps).
    /// The first `cachedTermsLimit` terms asked are kept (each is 4 × slotCount / 8 bytes).
    func termBitmaps(_ term: String, maxPrefixWords: Int = 16) -> TermBitmaps? {
        let range = wordRange(term)
        guard range.count <= maxPrefixWords else { return nil }
        if let cached = fieldIndexes.withLock({ $0.terms[range] }) { return cached }
        var atLeast = [SlotBitmap](repeating: SlotBitmap(capacity: slotCount), count: maxWeight)
        for word in range {
            for entry in postings[word].joined() {
                let slot = Int(WordPostings.slot(entry))
                for level in 0..<Int(WordPostings.weight(entry)) { atLeast[level].insert(slot) }
            }
        }
        let bitmaps = TermBitmaps(atLeast: atLeast)
        fieldIndexes.withLock {
            if $0.terms.count < Self.cachedTermsLimit { $0.terms[range] = bitmaps }
        }
        return bitmaps
    }

    /// The slots with a word starting with `term`, ascending, each with its heaviest field.
    private func termMatches(_ term: String) -> (slots: [UInt32], scores: [Int]) {
        let range = wordRange(term)
        let low = range.lowerBound
        let end = range.upperBound
        if end == low { return ([], []) }
        if end == low + 1 {
            let entries = postings[low].joined()
            return (entries.map(WordPostings.slot), entries.map { Int(WordPostings.weight($0)) })
        }
        // Several words share the prefix: merge through a dense array (one byte per slot).
        var best = [UInt8](repeating: 0, count: slotCount)
        var count = 0
        for word in low..<end {
            for entry in postings[word].joined() {
                let slot = WordPostings.slot(entry)
                let weight = WordPostings.weight(entry)
                if best[Int(slot)] == 0 { count += 1 }
                best[Int(slot)] = max(best[Int(slot)], weight)
            }
        }
        var slots: [UInt32] = []
        var scores: [Int] = []
        slots.reserveCapacity(count)
        scores.reserveCapacity(count)
        for (slot, weight) in best.enumerated() where weight > 0 {
            slots.append(UInt32(slot))
            scores.append(Int(weight))
        }
        return (slots, scores)
    }

    // MARK: Fields

    /// The slots whose single top-level `field` equals `key` (`equalityKey`), ascending.
    func slots(field: String, equalTo key: String) -> [UInt32] {
        equalityTable(field)[key] ?? []
    }

    /// Every text value of top-level `field` with the slots holding it.
    func equalityTable(_ field: String) -> [String: [UInt32]] {
        equality(field).table
    }

    /// `field`'s equality index, built on first use.
    func equality(_ field: String) -> Equality {
        fieldIndexes.withLock { $0.equality[field] } ?? buildEquality(field)
    }

    /// Each slot's rank under `key`'s field ascending: equal values share a rank; a missing value
    /// is -1. Built once per field.
    func ranks(_ key: SortKey) -> [Int32] {
        let field = key.path.name
        if let ranks = fieldIndexes.withLock({ $0.ranks[field] }) { return ranks }
        let ascending = SortKey(path: key.path, isDescending: false)
        var keyed: [(slot: Int, value: SortKey.Value)] = []
        slots.forEachSlot { slot, item in keyed.append((slot, ascending.value(in: item))) }
        keyed.sort { ascending.compare($0.value, $1.value) < 0 }
        var ranks = [Int32](repeating: -1, count: slotCount)
        var rank: Int32 = -1
        var previous: SortKey.Value?
        for (slot, value) in keyed {
            if case .missing = value { continue }
            if let previous, ascending.compare(previous, value) == 0 {} else { rank += 1 }
            ranks[slot] = rank
            previous = value
        }
        fieldIndexes.withLock { $0.ranks[field] = ranks }
        // The sort keys are gone (Vietnamese collation keys are about 1 KB a title: 100 MB at
        // 100k articles); without this, glibc would keep their pages resident.
        keyed = []
        Heap.releaseFreeMemory()
        return ranks
    }

    /// `_sort=id`: the tie-break of every ordering (ids are unique).
    var idKey: SortKey {
        guard let idPath = FieldPath.resolve("id", in: kind.schema) else { preconditionFailure("every schema has an id") }
        return SortKey(path: idPath, isDescending: false)
    }

    /// Each slot's rank by id.
    var idRanks: [Int32] { ranks(idKey) }

    /// `rank` (from `ranks(key)`) as an ascending integer key: direction folded in, and a missing
    /// value (-1) last in either direction.
    static func orderKey(_ rank: Int32, _ key: SortKey) -> Int64 {
        rank < 0 ? Int64.max : key.isDescending ? -Int64(rank) : Int64(rank)
    }

    /// Every item's slot in the order of `key`, then id: a whole sorted list is a slice of it.
    func sortedSlots(_ key: SortKey) -> [UInt32] {
        let name = (key.isDescending ? "-" : "") + key.path.name
        if let order = fieldIndexes.withLock({ $0.orders[name] }) { return order }
        let ranks = ranks(key)
        let idRanks = idRanks
        var keyed: [(Int64, Int32, UInt32)] = []
        keyed.reserveCapacity(slots.liveCount)
        slots.forEachSlot { slot, _ in
            keyed.append((Self.orderKey(ranks[slot], key), idRanks[slot], UInt32(slot)))
        }
        keyed.sort { $0 < $1 }
        let order = keyed.map(\.2)
        fieldIndexes.withLock { $0.orders[name] = order }
        return order
    }

    /// The text an equality filter compares for `value`, or `nil` for a value the index does not hold.
    static func equalityKey(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        default: nil
        }
    }

    private func buildEquality(_ field: String) -> Equality {
        var table: [String: [UInt32]] = [:]
        var valueIDs: [String: Int32] = [:]
        var column = [Int32](repeating: -1, count: slotCount)
        slots.forEachSlot { slot, item in
            guard let value = item.member(field), let key = Self.equalityKey(value) else { return }
            table[key, default: []].append(UInt32(slot))
            if let id = valueIDs[key] {
                column[slot] = id
            } else {
                let id = Int32(valueIDs.count)
                valueIDs[key] = id
                column[slot] = id
            }
        }
        let equality = Equality(table: table, valueIDs: valueIDs, column: column)
        fieldIndexes.withLock { $0.equality[field] = equality }
        return equality
    }
}
