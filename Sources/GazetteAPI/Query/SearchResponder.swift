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
        var hits: [(kind: ResourceKind, item: StoredItem, document: SearchDocument, score: Int)] = []
        for kind in query.kinds {
            let items = snapshot.items(kind)
            let documents = SearchDocumentCache.shared.documents(for: items, kind: kind)
            for (item, document) in zip(items, documents) {
                if let score = document.score(query.fullText) { hits.append((kind, item, document, score)) }
            }
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: ResourceKind.allCases.enumerated().map { ($1, $0) })
        hits.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.kind != b.kind { return (kindOrder[a.kind] ?? 0) < (kindOrder[b.kind] ?? 0) }
            return a.item.id < b.item.id
        }
        let pagination = Pagination(page: query.page, perPage: query.perPage, total: hits.count)
        let results: [JSONValue] = hits[pagination.range].map { hit in
            let label = hit.item.value[hit.kind.schema.labelField]?.stringValue
            return [
                "type": .string(hit.kind.singular),
                "id": .string(hit.item.id),
                "label": .string(label ?? hit.item.id),
                "snippet": .string(Snippet.make(hit.document, query: query.fullText, label: label)),
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
