import Foundation

/// One header field as curl received it.
struct HeaderField: Sendable, Equatable {
    var name: String
    var value: String
}

/// One response head from curl's `-D` dump: a `100 Continue` and the final response are two heads.
struct ResponseHead: Sendable {
    var statusLine: String
    var statusCode: Int
    var fields: [HeaderField]

    /// Every value of the field `name`, compared case-insensitively, in order.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The field `name` if it occurs once; nil if absent, and a visible marker if repeated.
    func value(_ name: String) -> String? {
        let all = values(name)
        return all.count > 1 ? "<repeated: \(all.joined(separator: " | "))>" : all.first
    }
}

/// One transfer (one URL) of a curl run.
struct CurlTransfer: Sendable {
    /// `%{http_code}`: the final status, 0 when no response arrived.
    var statusCode: Int
    /// `%{num_connects}`: new connections this transfer opened; 0 means it reused one.
    var connects: Int
    /// `%{size_download}`: body bytes received.
    var downloadSize: Int
    /// Every response head curl saw, interim (1xx) ones included, in order.
    var heads: [ResponseHead]
    /// The body as written by `-o`.
    var body: Data

    /// The final (non-1xx) response head.
    var head: ResponseHead? { heads.last { $0.statusCode >= 200 } }
    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// A field of the final response head (see `ResponseHead.value`).
    func header(_ name: String) -> String? { head?.value(name) }
}

/// What one `curl` run reported.
struct CurlResult: Sendable, CustomStringConvertible {
    var commandLine: String
    var exit: ChildProcess.Exit
    /// curl's standard error: `-sS` errors, and the `-v` trace when asked for.
    var standardError: String
    /// One per URL, in order.
    var transfers: [CurlTransfer]

    var succeeded: Bool { exit.isSuccess }

    /// The first transfer; a run with no transfer at all yields an empty placeholder.
    var first: CurlTransfer {
        transfers.first ?? CurlTransfer(statusCode: 0, connects: 0, downloadSize: 0, heads: [], body: Data())
    }
    var statusCode: Int { first.statusCode }
    var head: ResponseHead? { first.head }
    var body: Data { first.body }
    var bodyText: String { first.bodyText }
    func header(_ name: String) -> String? { first.header(name) }

    var description: String {
        let heads = transfers.enumerated().map { index, transfer in
            "transfer \(index): " + transfer.heads.map { head in
                ([head.statusLine] + head.fields.map { "\($0.name): \($0.value)" }).joined(separator: "; ")
            }.joined(separator: " / ") + " body \(transfer.body.count) bytes"
        }
        return """
            `\(commandLine)` → \(exit)
            \(heads.joined(separator: "\n"))
            stderr:
            \(standardError.count > 4000 ? String(standardError.prefix(4000)) + "…" : standardError)
            """
    }
}

enum Curl {
    /// How long any one transfer may take (`--max-time`), so that no test can hang on curl.
    static let maxTime = 10

    /// Runs curl with `arguments` and waits for it. Separate URLs with `--next`: each segment gets
    /// its own `-D`, `-o`, `-w` and `--max-time`, so one segment per URL yields one transfer each
    /// (curl keeps reusing connections across `--next`).
    static func run(_ arguments: [String]) async throws -> CurlResult {
        try await start(arguments).result()
    }

    /// Starts curl without waiting, for tests that act while a transfer is in progress.
    /// With `providesInput`, curl's standard input is a pipe the test writes (for `--upload-file -`).
    static func start(_ arguments: [String], providesInput: Bool = false) throws -> CurlRun {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gazette-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var segments: [[String]] = [[]]
        for argument in arguments {
            if argument == "--next" { segments.append([]) } else { segments[segments.count - 1].append(argument) }
        }
        var fullArguments: [String] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 { fullArguments.append("--next") }
            fullArguments += [
                "--silent", "--show-error", "--max-time", "\(maxTime)",
                "--dump-header", folder.appendingPathComponent("head-\(index)").path,
                "--output", folder.appendingPathComponent("body-\(index)").path,
                "--write-out", "\(marker)%{http_code} %{num_connects} %{size_download}\\n",
            ] + segment
        }
        let process = try ChildProcess(
            executable: try executable(), arguments: fullArguments, providesInput: providesInput)
        return CurlRun(process: process, folder: folder, transferCount: segments.count)
    }

    // Not starting with `@`, which would make curl read the format from a file.
    fileprivate static let marker = "curl-transfer: "

    private static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("curl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CurlError.notInstalled(searched: folders)
    }
}

