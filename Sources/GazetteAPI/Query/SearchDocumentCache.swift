import Synchronization

/// Search documents of the items that full-text queries have seen, so that an item's text is
/// folded once per version rather than once per request.
///
/// Keyed by resource and id, and checked against the item's ETag: a changed item is folded again,
/// and a stale entry is never used. The lock is held only to copy entries in or out, once per
/// request, never while folding.
final class SearchDocumentCache: Sendable {
    /// The cache the query engine and `/search` share.
    static let shared = SearchDocumentCache(limit: 200_000)

    private struct Key: Hashable {
        let kind: ResourceKind
        let id: String
    }

    private struct Entry {
        let etag: String
        let document: SearchDocument
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// Entries kept at most; reaching it empties the cache (deleted items would otherwise stay).
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The documents of `items`, in the same order.
    func documents(for items: [StoredItem], kind: ResourceKind) -> [SearchDocument] {
        let cached: [SearchDocument?] = entries.withLock { entries in
            items.map { item in
                guard let entry = entries[Key(kind: kind, id: item.id)], entry.etag == item.etag else { return nil }
                return entry.document
            }
        }
        var fresh: [(Key, Entry)] = []
        let documents = zip(items, cached).map { item, document in
            if let document { return document }
            let made = SearchDocument(item, kind: kind)
            fresh.append((Key(kind: kind, id: item.id), Entry(etag: item.etag, document: made)))
            return made
        }
        if !fresh.isEmpty {
            entries.withLock { entries in
                if entries.count + fresh.count > limit { entries.removeAll(keepingCapacity: true) }
                for (key, entry) in fresh { entries[key] = entry }
            }
        }
        return documents
    }
}
