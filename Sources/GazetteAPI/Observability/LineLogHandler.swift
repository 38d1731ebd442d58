import Foundation
import Logging

/// A swift-log handler that writes each message as one line, JSON or text (`LogFormat`), to a
/// `LogSink` with one unbuffered write. Bootstrap it once in the executable:
///
/// ```swift
/// LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: .json, level: .info) }
/// ```
///
/// JSON: `{"time":"2025-03-21T09:14:07.123Z","level":"info","logger":"gazette","msg":"listening","addresses":"127.0.0.1:8080","loops":"2"}`.
/// Metadata keys go next to the fixed ones (a key that would clash with one is written with a
/// leading `_`); nested metadata becomes JSON objects and arrays. The error, if any, is `error`.
///
/// Text: `2025-03-21T09:14:07.123Z info gazette: listening addresses=127.0.0.1:8080 loops=2`.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let format: LogFormat
    private let sink: LogSink
    private let wallMilliseconds: @Sendable () -> Int64

    private static let reservedKeys: Set<String> = ["time", "level", "logger", "msg", "error"]

    public init(label: String, format: LogFormat, level: Logger.Level = .info, sink: LogSink = .standardError,
                metadataProvider: Logger.MetadataProvider? = nil,
                wallMilliseconds: @escaping @Sendable () -> Int64 = AccessLogHandler.Clock.system.wallMilliseconds) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.sink = sink
        self.metadataProvider = metadataProvider
        self.wallMilliseconds = wallMilliseconds
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var line = ""
        switch format {
        case .json: line = jsonLine(event, merged)
        case .text: line = textLine(event, merged)
        }
        line.append("\n")
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { sink.write(UnsafeRawBufferPointer($0)) }
    }

    private func jsonLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var line = "{\"time\":\"" + timestamp() + "\",\"level\":\"\(event.level.rawValue)\",\"logger\":"
        line += Self.jsonString(label) + ",\"msg\":" + Self.jsonString(event.message.description)
        if let error = event.error {
            line += ",\"error\":" + Self.jsonString("\(error)")
        }
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            let name = Self.reservedKeys.contains(key) ? "_" + key : key
            line += "," + Self.jsonString(name) + ":" + Self.json(value)
        }
        return line + "}"
    }

    private func textLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var line = timestamp() + " \(event.level.rawValue) \(label): " + Self.textValue(event.message.description)
        if let error = event.error {
            line += " error=" + Self.textValue("\(error)")
        }
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " \(key)=" + Self.textValue(Self.text(value))
        }
        return line
    }

    private func timestamp() -> String {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { storage in
            var buffer = LineBuffer(storage)
            buffer.append(timestampMilliseconds: wallMilliseconds())
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): jsonString(text)
        case .stringConvertible(let convertible): jsonString(convertible.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let members):
            "{" + members.keys.sorted().compactMap { key in members[key].map { jsonString(key) + ":" + json($0) } }
                .joined(separator: ",") + "}"
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(text).joined(separator: ", ") + "]"
        case .dictionary(let members):
            "[" + members.keys.sorted().compactMap { key in members[key].map { "\(key): " + text($0) } }
                .joined(separator: ", ") + "]"
        }
    }

    /// `text` as a JSON string, quotes included.
    static func jsonString(_ text: String) -> String {
        escape(text, quoteEscapes: true).map { "\"" + $0 + "\"" } ?? "\"\""
    }

    /// A text-line value: control characters escaped; quoted when it holds a space, `"` or `=`, so
    /// the line still splits into `key=value` pairs.
    private static func textValue(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
        guard let escaped = escape(text, quoteEscapes: needsQuotes) else { return "" }
        return needsQuotes ? "\"" + escaped + "\"" : escaped
    }

    private static func escape(_ text: String, quoteEscapes: Bool) -> String? {
        // Escaping at most sextuples a byte; a bounded buffer keeps `LineBuffer`'s rules.
        let capacity = text.utf8.count * 6 + 8
        var storage = [UInt8](repeating: 0, count: capacity)
        return storage.withUnsafeMutableBytes { raw in
            var buffer = LineBuffer(raw)
            if quoteEscapes {
                buffer.append(jsonEscaped: text, limit: capacity)
            } else {
                buffer.append(textEscaped: text, limit: capacity)
            }
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
    }
}
