import Foundation

/// A value behind a pthread mutex (`NSLock`), for locks that several threads contend for. On Linux,
/// Synchronization's `Mutex` waits on a futex the thread sanitizer does not model, and it reports
/// races inside `withLock` that are not there; it understands pthread mutexes.
// @unchecked Sendable: `value` is read and written only inside `withLock`, which holds `lock`.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
