import Dispatch
import Foundation

/// Threads for work that blocks, such as a write waiting for its fsync, so that it never runs on an
/// event loop. Threads start on demand up to `maxThreads` and then stay; beyond that, work queues.
///
/// Many threads are the point: a blocked writer costs only its thread, and writers that wait at
/// the same time share one fsync (group commit), so throughput grows with the threads waiting.
/// Libdispatch's global queues add threads for blocked work only slowly on Linux.
public final class BlockingWorkPool: Sendable {
    public typealias Work = @Sendable () -> Void

    private struct State {
        var queue: [Work] = []
        var head = 0
        var threads = 0
        var idle = 0
    }

    public let maxThreads: Int
    private let name: String
    /// Contended by every writer: a pthread lock (`LockedValue`), which the thread sanitizer sees.
    private let state = LockedValue(State())
    /// One signal per idle thread woken: `submit` takes an idle thread off the count and signals.
    private let wakeUp = DispatchSemaphore(value: 0)

    public init(maxThreads: Int = 64, name: String = "gazette-blocking") {
        precondition(maxThreads > 0, "a pool needs a thread")
        self.maxThreads = maxThreads
        self.name = name
    }

    /// Runs `work` on one of the pool's threads.
    public func submit(_ work: @escaping Work) {
        enum Action { case none, signal, spawn(Int) }
        let action = state.withLock { state -> Action in
            state.queue.append(work)
            if state.idle > 0 {
                state.idle -= 1
                return .signal
            }
            guard state.threads < maxThreads else { return .none }
            state.threads += 1
            return .spawn(state.threads)
        }
        switch action {
        case .none: break
        case .signal: wakeUp.signal()
        case .spawn(let number):
            let thread = Thread { self.serve() }
            thread.name = "\(name)-\(number)"
            thread.start()
        }
    }

    /// A response that `work` makes on the pool; the event loop goes on meanwhile.
    public func response(_ work: @escaping @Sendable () -> HTTPResponse) -> HTTPResponse {
        .deferred(DeferredResponse { complete in self.submit { complete(work()) } })
    }

    private func serve() -> Never {
        while true {
            let next = state.withLock { state -> Work? in
                guard state.head < state.queue.count else {
                    state.idle += 1
                    return nil
                }
                let work = state.queue[state.head]
                state.head += 1
                if state.head == state.queue.count {
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                return work
            }
            if let next { next() } else { wakeUp.wait() }
        }
    }
}
