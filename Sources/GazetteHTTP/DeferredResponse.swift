/// The answer to a request that is not ready when the handler returns, such as a write that waits
/// for an fsync. The handler hands the blocking work elsewhere (e.g. `BlockingWorkPool`) and the
/// event loop goes on serving other connections; the response is sent when `complete` is called.
///
/// The connection reads no further requests meanwhile, so pipelined responses keep their order.
/// `complete` must be called exactly once, from any thread.
public struct DeferredResponse: Sendable {
    public typealias Completion = @Sendable (HTTPResponse) -> Void

    let start: @Sendable (_ complete: @escaping Completion) -> Void

    public init(_ start: @escaping @Sendable (_ complete: @escaping Completion) -> Void) {
        self.start = start
    }

    /// This response with `transform` applied to it once it is ready.
    func map(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> DeferredResponse {
        let start = self.start
        return DeferredResponse { complete in start { complete(transform($0)) } }
    }
}

extension HTTPResponse {
    /// A response that `deferred` produces later. Its own status, headers and body are never sent.
    public static func deferred(_ deferred: DeferredResponse) -> HTTPResponse {
        var response = HTTPResponse(status: .accepted)
        response.deferred = deferred
        return response
    }

    /// Whether the real response comes later: wrappers that read or change it use `map`.
    public var isDeferred: Bool { deferred != nil }

    /// `transform` applied to the response: now, or when a deferred one is ready.
    public func map(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPResponse {
        guard let deferred else { return transform(self) }
        return .deferred(deferred.map(transform))
    }
}
