extension IndexedQuery {
    /// Equality filters with one `_sort` key and nothing else, when the matches are a large share
    /// of the items: walks the index's sorted order and tests each slot against the filters'
    /// value columns until the page is full, so a page costs about `page end × items / matches`
    /// steps (the same at 100k and 1M items for a filter that keeps the same share), and the
    /// total comes from posting counts. `nil` when sorting the matches is cheaper, or the query
    /// has anything else; the general path then runs.
    static func sortedWalk(_ query: ListQuery, snapshot: StoreSnapshot, kind: ResourceKind, index: CollectionIndex,
                           changed: Set<Int>, range: (Int) -> Range<Int>) -> Result? {
        guard query.fullText == nil, query.sort.count == 1, let key = query.sort.first, !query.conditions.isEmpty,
              query.conditions.allSatisfy(isIndexable) else { return nil }
        // Per condition: its field's value column and, per value number, whether it is accepted.
        var built: [ValueFilter] = []
        for condition in query.conditions {
            let equality = index.equality(condition.path.name)
            var accepted = [Bool](repeating: false, count: equality.valueIDs.count)
            var postings: [[UInt32]] = []
            for operand in condition.operands {
                guard let text = equalityKey(operand), let id = equality.valueIDs[text], !accepted[Int(id)],
                      let slots = equality.table[text] else { continue }
                accepted[Int(id)] = true
                postings.append(slots)
            }
            built.append((equality.column, accepted, postings))
        }
        let filters = built
        // The filter with the fewest slots bounds the matches; it decides whether a walk pays.
        let counts = filters.map { $0.postings.reduce(0) { $0 + $1.count } }
        let smallest = counts.indices.min { counts[$0] < counts[$1] }!
        let estimate = counts[smallest]
        let estimatedEnd = range(estimate + changed.count).upperBound
        let walkSteps = estimate == 0 ? index.slotCount : estimatedEnd * index.slotCount / estimate
        let sortSteps = estimate * max(1, Int.bitWidth - estimate.leadingZeroBitCount)
        guard walkSteps < sortSteps else { return nil }

        let slots = snapshot.slots(kind)
        let changedBits = changedBitmap(changed, slotCount: index.slotCount)
        // Total: the smallest filter's slots that pass the others and did not change since.
        var total = estimate
        if filters.count > 1 || !changed.isEmpty {
            total = 0
            let others = filters.indices.filter { $0 != smallest }.map { filters[$0] }
            for list in filters[smallest].postings {
                for slot in list where !changedBits.contains(Int(slot)) && others.allSatisfy({ passes($0, Int(slot)) }) {
                    total += 1
                }
            }
        }
        // Items changed since the index was built, checked as a scan would, in result order.
        var changedMatches: [(item: StoredItem, value: SortKey.Value)] = []
        for slot in changed where slot < slots.count {
            guard let item = slots[slot], query.conditions.allSatisfy({ $0.matches(item) }) else { continue }
            changedMatches.append((item, key.value(in: item)))
        }
        changedMatches.sort { precedes($0.value, $0.item.id, $1.value, $1.item.id, key) }
        total += changedMatches.count

        // The first unchanged matches in order, then the changed ones merged in by value.
        let pageRange = range(total)
        let unchanged = firstMatches(in: index.sortedSlots(key), filters: filters, changed: changedBits,
                                     limit: pageRange.upperBound)
        if changedMatches.isEmpty {
            // Items for the page only: fetching one takes reference counting.
            return Result(total: total, page: unchanged[pageRange.clamped(to: 0..<unchanged.count)].compactMap { slots[$0] })
        }
        var ordered: [StoredItem] = []
        ordered.reserveCapacity(pageRange.upperBound)
        var nextChanged = 0
        for slot in unchanged {
            guard let item = slots[slot] else { continue }
            if nextChanged < changedMatches.count {
                let value = key.value(in: item)
                while nextChanged < changedMatches.count, ordered.count < pageRange.upperBound,
                      precedes(changedMatches[nextChanged].value, changedMatches[nextChanged].item.id, value, item.id, key) {
                    ordered.append(changedMatches[nextChanged].item)
                    nextChanged += 1
                }
            }
            if ordered.count == pageRange.upperBound { break }
            ordered.append(item)
        }
        while ordered.count < pageRange.upperBound, nextChanged < changedMatches.count {
            ordered.append(changedMatches[nextChanged].item)
            nextChanged += 1
        }
        return Result(total: total, page: Array(ordered[pageRange.clamped(to: 0..<ordered.count)]))
    }

    private typealias ValueFilter = (column: [Int32], accepted: [Bool], postings: [[UInt32]])

    /// Whether `slot`'s value (as the index holds it) is one `filter` accepts.
    private static func passes(_ filter: ValueFilter, _ slot: Int) -> Bool {
        let value = filter.column[slot]
        return value >= 0 && filter.accepted[Int(value)]
    }

    /// The first `limit` slots of `order` that pass every filter and are not in `changed`: the
    /// walk's inner loop, on buffers, since it runs tens of thousands of steps per page.
    private static func firstMatches(in order: [UInt32], filters: [ValueFilter], changed: SlotBitmap, limit: Int) -> [Int] {
        var found: [Int] = []
        guard limit > 0, let first = filters.first else { return found }
        found.reserveCapacity(limit)
        let others = filters.dropFirst()
        order.withUnsafeBufferPointer { order in
            first.column.withUnsafeBufferPointer { column in
                first.accepted.withUnsafeBufferPointer { accepted in
                    for slot32 in order {
                        let slot = Int(slot32)
                        let value = column[slot]
                        guard value >= 0, accepted[Int(value)], !changed.contains(slot),
                              others.isEmpty || others.allSatisfy({ passes($0, slot) }) else { continue }
                        found.append(slot)
                        if found.count == limit { break }
                    }
                }
            }
        }
        return found
    }

    /// Whether (`a`, `aID`) comes before (`b`, `bID`): `key`'s order, then id.
    private static func precedes(_ a: SortKey.Value, _ aID: String, _ b: SortKey.Value, _ bID: String, _ key: SortKey) -> Bool {
        let order = key.compare(a, b)
        return order != 0 ? order < 0 : aID < bID
    }
}
