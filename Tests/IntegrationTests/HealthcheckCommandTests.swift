import Foundation
import Testing

/// `gazette healthcheck`, the container's `HEALTHCHECK`: the real executable against a running
/// server and against a port where nothing listens.
@Suite("gazette healthcheck")
struct HealthcheckCommandTests {
    /// Runs `gazette healthcheck ARGUMENTS` with `HOST` and `PORT` cleared, then `environment` on
    /// top, and returns how it ended and what it printed.
    static func healthcheck(
        _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> (exit: ChildProcess.Exit, output: ChildProcess.Snapshot) {
        let process = try Gazette.launch(
            arguments: ["healthcheck"] + arguments, environment: ["HOST": "", "PORT": ""].merging(environment) { $1 })
        let snapshot = try await stopping(process) {
            try await process.wait(for: "gazette healthcheck to exit", timeout: Gazette.startupTimeout) { $0.exit != nil }
        }
        return (try #require(snapshot.exit), snapshot)
    }

    @Test("exits 0, silently, when the server answers /healthz with 200")
    func healthy() async throws {
        try await withGazette { gazette in
            let (exit, output) = try await Self.healthcheck(["--port", "\(gazette.port)"])
            #expect(exit.isSuccess, "\(exit): \(output.combinedOutput)")
            #expect(output.combinedOutput.isEmpty)
        }
    }

    @Test("reads HOST and PORT as the container sets them; HOST=0.0.0.0 means 127.0.0.1")
    func containerEnvironment() async throws {
        try await withGazette { gazette in
            let (exit, output) = try await Self.healthcheck([], environment: ["HOST": "0.0.0.0", "PORT": "\(gazette.port)"])
            #expect(exit.isSuccess, "\(exit): \(output.combinedOutput)")
        }
    }

    @Test("exits 1 with one line on standard error when nothing listens on the port")
    func nothingListening() async throws {
        // The port of a server that has stopped: free, and nothing listens on it any more.
        let port = try await withGazette { $0.port }
        let start = ContinuousClock.now
        let (exit, output) = try await Self.healthcheck(["--port", "\(port)", "--timeout", "10"])
        #expect(exit == ChildProcess.Exit(status: 1, wasSignalled: false, instant: exit.instant), "\(exit)")
        #expect(ContinuousClock.now - start < .seconds(8), "a refused connection fails at once, not after --timeout")
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(output.standardError)")
        #expect(lines.first?.hasPrefix("gazette healthcheck: GET http://127.0.0.1:\(port)/healthz: ") == true, "\(output.standardError)")
        #expect(output.standardError.contains("refused"), "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test("a port it cannot check (PORT=0) exits 1 with one line, not Docker's reserved 2")
    func unusablePort() async throws {
        let (exit, output) = try await Self.healthcheck([], environment: ["PORT": "0"])
        #expect(exit.status == 1 && !exit.wasSignalled, "\(exit)")
        #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
        #expect(output.standardError.contains("port"), "\(output.standardError)")
    }
}
