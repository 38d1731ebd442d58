import GazetteHTTP

/// Builds the whole API: every route, problem+json errors, CORS around them, and (when given)
/// request ids, metrics and access lines around that.
public enum APIRouter {
    public static func make(store: GazetteStore, configuration: APIConfiguration,
                            observability: Observability? = nil) -> any HTTPHandler {
        let router = Router(routes: routes(store: store, configuration: configuration, observability: observability),
                            errorResponder: ErrorResponder.http)
        let cors = CORSHandler(inner: router, origins: configuration.corsOrigins)
        return observability?.wrap(cors, router: router) ?? cors
    }

    /// Prepares, off the request path and after start-up, what the API builds on first use: the
    /// OpenAPI document. Call once the server is ready.
    public static func warmUp() {
        OpenAPIRoutes.warmUp()
    }

    static func routes(store: GazetteStore, configuration: APIConfiguration, observability: Observability?) -> [Route] {
        let guardian = WriteGuard(configuration: configuration)
        let writes = WriteExecutor.forStore(store)
        var routes = HealthRoutes.routes + RootRoutes.routes + StatsRoutes(store: store).routes
        routes += SearchRoutes(store: store).routes + OpenAPIRoutes.routes
        routes += AdminRoutes(store: store, guardian: guardian, writes: writes).routes
        routes += (observability ?? Observability(accessLog: nil)).routes
        for kind in ResourceKind.allCases {
            routes += ResourceRoutes(kind: kind, store: store, guardian: guardian, writes: writes).routes
        }
        return routes
    }

    /// Every route as `METHOD /template`, for the spec-versus-router test.
    public static func routeList(store: GazetteStore) -> [String] {
        routes(store: store, configuration: APIConfiguration(token: "x"), observability: nil)
            .map { "\($0.method) \($0.template)" }
    }
}
