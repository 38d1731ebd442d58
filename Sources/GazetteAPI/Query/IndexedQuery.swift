/// Runs a list query over all items of a resource through its `CollectionIndex`: equality filters
/// on top-level fields and `q` take their candidates from postings, `_sort` compares precomputed
/// ranks, and only the items changed since the index was built are checked one by one. Gives the
/// same result as `QueryEngine.run` over every item (tests compare the two).
enum IndexedQuery {
    struct Result {
        /// Items in the whole result.
        let total: Int
        /// The items of the page asked for, in result order.
        let page: [StoredItem]
    }

    /// One matching item and what orders it.
    private struct Match {
        let slot: Int
        let item: StoredItem
        /// Relevance, when there is a `q`.
        let score: Int
        /// Changed since the index was built: its ranks are unknown.
        let isChanged: Bool
    }

    /// The result, or `nil` when the query has nothing an index helps with (no `q`, no equality
    /// on a top-level field, no `_sort`) or no index is ready: the caller scans then.
    static func run(_ query: ListQuery, snapshot: StoreSnapshot, kind: ResourceKind, range: (Int) -> Range<Int>) -> Result? {
        let indexedConditions = query.conditions.filter(isIndexable)
        guard query.fullText != nil || !indexedConditions.isEmpty || !query.sort.isEmpty else { return nil }
        guard let (index, changed) = snapshot.indexes.index(for: snapshot, kind: kind) else { return nil }
        if let result = sortedWalk(query, snapshot: snapshot, kind: kind, index: index, changed: changed, range: range)
            ?? rankedText(query, snapshot: snapshot, kind: kind, index: index, changed: changed, range: range) {
            return result
        }
        let others = query.conditions.filter { !isIndexable($0) }
        let slots = snapshot.slots(kind)

        // Candidates among the indexed items: ascending slots, with scores for `q`.
        var candidates: [UInt32]?
        var scores: [Int]?
        for condition in indexedConditions {
            let field = condition.path.name
            var union: [UInt32] = []
            for operand in condition.operands {
                guard let key = equalityKey(operand) else { continue }
                union += index.slots(field: field, equalTo: key)
            }
            if condition.operands.count > 1 { union = Array(Set(union)).sorted() }
            (candidates, scores) = intersect(candidates, scores, union, nil)
        }
        if let fullText = query.fullText {
            let found = index.search(fullText)
            (candidates, scores) = intersect(candidates, scores, found.slots, found.scores)
        }
        // A whole list in one `_sort` order, nothing changed since the index: a slice of a sorted list.
        if candidates == nil, others.isEmpty, changed.isEmpty, query.sort.count == 1, let key = query.sort.first {
            let order = index.sortedSlots(key)
            let pageRange = range(order.count)
            return Result(total: order.count, page: order[pageRange].compactMap { slots[Int($0)] })
        }
        // Unchanged matches as plain numbers: items are fetched for the page only.
        var baseSlots: [Int] = []
        var baseScores: [Int] = []
        func consider(_ slot: Int, score: Int?) {
            if !changed.isEmpty && changed.contains(slot) { return }
            if others.isEmpty {
                guard slots.isOccupied(slot) else { return }
            } else {
                guard let item = slots[slot], others.allSatisfy({ $0.matches(item) }) else { return }
            }
            baseSlots.append(slot)
            baseScores.append(score ?? 0)
        }
        if let candidates {
            baseSlots.reserveCapacity(candidates.count)
            baseScores.reserveCapacity(candidates.count)
            for (position, slot) in candidates.enumerated() { consider(Int(slot), score: scores?[position]) }
        } else {
            for slot in 0..<index.slotCount { consider(slot, score: nil) }
        }
        // Items changed since the index was built, and new ones, checked as a scan would.
        var changedMatches: [Match] = []
        for slot in changed.sorted() where slot < slots.count {
            guard let item = slots[slot], query.conditions.allSatisfy({ $0.matches(item) }) else { continue }
            var score = 0
            if let fullText = query.fullText {
                guard let found = SearchDocument(item, kind: kind).score(fullText) else { continue }
                score = found
            }
            changedMatches.append(Match(slot: slot, item: item, score: score, isChanged: true))
        }

        let total = baseSlots.count + changedMatches.count
        let pageRange = range(total)
        if changedMatches.isEmpty,
           let order = orderByRanks(baseSlots, baseScores, query: query, index: index, limit: pageRange.upperBound) {
            let page = order[pageRange.clamped(to: 0..<order.count)].compactMap { slots[baseSlots[$0]] }
            return Result(total: total, page: page)
        }
        let matches = zip(baseSlots, baseScores).compactMap { slot, score in
            slots[slot].map { Match(slot: slot, item: $0, score: score, isChanged: false) }
        } + changedMatches
        let ordered = order(matches, query: query, index: index)
        return Result(total: total, page: ordered[pageRange].map(\.item))
    }

