import Logging

/// One client connection: its buffers, parser, deadlines and state. Owned by exactly one event
/// loop and touched only on that loop's thread, so it needs no lock; it closes its own socket.
final class HTTPConnection {
    private enum Phase {
        /// Connected, no request yet: the header-read timeout runs from the accept.
        case awaitingFirstRequest
        /// Between requests on a keep-alive connection: the idle timeout runs.
        case idle
        /// Part of a request head has arrived: the header-read timeout runs from its first byte.
        case readingHead
        /// The head is in, the body is arriving: the body-read timeout runs.
        case readingBody
        /// A deferred response is being made elsewhere: no timeout runs (the wait is the server's),
        /// and nothing more is read, so that pipelined responses keep their order and a client
        /// cannot queue unbounded input meanwhile.
        case awaitingResponse
        /// The last response is queued or sent and the write side is shut: unread input is
        /// discarded until the client closes or the linger time ends, so that closing never
        /// turns into a reset that destroys the response in flight.
        case lingering
    }

    /// How to send the response a deferred one stands for, taken from its request.
    private struct PendingRequest {
        let keepAlive: Bool
        let version: HTTPVersion
        let isHead: Bool
    }

    let fd: Int32
    /// Tells this connection from a later one on the same descriptor, for deferred responses.
    let serial: UInt64
    let remoteAddress: String
    private let epoll: Int32
    private var parser: HTTPRequestParser
    private var inbound: [UInt8] = []
    private var outbound = OutboundQueue()
    private var phase = Phase.awaitingFirstRequest
    /// When the current phase's timeout expires (monotonic nanoseconds).
    private var deadline: UInt64
    /// When blocked output must have drained; 0 while nothing is blocked.
    private var writeDeadline: UInt64 = 0
    private var closeAfterFlush = false
    private var isWatchingWrite = false
    private var peerClosedInput = false
    /// Parsing stopped because too much output was queued; resume once it drains.
    private var isHeldBack = false
    /// Set while a deferred response is being made.
    private var pending: PendingRequest?
    private(set) var isClosed = false
    /// Whether this connection counts toward `maxConnections` (a rejected one does not).
    private(set) var isCounted = true

    private static let lingerTime: UInt64 = 2_000_000_000

    init(fd: Int32, serial: UInt64, remoteAddress: String, epoll: Int32, loop: EventLoop) {
        self.fd = fd
        self.serial = serial
        self.remoteAddress = remoteAddress
        self.epoll = epoll
        self.parser = HTTPRequestParser(limits: loop.parserLimits)
        self.deadline = loop.now &+ loop.headerReadTimeout
    }

    /// Whether the connection is between requests with nothing queued: safe to close at shutdown.
    var isIdle: Bool {
        (phase == .idle || phase == .awaitingFirstRequest) && inbound.isEmpty && outbound.isEmpty
            && parser.isBetweenRequests
    }

    // MARK: Events

