import GazetteHTTP

/// The routes of one resource: list, create, read, replace, patch, delete, and its nested lists.
struct ResourceRoutes {
    let kind: ResourceKind
    let store: GazetteStore
    let guardian: WriteGuard
    var writes = WriteExecutor.inline

    var routes: [Route] {
        let base = "/" + kind.rawValue
        var routes = [
            Route(.get, base) { request in respond { () throws(APIError) in try list(request) } },
            Route(.post, base) { request in writes.run { respond { () throws(APIError) in try create(request) } } },
            Route(.get, base + "/{id}") { request in respond { () throws(APIError) in try read(request) } },
            Route(.put, base + "/{id}") { request in writes.run { respond { () throws(APIError) in try replace(request) } } },
            Route(.patch, base + "/{id}") { request in writes.run { respond { () throws(APIError) in try patch(request) } } },
            Route(.delete, base + "/{id}") { request in writes.run { respond { () throws(APIError) in try delete(request) } } },
        ]
        let targets: [ResourceKind] = kind == .articles ? [.officials, .projects] : [.articles]
        for target in targets {
            routes.append(Route(.get, base + "/{id}/" + target.rawValue) { request in
                respond { () throws(APIError) in try nestedList(request, target: target) }
            })
        }
        return routes
    }

    // MARK: Reads

    private func list(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let snapshot = store.snapshot()
        return try ListResponder.respondAll(to: request, kind: kind, snapshot: snapshot)
    }

    private func read(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let snapshot = store.snapshot()
        let id = request.pathParameters["id"] ?? ""
        guard let item = snapshot.item(kind, id: id) else { throw .notFound(resource: kind, id: id) }
        return try ListResponder.respond(to: request, item: item, kind: kind, snapshot: snapshot)
    }

    private func nestedList(_ request: HTTPRequest, target: ResourceKind) throws(APIError) -> HTTPResponse {
        let snapshot = store.snapshot()
        let id = request.pathParameters["id"] ?? ""
        guard snapshot.item(kind, id: id) != nil else { throw .notFound(resource: kind, id: id) }
        return try ListResponder.respond(
            to: request, kind: target, items: snapshot.related(kind, id: id, target: target), snapshot: snapshot)
    }

    // MARK: Writes

    private func create(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        try rejectQuery(request)
        let body = try RequestBody.json(request, allowMergePatch: false)
        let item = try store.create(kind, body: body)
        return JSONResponse.item(item, request: request, status: .created,
                                 headers: [.location: "/\(kind.rawValue)/\(item.id)"])
    }

    private func replace(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        try rejectQuery(request)
        let body = try RequestBody.json(request, allowMergePatch: false)
        let id = request.pathParameters["id"] ?? ""
        let (item, created) = try store.replace(kind, id: id, body: body, ifMatch: request.headers[.ifMatch])
        return JSONResponse.item(item, request: request, status: created ? .created : .ok,
                                 headers: created ? [.location: "/\(kind.rawValue)/\(item.id)"] : [:])
    }

    private func patch(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        try rejectQuery(request)
        let body = try RequestBody.json(request, allowMergePatch: true)
        let id = request.pathParameters["id"] ?? ""
        let item = try store.patch(kind, id: id, patch: body, ifMatch: request.headers[.ifMatch])
        return JSONResponse.item(item, request: request)
    }

    private func delete(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        try rejectQuery(request)
        try store.delete(kind, id: request.pathParameters["id"] ?? "", ifMatch: request.headers[.ifMatch])
        return HTTPResponse(status: .noContent)
    }

    /// Writes take no query parameters: a typo like `?dryrun=1` must not pass silently.
    private func rejectQuery(_ request: HTTPRequest) throws(APIError) {
        guard !request.queryItems.isEmpty else { return }
        throw .invalidQuery(request.queryItems.map {
            ProblemDetails.FieldError(in: "query", name: $0.name, detail: "\(request.method) takes no query parameters")
        })
    }
}

/// Runs an API handler body and turns its error into a problem response.
func respond(_ body: () throws(APIError) -> HTTPResponse) -> HTTPResponse {
    do {
        return try body()
    } catch {
        return ErrorResponder.response(for: error)
    }
}
