import Foundation
import GazetteAPI
import GazetteHTTP
import Logging
import Synchronization
import Testing

/// Lines written to a `LogSink`, kept in memory instead of going to standard output.
final class CapturedLines: Sendable {
    private let lines = Mutex<[String]>([])

    var sink: LogSink {
        LogSink { bytes in
            let line = String(decoding: bytes, as: UTF8.self)
            self.lines.withLock { $0.append(line) }
        }
    }

    var all: [String] { lines.withLock { $0 } }

    /// Each line parsed as a JSON object.
    func objects() throws -> [[String: Any]] {
        try all.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }
}

/// Fixed clocks: the wall clock stands at `wall`; the monotonic one advances `step` per reading.
func steppingClock(wall: Int64 = 1_742_515_200_123, step: UInt64 = 250_000) -> AccessLogHandler.Clock {
    let ticks = Atomic<UInt64>(0)
    return AccessLogHandler.Clock(
        wallMilliseconds: { wall },
        monotonicNanoseconds: { ticks.wrappingAdd(1, ordering: .relaxed).newValue * step })
}

/// A router with one templated route and a fixed body, for the handler tests.
let observedRouter = Router(routes: [
    Route(.get, "/officials/{id}") { _ in
        HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"id":"x"}"#.utf8))
    },
    Route(.get, "/cached") { _ in HTTPResponse(status: .notModified) },
], errorResponder: ErrorResponder.http)

/// `observedRouter` wrapped for observation, writing to `lines`.
func observedHandler(_ lines: CapturedLines, format: LogFormat = .json, metrics: Metrics = Metrics(),
                     clock: AccessLogHandler.Clock = steppingClock()) -> any HTTPHandler {
    AccessLogHandler(inner: observedRouter, router: observedRouter, metrics: metrics,
                     accessLog: AccessLog(format: format, sink: lines.sink), requestIDs: RequestIDGenerator(seed: 42), clock: clock)
}

func observedRequest(_ method: HTTPMethod = .get, _ target: String, requestID: String? = nil,
                     remoteAddress: String = "10.0.0.7:51234") throws -> HTTPRequest {
    var headers: HTTPHeaders = [.host: "localhost"]
    if let requestID { headers[.requestID] = requestID }
    return try HTTPRequest(method: method, target: target, headers: headers, remoteAddress: remoteAddress)
}

@Suite("Access log lines")
struct AccessLogTests {
    static let entry = AccessLog.Entry(
        timeMilliseconds: 1_742_548_447_123, method: "GET", path: "/officials/nguyen-minh-vu", route: "/officials/{id}",
        status: 200, bytes: 1184, durationNanoseconds: 87_400, remoteAddress: "10.0.0.7:51234", requestID: "k3m9x2q0f7d1c8a")

    @Test("a JSON line has every field, in a fixed order, on one line")
    func jsonLine() {
        let line = String(decoding: AccessLog.line(Self.entry, as: .json), as: UTF8.self)
        #expect(line == #"{"time":"2025-03-21T09:14:07.123Z","level":"info","msg":"request","method":"GET","path":"/officials/nguyen-minh-vu","route":"/officials/{id}","status":200,"bytes":1184,"duration_ms":0.087,"remote":"10.0.0.7:51234","request_id":"k3m9x2q0f7d1c8a"}"# + "\n")
    }

    @Test("a text line has the same fields for people")
    func textLine() {
        let line = String(decoding: AccessLog.line(Self.entry, as: .text), as: UTF8.self)
        #expect(line == "2025-03-21T09:14:07.123Z info GET /officials/nguyen-minh-vu 200 1184B 0.087ms 10.0.0.7:51234 route=/officials/{id} id=k3m9x2q0f7d1c8a\n")
    }

    @Test("a response made before any request was parsed has null method, path and route")
    func serverResponseLine() throws {
        var entry = Self.entry
        entry.method = nil
        entry.path = nil
        entry.route = nil
        entry.status = 400
        let object = try #require(try JSONSerialization.jsonObject(with: Data(AccessLog.line(entry, as: .json))) as? [String: Any])
        #expect(object["method"] is NSNull && object["path"] is NSNull && object["route"] is NSNull)
        #expect(object["status"] as? Int == 400)
        let text = String(decoding: AccessLog.line(entry, as: .text), as: UTF8.self)
        #expect(text.hasPrefix("2025-03-21T09:14:07.123Z info - - 400 "))
    }