    func onReadable(_ loop: EventLoop) {
        if phase == .lingering {
            discardInput(loop)
            return
        }
        let count: Int?
        do {
            count = try SystemCall.read(fd, into: loop.readBuffer)
        } catch {
            loop.logger.debug("read failed", metadata: ["peer": "\(remoteAddress)", "error": "\(error)"])
            close()
            return
        }
        guard let count else { return }
        guard count > 0 else {
            // The client finished sending. Answer what it sent, then close.
            peerClosedInput = true
            if outbound.isEmpty {
                close()
            } else if !isWatchingWrite {
                // Only output is left: wait for writability, bounded by the write timeout.
                SystemCall.epollModify(epoll, fd, readable: false, writable: true)
                isWatchingWrite = true
                writeDeadline = loop.now &+ loop.writeTimeout
            }
            return
        }
        let bytes = UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count])
        if inbound.isEmpty {
            let consumed = process(bytes, loop)
            // After an error or `Connection: close` the rest is never parsed: keep none of it.
            if consumed < count, !isClosed, !closeAfterFlush {
                inbound.append(contentsOf: bytes[consumed...])
            }
        } else {
            inbound.append(contentsOf: bytes)
            processInbound(loop)
        }
        if !isClosed { flush(loop) }
    }

    func onWritable(_ loop: EventLoop) {
        flush(loop)
    }

    /// Answers a connection beyond the limit with `response` and closes it.
    func reject(with response: HTTPResponse, _ loop: EventLoop) {
        outbound.append(response, omitBody: false, persistence: .close, date: loop.date)
        closeAfterFlush = true
        flush(loop)
    }

    func markUncounted() {
        isCounted = false
    }

    /// Called at shutdown: idle connections close now, busy ones after their current response.
    func beginDrain() {
        if isIdle { close() }
    }

    /// Acts on expired deadlines.
    func checkTimeouts(_ loop: EventLoop) {
        let now = loop.now
        if writeDeadline != 0 && now >= writeDeadline {
            loop.logger.debug("write timeout", metadata: ["peer": "\(remoteAddress)"])
            close()
            return
        }
        guard now >= deadline, writeDeadline == 0 else { return }
        switch phase {
        case .awaitingResponse:
            break
        case .idle, .lingering:
            close()
        case .awaitingFirstRequest where inbound.isEmpty && parser.isBetweenRequests:
            close()
        case .awaitingFirstRequest, .readingHead:
            fail(HTTPErrorReport(status: .requestTimeout, detail: "The request head did not arrive within the header-read timeout.",
                                 location: "header-section"), loop)
        case .readingBody:
            fail(HTTPErrorReport(status: .requestTimeout, detail: "The request body did not arrive within the body-read timeout.",
                                 location: "body"), loop)
        }
    }

    // MARK: Requests

    private func processInbound(_ loop: EventLoop) {
        // Parse from a detached buffer: an error inside `process` resets `inbound`, which must not
        // happen under the buffer being read (and the consumed count would outrun the emptied array).
        var buffered = inbound
        inbound = []
        let consumed = buffered.withUnsafeBytes { process($0, loop) }
        if isClosed || closeAfterFlush { return }
        if consumed == buffered.count {
            buffered.removeAll(keepingCapacity: buffered.capacity <= 64 * 1024)
        } else if consumed > 0 {
            buffered.removeFirst(consumed)
        }
        inbound = buffered
    }

    /// Parses and answers every complete request in `buffer`; returns the bytes used.
    private func process(_ buffer: UnsafeRawBufferPointer, _ loop: EventLoop) -> Int {
        var offset = 0
        do {
            // While a deferred response is pending the rest waits in `inbound` for `deliver`.
            while !closeAfterFlush && pending == nil {
                if outbound.count >= loop.maxQueuedOutput {
                    isHeldBack = offset < buffer.count
                    break
                }
                let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
                let (consumed, event) = try parser.parse(rest, remoteAddress: remoteAddress)
                offset += consumed
                guard let event else {
                    if consumed == 0 || offset == buffer.count { break }
                    continue
                }
                switch event {
                case .continueExpected:
                    outbound.write { HTTPResponseWriter.writeContinue(into: &$0) }
                case .request(let request):
                    respond(to: request, loop)
                }
            }
        } catch {
            loop.logger.debug("bad request", metadata: ["peer": "\(remoteAddress)", "error": "\(error.detail)"])
            fail(HTTPErrorReport(error), loop)
            return offset
        }
        updatePhase(loop, hasLeftover: offset < buffer.count)
        return offset
    }

    private func respond(to request: HTTPRequest, _ loop: EventLoop) {
        let response = loop.handler.handle(request)
        let shape = PendingRequest(keepAlive: request.shouldKeepAlive, version: request.version, isHead: request.method == .head)
        guard let deferred = response.deferred else {
            write(response, for: shape, loop)
            return
        }
        pending = shape
        phase = .awaitingResponse
        deadline = .max
        if !isWatchingWrite { SystemCall.epollModify(epoll, fd, readable: false, writable: false) }
        awaitResponse(deferred, loop)
    }

    /// Starts `deferred`; its response comes back to this connection through `loop`.
    private func awaitResponse(_ deferred: DeferredResponse, _ loop: EventLoop) {
        let (fd, serial) = (self.fd, self.serial)
        deferred.start { response in loop.complete(EventLoop.Completion(fd: fd, serial: serial, response: response)) }
    }

    /// Sends the response a deferred one stood for, then reads on.
    func deliver(_ response: HTTPResponse, _ loop: EventLoop) {
        guard let shape = pending, !isClosed else { return }
        if let deferred = response.deferred {
            // A deferred response that deferred again: wait for that one.
            awaitResponse(deferred, loop)
            return
        }
        pending = nil
        write(response, for: shape, loop)
        if !isWatchingWrite { SystemCall.epollModify(epoll, fd, readable: true, writable: false) }
        if !closeAfterFlush && !inbound.isEmpty { processInbound(loop) }
        if !isClosed { flush(loop) }
    }

    private func write(_ response: HTTPResponse, for request: PendingRequest, _ loop: EventLoop) {
        // `isShuttingDown` reads the server-wide flag: a handler that was running when shutdown()
        // was called must still answer `Connection: close`, before this loop sees its wake-up.
        let keepAlive = request.keepAlive && !loop.isShuttingDown
            && !response.headers.contains(.connection, token: "close")
        let persistence: HTTPResponseWriter.Persistence =
            !keepAlive ? .close : request.version == .http1_0 ? .keepAliveConfirmed : .keepAlive
        outbound.append(response, omitBody: request.isHead, persistence: persistence, date: loop.date)
        if !keepAlive { closeAfterFlush = true }
        phase = .idle
        deadline = loop.now &+ loop.idleTimeout
    }

    /// Answers an error the server found itself, then closes: the framing of anything after it is uncertain.
    private func fail(_ report: HTTPErrorReport, _ loop: EventLoop) {
        var response = loop.errorResponder(report)
        loop.serverErrorObserver?(report, remoteAddress, &response)
        outbound.append(response, omitBody: false, persistence: .close, date: loop.date)
        closeAfterFlush = true
        inbound = []
        flush(loop)
    }

    private func updatePhase(_ loop: EventLoop, hasLeftover: Bool) {
        if parser.isReadingBody {
            if phase != .readingBody {
                phase = .readingBody
                deadline = loop.now &+ loop.bodyReadTimeout
            }
        } else if hasLeftover || !parser.isBetweenRequests {
            if phase == .idle {
                phase = .readingHead
                deadline = loop.now &+ loop.headerReadTimeout
            }
        }
    }

    // MARK: Output

    /// Sends queued output; on `EAGAIN` watches for writability and stops reading until drained.
    private func flush(_ loop: EventLoop) {
        var madeProgress = false
        while !outbound.isEmpty {
            let sent: Int
            do {
                sent = try outbound.send { first, second throws(SocketError) in
                    guard let second else { return try SystemCall.send(fd, first) }
                    return try SystemCall.send(fd, first, second)
                }
            } catch {
                loop.logger.debug("send failed", metadata: ["peer": "\(remoteAddress)", "error": "\(error)"])
                close()
                return
            }
            if sent == 0 {
                if !isWatchingWrite {
                    SystemCall.epollModify(epoll, fd, readable: false, writable: true)
                    isWatchingWrite = true
                }
                // The write timeout bounds a client that stops reading, not a large response to
                // one that reads steadily: it restarts whenever some bytes left.
                if madeProgress || writeDeadline == 0 {
                    writeDeadline = loop.now &+ loop.writeTimeout
                }
                return
            }
            madeProgress = true
        }
        writeDeadline = 0
        if closeAfterFlush {
            startLingering(loop)
            return
        }
        if peerClosedInput {
            close()
            return
        }
        if isWatchingWrite {
            // Not while a deferred response is pending: its connection reads nothing meanwhile.
            SystemCall.epollModify(epoll, fd, readable: pending == nil, writable: false)
            isWatchingWrite = false
        }
        if isHeldBack {
            // Pipelined requests held back while output was queued may be complete already.
            isHeldBack = false
            processInbound(loop)
            if !isClosed { flush(loop) }
        }
    }

    private func startLingering(_ loop: EventLoop) {
        guard phase != .lingering else { return }
        phase = .lingering
        deadline = loop.now &+ min(Self.lingerTime, loop.headerReadTimeout)
        inbound = []
        SystemCall.shutdownWrite(fd)
        if isWatchingWrite {
            SystemCall.epollModify(epoll, fd, readable: true, writable: false)
            isWatchingWrite = false
        }
    }

    private func discardInput(_ loop: EventLoop) {
        for _ in 0..<16 {
            let count: Int?
            do { count = try SystemCall.read(fd, into: loop.readBuffer) } catch { close(); return }
            guard let count else { return }
            if count == 0 { close(); return }
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        SystemCall.epollRemove(epoll, fd)
        SystemCall.close(fd)
    }
}
