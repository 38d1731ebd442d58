import Dispatch
import Synchronization

/// A value computed on another thread while the caller does other work; `wait()` returns it.
/// Start-up parses the next batch of items this way while it stores the current one.
final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The value, once `body` has returned; waits until then. May be called again.
    func wait() -> Value {
        done.wait()
        // Let a later call through too.
        done.signal()
        guard let value = result.withLock({ $0 }) else { preconditionFailure("signalled before a value was stored") }
        return value
    }
}
