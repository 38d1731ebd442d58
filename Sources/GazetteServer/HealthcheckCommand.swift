import ArgumentParser

/// `gazette healthcheck`: exits 0 when the server answers `GET /healthz` with 200, else 1.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck", abstract: "Exit 0 if a running server answers GET /healthz with 200, else 1.")

    mutating func run() throws {
        throw ExitCode(1)
    }
}