    /// The positions in `slots` of the first `limit` matches in result order, for matches that all
    /// have ranks; `nil` for a sort the numbers cannot express (more than one `_sort` key).
    private static func orderByRanks(_ slots: [Int], _ scores: [Int], query: ListQuery, index: CollectionIndex,
                                     limit: Int) -> [Int]? {
        if query.sort.isEmpty && query.fullText == nil { return Array(0..<min(limit, slots.count)) }
        guard query.sort.count <= 1 else { return nil }
        let idRanks = index.idRanks
        // (primary, id rank, position): plain numbers, compared without touching any reference.
        var keys: [(Int64, Int32, Int32)] = []
        keys.reserveCapacity(slots.count)
        if let key = query.sort.first {
            let ranks = index.ranks(key)
            for (position, slot) in slots.enumerated() {
                keys.append((CollectionIndex.orderKey(ranks[slot], key), idRanks[slot], Int32(position)))
            }
        } else {
            for (position, slot) in slots.enumerated() {
                keys.append((-Int64(scores[position]), idRanks[slot], Int32(position)))
            }
        }
        keys.sort { $0 < $1 }
        return keys.prefix(limit).map { Int($0.2) }
    }

    /// `_group_by` on one top-level text or date field (`publishedOn:month`), without conditions,
    /// `q` or `_agg`: counted from the field's equality postings, then corrected for the items
    /// changed since the index was built. `nil` when that does not apply.
    static func groups(_ query: ListQuery, snapshot: StoreSnapshot, kind: ResourceKind) -> [JSONValue]? {
        guard query.conditions.isEmpty, query.fullText == nil, let grouping = query.grouping, grouping.aggregates.isEmpty,
              grouping.keys.count == 1, let key = grouping.keys.first, key.path.components.count == 1,
              !key.path.isMultiValued, key.path.valueType.isString,
              let (index, changed) = snapshot.indexes.index(for: snapshot, kind: kind) else { return nil }
        let field = key.path.name
        func groupKey(_ text: String?) -> [JSONValue] {
            guard let text else { return [.null] }
            guard let bucket = key.bucket else { return [.string(text)] }
            return [.string(String(text.prefix(bucket.prefixLength)))]
        }
        var counts: [[JSONValue]: Int] = [:]
        var valued = 0
        for (value, slots) in index.equalityTable(field) {
            counts[groupKey(value), default: 0] += slots.count
            valued += slots.count
        }
        // Items without the field (or with null) form the null group.
        let withoutValue = index.slots.liveCount - valued
        if withoutValue > 0 { counts[[.null], default: 0] += withoutValue }
        let current = snapshot.slots(kind)
        for slot in changed {
            if slot < index.slotCount, let old = index.slots[slot] {
                counts[groupKey(old.member(field).flatMap(CollectionIndex.equalityKey)), default: 0] -= 1
            }
            if slot < current.count, let new = current[slot] {
                counts[groupKey(new.member(field).flatMap(CollectionIndex.equalityKey)), default: 0] += 1
            }
        }
        counts = counts.filter { $0.value > 0 }
        return grouping.render(order: Array(counts.keys), counts: counts)
    }

