import Foundation
import Testing

// Observability of the real `gazette` binary, driven with curl: access lines on standard output,
// X-Request-ID, GET /metrics and GET /readyz. Start-up waits for the `listening` line in either
// log format, so these tests run whatever LOG_FORMAT makes the server's own log look like.

/// Runs `body` against `gazette` started with `environment` (on top of `launchAPI`'s clean one),
/// waiting for its `listening` line whether it is text (`addresses=HOST:PORT`) or JSON
/// (`"addresses":"HOST:PORT"`).
private func withObservedAPI<Result>(
    environment: [String: String], _ body: (APIServer) async throws -> Result
) async throws -> Result {
    let process = try launchAPI(environment: environment)
    return try await stopping(process) {
        let snapshot = try await process.wait(for: "the `listening` log line", timeout: Gazette.startupTimeout) {
            $0.exit != nil || listeningPort(in: $0.combinedOutput) != nil
        }
        guard let port = listeningPort(in: snapshot.combinedOutput) else {
            throw GazetteError.exitedBeforeListening(commandLine: process.commandLine, exit: snapshot.exit, output: snapshot.combinedOutput)
        }
        return try await body(APIServer(gazette: Gazette(process: process, port: port, urlHost: "127.0.0.1"), token: APIServer.defaultToken))
    }
}

private func listeningPort(in output: String) -> Int? {
    if let port = Gazette.listeningPort(in: output) { return port }
    for line in output.split(whereSeparator: \.isNewline) where line.contains("listening") {
        guard let start = line.range(of: #""addresses":""#)?.upperBound else { continue }
        let address = line[start...].prefix { $0 != "\"" && $0 != "," && $0 != " " }
        if let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) { return port }
    }
    return nil
}

/// Waits until standard output has a line containing `marker`, and returns that line.
private func outputLine(of api: APIServer, containing marker: String) async throws -> String {
    let snapshot = try await api.gazette.process.wait(for: "an output line with \(marker)", timeout: .seconds(10)) {
        $0.standardOutput.contains(marker) || $0.exit != nil
    }
    let line = snapshot.standardOutput.split(separator: "\n").first { $0.contains(marker) }
    return try #require(line.map(String.init), "no line with \(marker) on stdout:\n\(snapshot.standardOutput)\nstderr:\n\(snapshot.standardError)")
}

private func jsonObject(_ line: String) throws -> [String: Any] {
    let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(line)")
}

private let jsonLogs = ["LOG_FORMAT": "json", "LOG_LEVEL": "info"]

@Suite("Observability through curl: access log, X-Request-ID, /metrics, /readyz")
struct ObservabilityTests {
    @Test("each request prints one JSON access line on stdout, and X-Request-ID is echoed")
    func jsonAccessLine() async throws {
        try await withObservedAPI(environment: jsonLogs) { api in
            let result = try await api.get("/officials/\(Seed.officialIDs[0])?_fields=name", ["-H", "X-Request-ID: itest-42"])
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.header("X-Request-ID") == "itest-42", "\(result)")

            let line = try await outputLine(of: api, containing: #""request_id":"itest-42""#)
            let object = try jsonObject(line)
            #expect(object["method"] as? String == "GET")
            #expect(object["path"] as? String == "/officials/\(Seed.officialIDs[0])", "no query string: \(line)")
            #expect(object["route"] as? String == "/officials/{id}")
            #expect(object["status"] as? Int == 200)
            #expect(object["bytes"] as? Int == result.body.count)
            #expect((object["duration_ms"] as? Double).map { $0 >= 0 } == true, "\(line)")
            #expect((object["remote"] as? String)?.hasPrefix("127.0.0.1:") == true, "\(line)")
            let time = try #require(object["time"] as? String)
            #expect(time.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#) != nil, "time \(time)")
            #expect(!line.contains("_fields"))

            // Every line on stdout is a JSON object: the server's own log goes elsewhere or is JSON too.
            for line in api.gazette.process.snapshot.standardOutput.split(separator: "\n") {
                _ = try jsonObject(String(line))
            }
        }
    }

    @Test("JSON is the default log format")
    func jsonByDefault() async throws {
        try await withObservedAPI(environment: ["LOG_FORMAT": "", "LOG_LEVEL": ""]) { api in
            let result = try await api.get("/healthz", ["-H", "X-Request-ID: default-format"])
            #expect(result.statusCode == 200)
            let object = try jsonObject(try await outputLine(of: api, containing: "default-format"))
            #expect(object["route"] as? String == "/healthz")
        }
    }

