/// Runs a `ListQuery` over a resource's items: filters, full-text matching, then ordering.
///
/// Today every step scans the items it is given; an index can later hand `run` fewer candidates
/// (or pre-ordered ones) without anything above this type changing.
enum QueryEngine {
    /// The items that match, in result order, with their relevance when the query has a `q`.
    struct Result: Sendable {
        var items: [StoredItem]
        /// Relevance per item (same positions as `items`), when the query has a `q`.
        var scores: [Int]?
    }

    /// Every item of `items` (all of `kind`) that `query` matches, ordered by `_sort`; without
    /// `_sort`, by relevance for a `q` (ties by id), else in the order given (creation order).
    static func run(_ query: ListQuery, on items: [StoredItem], kind: ResourceKind) -> Result {
        let selected = select(query, on: items, kind: kind)
        let matched = selected.items
        let scores = selected.scores
        if !query.sort.isEmpty {
            return sorted(matched, scores: scores, by: query.sort)
        }
        if let relevance = scores {
            let order = matched.indices.sorted { a, b in
                relevance[a] != relevance[b] ? relevance[a] > relevance[b] : matched[a].id < matched[b].id
            }
            return Result(items: order.map { matched[$0] }, scores: order.map { relevance[$0] })
        }
        return Result(items: matched, scores: nil)
    }

    /// The items that satisfy every condition, in the order given.
    static func filter(_ items: [StoredItem], conditions: [QueryCondition]) -> [StoredItem] {
        guard !conditions.isEmpty else { return items }
        return items.filter { item in conditions.allSatisfy { $0.matches(item) } }
    }

    /// The items that the conditions and `q` of `query` select, in the order given, with their
    /// relevance when there is a `q` (grouping needs no order).
    static func select(_ query: ListQuery, on items: [StoredItem], kind: ResourceKind) -> Result {
        // Conditions first: they are cheaper than full-text matching and leave it fewer items.
        let matched = filter(items, conditions: query.conditions)
        guard let fullText = query.fullText else { return Result(items: matched, scores: nil) }
        let documents = SearchDocumentCache.shared.documents(for: matched, kind: kind)
        var kept: [StoredItem] = []
        var scores: [Int] = []
        for (item, document) in zip(matched, documents) {
            guard let score = document.score(fullText) else { continue }
            kept.append(item)
            scores.append(score)
        }
        return Result(items: kept, scores: scores)
    }

    private static func sorted(_ items: [StoredItem], scores: [Int]?, by keys: [SortKey]) -> Result {
        // Each item's keys are computed once (collation keys are the costly part), not per comparison.
        let values = items.map { item in keys.map { $0.value(in: item) } }
        let order = items.indices.sorted { a, b in
            for (position, key) in keys.enumerated() {
                let order = key.compare(values[a][position], values[b][position])
                if order != 0 { return order < 0 }
            }
            return items[a].id < items[b].id
        }
        return Result(items: order.map { items[$0] }, scores: scores.map { scores in order.map { scores[$0] } })
    }
}
