import ArgumentParser
import Foundation
import GazetteAPI
import GazetteHTTP
import Logging

/// `gazette`: serves the Gazette API. Flags win over the environment.
@main
struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Serve the Gazette JSON API over HTTP/1.1.")

    @Option(help: "Address to listen on (env HOST; default 127.0.0.1; '::' for IPv6 and IPv4).")
    var host: String?

    @Option(help: "TCP port, 0 for any free port (env PORT; default 8080).")
    var port: Int?

    @Option(help: "Serve this dataset file instead of the embedded one (env GAZETTE_DATA).")
    var data: String?

    @Option(help: "Bearer token for writes (env GAZETTE_TOKEN; default: a random token, printed once).")
    var token: String?

    @Flag(help: "Refuse every write with 403 (env GAZETTE_READ_ONLY=1).")
    var readOnly = false

    @Option(help: "Comma-separated origins allowed by CORS (env GAZETTE_CORS_ORIGINS; default *).")
    var corsOrigins: String?

    mutating func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "gazette")
        logger.logLevel = .info
        func fail(_ message: String) -> ExitCode {
            logger.critical("\(message)")
            return ExitCode(2)
        }

        let host = host ?? environment["HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? environment["PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw fail("port must be a number from 0 to 65535, not \(portText)")
        }
        let store = try loadStore(path: data ?? environment["GAZETTE_DATA"], fail: fail)
        var token = token ?? environment["GAZETTE_TOKEN"] ?? ""
        if token.isEmpty {
            token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            logger.notice("no GAZETTE_TOKEN set; write token for this run: \(token)")
        }
        let readOnly = readOnly || ["1", "true", "yes"].contains(environment["GAZETTE_READ_ONLY"]?.lowercased() ?? "")
        let origins = (corsOrigins ?? environment["GAZETTE_CORS_ORIGINS"] ?? "*")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        var configuration = HTTPServer.Configuration(host: host, port: port)
        configuration.logger = logger
        configuration.errorResponder = ErrorResponder.http
        let handler = APIRouter.make(
            store: store, configuration: APIConfiguration(token: token, isReadOnly: readOnly, corsOrigins: origins))
        let server = HTTPServer(configuration: configuration, handler: handler)
        server.shutdownOnSignals()
        do {
            try server.start()
        } catch {
            throw fail("cannot listen on \(host):\(port): \(error)")
        }
        server.waitUntilStopped()
    }

    private func loadStore(path: String?, fail: (String) -> ExitCode) throws -> GazetteStore {
        let bytes: [UInt8]
        let source: String
        if let path, !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw fail("cannot read the data file \(path)")
            }
            bytes = Array(data)
            source = path
        } else {
            guard let embedded = EmbeddedDataset.bytes() else { throw fail("the embedded dataset is missing from the resource bundle") }
            bytes = embedded
            source = "embedded dataset.json"
        }
        do {
            return try GazetteStore(dataset: bytes, source: source)
        } catch {
            throw fail("invalid dataset: \(error)")
        }
    }
}
