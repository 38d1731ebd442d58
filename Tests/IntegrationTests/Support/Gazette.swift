import Foundation

/// A `gazette` process started by a test, listening on the port it reported.
struct Gazette: Sendable {
    let process: ChildProcess
    /// The port from the server's `listening` log line.
    let port: Int
    /// The host as written in a URL: `127.0.0.1` or `[::1]`.
    let urlHost: String

    /// `http://HOST:PORT`, no trailing slash.
    var baseURL: String { "http://\(urlHost):\(port)" }

    /// `baseURL` followed by `pathAndQuery`, which starts with `/`.
    func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

    /// How long start-up may take before a test gives up: a debug build under parallel tests.
    static let startupTimeout: Duration = .seconds(20)

    /// Starts the built `gazette` executable with `arguments` and extra `environment`, without
    /// waiting for it to listen. The caller must `stop()` it.
    static func launch(arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess(executable: try executable(), arguments: arguments, environment: environment)
    }

    /// Waits for the `listening … addresses=HOST:PORT` log line and returns the port; throws if the
    /// process exits first or the line does not come within `startupTimeout`.
    static func waitUntilListening(_ process: ChildProcess) async throws -> Int {
        let snapshot = try await process.wait(for: "the `listening` log line", timeout: startupTimeout) {
            $0.exit != nil || listeningPort(in: $0.combinedOutput) != nil
        }
        guard let port = listeningPort(in: snapshot.combinedOutput) else {
            throw GazetteError.exitedBeforeListening(
                commandLine: process.commandLine, exit: snapshot.exit, output: snapshot.combinedOutput)
        }
        return port
    }

    /// The port in a line like `… info gazette: addresses=127.0.0.1:41234 loops=2 [GazetteHTTP] listening`
    /// (or `addresses=[::1]:41234, …`), or the JSON form `{… "msg":"listening","addresses":"127.0.0.1:41234" …}`,
    /// if such a line is complete in `output`.
    static func listeningPort(in output: String) -> Int? {
        for line in output.split(whereSeparator: \.isNewline) where line.contains("listening") {
            guard let start = (line.range(of: "addresses=") ?? line.range(of: #""addresses":""#))?.upperBound else { continue }
            let address = line[start...].prefix { !$0.isWhitespace && $0 != "," && $0 != "\"" }
            guard let colon = address.lastIndex(of: ":"),
                  let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port)
            else { continue }
            return port
        }
        return nil
    }

    /// The `gazette` binary built next to this test bundle. `swift build`/`swift test` put every
    /// product of the package in one folder (`.build/debug`, `.build/<triple>/debug`, or the
    /// `--scratch-path` equivalent), and the IntegrationTests target depends on GazetteServer so the
    /// binary is built first. `GAZETTE_EXECUTABLE` overrides the search.
    static func executable() throws -> URL {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["GAZETTE_EXECUTABLE"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        // On macOS the test bundle is a folder (`….xctest/Contents/MacOS/…`) inside the products folder.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Last resort: the default build folder of this package, found from this source file.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        candidates += folders.map { $0.appendingPathComponent("gazette") }

        if let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw GazetteError.executableNotFound(searched: candidates.map(\.path))
    }
}

enum GazetteError: Error, CustomStringConvertible {
    case executableNotFound(searched: [String])
    case exitedBeforeListening(commandLine: String, exit: ChildProcess.Exit?, output: String)

    var description: String {
        switch self {
        case .executableNotFound(let searched):
            return """
                the `gazette` executable was not found; build it first (`swift build`), or set \
                GAZETTE_EXECUTABLE. Looked at: \(searched.joined(separator: ", "))
                """
        case .exitedBeforeListening(let commandLine, let exit, let output):
            return "`\(commandLine)` ended (\(exit.map(String.init(describing:)) ?? "?")) before listening; output:\n\(output)"
        }
    }
}

/// Runs `body` against a freshly started `gazette --host HOST --port 0`, and stops the process
/// (SIGTERM, then SIGKILL after a bound) on every way out of `body`, thrown errors included.
func withGazette<Result>(
    host: String = "127.0.0.1",
    _ body: (Gazette) async throws -> Result
) async throws -> Result {
    let process = try Gazette.launch(arguments: ["--host", host, "--port", "0"])
    return try await stopping(process) {
        let port = try await Gazette.waitUntilListening(process)
        let urlHost = host.contains(":") ? "[\(host)]" : host
        return try await body(Gazette(process: process, port: port, urlHost: urlHost))
    }
}

/// Runs `body`, then stops `process` (SIGTERM, then SIGKILL after a bound) whether `body` returned
/// or threw. Stopping a process that has already exited does nothing.
func stopping<Result>(_ process: ChildProcess, _ body: () async throws -> Result) async throws -> Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        await process.stop()
        throw error
    }
    await process.stop()
    return result
}
