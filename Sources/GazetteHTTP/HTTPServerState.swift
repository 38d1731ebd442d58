import Synchronization

/// What the event loops share: the open-connection count and the shutdown flag.
final class HTTPServerState: Sendable {
    let maxConnections: Int
    private let openConnections = Atomic<Int>(0)
    private let shuttingDown = Atomic<Bool>(false)

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var connectionCount: Int { openConnections.load(ordering: .relaxed) }
    var isShuttingDown: Bool { shuttingDown.load(ordering: .acquiring) }

    /// Counts a new connection; `false` (and nothing counted) when the limit is reached.
    func reserveConnection() -> Bool {
        var current = openConnections.load(ordering: .relaxed)
        while current < maxConnections {
            let (exchanged, original) = openConnections.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func releaseConnection() {
        openConnections.subtract(1, ordering: .relaxed)
    }

    /// Sets the shutdown flag; `true` only for the first caller.
    func beginShutdown() -> Bool {
        !shuttingDown.exchange(true, ordering: .acquiringAndReleasing)
    }
}
