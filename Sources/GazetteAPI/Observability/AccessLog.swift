/// Writes one line per answered request: JSON or text, to a `LogSink` (standard output in
/// production), with one write per line.
///
/// A JSON line, with keys always in this order (`method`, `path` and `route` are `null` for
/// responses the server made before any request was parsed, such as a 400 for a malformed
/// request line):
///
/// ```
/// {"time":"2025-03-21T09:14:07.123Z","level":"info","msg":"request","method":"GET","path":"/officials/nguyen-minh-vu","route":"/officials/{id}","status":200,"bytes":1184,"duration_ms":0.087,"remote":"10.0.0.7:51234","request_id":"k3m9x2q0f7d1c8a"}
/// ```
///
/// The same request as text:
///
/// ```
/// 2025-03-21T09:14:07.123Z info GET /officials/nguyen-minh-vu 200 1184B 0.087ms 10.0.0.7:51234 route=/officials/{id} id=k3m9x2q0f7d1c8a
/// ```
///
/// - `path` is the path as sent, still percent-encoded; the query string is never logged, since it
///   can carry search text and other personal data.
/// - `bytes` counts the response body sent (0 for `HEAD` and 304).
/// - `duration_ms` is the time the application took to make the response, in milliseconds with
///   microsecond precision; reading the request and sending the response are not in it.
/// - A line is at most 1,024 bytes: a longer path is cut and ends with `...`.
public struct AccessLog: Sendable {
    /// One answered request.
    public struct Entry: Sendable {
        /// Wall-clock time, milliseconds since 1970.
        public var timeMilliseconds: Int64
        /// `nil` when the server answered before a request was parsed.
        public var method: String?
        public var path: String?
        public var route: String?
        public var status: Int
        public var bytes: Int
        public var durationNanoseconds: UInt64
        public var remoteAddress: String
        public var requestID: String

        public init(timeMilliseconds: Int64, method: String?, path: String?, route: String?, status: Int, bytes: Int,
                    durationNanoseconds: UInt64, remoteAddress: String, requestID: String) {
            self.timeMilliseconds = timeMilliseconds
            self.method = method
            self.path = path
            self.route = route
            self.status = status
            self.bytes = bytes
            self.durationNanoseconds = durationNanoseconds
            self.remoteAddress = remoteAddress
            self.requestID = requestID
        }
    }

    /// The longest line, newline included. 1,024 bytes is also the most Swift puts on the stack
    /// without asking the runtime how much stack is left.
    static let maxLineLength = 1024

    // Limits per field, in bytes once escaped; with the keys and numbers they add up to less than
    // `maxLineLength`.
    private static let methodLimit = 24
    private static let pathLimit = 400
    private static let routeLimit = 120
    private static let remoteLimit = 64
    // An accepted id is at most 128 bytes, but each `"` or `\` in it doubles when escaped.
    private static let requestIDLimit = 160

    public let format: LogFormat
    private let sink: LogSink

    public init(format: LogFormat, sink: LogSink = .standardOutput) {
        self.format = format
        self.sink = sink
    }

    /// Formats `entry` in a stack buffer and writes it to the sink in one call.
    public func write(_ entry: Entry) {
        // The buffer lives on the stack for this call only; the sink copies or writes it before returning.
        withUnsafeTemporaryAllocation(byteCount: Self.maxLineLength, alignment: 1) { storage in
            var line = LineBuffer(storage)
            Self.format(entry, as: format, into: &line)
            sink.write(line.bytes)
        }
    }

    /// The line for `entry` as bytes, newline included (for tests and tools; `write` allocates nothing).
    public static func line(_ entry: Entry, as format: LogFormat) -> [UInt8] {
        withUnsafeTemporaryAllocation(byteCount: maxLineLength, alignment: 1) { storage in
            var line = LineBuffer(storage)
            Self.format(entry, as: format, into: &line)
            return Array(line.bytes)
        }
    }

    static func format(_ entry: Entry, as format: LogFormat, into line: inout LineBuffer) {
        switch format {
        case .json: formatJSON(entry, into: &line)
        case .text: formatText(entry, into: &line)
        }
        // The field limits leave room for the newline; make sure of it all the same.
        if line.remaining == 0 { line.dropLast() }
        line.append(UInt8(ascii: "\n"))
    }

    private static func formatJSON(_ entry: Entry, into line: inout LineBuffer) {
        line.append(#"{"time":""#)
        line.append(timestampMilliseconds: entry.timeMilliseconds)
        line.append(#"","level":"info","msg":"request","method":"#)
        appendJSON(entry.method, limit: methodLimit, into: &line)
        line.append(#","path":"#)
        appendJSON(entry.path, limit: pathLimit, into: &line)
        line.append(#","route":"#)
        appendJSON(entry.route, limit: routeLimit, into: &line)
        line.append(#","status":"#)
        line.append(decimal: entry.status)
        line.append(#","bytes":"#)
        line.append(decimal: entry.bytes)
        line.append(#","duration_ms":"#)
        line.append(millisecondsFromNanoseconds: entry.durationNanoseconds)
        line.append(#","remote":""#)
        line.append(jsonEscaped: entry.remoteAddress, limit: remoteLimit)
        line.append(#"","request_id":""#)
        line.append(jsonEscaped: entry.requestID, limit: requestIDLimit)
        line.append(#""}"#)
    }

    private static func appendJSON(_ value: String?, limit: Int, into line: inout LineBuffer) {
        guard let value else { line.append("null"); return }
        line.append(UInt8(ascii: "\""))
        line.append(jsonEscaped: value, limit: limit)
        line.append(UInt8(ascii: "\""))
    }

    private static func formatText(_ entry: Entry, into line: inout LineBuffer) {
        line.append(timestampMilliseconds: entry.timeMilliseconds)
        line.append(" info ")
        line.append(textEscaped: entry.method ?? "-", limit: methodLimit)
        line.append(UInt8(ascii: " "))
        line.append(textEscaped: entry.path ?? "-", limit: pathLimit)
        line.append(UInt8(ascii: " "))
        line.append(decimal: entry.status)
        line.append(UInt8(ascii: " "))
        line.append(decimal: entry.bytes)
        line.append("B ")
        line.append(millisecondsFromNanoseconds: entry.durationNanoseconds)
        line.append("ms ")
        line.append(textEscaped: entry.remoteAddress, limit: remoteLimit)
        line.append(" route=")
        line.append(textEscaped: entry.route ?? "-", limit: routeLimit)
        line.append(" id=")
        line.append(textEscaped: entry.requestID, limit: requestIDLimit)
    }
}
