import Logging

extension HTTPServer {
    /// Everything that tunes the server: address, limits and timeouts. The defaults suit a public
    /// JSON API; tests shorten the timeouts.
    public struct Configuration: Sendable {
        /// The host or address to listen on; `::` listens on IPv6 and IPv4, a name on each address
        /// it resolves to. Default `127.0.0.1`.
        public var host: String = "127.0.0.1"
        /// The TCP port; 0 picks a free one (read it from `HTTPServer.port`). Default 8080.
        public var port: Int = 8080
        /// How many event loops (threads) serve connections. Default: one per processor this
        /// process may run on, which honours `taskset`.
        public var eventLoopCount: Int?
        /// The listen backlog of each loop's socket. Default 1024.
        public var backlog: Int = 1024

        /// The longest request-target accepted, in bytes; longer gets 414. Default 8 KiB.
        public var maxRequestTargetLength: Int = 8 * 1024
        /// The largest header section (all field lines), in bytes; larger gets 431. Default 32 KiB.
        public var maxHeaderSectionSize: Int = 32 * 1024
        /// The most header fields in one request; more gets 431. Default 100.
        public var maxHeaderCount: Int = 100
        /// The largest request body, in bytes, after de-chunking; larger gets 413 without the
        /// body being read. Default 1 MiB.
        public var maxBodySize: Int = 1024 * 1024
        /// The most open connections over all loops; beyond it a new connection gets 503 and is
        /// closed. Default 10,000 (the process's open-file limit is raised to fit when it can).
        public var maxConnections: Int = 10_000
        /// Response bytes a connection may have queued before the server stops reading its further
        /// pipelined requests until the client catches up. Default 4 MiB.
        public var maxQueuedOutput: Int = 4 * 1024 * 1024

        /// How long a client has to send a whole request head, counted from the connection's start
        /// or from the first byte of a later request; then it gets 408 and is closed (a connection
        /// that sent nothing at all is closed without one). Default 10 s.
        public var headerReadTimeout: Duration = .seconds(10)
        /// How long a keep-alive connection may sit between requests before it is closed. Default 60 s.
        public var idleTimeout: Duration = .seconds(60)
        /// How long a client has to send a whole body once its head has arrived; then 408. Default 30 s.
        public var bodyReadTimeout: Duration = .seconds(30)
        /// How long queued response bytes may wait while the client reads none of them; then the
        /// connection is closed. It restarts whenever the client takes some. Default 30 s.
        public var writeTimeout: Duration = .seconds(30)
        /// How long a graceful shutdown waits for in-flight requests before closing everything. Default 10 s.
        public var shutdownTimeout: Duration = .seconds(10)

        /// Where the server logs connection-level events. Default: a logger that discards.
        public var logger: Logger = Logger(label: "gazette.http", factory: { _ in SwiftLogNoOpLogHandler() })
        /// Renders the errors the server answers by itself (400, 408, 413, 414, 431, 501, 503, 505).
        public var errorResponder: HTTPErrorResponder = plainTextErrorResponder
        /// Sees each response the server makes by itself (from `errorResponder`, and the 503 at the
        /// connection limit) just before it is queued, with the peer's address, so that logs and
        /// metrics count it too; it may add header fields. Runs on the loop thread: keep it quick.
        /// Requests that reach the handler never come here. Default `nil`.
        public var serverErrorObserver: HTTPServerErrorObserver?
        /// Whether `start()` logs the `listening` line. An application that listens before it is
        /// ready (to answer `/readyz` while loading) turns this off and calls `announceListening()`.
        public var announcesListening = true

        public init(host: String = "127.0.0.1", port: Int = 8080) {
            self.host = host
            self.port = port
        }

        var parserLimits: HTTPRequestParser.Limits {
            HTTPRequestParser.Limits(
                maxRequestTargetLength: maxRequestTargetLength, maxHeaderSectionSize: maxHeaderSectionSize,
                maxHeaderCount: maxHeaderCount, maxBodySize: maxBodySize)
        }
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