    @Test("time is RFC 3339 UTC with milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (951_782_400_999, "2000-02-29T00:00:00.999Z"),
        (1_709_251_199_001, "2024-02-29T23:59:59.001Z"),
        (1_735_689_599_999, "2024-12-31T23:59:59.999Z"),
        (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
    ])
    func timestamps(milliseconds: Int64, expected: String) throws {
        var entry = Self.entry
        entry.timeMilliseconds = milliseconds
        let object = try #require(try JSONSerialization.jsonObject(with: Data(AccessLog.line(entry, as: .json))) as? [String: Any])
        #expect(object["time"] as? String == expected)
        // And Foundation reads it back to the same instant.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: expected))
        #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == milliseconds)
    }

    @Test("duration is milliseconds with microsecond precision", arguments: [
        (UInt64(0), "0.000"), (499, "0.000"), (500, "0.001"), (87_400, "0.087"), (1_234_567, "1.235"), (12_000_000_000, "12000.000"),
    ])
    func durations(nanoseconds: UInt64, expected: String) {
        var entry = Self.entry
        entry.durationNanoseconds = nanoseconds
        let line = String(decoding: AccessLog.line(entry, as: .json), as: UTF8.self)
        #expect(line.contains(#""duration_ms":\#(expected),"#), "\(line)")
    }

    @Test("quotes, backslashes, control characters and non-ASCII stay valid JSON and read back unchanged")
    func escaping() throws {
        var entry = Self.entry
        entry.path = "/a\"b\\c\u{1}d\ne\u{7F}/ngọ"
        entry.requestID = #"id"with\quotes"#
        let bytes = AccessLog.line(entry, as: .json)
        #expect(bytes.filter { $0 == UInt8(ascii: "\n") }.count == 1, "one line only")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["path"] as? String == entry.path)
        #expect(object["request_id"] as? String == entry.requestID)
        let text = String(decoding: AccessLog.line(entry, as: .text), as: UTF8.self)
        #expect(text.filter { $0 == "\n" }.count == 1 && text.contains(#"\u0001d\ne"#), "\(text)")
    }

    @Test("a character that needs escaping is found at any position", arguments: ["\"", "\\", "\n", "\u{1F}", "\u{7F}"])
    func escapingAtEveryPosition(special: String) throws {
        for position in 0..<24 {
            var entry = Self.entry
            entry.path = String(repeating: "a", count: position) + special + String(repeating: "ọ", count: 3) + String(repeating: "b", count: 9)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(AccessLog.line(entry, as: .json))) as? [String: Any])
            #expect(object["path"] as? String == entry.path, "special character at \(position)")
        }
    }

    @Test("a long path is cut at a character boundary, marked with ..., and the line stays valid JSON within 1 KiB",
          arguments: [String(repeating: "a", count: 5000), String(repeating: "ọ", count: 2000), String(repeating: "\"", count: 3000),
                      String(repeating: "x", count: 399) + "ọ" + String(repeating: "y", count: 100)])
    func longPath(path: String) throws {
        var entry = Self.entry
        entry.path = "/" + path
        entry.requestID = String(repeating: "\"", count: 128)
        let bytes = AccessLog.line(entry, as: .json)
        #expect(bytes.count <= 1024)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let logged = try #require(object["path"] as? String)
        #expect(logged.hasSuffix("..."))
        #expect(entry.path?.hasPrefix(String(logged.dropLast(3))) == true)
        #expect(object["status"] as? Int == 200, "the fields after the path are all there")
        #expect(object["request_id"] as? String != nil)
        let text = AccessLog.line(entry, as: .text)
        #expect(text.count <= 1024 && text.last == UInt8(ascii: "\n"))
        #expect(String(validating: text, as: UTF8.self) != nil, "a cut never splits a character")
    }
}

@Suite("AccessLogHandler")
struct AccessLogHandlerTests {
    @Test("writes one JSON line per request: method, path without the query, route, status, bytes, duration, remote, id")
    func oneLinePerRequest() throws {
        let lines = CapturedLines()
        let handler = observedHandler(lines)
        let response = handler.handle(try observedRequest(.get, "/officials/nguy%E1%BB%85n?q=secret&token=abc", requestID: "trace-1"))
        #expect(response.status == .ok)
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        #expect(!line.contains("secret") && !line.contains("token"), "the query is never logged: \(line)")
        let object = try #require(try lines.objects().first)
        #expect(object["time"] as? String == "2025-03-21T00:00:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["method"] as? String == "GET")
        #expect(object["path"] as? String == "/officials/nguy%E1%BB%85n")
        #expect(object["route"] as? String == "/officials/{id}")
        #expect(object["status"] as? Int == 200)
        #expect(object["bytes"] as? Int == response.body.count)
        #expect(object["duration_ms"] as? Double == 0.25, "one clock step of 250 µs")
        #expect(object["remote"] as? String == "10.0.0.7:51234")
        #expect(object["request_id"] as? String == "trace-1")
        #expect(Set(object.keys) == ["time", "level", "msg", "method", "path", "route", "status", "bytes", "duration_ms", "remote", "request_id"])
    }

