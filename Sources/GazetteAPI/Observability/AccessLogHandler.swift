import Dispatch
import Foundation
import GazetteHTTP

/// Wraps the API's handler to observe every request: it takes or makes the request id and returns
/// it in `X-Request-ID`, times the application, counts the request in `Metrics` under its route
/// template, and writes the access line.
///
/// Cost, measured with callgrind on `GET /officials/{id}` (the API handler alone is about 15,000
/// instructions): about 8,000 instructions without an access log, three quarters of them a
/// second route match (now avoided: the router names the route on its response); about 3,400
/// more to format the line; and the write to standard output.
public struct AccessLogHandler: HTTPHandler {
    /// The clocks it reads: wall time for the log line, monotonic time for durations. Tests fix them.
    public struct Clock: Sendable {
        /// Milliseconds since 1970.
        public var wallMilliseconds: @Sendable () -> Int64
        /// Nanoseconds from any fixed origin; never goes back.
        public var monotonicNanoseconds: @Sendable () -> UInt64

        public init(wallMilliseconds: @escaping @Sendable () -> Int64, monotonicNanoseconds: @escaping @Sendable () -> UInt64) {
            self.wallMilliseconds = wallMilliseconds
            self.monotonicNanoseconds = monotonicNanoseconds
        }

        public static let system = Clock(
            wallMilliseconds: { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) },
            monotonicNanoseconds: { DispatchTime.now().uptimeNanoseconds })
    }

    private let inner: any HTTPHandler
    private let router: Router
    private let metrics: Metrics
    private let accessLog: AccessLog?
    private let requestIDs: RequestIDGenerator
    private let clock: Clock

    /// Wraps `inner`; `router` names the route template of each request (it is usually inside
    /// `inner`, e.g. behind CORS). No access lines when `accessLog` is `nil`.
    public init(inner: any HTTPHandler, router: Router, metrics: Metrics, accessLog: AccessLog?,
                requestIDs: RequestIDGenerator = RequestIDGenerator(), clock: Clock = .system) {
        self.inner = inner
        self.router = router
        self.metrics = metrics
        self.accessLog = accessLog
        self.requestIDs = requestIDs
        self.clock = clock
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let start = clock.monotonicNanoseconds()
        let response = inner.handle(request)
        // A deferred response (a durable write) is timed and logged when it is ready.
        guard response.isDeferred else { return finish(response, request: request, start: start) }
        return response.map { [self] in finish($0, request: request, start: start) }
    }

    private func finish(_ response: consuming HTTPResponse, request: HTTPRequest, start: UInt64) -> HTTPResponse {
        // Consumed, not copied: a copy shares the headers' storage, and adding a field to it
        // copied the whole array (700 instructions a request).
        let elapsed = clock.monotonicNanoseconds() &- start
        let requestID = RequestID.accepted(request.headers[.requestID]) ?? requestIDs.next()
        // `add`, not the subscript: no handler sets this field, so there is nothing to search for.
        response.headers.add(.requestID, requestID)
        // The router names the route on its response; matching again costs ~6k instructions.
        let route = (response.route ?? router.template(for: request))?.description
        metrics.recordRequest(method: request.method, route: route, status: response.status.code, nanoseconds: elapsed)
        if let accessLog {
            // The server sends no body for HEAD, 204 and 304, whatever the handler returned.
            let sent = request.method == .head || !response.status.allowsBody ? 0 : response.body.count
            accessLog.write(AccessLog.Entry(
                timeMilliseconds: clock.wallMilliseconds(), method: request.method.rawValue, path: request.rawPath,
                route: route ?? Metrics.unmatchedRoute, status: response.status.code, bytes: sent,
                durationNanoseconds: elapsed, remoteAddress: request.remoteAddress, requestID: requestID))
        }
        // Moved out: a plain `return` copied the response and destroyed the parameter.
        return consume response
    }

    /// For `HTTPServer.Configuration.serverErrorObserver`: gives the responses the server makes by
    /// itself a new request id, a count in `Metrics` and an access line (method, path and route `null`).
    public static func serverErrorObserver(
        metrics: Metrics, accessLog: AccessLog?, requestIDs: RequestIDGenerator, clock: Clock = .system
    ) -> HTTPServerErrorObserver {
        { _, remoteAddress, response in
            let requestID = requestIDs.next()
            response.headers.add(.requestID, requestID)
            metrics.recordServerResponse(status: response.status.code)
            accessLog?.write(AccessLog.Entry(
                timeMilliseconds: clock.wallMilliseconds(), method: nil, path: nil, route: nil,
                status: response.status.code, bytes: response.status.allowsBody ? response.body.count : 0,
                durationNanoseconds: 0, remoteAddress: remoteAddress, requestID: requestID))
        }
    }
}
