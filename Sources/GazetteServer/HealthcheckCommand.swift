import ArgumentParser
import Foundation
import GazetteHTTP

/// `gazette healthcheck`: exits 0 when the server answers `GET /healthz` with 200, else 1. For a
/// container's `HEALTHCHECK`, so the image needs no curl: it reads the same `HOST` and `PORT` as
/// the server it checks.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if a running server answers GET /healthz with 200, else 1.",
        discussion: """
            Checks the server that `gazette` with the same --host and --port (or HOST and PORT) \
            would start: `gazette healthcheck --port 9000`. A wildcard host means this machine: \
            0.0.0.0 is checked at 127.0.0.1 and :: at ::1. Defaults: 127.0.0.1, port 8080.
            """)

    // ArgumentParser gives `--host` and `--port` after `healthcheck` to the parent command, which
    // declares them too; a second declaration here would never see a value.
    @ParentCommand var server: GazetteCommand

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 3

    mutating func run() throws {
        let settings = Settings(environment: ProcessInfo.processInfo.environment)
        let host: String
        let port: Int
        do {
            host = Self.connectableHost(server.host ?? settings.string("HOST") ?? "127.0.0.1")
            port = try server.port ?? settings.integer("PORT", in: 0...65535) ?? 8080
            // Port 0 lets the server pick one; only its log says which, so it cannot be checked here.
            guard (1...65535).contains(port) else {
                throw Settings.Invalid(message: "the port to check must be from 1 to 65535, not \(port)")
            }
            guard timeout > 0, timeout <= 3600 else {
                throw Settings.Invalid(message: "--timeout must be a number of seconds from 0 to 3600, not \(timeout)")
            }
        } catch let error as Settings.Invalid {
            // Docker reads exit code 1 as unhealthy and reserves 2, so a bad setting is 1 too.
            throw Self.failure(error.message)
        }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/healthz"
        switch HTTPProbe.getStatus(host: host, port: port, path: "/healthz", timeout: .milliseconds(Int64(timeout * 1000))) {
        case .success(200):
            return
        case .success(let status):
            throw Self.failure("GET \(url) answered \(status)")
        case .failure(let failure):
            throw Self.failure("GET \(url): \(failure)")
        }
    }

    /// The address to connect to for a listening address: a wildcard means this host, reached
    /// through the loopback of the same family.
    static func connectableHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0": "127.0.0.1"
        case "::", "[::]": "::1"
        default: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        }
    }

    /// Writes `gazette healthcheck: MESSAGE` to standard error; returns the exit code to throw.
    private static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("gazette healthcheck: \(message)\n".utf8))
        return ExitCode(1)
    }
}