    @Test("LOG_FORMAT=text writes the same request as a text line")
    func textFormat() throws {
        let lines = CapturedLines()
        _ = observedHandler(lines, format: .text).handle(try observedRequest(.get, "/officials/x", requestID: "abc"))
        #expect(lines.all == ["2025-03-21T00:00:00.123Z info GET /officials/x 200 10B 0.250ms 10.0.0.7:51234 route=/officials/{id} id=abc\n"])
    }

    @Test("HEAD and 304 log 0 bytes: no body is sent")
    func bodylessResponses() throws {
        let lines = CapturedLines()
        let handler = observedHandler(lines)
        _ = handler.handle(try observedRequest(.head, "/officials/x"))
        _ = handler.handle(try observedRequest(.get, "/cached"))
        let objects = try lines.objects()
        #expect(objects.map { $0["bytes"] as? Int } == [0, 0])
        #expect(objects.map { $0["status"] as? Int } == [200, 304])
        #expect(objects.first?["method"] as? String == "HEAD")
    }

    @Test("an unknown path is logged with route unmatched, and its 404 carries X-Request-ID")
    func unmatched() throws {
        let lines = CapturedLines()
        let response = observedHandler(lines).handle(try observedRequest(.get, "/nowhere/at/all"))
        #expect(response.status == .notFound)
        #expect(response.headers[.requestID] != nil)
        let object = try #require(try lines.objects().first)
        #expect(object["route"] as? String == "unmatched")
        #expect(object["path"] as? String == "/nowhere/at/all")
        #expect(object["request_id"] as? String == response.headers[.requestID])
    }

    @Test("no access log: no lines, but the id and the metrics are still there")
    func withoutAccessLog() throws {
        let metrics = Metrics()
        let handler = AccessLogHandler(inner: observedRouter, router: observedRouter, metrics: metrics, accessLog: nil)
        let response = handler.handle(try observedRequest(.get, "/officials/x"))
        #expect(response.headers[.requestID] != nil)
        #expect(metrics.exposition().contains(#"http_requests_total{method="GET",route="/officials/{id}",status="200"} 1"#))
    }

    @Test("the server's own error responses get an id, a count and a line with null method, path and route")
    func serverErrors() throws {
        let lines = CapturedLines()
        let metrics = Metrics()
        let observer = AccessLogHandler.serverErrorObserver(
            metrics: metrics, accessLog: AccessLog(format: .json, sink: lines.sink), requestIDs: RequestIDGenerator(seed: 1),
            clock: steppingClock())
        let report = HTTPErrorReport(status: .badRequest, detail: "bad request line", location: "request-line")
        var response = ErrorResponder.http(report)
        observer(report, "192.0.2.1:4000", &response)
        let id = try #require(response.headers[.requestID])
        let object = try #require(try lines.objects().first)
        #expect(object["request_id"] as? String == id)
        #expect(object["status"] as? Int == 400)
        #expect(object["remote"] as? String == "192.0.2.1:4000")
        #expect(object["bytes"] as? Int == response.body.count)
        #expect(object["method"] is NSNull && object["route"] is NSNull)
        #expect(metrics.exposition().contains(#"http_requests_total{method="-",route="-",status="400"} 1"#))
    }
}

@Suite("X-Request-ID")
struct RequestIDTests {
    @Test("a sane id from the client is echoed and logged as it is", arguments: [
        "abc", "0f8fad5b-d9cb-469f-a165-70867728950e", "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8",
        String(repeating: "z", count: 128), "!#$%&'*+-.^_`|~\"\\",
    ])
    func echoed(id: String) throws {
        let lines = CapturedLines()
        let response = observedHandler(lines).handle(try observedRequest(.get, "/officials/x", requestID: id))
        #expect(response.headers[.requestID] == id)
        #expect(try lines.objects().first?["request_id"] as? String == id)
    }

