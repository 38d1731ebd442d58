import GazetteHTTP
import Synchronization

/// The server's handler from the moment it listens: while the data loads, `/healthz` answers 200,
/// `/readyz` 503 (so a load balancer waits), and everything else 503 with `Retry-After`; once the
/// API is installed, every request goes to it.
public final class StartupHandler: HTTPHandler {
    private final class Installed: Sendable {
        let handler: any HTTPHandler

        init(_ handler: any HTTPHandler) {
            self.handler = handler
        }
    }

    /// Set once; read without a lock on every request.
    private let installed = AtomicLazyReference<Installed>()
    private let loading: Router

    public init(readiness: Readiness) {
        loading = Router(routes: HealthRoutes.routes + ReadinessRoutes(readiness: readiness).routes,
                         errorResponder: ErrorResponder.http)
    }

    /// Sends every request from now on to `handler` (the first call wins).
    public func install(_ handler: any HTTPHandler) {
        _ = installed.storeIfNil(Installed(handler))
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if let api = installed.load() { return api.handler.handle(request) }
        if request.rawPath == "/healthz" || request.rawPath == "/readyz" { return loading.handle(request) }
        var response = ErrorResponder.http(HTTPErrorReport(
            status: .serviceUnavailable, detail: "The server is still loading its data; try again shortly.", location: "path"))
        response.headers[HTTPHeaderName.retryAfter] = "5"
        return response
    }
}
