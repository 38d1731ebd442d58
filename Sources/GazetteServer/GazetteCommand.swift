import ArgumentParser
import Foundation
import GazetteAPI
import GazetteHTTP
import Logging

/// `gazette`: serves the Gazette API. Every setting is a flag and an environment variable; flags
/// win. `gazette healthcheck` checks a running server (for container health checks without curl).
@main
struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Serve the Gazette JSON API over HTTP/1.1.",
        subcommands: [HealthcheckCommand.self, GenerateCommand.self])

    @Option(help: "Address to listen on (env HOST; default 127.0.0.1; '::' for IPv6 and IPv4).")
    var host: String?

    @Option(help: "TCP port, 0 for any free port (env PORT; default 8080).")
    var port: Int?

    @Option(help: "Serve this dataset file instead of the embedded one (env GAZETTE_DATA).")
    var data: String?

    @Option(help: "Keep writes durable in this directory: journal + snapshots (env GAZETTE_DATA_DIR; default: memory only).")
    var dataDir: String?

    @Option(help: "Log format: json or text (env LOG_FORMAT; default json).")
    var logFormat: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(help: "Bearer token for writes (env GAZETTE_TOKEN; default: a random token, logged once).")
    var token: String?

    @Flag(help: "Refuse every write with 403 (env GAZETTE_READ_ONLY=1).")
    var readOnly = false

    @Option(help: "Comma-separated origins allowed by CORS (env GAZETTE_CORS_ORIGINS; default *).")
    var corsOrigins: String?

    @Option(help: "Largest request body in bytes (env GAZETTE_MAX_BODY_SIZE; default 1048576).")
    var maxBodySize: Int?

    @Option(help: "Most open connections (env GAZETTE_MAX_CONNECTIONS; default 10000).")
    var maxConnections: Int?

    @Option(help: "Seconds to receive a request head (env GAZETTE_HEADER_TIMEOUT; default 10).")
    var headerTimeout: Double?

    @Option(help: "Seconds a keep-alive connection may idle (env GAZETTE_IDLE_TIMEOUT; default 60).")
    var idleTimeout: Double?

    @Option(help: "Seconds to receive a request body (env GAZETTE_BODY_TIMEOUT; default 30).")
    var bodyTimeout: Double?

    @Option(help: "Seconds a blocked response may wait for the client (env GAZETTE_WRITE_TIMEOUT; default 30).")
    var writeTimeout: Double?

    @Option(help: "Seconds a graceful shutdown may take (env GAZETTE_SHUTDOWN_TIMEOUT; default 10).")
    var shutdownTimeout: Double?

    mutating func run() throws {
        let settings = Settings(environment: ProcessInfo.processInfo.environment)
        var logger = Logger(label: "gazette") { LineLogHandler(label: $0, format: .text) }
        do {
            let formatText = logFormat ?? settings.string("LOG_FORMAT") ?? "json"
            guard let format = LogFormat(setting: formatText) else {
                throw Settings.Invalid(message: "LOG_FORMAT must be json or text, not \"\(formatText)\"")
            }
            let levelText = logLevel ?? settings.string("LOG_LEVEL") ?? "info"
            guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
                throw Settings.Invalid(message: "LOG_LEVEL must be trace, debug, info, notice, warning, error or critical, not \"\(levelText)\"")
            }
            logger = Logger(label: "gazette") { LineLogHandler(label: $0, format: format, level: level) }
            let accessLog = level <= .info ? AccessLog(format: format) : nil
            try serve(settings, logger: logger, observability: Observability(accessLog: accessLog))
        } catch let error as Settings.Invalid {
            // One clear line and exit code 2 for any bad setting (STYLE: no stack traces for users).
            logger.critical("\(error.message)")
            throw ExitCode(2)
        }
    }

    private func serve(_ settings: Settings, logger: Logger, observability: Observability) throws {
        var configuration = HTTPServer.Configuration(
            host: host ?? settings.string("HOST") ?? "127.0.0.1",
            port: try port ?? settings.integer("PORT", in: 0...65535) ?? 8080)
        guard (0...65535).contains(configuration.port) else {
            throw Settings.Invalid(message: "--port must be from 0 to 65535, not \(configuration.port)")
        }
        configuration.maxBodySize = try maxBodySize ?? settings.integer("GAZETTE_MAX_BODY_SIZE", in: 0...Int.max) ?? configuration.maxBodySize
        configuration.maxConnections = try maxConnections ?? settings.integer("GAZETTE_MAX_CONNECTIONS", in: 1...1_000_000) ?? configuration.maxConnections
        configuration.headerReadTimeout = try seconds(headerTimeout, "GAZETTE_HEADER_TIMEOUT", settings) ?? configuration.headerReadTimeout
        configuration.idleTimeout = try seconds(idleTimeout, "GAZETTE_IDLE_TIMEOUT", settings) ?? configuration.idleTimeout
        configuration.bodyReadTimeout = try seconds(bodyTimeout, "GAZETTE_BODY_TIMEOUT", settings) ?? configuration.bodyReadTimeout
        configuration.writeTimeout = try seconds(writeTimeout, "GAZETTE_WRITE_TIMEOUT", settings) ?? configuration.writeTimeout
        configuration.shutdownTimeout = try seconds(shutdownTimeout, "GAZETTE_SHUTDOWN_TIMEOUT", settings) ?? configuration.shutdownTimeout
        configuration.logger = logger
        configuration.errorResponder = ErrorResponder.http
        configuration.serverErrorObserver = observability.serverErrorObserver
        // Listen first, so that /readyz answers 503 while a large dataset loads; announce the
        // `listening` line once the API is ready, as before.
        configuration.announcesListening = false

        let startup = StartupHandler(readiness: observability.readiness)
        let server = HTTPServer(configuration: configuration, handler: startup)
        // /readyz turns 503 before the listener closes, so a load balancer stops sending first.
        // During loading nothing has been acknowledged yet: stop at once.
        server.shutdownOnSignals { [logger] _ in
            let wasLoading = observability.readiness.state == .loading
            observability.readiness.markShuttingDown()
            if wasLoading {
                logger.notice("stopped while loading the data")
                Foundation.exit(0)
            }
        }
        do {
            try server.start()
        } catch {
            throw Settings.Invalid(message: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }

        let store = try loadStore(path: data ?? settings.string("GAZETTE_DATA"),
                                  directory: dataDir ?? settings.string("GAZETTE_DATA_DIR"), logger: logger)
        var token = token ?? settings.string("GAZETTE_TOKEN") ?? ""
        if token.isEmpty {
            token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            logger.notice("no GAZETTE_TOKEN set; write token for this run: \(token)")
        }
        let readOnly = try readOnly || settings.flag("GAZETTE_READ_ONLY")
        let origins = (corsOrigins ?? settings.string("GAZETTE_CORS_ORIGINS") ?? "*")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        startup.install(APIRouter.make(
            store: store, configuration: APIConfiguration(token: token, isReadOnly: readOnly, corsOrigins: origins),
            observability: observability))
        observability.metrics.addServerGauges(
            store: store, openConnections: { server.openConnectionCount },
            journalBytes: { store.journalSize?.bytes ?? 0 })
        observability.readiness.markReady()
        APIRouter.warmUp()
        server.announceListening()
        server.waitUntilStopped()
        do {
            try store.close()
        } catch {
            logger.error("closing the journal failed: \(error)")
            throw ExitCode(1)
        }
    }

    private func seconds(_ flag: Double?, _ name: String, _ settings: Settings) throws -> Duration? {
        guard let value = try flag ?? settings.double(name) else { return nil }
        guard value > 0, value <= 86_400 else {
            throw Settings.Invalid(message: "\(name) must be a number of seconds from 0 to 86400, not \(value)")
        }
        return .milliseconds(Int64(value * 1000))
    }

    private func loadStore(path: String?, directory: String?, logger: Logger) throws -> GazetteStore {
        let bytes: [UInt8]
        let source: String
        // A file is mapped: it is given back part by part as it loads, and a data directory that
        // holds a snapshot never reads it. A pipe cannot be mapped (nor a directory): the reading
        // path below takes or refuses it.
        let mapped = path.flatMap { $0.isEmpty ? nil : DatasetFile.map($0) }
        if let path, mapped != nil {
            bytes = []
            source = path
        } else if let path, !path.isEmpty {
            guard let data = DatasetFile.read(path) else {
                throw Settings.Invalid(message: "cannot read the data file \(path)")
            }
            bytes = data
            source = path
        } else {
            guard let embedded = EmbeddedDataset.bytes() else {
                throw Settings.Invalid(message: "the embedded dataset is missing from the resource bundle")
            }
            bytes = embedded
            source = "embedded dataset.json"
        }
        do {
            guard let directory, !directory.isEmpty else {
                if let mapped { return try GazetteStore(mapped: mapped, source: source) }
                return try GazetteStore(dataset: consume bytes, source: source)
            }
            // Refused writes and failed compactions are answered 503; the cause goes to the log.
            let options = DurabilityOptions(log: { [logger] message in logger.error("\(message)") })
            let url = URL(fileURLWithPath: directory)
            let store = try mapped.map { try GazetteStore.open(directory: url, mappedSeed: $0, source: source, options: options) }
                ?? GazetteStore.open(directory: url, seed: bytes, source: source, options: options)
            for warning in store.recovery?.warnings ?? [] { logger.warning("\(warning)") }
            if let recovery = store.recovery {
                logger.info("data directory \(directory): replayed \(recovery.replayedRecords) journal records")
            }
            return store
        } catch let error as DatasetError {
            throw Settings.Invalid(message: "invalid dataset: \(error)")
        } catch {
            throw Settings.Invalid(message: "data directory \(directory ?? ""): \(error)")
        }
    }
}