    /// The items of `kind` that `fullText` matches with their relevance and a rank that orders
    /// them by id, for `/search`; `nil` without an index. Items changed since the index was built
    /// are scored from their current text and carry no rank (`nil`).
    static func searchHits(_ fullText: FullTextQuery, snapshot: StoreSnapshot, kind: ResourceKind)
        -> [(item: StoredItem, score: Int, idRank: Int32?)]? {
        guard let (index, changed) = snapshot.indexes.index(for: snapshot, kind: kind) else { return nil }
        let idRanks = index.idRanks
        let slots = snapshot.slots(kind)
        let found = index.search(fullText)
        var hits: [(item: StoredItem, score: Int, idRank: Int32?)] = []
        hits.reserveCapacity(found.slots.count)
        for (slot, score) in zip(found.slots, found.scores) {
            let slot = Int(slot)
            if !changed.isEmpty && changed.contains(slot) { continue }
            guard let item = slots[slot] else { continue }
            hits.append((item, score, idRanks[slot]))
        }
        for slot in changed.sorted() where slot < slots.count {
            guard let item = slots[slot], let score = SearchDocument(item, kind: kind).score(fullText) else { continue }
            hits.append((item, score, nil))
        }
        return hits
    }

    /// `field=value` or `field:in=…` on a top-level single-valued field holding text: the index
    /// keeps exactly those values.
    static func isIndexable(_ condition: QueryCondition) -> Bool {
        guard condition.op == .eq || condition.op == .in, condition.path.components.count == 1,
              !condition.path.isMultiValued else { return false }
        return condition.operands.allSatisfy { equalityKey($0) != nil }
    }

    static func equalityKey(_ operand: QueryOperand) -> String? {
        switch operand {
        case .string(let text), .instant(let text): text
        default: nil
        }
    }

    /// Ascending `a` ∩ ascending `b`, scores added; `nil` stands for every slot.
    private static func intersect(_ a: [UInt32]?, _ aScores: [Int]?, _ b: [UInt32], _ bScores: [Int]?) -> ([UInt32]?, [Int]?) {
        guard let a else { return (b, bScores) }
        var slots: [UInt32] = []
        var scores: [Int]? = aScores != nil || bScores != nil ? [] : nil
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else {
                slots.append(a[i])
                if scores != nil { scores?.append((aScores?[i] ?? 0) + (bScores?[j] ?? 0)) }
                i += 1
                j += 1
            }
        }
        return (slots, scores)
    }

    /// The matches in result order: `_sort` keys, then id; without `_sort`, relevance for a `q`
    /// then id, else creation order.
    private static func order(_ matches: [Match], query: ListQuery, index: CollectionIndex) -> [Match] {
        if query.sort.isEmpty && query.fullText == nil {
            return matches.sorted { $0.slot < $1.slot }
        }
        if query.sort.isEmpty {
            return matches.sorted { a, b in a.score != b.score ? a.score > b.score : a.item.id < b.item.id }
        }
        let keys = query.sort
        if matches.contains(where: \.isChanged) {
            // Changed items have no ranks: compare values, computed once per item, as a scan does.
            let values = matches.map { match in keys.map { $0.value(in: match.item) } }
            let order = matches.indices.sorted { a, b in
                for (position, key) in keys.enumerated() {
                    let order = key.compare(values[a][position], values[b][position])
                    if order != 0 { return order < 0 }
                }
                return matches[a].item.id < matches[b].item.id
            }
            return order.map { matches[$0] }
        }
        let ranks = keys.map { index.ranks($0) }
        return matches.sorted { a, b in
            for (key, ranks) in zip(keys, ranks) {
                let x = CollectionIndex.orderKey(ranks[a.slot], key)
                let y = CollectionIndex.orderKey(ranks[b.slot], key)
                if x != y { return x < y }
            }
            return a.item.id < b.item.id
        }
    }
}