    @Test("an id that is empty, too long, or has spaces, control characters or non-ASCII is replaced by a new one", arguments: [
        "", String(repeating: "z", count: 129), "has space", "tab\there", "bell\u{7}", "ünïcode", "del\u{7F}",
    ])
    func rejected(id: String) throws {
        #expect(RequestID.accepted(id) == nil)
        let lines = CapturedLines()
        let response = observedHandler(lines).handle(try observedRequest(.get, "/officials/x", requestID: id))
        let sent = try #require(response.headers[.requestID])
        #expect(sent != id)
        #expect(RequestID.accepted(sent) == sent)
        #expect(try lines.objects().first?["request_id"] as? String == sent)
    }

    @Test("without an id, each response gets a new 15-character one")
    func generated() throws {
        let lines = CapturedLines()
        let handler = observedHandler(lines)
        let first = handler.handle(try observedRequest(.get, "/officials/x")).headers[.requestID]
        let second = handler.handle(try observedRequest(.get, "/officials/x")).headers[.requestID]
        let id = try #require(first)
        #expect(id != second)
        #expect(id.count == 15)
        #expect(id.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) }, "\(id)")
    }

    @Test("generated ids do not repeat, from many threads at once")
    func unique() async {
        let generator = RequestIDGenerator()
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<5000).map { _ in generator.next() } }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(ids.count == 40_000)
        #expect(Set(ids).count == 40_000)
        // Every letter of the alphabet turns up, and nothing else.
        #expect(Set(ids.joined()) == Set("0123456789abcdefghjkmnpqrstvwxyz"))
    }

    @Test("two servers' ids differ from the first one on (random prefix)")
    func prefixes() {
        #expect(RequestIDGenerator(seed: 1).next().prefix(7) != RequestIDGenerator(seed: 1 << 40).next().prefix(7))
    }
}

@Suite("LineLogHandler")
struct LineLogHandlerTests {
    @Test("JSON: time, level, logger, message, error and metadata, one object per line")
    func json() throws {
        let lines = CapturedLines()
        var logger = Logger(label: "gazette.http") { label in
            LineLogHandler(label: label, format: .json, sink: lines.sink, wallMilliseconds: { 1_742_515_200_123 })
        }
        logger[metadataKey: "loops"] = "2"
        struct Failure: Error, CustomStringConvertible { var description: String { "disk \"full\"" } }
        logger.info("listening", metadata: ["addresses": "127.0.0.1:8080", "msg": "clash", "nested": ["a": ["1", "2"]]])
        logger.error("journal write failed", error: Failure())
        logger.debug("not at info level")
        let objects = try lines.objects()
        #expect(objects.count == 2)
        #expect(lines.all.allSatisfy { $0.hasSuffix("}\n") && $0.dropLast().firstIndex(of: "\n") == nil })
        let first = try #require(objects.first)
        #expect(first["time"] as? String == "2025-03-21T00:00:00.123Z")
        #expect(first["level"] as? String == "info")
        #expect(first["logger"] as? String == "gazette.http")
        #expect(first["msg"] as? String == "listening")
        #expect(first["addresses"] as? String == "127.0.0.1:8080")
        #expect(first["loops"] as? String == "2")
        #expect(first["_msg"] as? String == "clash", "a metadata key never overwrites a fixed one")
        #expect((first["nested"] as? [String: Any])?["a"] as? [String] == ["1", "2"])
        #expect(objects.last?["level"] as? String == "error")
        #expect(objects.last?["error"] as? String == "disk \"full\"")
    }

    @Test("text: time, level, logger, message, then key=value pairs, quoted when they hold spaces")
    func text() {
        let lines = CapturedLines()
        let logger = Logger(label: "gazette") { label in
            LineLogHandler(label: label, format: .text, sink: lines.sink, wallMilliseconds: { 1_742_515_200_123 })
        }
        logger.notice("listening", metadata: ["addresses": "127.0.0.1:8080", "loops": "2", "note": "two words"])
        #expect(lines.all == [#"2025-03-21T00:00:00.123Z notice gazette: listening addresses=127.0.0.1:8080 loops=2 note="two words""# + "\n"])
    }

    @Test("the level set at start filters messages")
    func level() {
        let lines = CapturedLines()
        let logger = Logger(label: "gazette") { label in
            LineLogHandler(label: label, format: .text, level: .warning, sink: lines.sink)
        }
        logger.info("hidden")
        logger.warning("shown")
        #expect(lines.all.count == 1 && lines.all[0].contains("warning gazette: shown"))
    }

    @Test("LOG_FORMAT values", arguments: [("json", LogFormat.json), ("JSON", .json), (" text ", .text), ("yaml", nil), ("", nil)])
    func formats(setting: String, expected: LogFormat?) {
        #expect(LogFormat(setting: setting) == expected)
    }
}
