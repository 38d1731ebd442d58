import Foundation
import GazetteHTTP

/// GET (and HEAD) on lists and single items: the query language applied to a resource's items.
///
/// A list answers with one page of items as a JSON array (or an envelope), `X-Total-Count`,
/// `Link`, a strong `ETag` and `Last-Modified`; with `_group_by` or `_agg`, with the groups instead.
public enum ListResponder {
    /// Answers `GET` on a list of `kind`: `items` are its candidates in creation order (every item,
    /// or those of a nested list such as `/articles/{id}/officials`), taken from `snapshot`.
    ///
    /// Throws `APIError.invalidQuery` naming every bad parameter.
    public static func respond(
        to request: HTTPRequest, kind: ResourceKind, items: [StoredItem], snapshot: StoreSnapshot
    ) throws(APIError) -> HTTPResponse {
        let query = try QueryParser.parseList(request.queryItems, kind: kind)
        // Any write to the resource (or to an embedded one) moves this, deletions included.
        let modifiedAt = ([kind] + query.embeds).map { snapshot.modifiedAt($0) }.max()
        if let grouping = query.grouping {
            let groups = grouping.run(QueryEngine.select(query, on: items, kind: kind).items)
            return groupResponse(groups, request: request, modifiedAt: modifiedAt)
        }
        let result = QueryEngine.run(query, on: items, kind: kind)
        let pagination = Pagination(page: query.page, perPage: query.perPage, total: result.items.count)
        return respond(to: request, query: query, kind: kind, page: result.items[pagination.range],
                       pagination: pagination, modifiedAt: modifiedAt, snapshot: snapshot)
    }

    /// The groups of `_group_by`/`_agg` as a JSON array, with their count in `X-Total-Count`.
    private static func groupResponse(_ groups: [JSONValue], request: HTTPRequest, modifiedAt: Date?) -> HTTPResponse {
        let body = JSONWriter.encode(.array(groups))
        return JSONResponse.make(body, etag: ETag.make(body), modifiedAt: modifiedAt, request: request,
                                 headers: [Pagination.totalCountHeader: String(groups.count)])
    }

    /// Answers `GET` on the whole list of `kind`. A list in creation order without conditions,
    /// `q`, `_sort` or groups is read straight from the store, a page's worth of items, whatever
    /// the store holds; any other query runs over every item.
    public static func respondAll(to request: HTTPRequest, kind: ResourceKind, snapshot: StoreSnapshot) throws(APIError) -> HTTPResponse {
        let query = try QueryParser.parseList(request.queryItems, kind: kind)
        let modifiedAt = ([kind] + query.embeds).map { snapshot.modifiedAt($0) }.max()
        guard query.conditions.isEmpty, query.fullText == nil, query.sort.isEmpty, query.grouping == nil else {
            if query.grouping != nil, let groups = IndexedQuery.groups(query, snapshot: snapshot, kind: kind) {
                return groupResponse(groups, request: request, modifiedAt: modifiedAt)
            }
            if query.grouping == nil, let result = IndexedQuery.run(query, snapshot: snapshot, kind: kind, range: { total in
                Pagination(page: query.page, perPage: query.perPage, total: total).range
            }) {
                let pagination = Pagination(page: query.page, perPage: query.perPage, total: result.total)
                return respond(to: request, query: query, kind: kind, page: result.page[...], pagination: pagination,
                               modifiedAt: modifiedAt, snapshot: snapshot)
            }
            return try respond(to: request, kind: kind, items: snapshot.items(kind), snapshot: snapshot)
        }
        let pagination = Pagination(page: query.page, perPage: query.perPage, total: snapshot.count(kind))
        let range = pagination.range
        let page = snapshot.items(kind, skipping: range.lowerBound, limit: range.count)
        return respond(to: request, query: query, kind: kind, page: page[...], pagination: pagination,
                       modifiedAt: modifiedAt, snapshot: snapshot)
    }

