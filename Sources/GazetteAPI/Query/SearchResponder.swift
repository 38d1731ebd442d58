import GazetteHTTP

/// `GET /search?q=`: full-text search across articles, officials and projects at once.
///
/// Each result is `{"type","id","label","snippet","score"}`: `type` is `article`, `official` or
/// `project`, `label` the title or name, `snippet` the stored text around the first match (original
/// diacritics). Results are ranked by score, then by type (articles, officials, projects), then id,
/// and paged like lists (`_page`, `_per_page`, `X-Total-Count`, `Link`, `_envelope`).
public enum SearchResponder {
    /// Answers a search; throws `APIError.invalidQuery` when `q` is missing or empty, or any
    /// parameter is unknown or invalid.
    public static func respond(to request: HTTPRequest, snapshot: StoreSnapshot) throws(APIError) -> HTTPResponse {
        let query = try SearchQuery.parse(request.queryItems)
        // A large resource answers from its index; its hits carry id ranks, so that ordering
        // compares integers. A small one is scanned with cached search documents.
        var hits: [(kind: ResourceKind, item: StoredItem, score: Int, idRank: Int32?)] = []
        var documents: [ObjectIdentifier: SearchDocument] = [:]
        var hasUnranked = false
        for kind in query.kinds {
            if let indexed = IndexedQuery.searchHits(query.fullText, snapshot: snapshot, kind: kind) {
                for hit in indexed {
                    hits.append((kind, hit.item, hit.score, hit.idRank))
                    if hit.idRank == nil { hasUnranked = true }
                }
                continue
            }
            let items = snapshot.items(kind)
            var scanned: [(item: StoredItem, score: Int)] = []
            for (item, document) in zip(items, SearchDocumentCache.shared.documents(for: items, kind: kind)) {
                guard let score = document.score(query.fullText) else { continue }
                scanned.append((item, score))
                documents[ObjectIdentifier(item)] = document
            }
            // Ranks by id among this resource's hits are all the ordering needs.
            scanned.sort { $0.item.id < $1.item.id }
            for (rank, hit) in scanned.enumerated() { hits.append((kind, hit.item, hit.score, Int32(rank))) }
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: ResourceKind.allCases.enumerated().map { ($1, $0) })
        if hasUnranked {
            hits.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.kind != b.kind { return (kindOrder[a.kind] ?? 0) < (kindOrder[b.kind] ?? 0) }
                return a.item.id < b.item.id
            }
        } else {
            var keys = hits.enumerated().map { position, hit in (-hit.score, kindOrder[hit.kind] ?? 0, hit.idRank ?? 0, position) }
            keys.sort { $0 < $1 }
            hits = keys.map { hits[$0.3] }
        }
        let pagination = Pagination(page: query.page, perPage: query.perPage, total: hits.count)
        let results: [JSONValue] = hits[pagination.range].map { hit in
            let label = hit.item.member(hit.kind.schema.labelField)?.stringValue
            // Snippets need the folded text of the page's items only.
            let document = documents[ObjectIdentifier(hit.item)] ?? SearchDocument(hit.item, kind: hit.kind)
            return [
                "type": .string(hit.kind.singular),
                "id": .string(hit.item.id),
                "label": .string(label ?? hit.item.id),
                "snippet": .string(Snippet.make(document, query: query.fullText, label: label)),
                "score": .number(Double(hit.score)),
            ]
        }
        var body = JSONWriter.encode(.array(results))
        if query.isEnveloped {
            body = pagination.envelope(body, path: request.rawPath, rawQuery: request.rawQuery)
        }
        let modifiedAt = query.kinds.map { snapshot.modifiedAt($0) }.max()
        return JSONResponse.make(body, etag: ETag.make(body), modifiedAt: modifiedAt, request: request,
                                 headers: pagination.headers(path: request.rawPath, rawQuery: request.rawQuery))
    }
}
