import Foundation
import GazetteHTTP
import Synchronization

/// The server's Prometheus metrics, served by `GET /metrics` in text format 0.0.4:
///
/// - `http_requests_total{method,route,status}`: a counter per method, route template and status.
/// - `http_request_duration_seconds{route}`: a histogram of the time the application took, per
///   route template, with `_bucket`, `_sum` and `_count`.
/// - Gauges added with `addGauge`, read when scraped (open connections, items, journal size).
///
/// `route` is always a template (`/articles/{id}`), never a raw path, so the number of series stays
/// bounded: a path no route matches counts as `unmatched`, and a response the server made before
/// any request was parsed (a malformed request, the connection limit) as method and route `-`.
/// Methods other than the seven the API knows count as `OTHER`.
///
/// Recording is lock-free (a hash lookup, then three relaxed atomic additions), so every event loop
/// records without waiting for the others; only a status outside `RouteSeries.commonStatuses`
/// takes a lock, and only a scrape walks the series. About 70 ns per request here.
public final class Metrics: Sendable {
    /// The media type of the text exposition format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// The `route` label of requests whose path no route matches.
    public static let unmatchedRoute = "unmatched"
    /// The `method` and `route` labels of responses made before any request was parsed.
    public static let noRequest = "-"

    /// Upper bounds of the duration buckets, in seconds, as written in the `le` label
    /// (`RouteSeries.bucket` has them in nanoseconds).
    static let bucketLabels = ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"]

    static let methodLabels = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER", noRequest]
    static let otherMethod = 7
    static let noRequestMethod = 8

    private let series = RouteSeriesTable()
    private let gauges = Mutex<[Gauge]>([])

    public init() {}

    // MARK: Recording

    /// Counts one request answered by the application. `route` is the template that matched, or
    /// `nil` for none; `nanoseconds` is how long the application took.
    public func recordRequest(method: HTTPMethod, route: String?, status: Int, nanoseconds: UInt64) {
        guard let series = series(for: route ?? Self.unmatchedRoute) else { return }
        series.count(method: Self.methodIndex(method), status: status)
        series.observe(nanoseconds: nanoseconds)
    }

    /// Counts one response the server made by itself, before any request was parsed. It has no
    /// duration, so it is in the counter only.
    public func recordServerResponse(status: Int) {
        series(for: Self.noRequest)?.count(method: Self.noRequestMethod, status: status)
    }

    private func series(for route: String) -> RouteSeries? {
        series.series(for: route, hash: Self.hash(route))
    }

    private static func methodIndex(_ method: HTTPMethod) -> Int {
        switch method.rawValue {
        case "GET": 0
        case "HEAD": 1
        case "POST": 2
        case "PUT": 3
        case "PATCH": 4
        case "DELETE": 5
        case "OPTIONS": 6
        default: otherMethod
        }
    }

    /// FNV-1a: a few nanoseconds for a template, and the same in every process.
    private static func hash(_ text: String) -> Int {
        // Templates are native strings, whose UTF-8 is contiguous; iterating `utf8` byte by byte
        // through its indices cost three times as much.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            return Int(truncatingIfNeeded: hash ^ (hash >> 32))
        } ?? text.utf8.count
    }

    // MARK: Gauges

    /// Adds a gauge without labels whose value `value` gives at each scrape. `value` runs on the
    /// thread serving `/metrics`: keep it quick and lock-light.
    public func addGauge(_ name: String, help: String, value: @escaping @Sendable () -> Double) {
        addGauge(Gauge(name: name, help: help, label: nil) { [("", value())] })
    }

    /// Adds a gauge with one label: `values` gives each label value and its number at each scrape.
    public func addGauge(_ name: String, help: String, label: String, values: @escaping @Sendable () -> [(String, Double)]) {
        precondition(Self.isValidName(label), "invalid label name \(label)")
        addGauge(Gauge(name: name, help: help, label: label, samples: values))
    }

    private func addGauge(_ gauge: Gauge) {
        precondition(Self.isValidName(gauge.name), "invalid metric name \(gauge.name)")
        gauges.withLock { gauges in
            precondition(!gauges.contains { $0.name == gauge.name }, "gauge \(gauge.name) added twice")
            gauges.append(gauge)
        }
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        }
    }

    // MARK: Exposition

    /// Every metric in the Prometheus text format 0.0.4, series sorted so that scrapes compare line by line.
    public func exposition() -> String {
        var text = ""
        text.reserveCapacity(8 * 1024)
        let all = series.all.sorted { $0.route < $1.route }

        text += "# HELP http_requests_total HTTP requests answered, by method, route template and status.\n"
        text += "# TYPE http_requests_total counter\n"
        for series in all {
            for (key, value) in series.counts() {
                text += "http_requests_total{method=\"\(Self.methodLabels[key.method])\",route=\"\(Self.escaped(series.route))\","
                text += "status=\"\(key.status)\"} \(value)\n"
            }
        }

        text += "# HELP http_request_duration_seconds Time the application took to answer, by route template.\n"
        text += "# TYPE http_request_duration_seconds histogram\n"
        for series in all {
            let histogram = series.histogram()
            guard histogram.count > 0 else { continue }
            let route = Self.escaped(series.route)
            var cumulative: UInt64 = 0
            for (index, label) in Self.bucketLabels.enumerated() {
                cumulative += histogram.buckets[index]
                text += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(label)\"} \(cumulative)\n"
            }
            text += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)\n"
            text += "http_request_duration_seconds_sum{route=\"\(route)\"} \(Double(histogram.sumNanoseconds) / 1e9)\n"
            text += "http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)\n"
        }

        for gauge in gauges.withLock({ $0 }) {
            text += "# HELP \(gauge.name) \(Self.escapedHelp(gauge.help))\n"
            text += "# TYPE \(gauge.name) gauge\n"
            for (labelValue, value) in gauge.samples() {
                if let label = gauge.label {
                    text += "\(gauge.name){\(label)=\"\(Self.escaped(labelValue))\"} \(Self.format(value))\n"
                } else {
                    text += "\(gauge.name) \(Self.format(value))\n"
                }
            }
        }
        return text
    }

    /// Label values escape `\`, `"` and newlines.
    private static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Help text escapes `\` and newlines.
    private static func escapedHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Whole numbers without a fraction (`20`, not `20.0`); `NaN` and infinities as Prometheus spells them.
    private static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A gauge read at each scrape.
private struct Gauge: Sendable {
    let name: String
    let help: String
    let label: String?
    let samples: @Sendable () -> [(String, Double)]
}
