import Foundation
import GazetteAPI
import GazetteHTTP
import Synchronization
import Testing

/// A Prometheus text exposition (format 0.0.4) read back: every sample, and the `# TYPE` of each
/// family. Fails the test on any line it cannot read, or a sample whose family has no TYPE before it.
struct Exposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.hasSuffix("\n"), "the exposition ends with a newline", sourceLocation: sourceLocation)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 4, "TYPE line: \(line)", sourceLocation: sourceLocation)
                #expect(types[String(parts[2])] == nil, "a second TYPE for \(parts[2])", sourceLocation: sourceLocation)
                types[String(parts[2])] = String(parts[3])
            } else if line.hasPrefix("# HELP ") {
                continue
            } else if let sample = Self.parseSample(line) {
                let family = types.keys.first { sample.name == $0 || sample.name.hasPrefix($0 + "_") }
                #expect(family != nil, "no TYPE before \(line)", sourceLocation: sourceLocation)
                samples.append(sample)
            } else {
                Issue.record("unreadable line: \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `name{a="x",b="y\"z"} 12.5` or `name 3`.
    static func parseSample(_ line: Substring) -> Sample? {
        var rest = line[...]
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        guard !name.isEmpty else { return nil }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { return nil }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first else { return nil }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\", "\"": value.append(escaped)
                        default: return nil
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { return nil }
        let number = rest.dropFirst()
        let value: Double? = switch number {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(number)
        }
        guard let value else { return nil }
        return Sample(name: String(name), labels: labels, value: value)
    }

    /// The value of the one sample named `name` with exactly `labels`, or nil.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { $0.name == name && $0.labels == labels }
        return matching.count == 1 ? matching[0].value : nil
    }

    func samples(named name: String) -> [Sample] { samples.filter { $0.name == name } }
}

@Suite("Metrics")
struct MetricsTests {
    @Test("http_requests_total counts each method, route template and status")
    func counter() {
        let metrics = Metrics()
        for _ in 0..<3 { metrics.recordRequest(method: .get, route: "/officials/{id}", status: 200, nanoseconds: 1000) }
        metrics.recordRequest(method: .get, route: "/officials/{id}", status: 404, nanoseconds: 1000)
        metrics.recordRequest(method: .delete, route: "/officials/{id}", status: 204, nanoseconds: 1000)
        metrics.recordRequest(method: .get, route: nil, status: 404, nanoseconds: 1000)
        metrics.recordRequest(method: HTTPMethod(rawValue: "BREW"), route: nil, status: 405, nanoseconds: 1000)
        metrics.recordServerResponse(status: 400)
        let exposition = Exposition(metrics.exposition())
        #expect(exposition.types["http_requests_total"] == "counter")
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/officials/{id}", "status": "200"]) == 3)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/officials/{id}", "status": "404"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "DELETE", "route": "/officials/{id}", "status": "204"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "OTHER", "route": "unmatched", "status": "405"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "-", "route": "-", "status": "400"]) == 1)
        #expect(exposition.samples(named: "http_requests_total").count == 6)

        metrics.recordRequest(method: .get, route: "/officials/{id}", status: 200, nanoseconds: 1000)
        #expect(Exposition(metrics.exposition())
            .value("http_requests_total", ["method": "GET", "route": "/officials/{id}", "status": "200"]) == 4)
    }

    @Test("the duration histogram: cumulative buckets that never decrease, +Inf equal to _count, _sum in seconds")
    func histogram() throws {
        let metrics = Metrics()
        // 0.1 ms, exactly 0.5 ms (le is inclusive), 0.7 ms, 3 ms, 20 ms, 2 s, 20 s.
        for nanoseconds: UInt64 in [100_000, 500_000, 700_000, 3_000_000, 20_000_000, 2_000_000_000, 20_000_000_000] {
            metrics.recordRequest(method: .get, route: "/articles", status: 200, nanoseconds: nanoseconds)
        }
        metrics.recordRequest(method: .get, route: "/healthz", status: 200, nanoseconds: 1)
        let exposition = Exposition(metrics.exposition())
        #expect(exposition.types["http_request_duration_seconds"] == "histogram")
        let buckets = exposition.samples(named: "http_request_duration_seconds_bucket").filter { $0.labels["route"] == "/articles" }
        let bounds = buckets.map { $0.labels["le"] ?? "?" }
        #expect(bounds == ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"])
        let counts = buckets.map(\.value)
        #expect(counts == [2, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 7])
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(exposition.value("http_request_duration_seconds_count", ["route": "/articles"]) == 7)
        let sum = try #require(exposition.value("http_request_duration_seconds_sum", ["route": "/articles"]))
        #expect(abs(sum - 22.0243) < 1e-9)
        #expect(exposition.value("http_request_duration_seconds_count", ["route": "/healthz"]) == 1)
    }

    @Test("a duration exactly on a bound counts in that bound's bucket; a nanosecond more in the next",
          arguments: zip(["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"],
                         [UInt64(500_000), 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000,
                          250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000]))
    func bucketBounds(label: String, nanoseconds: UInt64) {
        let metrics = Metrics()
        metrics.recordRequest(method: .get, route: "/on", status: 200, nanoseconds: nanoseconds)
        metrics.recordRequest(method: .get, route: "/above", status: 200, nanoseconds: nanoseconds + 1)
        let exposition = Exposition(metrics.exposition())
        #expect(exposition.value("http_request_duration_seconds_bucket", ["route": "/on", "le": label]) == 1)
        #expect(exposition.value("http_request_duration_seconds_bucket", ["route": "/above", "le": label]) == 0)
    }

    @Test("responses made before a request was parsed are counted but have no duration")
    func serverResponsesHaveNoHistogram() {
        let metrics = Metrics()
        metrics.recordServerResponse(status: 408)
        let exposition = Exposition(metrics.exposition())
        #expect(exposition.value("http_requests_total", ["method": "-", "route": "-", "status": "408"]) == 1)
        #expect(exposition.samples(named: "http_request_duration_seconds_count").isEmpty)
    }

    @Test("routes are templates from the router, never raw paths; unknown paths are unmatched")
    func routeTemplates() throws {
        let metrics = Metrics()
        let handler = observedHandler(CapturedLines(), metrics: metrics)
        for id in ["nguyen-minh-vu", "dang-ngoc-hau", "x%20y"] {
            _ = handler.handle(try observedRequest(.get, "/officials/\(id)?_page=2"))
        }
        _ = handler.handle(try observedRequest(.get, "/no/such/path/42"))
        _ = handler.handle(try observedRequest(.post, "/officials/nguyen-minh-vu"))
        let text = metrics.exposition()
        let exposition = Exposition(text)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "/officials/{id}", "status": "200"]) == 3)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
        #expect(exposition.value("http_requests_total", ["method": "POST", "route": "/officials/{id}", "status": "405"]) == 1)
        #expect(exposition.value("http_request_duration_seconds_count", ["route": "/officials/{id}"]) == 4)
        for raw in ["nguyen-minh-vu", "dang-ngoc-hau", "x%20y", "/no/such", "_page"] {
            #expect(!text.contains(raw), "a raw path leaked into the metrics: \(raw)")
        }
    }

    @Test("gauges are read at each scrape; labelled ones give one sample per label value")
    func gauges() throws {
        let metrics = Metrics()
        let store = try APITestSupport.store()
        let connections = CapturedCounter()
        metrics.addServerGauges(store: store, openConnections: { connections.value }, journalBytes: { 4096 })
        connections.value = 3
        let snapshot = store.snapshot()
        var exposition = Exposition(metrics.exposition())
        #expect(exposition.types["gazette_open_connections"] == "gauge")
        #expect(exposition.types["gazette_items"] == "gauge")
        #expect(exposition.types["gazette_journal_bytes"] == "gauge")
        #expect(exposition.value("gazette_open_connections") == 3)
        #expect(exposition.value("gazette_journal_bytes") == 4096)
        for kind in ResourceKind.allCases {
            #expect(exposition.value("gazette_items", ["resource": kind.rawValue]) == Double(snapshot.count(kind)))
        }
        #expect(try #require(exposition.value("gazette_items", ["resource": "articles"])) > 0)

        connections.value = 7
        let article = try #require(snapshot.items(.articles).first)
        try store.delete(.articles, id: article.id, ifMatch: nil)
        exposition = Exposition(metrics.exposition())
        #expect(exposition.value("gazette_open_connections") == 7)
        #expect(exposition.value("gazette_items", ["resource": "articles"]) == Double(snapshot.count(.articles) - 1))
    }

    @Test("label values with quotes, backslashes and newlines are escaped and read back unchanged")
    func labelEscaping() {
        let metrics = Metrics()
        let odd = "a\"b\\c\nd"
        metrics.addGauge("test_odd", help: "Odd labels.\nTwo lines.", label: "name") { [(odd, 1.5)] }
        metrics.recordRequest(method: .get, route: odd, status: 200, nanoseconds: 1)
        let text = metrics.exposition()
        #expect(text.contains("# HELP test_odd Odd labels.\\nTwo lines.\n"))
        let exposition = Exposition(text)
        #expect(exposition.value("test_odd", ["name": odd]) == 1.5)
        #expect(exposition.value("http_requests_total", ["method": "GET", "route": odd, "status": "200"]) == 1)
    }

    @Test("counts stay exact when every loop records at once")
    func concurrentRecording() {
        let metrics = Metrics()
        let routes = ["/articles", "/articles/{id}", "/officials", "/officials/{id}"]
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<10_000 {
                metrics.recordRequest(method: .get, route: routes[(worker + index) % 4], status: index % 10 == 0 ? 404 : 200,
                                      nanoseconds: UInt64(index))
            }
        }
        let exposition = Exposition(metrics.exposition())
        let total = exposition.samples(named: "http_requests_total").map(\.value).reduce(0, +)
        #expect(total == 80_000)
        for route in routes {
            #expect(exposition.value("http_request_duration_seconds_count", ["route": route]) == 20_000)
            #expect(exposition.value("http_requests_total", ["method": "GET", "route": route, "status": "404"]) == 2000)
        }
    }

    @Test("GET /metrics answers the exposition as text/plain version 0.0.4, and HEAD too")
    func route() throws {
        let metrics = Metrics()
        metrics.addGauge("gazette_open_connections", help: "Open.") { 2 }
        let router = Router(routes: MetricsRoutes(metrics: metrics).routes)
        let response = router.handle(try HTTPRequest(method: .get, target: "/metrics"))
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(Exposition(String(decoding: response.body, as: UTF8.self)).value("gazette_open_connections") == 2)
        #expect(router.handle(try HTTPRequest(method: .head, target: "/metrics")).status == .ok)
    }
}

/// A number a gauge closure reads while the test changes it.
final class CapturedCounter: Sendable {
    private let storage = Atomic<Int>(0)
    var value: Int {
        get { storage.load(ordering: .relaxed) }
        set { storage.store(newValue, ordering: .relaxed) }
    }
}