    /// The page of a list, with its headers, ETag and (unless the client has it) its body.
    private static func respond(
        to request: HTTPRequest, query: ListQuery, kind: ResourceKind, page: ArraySlice<StoredItem>,
        pagination: Pagination, modifiedAt: Date?, snapshot: StoreSnapshot
    ) -> HTTPResponse {
        // Without _embed there is nothing per item: no array of 20 empty lists to build and count.
        let related = query.embeds.isEmpty ? nil
            : page.map { item in query.embeds.map { (target: $0, items: snapshot.related(kind, id: item.id, target: $0)) } }
        let headers = pagination.headers(path: request.rawPath, rawQuery: request.rawQuery)
        let etag = listETag(request, total: pagination.total, page: page, related: related)
        if let ifNoneMatch = request.headers[.ifNoneMatch], ETag.matches(ifNoneMatch, etag: etag, weak: true) {
            // The ETag needs no body, so a revalidation skips encoding altogether.
            return JSONResponse.make([], etag: etag, modifiedAt: modifiedAt, request: request, headers: headers)
        }
        var body: [UInt8] = [UInt8(ascii: "[")]
        body.reserveCapacity(page.reduce(2) { $0 + $1.json.count + 1 })
        for (position, item) in page.enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            write(item, selection: query.selection, embedded: related?[position] ?? [], into: &body)
        }
        body.append(UInt8(ascii: "]"))
        if query.isEnveloped {
            body = pagination.envelope(body, path: request.rawPath, rawQuery: request.rawQuery)
        }
        return JSONResponse.make(body, etag: etag, modifiedAt: modifiedAt, request: request, headers: headers)
    }

    /// Answers `GET` on one item: as stored, or shaped by `_fields` and `_embed` (the only
    /// parameters an item takes). Throws `APIError.invalidQuery` for any other parameter.
    public static func respond(
        to request: HTTPRequest, item: StoredItem, kind: ResourceKind, snapshot: StoreSnapshot
    ) throws(APIError) -> HTTPResponse {
        guard !request.queryItems.isEmpty else { return JSONResponse.item(item, request: request) }
        let query = try QueryParser.parseItem(request.queryItems, kind: kind)
        let embedded = query.embeds.map { (target: $0, items: snapshot.related(kind, id: item.id, target: $0)) }
        var body: [UInt8] = []
        write(item, selection: query.selection, embedded: embedded, into: &body)
        let modifiedAt = ([item.modifiedAt] + embedded.flatMap { $0.items.map(\.modifiedAt) }).max()
        return JSONResponse.make(body, etag: ETag.make(body), modifiedAt: modifiedAt, request: request)
    }

    /// Appends `item`: its cached JSON when it is served whole, else the selected members, then
    /// each embedded resource as an array of the related items' cached JSON.
    static func write(
        _ item: StoredItem, selection: FieldSelection?, embedded: [(target: ResourceKind, items: [StoredItem])],
        into body: inout [UInt8]
    ) {
        let start = body.count
        if let selection {
            JSONWriter.write(.object(selection.apply(to: item.value)), into: &body)
        } else {
            // Through a buffer: the generic append of an array cost a retain and release per item.
            item.json.withUnsafeBufferPointer { body.append(contentsOf: $0) }
        }
        guard !embedded.isEmpty else { return }
        // Reopen the object: drop its closing brace and add the embedded arrays before a new one.
        body.removeLast()
        var isEmpty = body.count - start == 1
        for (target, items) in embedded {
            if !isEmpty { body.append(UInt8(ascii: ",")) }
            isEmpty = false
            JSONWriter.writeString(target.rawValue, into: &body)
            body.append(contentsOf: ":[".utf8)
            for (position, related) in items.enumerated() {
                if position > 0 { body.append(UInt8(ascii: ",")) }
                body.append(contentsOf: related.json)
            }
            body.append(UInt8(ascii: "]"))
        }
        body.append(UInt8(ascii: "}"))
    }

    /// A strong ETag computed without the body: a hash of the request's path and query, the total,
    /// and the hashes behind the ETags of the page's items and of the items embedded in them. Any change to one of
    /// those items, or to the result's size, or to the query changes it; nothing else does.
    static func listETag(
        _ request: HTTPRequest, total: Int, page: ArraySlice<StoredItem>,
        related: [[(target: ResourceKind, items: [StoredItem])]]?
    ) -> String {
        // Hashed as the pieces come, without gathering them first.
        var hasher = ETag.Hasher()
        hasher.add(request.rawPath)
        hasher.add(UInt8(ascii: "?"))
        hasher.add(request.rawQuery ?? "")
        hasher.add(0)
        hasher.add(String(total))
        for (position, item) in page.enumerated() {
            hasher.add(0)
            hasher.add(hash: item.contentHash)
            for (_, items) in related?[position] ?? [] {
                hasher.add(1)
                for related in items { hasher.add(hash: related.contentHash) }
            }
        }
        return hasher.etag
    }
}
