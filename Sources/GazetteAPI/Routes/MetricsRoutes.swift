import GazetteHTTP

/// `GET /metrics`: every metric in the Prometheus text format 0.0.4 (see `Metrics`).
public struct MetricsRoutes: Sendable {
    let metrics: Metrics

    public init(metrics: Metrics) {
        self.metrics = metrics
    }

    public var routes: [Route] {
        let metrics = metrics
        return [Route(.get, "/metrics") { _ in
            HTTPResponse(status: .ok, contentType: Metrics.contentType, body: Array(metrics.exposition().utf8),
                         headers: [.cacheControl: "no-store"])
        }]
    }
}
