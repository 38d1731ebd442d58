// The only file that imports Glibc (STYLE.md §3): thin shims with Swift-shaped results.
@preconcurrency import Glibc
import CGazetteLinux

/// Thin wrappers around the POSIX calls the server makes. Each reads `errno` right after the call
/// and retries `EINTR`, so no caller ever sees an interrupted call or a stale `errno`.
enum SystemCall {
    static let errorWouldBlock = EAGAIN
    static let signalTerminate = SIGTERM
    static let signalInterrupt = SIGINT
    static let signalPipe = SIGPIPE

    /// Calls `body` until it stops failing with `EINTR`; reads `errno` before anything can change it.
    @discardableResult
    static func retryingInterrupts<Value: FixedWidthInteger>(
        _ call: StaticString, _ body: () -> Value
    ) throws(SocketError) -> Value {
        while true {
            let result = body()
            guard result == -1 else { return result }
            let code = Glibc.errno
            if code != EINTR { throw SocketError(call: "\(call)", errno: code) }
        }
    }

    // MARK: Sockets

    /// A resolved address to listen on.
    struct Address: Sendable {
        var family: Int32
        var storage: [UInt8]
        /// The numeric host, without the port.
        var host: String
        var isIPv6: Bool { family == AF_INET6 }
    }

    /// Resolves a numeric or named host for listening (`AI_PASSIVE`); `nil`/empty means all IPv4.
    static func resolveListenAddresses(host: String, port: Int) throws(SocketError) -> [Address] {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard code == 0, let first = list else {
            throw SocketError(call: "getaddrinfo(\(host))", errno: code == EAI_SYSTEM ? Glibc.errno : 0,
                              message: String(cString: gai_strerror(code)))
        }
        defer { freeaddrinfo(first) }
        var result: [Address] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(entry.pointee.ai_addrlen)))
                if !result.contains(where: { $0.storage == bytes }) {
                    result.append(Address(family: entry.pointee.ai_family, storage: bytes,
                                          host: numericHost(address, length: entry.pointee.ai_addrlen)))
                }
            }
            cursor = entry.pointee.ai_next
        }
        return result
    }

    /// Binds a plain socket (no `SO_REUSEPORT`) to learn whether the port is free, and which port
    /// 0 picks. `SO_REUSEPORT` alone would let a second server join a port another one holds.
    static func probePort(_ address: Address, port: Int) throws(SocketError) -> Int {
        let fd = try makeListener(address, port: port, backlog: 1, reusePort: false)
        defer { _ = Glibc.close(fd) }
        return try localPort(fd)
    }

    /// Creates a non-blocking listening socket with `SO_REUSEADDR` and `SO_REUSEPORT`, so each
    /// event loop can own a listener on the same port and the kernel spreads connections.
    static func makeListener(_ address: Address, port: Int, backlog: Int32, reusePort: Bool = true) throws(SocketError) -> Int32 {
        let fd = try retryingInterrupts("socket") {
            socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do throws(SocketError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if reusePort { try setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1) }
            if address.family == AF_INET6 {
                // "::" then serves IPv4 as well; a specific IPv6 address is unaffected.
                try setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0)
            }
            var storage = address.storage
            storage.withUnsafeMutableBytes { raw in
                // Both sockaddr_in and sockaddr_in6 keep the port, in network order, at offset 2.
                raw.storeBytes(of: UInt16(port).bigEndian, toByteOffset: 2, as: UInt16.self)
            }
            let length = socklen_t(storage.count)
            try retryingInterrupts("bind") {
                storage.withUnsafeBytes { raw in
                    // The bytes came from getaddrinfo's sockaddr, so they are a valid sockaddr.
                    bind(fd, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), length)
                }
            }
            try retryingInterrupts("listen") { listen(fd, backlog) }
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        return fd
    }

    /// The port a bound socket got (after binding to port 0).
    static func localPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try retryingInterrupts("getsockname") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return withUnsafeBytes(of: storage) { raw in
            Int(UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self)))
        }
    }

    /// Accepts one connection as non-blocking, close-on-exec; `nil` when none is waiting.
    static func accept(_ listener: Int32) throws(SocketError) -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    c_gazette_accept4(listener, address, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if fd >= 0 {
                let peer = withUnsafePointer(to: &storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { describe($0, length: length) }
                }
                return (fd, peer)
            }
            let code = Glibc.errno
            switch code {
            case EINTR, ECONNABORTED: continue
            case EAGAIN: return nil
            default: throw SocketError(call: "accept4", errno: code)
            }
        }
    }

    /// Turns off Nagle's algorithm: a response that leaves in one write must not wait for an ACK.
    static func setNoDelay(_ fd: Int32) {
        try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        try retryingInterrupts("setsockopt") {
            setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Reads what is available; 0 means the peer closed, `nil` means nothing to read yet.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int? {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            let code = Glibc.errno
            switch code {
            case EINTR: continue
            case EAGAIN: return nil
            default: throw SocketError(call: "read", errno: code)
            }
        }
    }

    /// Sends what the socket takes now; `0` when it would block.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        // MSG_NOSIGNAL: a peer that hung up must cost us EPIPE, not the process (Linux has no SO_NOSIGPIPE).
        try retryingSend("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends what the socket takes now of `first` then `second`, in one call; `0` when it would block.
    static func send(_ fd: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        var vectors = [
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count),
        ]
        return try retryingSend("sendmsg") {
            vectors.withUnsafeMutableBufferPointer { vectors in
                var message = msghdr()
                message.msg_iov = vectors.baseAddress
                message.msg_iovlen = vectors.count
                return Glibc.sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
            }
        }
    }

    /// Runs `attempt` (a send) until it is not interrupted: its count, `0` when it would block.
    private static func retryingSend(_ call: String, _ attempt: () -> Int) throws(SocketError) -> Int {
        while true {
            let count = attempt()
            if count >= 0 { return count }
            let code = Glibc.errno
            switch code {
            case EINTR: continue
            case EAGAIN: return 0
            default: throw SocketError(call: call, errno: code)
            }
        }
    }

    /// Stops sending: the peer sees end-of-file after the bytes already queued.
    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        // Linux closes the descriptor even when close reports EINTR, so it is never retried.
        _ = Glibc.close(fd)
    }

    // MARK: epoll and eventfd

    struct ReadyEvent {
        var fd: Int32
        var isReadable: Bool
        var isWritable: Bool
        var isHangUp: Bool
    }

    static func makeEpoll() throws(SocketError) -> Int32 {
        try retryingInterrupts("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    /// Level-triggered interest: measured no faster edge-triggered here, and simpler to get right.
    static func epollAdd(_ epoll: Int32, _ fd: Int32, writable: Bool = false) throws(SocketError) {
        var event = epoll_event()
        event.events = interest(writable: writable)
        event.data.fd = fd
        try retryingInterrupts("epoll_ctl(ADD)") { epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) }
    }

    static func epollModify(_ epoll: Int32, _ fd: Int32, readable: Bool, writable: Bool) {
        var event = epoll_event()
        event.events = (readable ? EPOLLIN.rawValue | EPOLLRDHUP.rawValue : 0) | (writable ? EPOLLOUT.rawValue : 0)
        event.data.fd = fd
        _ = epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    static func epollRemove(_ epoll: Int32, _ fd: Int32) {
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
    }

    private static func interest(writable: Bool) -> UInt32 {
        EPOLLIN.rawValue | EPOLLRDHUP.rawValue | (writable ? EPOLLOUT.rawValue : 0)
    }

    /// A reusable buffer of epoll events, owned by one loop thread.
    struct EventBuffer: ~Copyable {
        let pointer: UnsafeMutablePointer<epoll_event>
        let capacity: Int32

        init(capacity: Int) {
            pointer = .allocate(capacity: capacity)
            self.capacity = Int32(capacity)
        }

        deinit { pointer.deallocate() }

        subscript(index: Int) -> ReadyEvent {
            let event = pointer[index]
            let flags = event.events
            return ReadyEvent(
                fd: event.data.fd,
                isReadable: flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0,
                isWritable: flags & EPOLLOUT.rawValue != 0,
                isHangUp: flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
            )
        }
    }

    /// Waits for readiness; returns how many events are in `buffer` (0 on timeout or signal).
    static func epollWait(_ epoll: Int32, _ buffer: borrowing EventBuffer, timeoutMilliseconds: Int32) -> Int {
        let count = epoll_wait(epoll, buffer.pointer, buffer.capacity, timeoutMilliseconds)
        return max(0, Int(count))
    }

    static func makeEventFD() throws(SocketError) -> Int32 {
        try retryingInterrupts("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
    }

    static func signalEventFD(_ fd: Int32) {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(fd, $0.baseAddress, 8) }
    }

    static func drainEventFD(_ fd: Int32) {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { Glibc.read(fd, $0.baseAddress, 8) }
    }

    // MARK: Time, signals, processors

    /// Monotonic nanoseconds: deadlines must not jump with the wall clock.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Wall-clock seconds since the epoch, from the coarse clock (the Date header needs only seconds).
    static func wallClockSeconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        return Int(spec.tv_sec)
    }

    /// The broken-down UTC time for the `Date` header.
    static func utcComponents(_ seconds: Int) -> (weekday: Int, day: Int, month: Int, year: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_wday), Int(parts.tm_mday), Int(parts.tm_mon), Int(parts.tm_year) + 1900,
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Ignores a signal. For SIGTERM/SIGINT this must happen before their Dispatch source exists:
    /// done after `resume()`, a signal arriving in between was lost in 8 of 40 runs here.
    static func ignoreSignal(_ signal: Int32) {
        Glibc.signal(signal, SIG_IGN)
    }

    /// Raises the soft open-file limit to `count`, or to the hard limit if that is lower; never lowers it.
    static func raiseOpenFileLimit(toAtLeast count: Int) {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(count) else { return }
        limit.rlim_cur = min(rlim_t(count), limit.rlim_max)
        _ = setrlimit(resource, &limit)
    }

    /// The processors this process may run on (honours `taskset`), at least 1.
    static func availableProcessorCount() -> Int {
        let count = Int(c_gazette_available_cpus())
        return count > 0 ? count : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    static func errorDescription(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func numericHost(_ address: UnsafePointer<sockaddr>, length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return "?" }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func describe(_ address: UnsafePointer<sockaddr>, length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let code = getnameinfo(address, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                               NI_NUMERICHOST | NI_NUMERICSERV)
        guard code == 0 else { return "?" }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return hostText.contains(":") ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }
}

// MARK: Client

extension SystemCall {
    /// Resolves `host` (numeric or a name) for connecting; each address carries `port`.
    /// getaddrinfo(3) ignores `AI_PASSIVE` once a host is given, so the listener's resolver serves;
    /// an empty host would mean the wildcard address, which is nothing to connect to.
    static func resolveConnectAddresses(host: String, port: Int) throws(SocketError) -> [Address] {
        guard !host.isEmpty else { throw SocketError(call: "getaddrinfo", errno: 0, message: "no host given") }
        return try resolveListenAddresses(host: host, port: port)
    }

    /// Starts a non-blocking, close-on-exec connection to `address`. `isConnected` is false while
    /// the handshake is in progress: wait until the socket is writable, then ask `connectionError`.
    static func startConnection(to address: Address) throws(SocketError) -> (fd: Int32, isConnected: Bool) {
        let fd = try retryingInterrupts("socket") {
            socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let result = address.storage.withUnsafeBytes { raw in
            // The bytes came from getaddrinfo's sockaddr, so they are a valid sockaddr.
            connect(fd, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if result == 0 { return (fd, true) }
        let code = Glibc.errno
        // EINTR: the handshake goes on in the background, exactly as with EINPROGRESS.
        if code == EINPROGRESS || code == EINTR { return (fd, false) }
        _ = Glibc.close(fd)
        throw SocketError(call: "connect", errno: code)
    }

    /// The outcome of a non-blocking `connect` once the socket is writable: `nil` when it succeeded.
    static func connectionError(_ fd: Int32) -> SocketError? {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
            return SocketError(call: "getsockopt(SO_ERROR)", errno: Glibc.errno)
        }
        return code == 0 ? nil : SocketError(call: "connect", errno: code)
    }

    /// Waits until `fd` is readable (or writable), has hung up, or `timeoutMilliseconds` pass.
    /// Returns false when the time ran out or a signal cut the wait short: the caller keeps its
    /// own deadline, and waits again for what is left of it.
    static func waitUntilReady(_ fd: Int32, forWriting: Bool, timeoutMilliseconds: Int32) throws(SocketError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        let count = Glibc.poll(&entry, 1, max(0, timeoutMilliseconds))
        if count > 0 { return true }
        if count == 0 { return false }
        let code = Glibc.errno
        if code == EINTR { return false }
        throw SocketError(call: "poll", errno: code)
    }

    /// memchr: the C library's vectorised byte search, for the parser's scans of a head.
    static func findByte(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeRawPointer? {
        memchr(start, Int32(byte), count).map { UnsafeRawPointer($0) }
    }
}
