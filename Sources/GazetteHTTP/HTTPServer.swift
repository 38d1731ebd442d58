import Dispatch
import Foundation
import Logging
import Synchronization

/// Gazette's HTTP/1.1 server: non-blocking sockets, one epoll loop per processor, each with its
/// own `SO_REUSEPORT` listener. It takes a handler and knows nothing of what it serves.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: router)
/// let port = try server.start()
/// server.shutdown()          // graceful: stop accepting, finish in-flight requests
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
    private struct Running: Sendable {
        var loops: [EventLoop]
        var port: Int
        var addresses: [String]
        let stopped: DispatchGroup
    }

    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let state: HTTPServerState
    private let running = Mutex<Running?>(nil)
    private let signalSources = Mutex<[any DispatchSourceSignal]>([])

    public init(configuration: Configuration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
        self.state = HTTPServerState(maxConnections: configuration.maxConnections)
    }

    /// The port the server listens on, once started.
    public var port: Int? { running.withLock { $0?.port } }

    /// The addresses it listens on (`127.0.0.1:8080`, `[::]:8080`), once started.
    public var addresses: [String] { running.withLock { $0?.addresses ?? [] } }

    /// Connections open now, over all loops.
    public var openConnectionCount: Int { state.connectionCount }

    /// Whether `shutdown()` has been called.
    public var isShuttingDown: Bool { state.isShuttingDown }

    /// Binds every address, starts the loops, and returns the port (useful with port 0).
    /// Throws `SocketError` when the host does not resolve or the port is taken.
    @discardableResult
    public func start() throws -> Int {
        SystemCall.ignoreSignal(SystemCall.signalPipe)
        // Room for every allowed connection, plus listeners, loops and connections being refused.
        SystemCall.raiseOpenFileLimit(toAtLeast: configuration.maxConnections + 256)
        let addresses = try SystemCall.resolveListenAddresses(host: configuration.host, port: configuration.port)
        guard let first = addresses.first else {
            throw SocketError(call: "getaddrinfo(\(configuration.host))", errno: 0, message: "no address")
        }
        // The first address fixes the port (0 picks one); every other address must have it free too.
        var port = try SystemCall.probePort(first, port: configuration.port)
        for address in addresses.dropFirst() {
            port = try SystemCall.probePort(address, port: port)
        }
        let loopCount = max(1, configuration.eventLoopCount ?? SystemCall.availableProcessorCount())
        var loops: [EventLoop] = []
        var opened: [Int32] = []
        do {
            for _ in 0..<loopCount {
                var listeners: [Int32] = []
                for address in addresses {
                    let fd = try SystemCall.makeListener(address, port: port, backlog: Int32(clamping: configuration.backlog))
                    opened.append(fd)
                    listeners.append(fd)
                }
                loops.append(try EventLoop(listeners: listeners, handler: handler, configuration: configuration, state: state))
            }
        } catch {
            for loop in loops { loop.discard() }
            for fd in opened { SystemCall.close(fd) }
            throw error
        }
        let stopped = DispatchGroup()
        for (index, loop) in loops.enumerated() {
            stopped.enter()
            let thread = Thread {
                loop.run()
                stopped.leave()
            }
            thread.name = "gazette-loop-\(index)"
            thread.start()
        }
        let texts = addresses.map { $0.isIPv6 ? "[\($0.host)]:\(port)" : "\($0.host):\(port)" }
        running.withLock { $0 = Running(loops: loops, port: port, addresses: texts, stopped: stopped) }
        if configuration.announcesListening { announceListening() }
        return port
    }

    /// Logs the `listening` line: the addresses and the number of loops.
    public func announceListening() {
        guard let (texts, loopCount) = running.withLock({ $0.map { ($0.addresses, $0.loops.count) } }) else { return }
        configuration.logger.info("listening", metadata: ["addresses": "\(texts.joined(separator: ", "))", "loops": "\(loopCount)"])
    }

    /// Starts a graceful shutdown: stop accepting, close idle connections, let in-flight requests
    /// finish (their responses say `Connection: close`), and force the rest closed after
    /// `shutdownTimeout`. Returns at once; `waitUntilStopped()` waits for the end.
    public func shutdown() {
        guard state.beginShutdown() else { return }
        configuration.logger.info("shutting down")
        let loops = running.withLock { $0?.loops ?? [] }
        for loop in loops { loop.wake() }
    }

    /// Blocks until every loop has stopped after `shutdown()`.
    public func waitUntilStopped() {
        guard let group = running.withLock({ $0?.stopped }) else { return }
        group.wait()
    }

    /// Starts, then blocks until a shutdown completes.
    public func run() throws {
        try start()
        waitUntilStopped()
    }

    /// Shuts down gracefully on SIGTERM (what `docker stop` sends) or SIGINT. `action` runs first,
    /// on a Dispatch queue, e.g. to mark the service not ready.
    public func shutdownOnSignals(_ action: @escaping @Sendable (_ signal: Int32) -> Void = { _ in }) {
        let queue = DispatchQueue(label: "gazette.signals")
        let registered = DispatchGroup()
        for signal in [SystemCall.signalTerminate, SystemCall.signalInterrupt] {
            // SIG_IGN first, then the source: the other order lost signals here.
            SystemCall.ignoreSignal(signal)
            // Made inside the lock so the non-Sendable source never leaves the Mutex's region.
            signalSources.withLock { sources in
                let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
                source.setEventHandler { [weak self] in
                    action(signal)
                    self?.shutdown()
                }
                registered.enter()
                source.setRegistrationHandler { registered.leave() }
                source.resume()
                sources.append(source)
            }
        }
        // `resume()` registers the sources on Dispatch's own thread, later: a signal ignored in
        // between would be lost. Waiting here means a SIGTERM sent once the server says it is
        // listening always counts (a slow start, such as a sanitizer build, once lost one).
        if registered.wait(timeout: .now() + 5) == .timedOut {
            configuration.logger.warning("signal handlers were not registered within 5 s")
        }
    }
}