/// A curl process in progress.
struct CurlRun: Sendable {
    let process: ChildProcess
    let folder: URL
    let transferCount: Int

    /// Stops curl if it still runs and removes its files: for a path that never reaches `result()`.
    func discard() async {
        await process.stop(grace: .seconds(1))
        try? FileManager.default.removeItem(at: folder)
    }

    /// Waits for curl to exit (bounded by `--max-time` plus a margin) and reads what it wrote.
    func result() async throws -> CurlResult {
        defer { try? FileManager.default.removeItem(at: folder) }
        let exit: ChildProcess.Exit
        let snapshot: ChildProcess.Snapshot
        do {
            (exit, snapshot) = try await process.waitForExit(timeout: .seconds(Curl.maxTime * transferCount + 10))
        } catch {
            await process.stop(grace: .seconds(1))
            throw error
        }
        let reports = snapshot.standardOutput.split(whereSeparator: \.isNewline)
            .filter { $0.hasPrefix(Curl.marker) }
            .map { $0.dropFirst(Curl.marker.count).split(separator: " ").map { Int($0) ?? -1 } }
        let transfers = (0..<transferCount).map { index in
            let report = index < reports.count ? reports[index] : []
            let headData = (try? Data(contentsOf: folder.appendingPathComponent("head-\(index)"))) ?? Data()
            return CurlTransfer(
                statusCode: report.count > 0 ? report[0] : 0,
                connects: report.count > 1 ? report[1] : -1,
                downloadSize: report.count > 2 ? report[2] : -1,
                heads: Self.parseHeads(String(decoding: headData, as: UTF8.self)),
                body: (try? Data(contentsOf: folder.appendingPathComponent("body-\(index)"))) ?? Data())
        }
        return CurlResult(
            commandLine: process.commandLine, exit: exit, standardError: snapshot.standardError,
            transfers: transfers)
    }

    /// Splits a `-D` dump into response heads: each starts with an `HTTP/` status line and ends at
    /// an empty line.
    static func parseHeads(_ dump: String) -> [ResponseHead] {
        var heads: [ResponseHead] = []
        for line in dump.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") {
                let parts = line.split(separator: " ", maxSplits: 2)
                let code = parts.count > 1 ? Int(parts[1]) ?? -1 : -1
                heads.append(ResponseHead(statusLine: line, statusCode: code, fields: []))
            } else if let colon = line.firstIndex(of: ":"), !heads.isEmpty {
                let name = String(line[..<colon])
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                heads[heads.count - 1].fields.append(HeaderField(name: name, value: value))
            }
        }
        return heads
    }
}

enum CurlError: Error, CustomStringConvertible {
    case notInstalled(searched: [String])

    var description: String {
        switch self {
        case .notInstalled(let searched):
            return "curl is not installed (apt-get install -y curl); looked in \(searched.joined(separator: ", "))"
        }
    }
}

/// A folder under the system temporary directory, removed when `body` returns or throws.
func withTemporaryFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("gazette-integration-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

extension URL {
    /// Writes `count` bytes of a fixed, non-repeating-looking pattern to a new file named `name`
    /// in this folder and returns its path, for `--data-binary @path`.
    func makeUploadFile(named name: String, size count: Int) throws -> String {
        // One 64 KiB block repeated: building megabytes byte by byte in a debug build would hold a
        // cooperative thread for seconds.
        let block = Data((0..<65_536).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })
        var data = Data(capacity: count)
        while data.count < count { data.append(block.prefix(count - data.count)) }
        let file = appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }
}