    @Test("LOG_FORMAT=text prints the access line as text")
    func textAccessLine() async throws {
        try await withObservedAPI(environment: ["LOG_FORMAT": "text", "LOG_LEVEL": "info"]) { api in
            _ = try await api.get("/healthz", ["-H", "X-Request-ID: text-line"])
            let line = try await outputLine(of: api, containing: "id=text-line")
            #expect(line.contains(" GET /healthz 200 15B "), "\(line)")
            #expect(line.contains("route=/healthz"), "\(line)")
        }
    }

    @Test("without X-Request-ID, or with a bad one, the server makes a new id and logs it")
    func generatedRequestID() async throws {
        try await withObservedAPI(environment: jsonLogs) { api in
            let plain = try await api.get("/healthz")
            let generated = try #require(plain.header("X-Request-ID"), "\(plain)")
            #expect(generated.count == 15, "\(generated)")
            _ = try await outputLine(of: api, containing: #""request_id":"\#(generated)""#)

            let bad = try await api.get("/healthz", ["-H", "X-Request-ID: has a space"])
            let replaced = try #require(bad.header("X-Request-ID"), "\(bad)")
            #expect(replaced != "has a space" && replaced.count == 15 && replaced != generated)
        }
    }

    @Test("a request the server refuses before routing (400) still gets a line, an id and a count")
    func serverMadeResponses() async throws {
        try await withObservedAPI(environment: jsonLogs) { api in
            let result = try await Curl.run(["--verbose", api.url("/healthz%zz")])
            #expect(result.statusCode == 400, "\(result)")
            let id = try #require(result.header("X-Request-ID"), "\(result)")
            let object = try jsonObject(try await outputLine(of: api, containing: id))
            #expect(object["status"] as? Int == 400)
            #expect(object["method"] is NSNull, "\(object)")
            let metrics = try await api.get("/metrics")
            #expect(metrics.bodyText.contains(#"http_requests_total{method="-",route="-",status="400"} 1"#), "\(metrics.bodyText)")
        }
    }

    @Test("GET /metrics: requests by method, route template and status; durations; connections, items, journal")
    func metrics() async throws {
        try await withObservedAPI(environment: jsonLogs) { api in
            for id in Seed.officialIDs.prefix(2) {
                #expect(try await api.get("/officials/\(id)").statusCode == 200)
            }
            #expect(try await api.get("/officials/no-such-official").statusCode == 404)
            #expect(try await api.get("/no/such/path").statusCode == 404)

            let result = try await api.get("/metrics")
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = result.bodyText
            func value(_ series: String) -> Double? {
                text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
            }
            #expect(value(#"http_requests_total{method="GET",route="/officials/{id}",status="200"}"#) == 2, "\(text)")
            #expect(value(#"http_requests_total{method="GET",route="/officials/{id}",status="404"}"#) == 1, "\(text)")
            #expect(value(#"http_requests_total{method="GET",route="unmatched",status="404"}"#) == 1, "\(text)")
            #expect(value(#"http_request_duration_seconds_count{route="/officials/{id}"}"#) == 3, "\(text)")
            #expect(value(#"http_request_duration_seconds_bucket{route="/officials/{id}",le="+Inf"}"#) == 3, "\(text)")
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            #expect((value("gazette_open_connections") ?? 0) >= 1, "this scrape's own connection: \(text)")
            #expect((value(#"gazette_items{resource="articles"}"#) ?? 0) > 0, "\(text)")
            #expect((value(#"gazette_items{resource="officials"}"#) ?? 0) == Double(Seed.officialIDs.count), "\(text)")
            #expect(value("gazette_journal_bytes") != nil, "\(text)")
            for raw in Seed.officialIDs.prefix(2) + ["no-such-official", "/no/such/path"] {
                #expect(!text.contains(raw), "a raw path in the metrics: \(raw)")
            }
        }
    }

    @Test("GET /readyz is 200 ready once the server listens; /healthz stays 200")
    func readyz() async throws {
        try await withObservedAPI(environment: jsonLogs) { api in
            let result = try await api.get("/readyz")
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.bodyText == #"{"status":"ready"}"#)
            #expect(result.header("Cache-Control") == "no-store")
            #expect(try await api.get("/healthz").statusCode == 200)
        }
    }
}
