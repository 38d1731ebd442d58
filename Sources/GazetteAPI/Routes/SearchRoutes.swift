import GazetteHTTP

/// `GET /search?q=`: across all three resources.
struct SearchRoutes {
    let store: GazetteStore

    var routes: [Route] {
        [Route(.get, "/search") { request in
            respond { () throws(APIError) in try SearchResponder.respond(to: request, snapshot: store.snapshot()) }
        }]
    }
}
