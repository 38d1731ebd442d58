// gazette-bench: the two routes of ../shared/bench served by GazetteHTTP, encoding JSON per request
// with a new JSONEncoder exactly as the Hummingbird and FlyingFox peers do, so that a comparison
// measures the server and not a cache. Listens on HOST:PORT (default 127.0.0.1:8080); reads
// $BENCH_FIXTURES_DIR/articles.json. Not part of the service.
import Foundation
import GazetteHTTP

let environment = ProcessInfo.processInfo.environment
let fixtures = environment["BENCH_FIXTURES_DIR"] ?? "../shared/bench/fixtures"
let articles = try JSONDecoder().decode(
    [BenchArticle].self, from: Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent("articles.json")))
let byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

@Sendable func json(_ value: some Encodable) -> HTTPResponse {
    do {
        let data = try JSONEncoder().encode(value)
        // One memcpy out of Data; `Array(data)` went through a generic element-wise append.
        let body = data.withUnsafeBytes { Array($0) }
        return HTTPResponse(status: .ok, contentType: "application/json; charset=utf-8", body: body)
    } catch {
        return .text("encoding failed\n", status: .internalServerError)
    }
}

let router = Router(routes: [
    Route(.get, "/articles/{id}") { request in
        guard let id = request.pathParameters["id"].flatMap({ Int($0) }), let article = byID[id] else {
            return .text("not found\n", status: .notFound)
        }
        return json(article)
    },
    Route(.get, "/articles") { _ in json(articles) },
])

var configuration = HTTPServer.Configuration(
    host: environment["HOST"] ?? "127.0.0.1", port: Int(environment["PORT"] ?? "") ?? 8080)
let server = HTTPServer(configuration: configuration, handler: router)
server.shutdownOnSignals()
try server.run()
