import GazetteHTTP

/// `/admin/…`: a snapshot on demand, and the whole dataset out and in, in the `--data` shape. Every
/// route needs the write token; read-only mode refuses the two that change something (403).
struct AdminRoutes {
    let store: GazetteStore
    let guardian: WriteGuard
    var writes = WriteExecutor.inline

    var routes: [Route] {
        [
            Route(.post, "/admin/snapshot") { request in writes.run { respond { () throws(APIError) in try snapshot(request) } } },
            Route(.get, "/admin/export") { request in respond { () throws(APIError) in try export(request) } },
            Route(.post, "/admin/import") { request in writes.run { respond { () throws(APIError) in try importDataset(request) } } },
        ]
    }

    /// `POST /admin/snapshot`: compacts the journal into a new snapshot now (409 without a data directory).
    private func snapshot(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        try QueryGuard.rejectAll(request)
        let report = try store.compact()
        let name = report.snapshot.split(separator: "/").last.map(String.init) ?? report.snapshot
        return Self.json([
            "snapshot": .string(name),
            "generation": .number(Double(report.generation)),
            "records": .number(Double(report.compactedRecords)),
            "bytes": .number(Double(report.bytes)),
        ])
    }

    /// `GET /admin/export`: everything, timestamps included. A read: read-only mode serves it, but
    /// only to the holder of the token.
    private func export(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try WriteGuard(configuration: APIConfiguration(token: guardian.configuration.token)).authorize(request)
        try QueryGuard.rejectAll(request)
        let bytes = DatasetWriter.encode(store.snapshot())
        return JSONResponse.make(bytes, etag: ETag.make(bytes), modifiedAt: nil, request: request, headers: [
            .cacheControl: "no-store",
            .contentDisposition: #"attachment; filename="gazette-export.json""#,
        ])
    }

    /// `POST /admin/import?mode=replace|merge[&dryRun=true]`: 200 with the ids created, updated and
    /// deleted per resource; 422 with every problem of the dataset, and nothing changed.
    private func importDataset(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try guardian.authorize(request)
        var problems: [ProblemDetails.FieldError] = []
        var mode: ImportMode?
        var dryRun = false
        for item in request.queryItems {
            switch item.name {
            case "mode":
                mode = ImportMode(rawValue: item.value)
                if mode == nil {
                    problems.append(ProblemDetails.FieldError(
                        in: "query", name: "mode", detail: "\"\(item.value)\" is not replace or merge"))
                }
            case "dryRun":
                switch item.value {
                case "true", "1": dryRun = true
                case "false", "0": dryRun = false
                default:
                    problems.append(ProblemDetails.FieldError(
                        in: "query", name: "dryRun", detail: "\"\(item.value)\" is not true or false"))
                }
            default:
                problems.append(ProblemDetails.FieldError(
                    in: "query", name: item.name, detail: "unknown parameter \"\(item.name)\"; known: mode, dryRun"))
            }
        }
        if mode == nil && problems.allSatisfy({ $0.name != "mode" }) {
            problems.append(ProblemDetails.FieldError(
                in: "query", name: "mode", detail: "is required: replace (the dataset becomes the whole store) or merge"))
        }
        guard problems.isEmpty, let mode else { throw .invalidQuery(problems) }
        let body = try RequestBody.json(request, allowMergePatch: false)
        let changes = try store.importDataset(body, mode: mode, dryRun: dryRun)
        var result: JSONObject = ["mode": .string(mode.rawValue), "dryRun": .bool(dryRun)]
        for (kind, lists) in changes.json { result[kind] = lists }
        return Self.json(result)
    }

    private static func json(_ object: JSONObject) -> HTTPResponse {
        HTTPResponse(status: .ok, contentType: JSONResponse.contentType, body: JSONWriter.encode(.object(object)),
                     headers: [.cacheControl: "no-store"])
    }
}

extension HTTPHeaderName {
    static let contentDisposition: HTTPHeaderName = "Content-Disposition"
}
