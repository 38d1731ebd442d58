import Dispatch
import Foundation
@testable import GazetteAPI
@testable import GazetteHTTP
import Synchronization
import Testing

/// With a data directory, writes leave the event loop: the API answers them with a deferred
/// response made on a pool thread, and everything around the router (CORS, request id, metrics,
/// the access line) applies once it is ready.
@Suite("Durable writes answer later")
struct DeferredWriteTests {
    typealias F = DurableFixture

    /// Runs a deferred response to the end, as the event loop would.
    static func resolve(_ response: HTTPResponse) throws -> HTTPResponse {
        guard let deferred = response.deferred else { return response }
        let result = Mutex<HTTPResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        deferred.start { response in
            result.withLock { $0 = response }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        return try resolve(try #require(result.withLock { $0 }))
    }

    static func request(_ method: HTTPMethod, _ target: String, body: JSONValue? = nil) throws -> HTTPRequest {
        try HTTPRequest(method: method, target: target,
                        headers: [.host: "x", .authorization: "Bearer t", .contentType: "application/json",
                                  .origin: "https://dash.example"],
                        body: body.map(JSONWriter.encode) ?? [], remoteAddress: "127.0.0.1:1")
    }

    @Test("a write is deferred, and its 201 carries Location, the request id and CORS; the access line follows it")
    func durableCreate() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let lines = CapturedLines()
            let observability = Observability(accessLog: AccessLog(format: .json, sink: lines.sink))
            let handler = APIRouter.make(store: store, configuration: APIConfiguration(token: "t"), observability: observability)
            let pending = handler.handle(try Self.request(.post, "/officials", body: F.official("Hoãn Lại")))
            #expect(pending.isDeferred)
            #expect(lines.all.isEmpty, "no line before the write is done")
            let response = try Self.resolve(pending)
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/officials/hoan-lai")
            #expect(response.headers[.requestID] != nil)
            #expect(response.headers["Access-Control-Allow-Origin"] == "*")
            let line = try #require(try lines.objects().first)
            #expect(line["status"] as? Int == 201)
            #expect(line["route"] as? String == "/officials")
            #expect(store.snapshot().item(.officials, id: "hoan-lai") != nil)
            #expect(observability.metrics.exposition().contains(#"http_requests_total{method="POST",route="/officials",status="201"} 1"#))
            try store.close()
        }
    }

    @Test("errors of a deferred write are problem responses too (404, 401), and reads stay immediate")
    func durableErrorsAndReads() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let handler = APIRouter.make(store: store, configuration: APIConfiguration(token: "t"))
            let missing = try Self.resolve(handler.handle(try Self.request(.patch, "/officials/khong-co", body: [:])))
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            var unauthorized = try Self.request(.delete, "/projects/x")
            unauthorized.headers[.authorization] = nil
            #expect(try Self.resolve(handler.handle(unauthorized)).status == .unauthorized)
            let read = handler.handle(try Self.request(.get, "/officials"))
            #expect(!read.isDeferred)
            #expect(read.status == .ok)
            try store.close()
        }
    }

    @Test("in memory, writes are answered at once")
    func inMemoryImmediate() throws {
        let store = try GazetteStore(dataset: try #require(EmbeddedDataset.bytes()), source: "embedded")
        let handler = APIRouter.make(store: store, configuration: APIConfiguration(token: "t"))
        let response = handler.handle(try Self.request(.post, "/officials", body: F.official("Ngay Lập Tức")))
        #expect(!response.isDeferred)
        #expect(response.status == .created)
    }
}
