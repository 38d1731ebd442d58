import GazetteHTTP

/// `/search` (placeholder until the query language lands).
public enum SearchResponder {
    public static func respond(to request: HTTPRequest, snapshot: StoreSnapshot) throws(APIError) -> HTTPResponse {
        JSONResponse.value([], request: request)
    }
}
