import Synchronization

/// Whether the server should get traffic, as `GET /readyz` reports it to a load balancer:
/// `loading` until the data is in, `ready`, then `shuttingDown` from SIGTERM on. It only moves
/// forward: once shutting down, it never becomes ready again.
public final class Readiness: Sendable {
    public enum State: UInt8, Sendable, AtomicRepresentable, CustomStringConvertible {
        case loading
        case ready
        case shuttingDown

        public var description: String {
            switch self {
            case .loading: "loading"
            case .ready: "ready"
            case .shuttingDown: "shutting down"
            }
        }
    }

    private let current: Atomic<State>

    public init(_ state: State = .loading) {
        current = Atomic(state)
    }

    public var state: State { current.load(ordering: .acquiring) }

    public var isReady: Bool { state == .ready }

    /// `loading` → `ready`; does nothing once shutting down (a SIGTERM during loading wins).
    public func markReady() {
        _ = current.compareExchange(expected: .loading, desired: .ready, ordering: .acquiringAndReleasing)
    }

    /// Any state → `shuttingDown`.
    public func markShuttingDown() {
        current.store(.shuttingDown, ordering: .releasing)
    }
}
