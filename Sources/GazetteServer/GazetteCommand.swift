import ArgumentParser
import Foundation
import GazetteAPI
import GazetteHTTP
import Logging

/// `gazette`: serves the Gazette API. Flags win over the environment (`HOST`, `PORT`).
@main
struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Serve the Gazette JSON API over HTTP/1.1.")

    @Option(help: "Address to listen on (env HOST; default 127.0.0.1; '::' for IPv6 and IPv4).")
    var host: String?

    @Option(help: "TCP port, 0 for any free port (env PORT; default 8080).")
    var port: Int?

    mutating func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? environment["PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("port must be a number from 0 to 65535, not \(portText)")
        }
        var configuration = HTTPServer.Configuration(host: host, port: port)
        var logger = Logger(label: "gazette")
        logger.logLevel = .info
        configuration.logger = logger
        configuration.errorResponder = ErrorResponder.http
        let router = Router(routes: HealthRoutes.routes, errorResponder: ErrorResponder.http)
        let server = HTTPServer(configuration: configuration, handler: router)
        server.shutdownOnSignals()
        do {
            try server.start()
        } catch {
            logger.critical("cannot listen on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
        server.waitUntilStopped()
    }
}
