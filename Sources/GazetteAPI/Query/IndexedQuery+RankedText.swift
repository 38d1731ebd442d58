extension IndexedQuery {
    /// The most terms `rankedText` combines (each adds a factor to the per-word work).
    static let maxRankedTerms = 4

    /// `q` alone (no filter, no `_sort`) whose terms each match a large share of the items: the
    /// result is ordered by relevance, then id, and relevance takes few values (the sum of one
    /// field weight per term), so the result is a few levels. Each term is a bitmap per weight
    /// (`CollectionIndex.termBitmaps`); the total and each level's size are counted 64 slots at a
    /// time, whole levels before the page are skipped by their counts, and the page's level is
    /// read in id order by walking the index's id order. The work grows with `items / 64` and the
    /// page, not with the number of matches. `nil` when a term is rare (merging its postings is
    /// cheaper) or the query has anything else; the general path then runs.
    static func rankedText(_ query: ListQuery, snapshot: StoreSnapshot, kind: ResourceKind, index: CollectionIndex,
                           changed: Set<Int>, range: (Int) -> Range<Int>) -> Result? {
        guard let fullText = query.fullText, query.conditions.isEmpty, query.sort.isEmpty,
              fullText.terms.count <= maxRankedTerms,
              let rarest = fullText.terms.map(index.postingCount).min(), rarest * 32 >= index.slotCount else { return nil }
        var terms: [TermBitmaps] = []
        for term in fullText.terms {
            guard let bitmaps = index.termBitmaps(term) else { return nil }
            terms.append(bitmaps)
        }
        let maxWeight = index.maxWeight
        let changedBits = changedBitmap(changed, slotCount: index.slotCount)
        var scratch = [UInt64](repeating: 0, count: (index.slotCount + 63) >> 6)

        /// Leaves in `scratch` the unchanged slots in every one of `bitmaps` and counts them: one
        /// plain loop over the words per bitmap.
        func intersect(_ bitmaps: [SlotBitmap]) -> Int {
            scratch.withUnsafeMutableBufferPointer { result in
                for position in result.indices { result[position] = ~0 }
                for bitmap in bitmaps {
                    bitmap.words.withUnsafeBufferPointer { words in
                        let shared = min(words.count, result.count)
                        for position in 0..<shared { result[position] &= words[position] }
                        for position in shared..<result.count { result[position] = 0 }
                    }
                }
                changedBits.words.withUnsafeBufferPointer { words in
                    for position in 0..<min(words.count, result.count) { result[position] &= ~words[position] }
                }
                var count = 0
                for word in result { count += word.nonzeroBitCount }
                return count
            }
        }
        /// The weights per term that sum to `score`, each term weighing 1 to `maxWeight`: the
        /// slots of different combinations are disjoint, so a level's count is their sum.
        func combinations(_ score: Int) -> [[Int]] {
            var combinations: [[Int]] = [[]]
            for term in terms.indices {
                let rest = terms.count - term - 1
                combinations = combinations.flatMap { prefix in
                    let remaining = score - prefix.reduce(0, +)
                    let lowest = max(1, remaining - rest * maxWeight)
                    let highest = min(maxWeight, remaining - rest)
                    return lowest > highest ? [] : (lowest...highest).map { prefix + [$0] }
                }
            }
            return combinations
        }
        func bitmaps(_ weights: [Int]) -> [SlotBitmap] {
            weights.enumerated().map { term, weight in terms[term].exact[weight - 1] }
        }

        var total = intersect(terms.map(\.any))
        // Items changed since the index was built, scored from their current text.
        var changedMatches: [(item: StoredItem, score: Int)] = []
        let slots = snapshot.slots(kind)
        for slot in changed where slot < slots.count {
            guard let item = slots[slot], let score = SearchDocument(item, kind: kind).score(fullText) else { continue }
            changedMatches.append((item, score))
        }
        changedMatches.sort { $0.item.id < $1.item.id }
        total += changedMatches.count

        let pageRange = range(total)
        var page: [StoredItem] = []
        var before = 0
        for level in stride(from: terms.count * maxWeight, through: terms.count, by: -1) {
            if before >= pageRange.upperBound { break }
            let changedHere = changedMatches.filter { $0.score == level }.map(\.item)
            let levelCombinations = combinations(level).map { (weights: $0, count: intersect(bitmaps($0))) }
            let unchangedHere = levelCombinations.reduce(0) { $0 + $1.count }
            let levelTotal = unchangedHere + changedHere.count
            defer { before += levelTotal }
            if levelTotal == 0 || before + levelTotal <= pageRange.lowerBound { continue }
            // The first `wanted` entries of this level, in id order; the page takes its part of them.
            let wanted = min(levelTotal, pageRange.upperBound - before)
            var unchanged: [StoredItem] = []
            unchanged.reserveCapacity(min(wanted, unchangedHere))
            let walkSteps = wanted * index.slotCount / max(unchangedHere, 1)
            if walkSteps < unchangedHere * max(1, Int.bitWidth - unchangedHere.leadingZeroBitCount) {
                // Few steps of the id order reach enough of this level's slots.
                let enough = min(wanted, unchangedHere)
                for slot32 in index.sortedSlots(index.idKey) {
                    if unchanged.count == enough { break }
                    let slot = Int(slot32)
                    guard !changedBits.contains(slot), terms.reduce(0, { $0 + $1.weight(at: slot) }) == level,
                          terms.allSatisfy({ $0.any.contains(slot) }), let item = slots[slot] else { continue }
                    unchanged.append(item)
                }
            } else {
                // A small level: its slots from the bitmaps, sorted by id.
                var found: [Int] = []
                found.reserveCapacity(unchangedHere)
                for (weights, count) in levelCombinations where count > 0 {
                    _ = intersect(bitmaps(weights))
                    for (position, word) in scratch.enumerated() {
                        var rest = word
                        while rest != 0 {
                            found.append(position << 6 | rest.trailingZeroBitCount)
                            rest &= rest - 1
                        }
                    }
                }
                let idRanks = index.idRanks
                found.sort { idRanks[$0] < idRanks[$1] }
                unchanged = found.prefix(wanted).compactMap { slots[$0] }
            }
            // Merge with the changed items of this level, both in id order.
            var merged: [StoredItem] = []
            merged.reserveCapacity(wanted)
            var a = 0
            var b = 0
            while merged.count < wanted {
                if b == changedHere.count || (a < unchanged.count && unchanged[a].id < changedHere[b].id) {
                    guard a < unchanged.count else { break }
                    merged.append(unchanged[a])
                    a += 1
                } else {
                    merged.append(changedHere[b])
                    b += 1
                }
            }
            page += merged.dropFirst(max(0, pageRange.lowerBound - before))
        }
        return Result(total: total, page: page)
    }

    /// `changed` as a bitmap over the index's slots (new slots past them are not in it); empty,
    /// taking no memory, when nothing changed.
    static func changedBitmap(_ changed: Set<Int>, slotCount: Int) -> SlotBitmap {
        changed.isEmpty ? .empty : SlotBitmap(changed.lazy.filter { $0 < slotCount }, capacity: slotCount)
    }
}
