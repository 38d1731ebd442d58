import Foundation
import Testing

@Suite("The gazette process: addresses, start-up errors and graceful shutdown")
struct LifecycleTests {
    @Test("SIGTERM and SIGINT stop the server with exit status 0 within a few seconds",
          arguments: ["SIGTERM", "SIGINT"])
    func signalStopsGracefully(signal: String) async throws {
        let process = try Gazette.launch(arguments: ["--host", "127.0.0.1", "--port", "0"])
        try await stopping(process) {
            let port = try await Gazette.waitUntilListening(process)
            let served = try await Curl.run(["http://127.0.0.1:\(port)/healthz"])
            #expect(served.statusCode == 200, "\(served)")

            let sent = signal == "SIGTERM" ? process.terminate() : process.interrupt()
            let (exit, snapshot) = try await process.waitForExit(timeout: .seconds(10))
            #expect(exit.isSuccess, "\(signal): \(exit)\n\(snapshot.combinedOutput)")
            // Measured from the termination handler's clock, not from when this task resumed.
            #expect(exit.instant - sent < .seconds(3), "\(signal) took \(exit.instant - sent)")
        }
    }

    @Test("SIGTERM during an upload lets that request finish with Connection: close, then exits 0")
    func signalWithRequestInFlight() async throws {
        let process = try Gazette.launch(arguments: ["--host", "127.0.0.1", "--port", "0"])
        try await stopping(process) {
            let port = try await Gazette.waitUntilListening(process)
            // curl streams a chunked body from its standard input, which this test writes. Every
            // step waits for evidence, so the order holds however slowly the machine runs:
            // 1. the server has parsed the head (it answered 100 Continue) and has part of the body;
            // 2. it has taken the signal (it logged `shutting down`);
            // 3. only then does the rest of the body arrive, and the response is written.
            let upload = try Curl.start(
                [
                    "--verbose", "--request", "POST", "--upload-file", "-",
                    "--header", "Expect: 100-continue", "http://127.0.0.1:\(port)/healthz",
                ],
                providesInput: true)
            do {
                _ = try await upload.process.wait(for: "100 Continue", timeout: .seconds(10)) {
                    $0.standardError.contains("< HTTP/1.1 100") || $0.exit != nil
                }
                try upload.process.writeInput(Data(repeating: UInt8(ascii: "a"), count: 1000))
                process.terminate()
                _ = try await process.wait(for: "`shutting down`", timeout: .seconds(10)) {
                    $0.combinedOutput.contains("shutting down") || $0.exit != nil
                }
                try upload.process.writeInput(Data(repeating: UInt8(ascii: "b"), count: 1000))
                upload.process.closeInput()
                let result = try await upload.result()
                #expect(result.succeeded, "\(result)")
                #expect(result.first.heads.first?.statusCode == 100, "\(result)")
                #expect(result.statusCode == 405, "\(result)")
                #expect(result.header("Connection")?.lowercased() == "close", "\(result)")
            } catch {
                await upload.discard()
                throw error
            }
            let (exit, snapshot) = try await process.waitForExit(timeout: .seconds(10))
            #expect(exit.isSuccess, "\(exit)\n\(snapshot.combinedOutput)")
        }
    }

    @Test("--port 70000 exits non-zero with a message naming the port")
    func portOutOfRange() async throws {
        let process = try Gazette.launch(arguments: ["--host", "127.0.0.1", "--port", "70000"])
        try await stopping(process) {
            let (exit, snapshot) = try await process.waitForExit(timeout: .seconds(10))
            #expect(!exit.isSuccess && !exit.wasSignalled, "\(exit)")
            #expect(snapshot.standardError.contains("70000"), "stderr: \(snapshot.standardError)")
            #expect(snapshot.standardError.lowercased().contains("port"), "stderr: \(snapshot.standardError)")
            #expect(!snapshot.combinedOutput.contains("listening"))
        }
    }

    @Test("a second server on a port in use exits non-zero, and the first keeps serving")
    func portInUse() async throws {
        try await withGazette { first in
            let second = try Gazette.launch(arguments: ["--host", "127.0.0.1", "--port", "\(first.port)"])
            try await stopping(second) {
                let (exit, snapshot) = try await second.waitForExit(timeout: .seconds(10))
                #expect(!exit.isSuccess && !exit.wasSignalled, "\(exit)\n\(snapshot.combinedOutput)")
                #expect(!snapshot.combinedOutput.contains("listening"), "\(snapshot.combinedOutput)")
                #expect(snapshot.combinedOutput.contains("\(first.port)"), "the message should name the port")
            }
            let result = try await Curl.run([first.url("/healthz")])
            #expect(result.statusCode == 200, "\(result)")
        }
    }

    @Test("HOST and PORT in the environment choose the address when no flags are given")
    func environmentVariables() async throws {
        let process = try Gazette.launch(arguments: [], environment: ["HOST": "127.0.0.1", "PORT": "0"])
        try await stopping(process) {
            let port = try await Gazette.waitUntilListening(process)
            #expect(port != 8080)
            let result = try await Curl.run(["http://127.0.0.1:\(port)/healthz"])
            #expect(result.statusCode == 200, "\(result)")
        }
    }

    @Test("--host ::1 serves over IPv6",
          .enabled(if: IPv6Loopback.isAvailable, "IPv6 loopback [::1] is unavailable here"))
    func ipv6Loopback() async throws {
        try await withGazette(host: "::1") { gazette in
            #expect(gazette.process.snapshot.combinedOutput.contains(#""addresses":"[::1]:\#(gazette.port)""#))
            let result = try await Curl.run(["--globoff", gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.bodyText == #"{"status":"ok"}"#)
        }
    }

    @Test("--host :: serves both IPv6 and IPv4 on one port",
          .enabled(if: IPv6Loopback.isAvailable, "IPv6 loopback [::1] is unavailable here"))
    func dualStack() async throws {
        try await withGazette(host: "::") { gazette in
            let ipv6 = try await Curl.run(["--globoff", "http://[::1]:\(gazette.port)/healthz"])
            #expect(ipv6.statusCode == 200, "\(ipv6)")
            let ipv4 = try await Curl.run(["http://127.0.0.1:\(gazette.port)/healthz"])
            #expect(ipv4.statusCode == 200, "\(ipv4)")
        }
    }
}
