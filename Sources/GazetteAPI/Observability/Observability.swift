import GazetteHTTP

/// Everything that lets operators watch the server, in one value for the wiring: readiness for
/// `/readyz`, metrics for `/metrics`, and the access log.
///
/// ```swift
/// let observability = Observability(accessLog: AccessLog(format: .json))
/// // routes += observability.routes;  handler = observability.wrap(cors, router: router)
/// configuration.serverErrorObserver = observability.serverErrorObserver
/// ```
public struct Observability: Sendable {
    public let readiness: Readiness
    public let metrics: Metrics
    /// `nil` when access lines are off (`LOG_LEVEL` above `info`).
    public let accessLog: AccessLog?
    public let requestIDs: RequestIDGenerator
    public let clock: AccessLogHandler.Clock

    public init(readiness: Readiness = Readiness(), metrics: Metrics = Metrics(), accessLog: AccessLog?,
                requestIDs: RequestIDGenerator = RequestIDGenerator(), clock: AccessLogHandler.Clock = .system) {
        self.readiness = readiness
        self.metrics = metrics
        self.accessLog = accessLog
        self.requestIDs = requestIDs
        self.clock = clock
    }

    /// `GET /metrics` and `GET /readyz`.
    public var routes: [Route] {
        MetricsRoutes(metrics: metrics).routes + ReadinessRoutes(readiness: readiness).routes
    }

    /// `handler` with request ids, timing, metrics and access lines; `router` is the router inside it.
    public func wrap(_ handler: any HTTPHandler, router: Router) -> any HTTPHandler {
        AccessLogHandler(inner: handler, router: router, metrics: metrics, accessLog: accessLog,
                         requestIDs: requestIDs, clock: clock)
    }

    /// For `HTTPServer.Configuration.serverErrorObserver`.
    public var serverErrorObserver: HTTPServerErrorObserver {
        AccessLogHandler.serverErrorObserver(metrics: metrics, accessLog: accessLog, requestIDs: requestIDs, clock: clock)
    }
}
