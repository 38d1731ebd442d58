import GazetteHTTP

/// Where write handlers run. In memory a write takes microseconds and runs on the event loop; a
/// durable write waits for an fsync (milliseconds), so it runs on a `BlockingWorkPool` and the loop
/// serves other connections meanwhile. Writers waiting together share one fsync.
struct WriteExecutor: Sendable {
    let pool: BlockingWorkPool?

    static let inline = WriteExecutor(pool: nil)

    /// Threads for a store: a pool for a durable one, none in memory.
    static func forStore(_ store: GazetteStore) -> WriteExecutor {
        WriteExecutor(pool: store.isDurable ? BlockingWorkPool(maxThreads: 64, name: "gazette-write") : nil)
    }

    func run(_ body: @escaping @Sendable () -> HTTPResponse) -> HTTPResponse {
        guard let pool else { return body() }
        return pool.response(body)
    }
}
