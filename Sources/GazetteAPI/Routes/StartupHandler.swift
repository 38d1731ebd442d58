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
    /// The installed handler's object, retained once and released by `deinit`; 0 until then.
    /// An address in an `Atomic<UInt>`, not an `AtomicLazyReference`: the latter's `load` is an
    /// unspecialised call into the Synchronization library, 600 instructions a request.
    private let installed = Atomic<UInt>(0)
    private let loading: Router

    public init(readiness: Readiness) {
        loading = Router(routes: HealthRoutes.routes + ReadinessRoutes(readiness: readiness).routes,
                         errorResponder: ErrorResponder.http)
    }

    /// Sends every request from now on to `handler` (the first call wins).
    public func install(_ handler: any HTTPHandler) {
        let candidate = Unmanaged.passRetained(Installed(handler))
        let address = UInt(bitPattern: candidate.toOpaque())
        // The first install wins; a later one releases its own object.
        if !installed.compareExchange(expected: 0, desired: address, ordering: .acquiringAndReleasing).exchanged {
            candidate.release()
        }
    }

    deinit {
        if let pointer = UnsafeRawPointer(bitPattern: installed.load(ordering: .acquiring)) {
            Unmanaged<Installed>.fromOpaque(pointer).release()
        }
    }

    private var api: Installed? {
        guard let pointer = UnsafeRawPointer(bitPattern: installed.load(ordering: .acquiring)) else { return nil }
        return Unmanaged<Installed>.fromOpaque(pointer).takeUnretainedValue()
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if let api { return api.handler.handle(request) }
        if request.rawPath == "/healthz" || request.rawPath == "/readyz" { return loading.handle(request) }
        var response = ErrorResponder.http(HTTPErrorReport(
            status: .serviceUnavailable, detail: "The server is still loading its data; try again shortly.", location: "path"))
        response.headers[HTTPHeaderName.retryAfter] = "5"
        return response
    }
}
