import GazetteHTTP

/// Builds the whole API: every route, problem+json errors, and CORS around them.
public enum APIRouter {
    public static func make(store: GazetteStore, configuration: APIConfiguration) -> any HTTPHandler {
        let guardian = WriteGuard(configuration: configuration)
        var routes = HealthRoutes.routes + RootRoutes.routes + StatsRoutes(store: store).routes
        routes += SearchRoutes(store: store).routes
        routes += OpenAPIRoutes.routes
        for kind in ResourceKind.allCases {
            routes += ResourceRoutes(kind: kind, store: store, guardian: guardian).routes
        }
        let router = Router(routes: routes, errorResponder: ErrorResponder.http)
        return CORSHandler(inner: router, origins: configuration.corsOrigins)
    }

    /// Every route as `METHOD /template`, for the spec-versus-router test.
    public static func routeList(store: GazetteStore) -> [String] {
        let guardian = WriteGuard(configuration: APIConfiguration(token: "x"))
        var routes = HealthRoutes.routes + RootRoutes.routes + StatsRoutes(store: store).routes
        routes += SearchRoutes(store: store).routes + OpenAPIRoutes.routes
        for kind in ResourceKind.allCases { routes += ResourceRoutes(kind: kind, store: store, guardian: guardian).routes }
        return routes.map { "\($0.method) \($0.template)" }
    }
}
