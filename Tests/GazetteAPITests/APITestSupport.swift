import Foundation
import GazetteAPI
import GazetteHTTP
import Testing

/// Shared fixtures for the API tests: the embedded dataset, a fixed clock, requests.
enum APITestSupport {
    static let token = "test-token"
    static let fixedDate = Date(timeIntervalSince1970: 1_742_515_200)  // 2025-03-21T00:00:00Z

    static func store() throws -> GazetteStore {
        let bytes = try #require(EmbeddedDataset.bytes())
        return try GazetteStore(dataset: bytes, source: "embedded", clock: { fixedDate })
    }

    static func handler(_ store: GazetteStore, readOnly: Bool = false, origins: [String] = ["*"]) -> any HTTPHandler {
        APIRouter.make(store: store, configuration: APIConfiguration(token: token, isReadOnly: readOnly, corsOrigins: origins))
    }

    static func request(_ method: HTTPMethod, _ target: String, json: String? = nil, contentType: String = "application/json",
                        authorized: Bool = true, headers: HTTPHeaders = [:]) throws -> HTTPRequest {
        var all = headers
        all[.host] = "localhost"
        if authorized { all[.authorization] = "Bearer \(token)" }
        if json != nil { all[.contentType] = contentType }
        return try HTTPRequest(method: method, target: target, headers: all, body: Array((json ?? "").utf8))
    }

    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONParser.parse(response.body)
    }

    /// The `errors[].pointer` (or `name`) values of a problem response.
    static func problemLocations(_ response: HTTPResponse) throws -> [String] {
        let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
        return (problem.errors ?? []).map { $0.pointer ?? $0.name ?? $0.in }
    }

    /// The seed report, as committed beside the tests (a copy of ../shared/seed/000_1ee3168d6bf4c7c7.txt).
    static func seedText() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/seed-report.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }
}
