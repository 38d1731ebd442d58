// The test target's only Glibc import: Foundation's `Process` cannot send SIGKILL, and probing for
// an IPv6 loopback address needs a raw socket.
@preconcurrency import Glibc

enum ChildSignal {
    /// Makes a write to a pipe whose reader has gone fail with EPIPE instead of killing the whole
    /// test process (curl may exit before the test has written all of its standard input).
    /// Idempotent; the test process has no SIGPIPE handler of its own to displace.
    static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Sends SIGKILL to `pid`: the last resort for a child that ignored SIGTERM.
    static func kill(_ pid: Int32) {
        guard pid > 0 else { return }
        _ = Glibc.kill(pid, SIGKILL)
    }
}

enum IPv6Loopback {
    /// Whether a TCP socket can bind `[::1]` here; containers often run without IPv6.
    static let isAvailable: Bool = {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        address.sin6_port = 0
        let result = withUnsafePointer(to: &address) { pointer in
            // sockaddr_in6 begins with the generic sockaddr header, which is what bind(2) reads first.
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        return result == 0
    }()
}
