import Foundation
@testable import GazetteAPI
import GazetteHTTP
import Testing

/// The embedded dataset in a store, and shortcuts to query it the way the routes do.
enum QueryFixture {
    /// A fixed clock, so timestamps are stable.
    static let now = Date(timeIntervalSince1970: 1_742_544_000)

    /// A fresh store holding the embedded dataset.
    static func store() throws -> GazetteStore {
        let bytes = try #require(EmbeddedDataset.bytes())
        return try GazetteStore(dataset: bytes, source: "test", clock: { now })
    }

    /// `GET target` on the list of `kind` (or, with `parent`, on a nested list), as ResourceRoutes calls it.
    static func list(
        _ kind: ResourceKind, _ target: String, store: GazetteStore? = nil,
        parent: (kind: ResourceKind, id: String)? = nil, headers: HTTPHeaders = [:]
    ) throws -> HTTPResponse {
        let snapshot = try (store ?? Self.store()).snapshot()
        var request = try HTTPRequest(method: .get, target: target)
        request.headers = headers
        let items = parent.map { snapshot.related($0.kind, id: $0.id, target: kind) } ?? snapshot.items(kind)
        do {
            return try ListResponder.respond(to: request, kind: kind, items: items, snapshot: snapshot)
        } catch {
            return ErrorResponder.response(for: error)
        }
    }

    /// `GET target` on item `id` of `kind`.
    static func item(_ kind: ResourceKind, id: String, _ target: String) throws -> HTTPResponse {
        let snapshot = try store().snapshot()
        let item = try #require(snapshot.item(kind, id: id))
        let request = try HTTPRequest(method: .get, target: target)
        do {
            return try ListResponder.respond(to: request, item: item, kind: kind, snapshot: snapshot)
        } catch {
            return ErrorResponder.response(for: error)
        }
    }

    /// `GET target` on `/search`.
    static func search(_ target: String, store: GazetteStore? = nil) throws -> HTTPResponse {
        let snapshot = try (store ?? Self.store()).snapshot()
        let request = try HTTPRequest(method: .get, target: target)
        do {
            return try SearchResponder.respond(to: request, snapshot: snapshot)
        } catch {
            return ErrorResponder.response(for: error)
        }
    }

    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONParser.parse(response.body)
    }

    /// The `id` of each element of the response's JSON array.
    static func ids(_ response: HTTPResponse) throws -> [String] {
        let elements = try #require(json(response).arrayValue)
        return elements.compactMap { $0["id"]?.stringValue }
    }

    /// The names of the parameters a 400 problem response blames, in order.
    static func blamed(_ response: HTTPResponse) throws -> [String] {
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentType] == "application/problem+json")
        let errors = try #require(json(response)["errors"]?.arrayValue)
        #expect(errors.allSatisfy { $0["in"]?.stringValue == "query" })
        return errors.compactMap { $0["name"]?.stringValue }
    }

    /// The `detail` of each error of a problem response.
    static func details(_ response: HTTPResponse) throws -> [String] {
        try #require(json(response)["errors"]?.arrayValue).compactMap { $0["detail"]?.stringValue }
    }

    /// Parses `query` (without `?`) for `kind`.
    static func parse(_ query: String, _ kind: ResourceKind = .projects) throws -> ListQuery {
        let request = try HTTPRequest(method: .get, target: "/x?" + query)
        return try QueryParser.parseList(request.queryItems, kind: kind)
    }

    /// The parameters that parsing `query` for `kind` blames (empty when it parses).
    static func parseErrors(_ query: String, _ kind: ResourceKind = .projects) throws -> [String] {
        let request = try HTTPRequest(method: .get, target: "/x?" + query)
        do {
            _ = try QueryParser.parseList(request.queryItems, kind: kind)
            return []
        } catch {
            guard case .invalidQuery(let errors) = error else { return ["unexpected \(error)"] }
            return errors.compactMap(\.name)
        }
    }

    /// The ids `query` selects from the embedded dataset, in result order.
    static func run(_ query: String, _ kind: ResourceKind) throws -> [String] {
        let snapshot = try store().snapshot()
        return QueryEngine.run(try parse(query, kind), on: snapshot.items(kind), kind: kind).items.map(\.id)
    }
}
