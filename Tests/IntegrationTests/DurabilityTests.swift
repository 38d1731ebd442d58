import Foundation
import Testing

/// `gazette --data-dir DIR` through curl: acknowledged writes survive SIGKILL, a torn journal tail
/// is dropped with a warning, a corrupt journal or an unusable directory stops start-up with exit 2.
@Suite("Durable writes: --data-dir across SIGKILL, torn tails and corruption")
struct DurabilityTests {
    static let clients = 4
    static let writesPerClient = 25
    static let journal = "journal-0000000001.log"

    /// Starts `gazette --data-dir DIR` as `withAPI` starts it, without waiting.
    static func launch(_ directory: URL, arguments: [String] = []) throws -> ChildProcess {
        try launchAPI(arguments: ["--data-dir", directory.path] + arguments, environment: ["GAZETTE_DATA_DIR": ""])
    }

    /// Runs `body` against `gazette --data-dir DIR`, stopping it on every way out.
    static func withServer<Result>(_ directory: URL, _ body: (APIServer, ChildProcess) async throws -> Result) async throws -> Result {
        let process = try launch(directory)
        return try await stopping(process) {
            let port = try await Gazette.waitUntilListening(process)
            let gazette = Gazette(process: process, port: port, urlHost: "127.0.0.1")
            return try await body(APIServer(gazette: gazette, token: APIServer.defaultToken), process)
        }
    }

    static func officialJSON(_ id: String) -> String {
        #"{"id":"\#(id)","name":"Người \#(id)","level":"provincial","positions":[{"title":"Cán bộ","organization":"Sở Nội vụ"}]}"#
    }

    /// One curl run that POSTs `ids` one after another on one connection.
    static func post(_ api: APIServer, ids: [String]) async throws -> CurlResult {
        var arguments: [String] = []
        for (index, id) in ids.enumerated() {
            if index > 0 { arguments.append("--next") }
            arguments += ["-X", "POST", "-H", "Authorization: Bearer \(APIServer.defaultToken)",
                          "-H", "Content-Type: application/json", "--data-binary", officialJSON(id), api.url("/officials")]
        }
        return try await Curl.run(arguments)
    }

    /// One curl run that GETs `/officials/ID` for every id; returns each id's status and ETag.
    static func read(_ api: APIServer, ids: [String]) async throws -> [String: (status: Int, etag: String?)] {
        var arguments: [String] = []
        for (index, id) in ids.enumerated() {
            if index > 0 { arguments.append("--next") }
            arguments.append(api.url("/officials/\(id)"))
        }
        let result = try await Curl.run(arguments)
        var found: [String: (status: Int, etag: String?)] = [:]
        for (id, transfer) in zip(ids, result.transfers) { found[id] = (transfer.statusCode, transfer.header("ETag")) }
        return found
    }

    /// Runs a server on `directory` that acknowledges three writes (`mot`, `hai`, `ba`), stops it,
    /// and returns its journal's URL.
    static func writeThree(_ directory: URL) async throws -> URL {
        try await withServer(directory) { api, _ in
            let result = try await post(api, ids: ["mot", "hai", "ba"])
            #expect(result.transfers.map(\.statusCode) == [201, 201, 201])
        }
        return directory.appendingPathComponent(journal)
    }

    /// Waits for a process that must not start, and returns its one output line.
    static func startupFailure(_ process: ChildProcess) async throws -> (ChildProcess.Exit, String) {
        let (exit, snapshot) = try await stopping(process) { try await process.waitForExit(timeout: Gazette.startupTimeout) }
        let lines = snapshot.combinedOutput.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.count == 1, "one line: \(snapshot.combinedOutput)")
        return (exit, String(lines.first ?? ""))
    }

    @Test("N acknowledged writes from concurrent clients are all there after SIGKILL right after the last 2xx, ETags unchanged")
    func acknowledgedWritesSurviveSIGKILL() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            let ids = (0..<Self.clients).map { client in (0..<Self.writesPerClient).map { "client-\(client)-\($0)" } }
            var acknowledged: [String: String] = [:]
            let process = try Self.launch(directory)
            try await stopping(process) {
                let port = try await Gazette.waitUntilListening(process)
                let api = APIServer(gazette: Gazette(process: process, port: port, urlHost: "127.0.0.1"), token: APIServer.defaultToken)
                let results = try await withThrowingTaskGroup(of: ([String], CurlResult).self) { group in
                    for clientIDs in ids {
                        group.addTask { (clientIDs, try await Self.post(api, ids: clientIDs)) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // Right after the last 2xx: no graceful shutdown, no chance to flush anything.
                ChildSignal.kill(process.processIdentifier)
                let (exit, _) = try await process.waitForExit(timeout: .seconds(10))
                #expect(exit.wasSignalled && exit.status == 9, "\(exit)")
                for (clientIDs, result) in results {
                    for (id, transfer) in zip(clientIDs, result.transfers) {
                        #expect(transfer.statusCode == 201, "\(id): \(transfer.statusCode) \(transfer.bodyText)")
                        if transfer.statusCode == 201, let etag = transfer.header("ETag") { acknowledged[id] = etag }
                    }
                }
            }
            #expect(acknowledged.count == Self.clients * Self.writesPerClient)

            try await Self.withServer(directory) { api, _ in
                let found = try await Self.read(api, ids: ids.flatMap { $0 })
                for (id, etag) in acknowledged {
                    #expect(found[id]?.status == 200, "\(id) is missing after the restart")
                    #expect(found[id]?.etag == etag, "\(id) changed its ETag across the restart")
                }
                let seed = try await api.get("/officials/\(Seed.officialIDs[0])")
                #expect(seed.statusCode == 200)
            }
        }
    }

    @Test("a torn last journal record is dropped with a warning; every earlier write is served")
    func tornTail() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            let journalURL = try await Self.writeThree(directory)
            let journal = try Data(contentsOf: journalURL)
            // A crash in the middle of writing the third record: its last 30 bytes never landed.
            try journal.prefix(journal.count - 30).write(to: journalURL)

            try await Self.withServer(directory) { api, process in
                let found = try await Self.read(api, ids: ["mot", "hai", "ba"])
                #expect(found["mot"]?.status == 200)
                #expect(found["hai"]?.status == 200)
                #expect(found["ba"]?.status == 404)
                let output = process.snapshot.combinedOutput
                #expect(output.contains("torn last record"), "a warning names the torn record: \(output)")
                #expect(output.contains(Self.journal))
                // The journal goes on after the cut: a new write is kept.
                #expect(try await Self.post(api, ids: ["bon"]).statusCode == 201)
            }
            try await Self.withServer(directory) { api, _ in
                let found = try await Self.read(api, ids: ["mot", "bon"])
                #expect(found["mot"]?.status == 200 && found["bon"]?.status == 200)
            }
        }
    }

    @Test("a corrupt record in the middle of the journal stops start-up with exit 2, naming file and offset, touching nothing")
    func corruptJournal() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            let journalURL = try await Self.writeThree(directory)
            var journal = try Data(contentsOf: journalURL)
            journal[40] ^= 0x08  // inside the first record's payload
            try journal.write(to: journalURL)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            let before = try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) }

            let (exit, line) = try await Self.startupFailure(try Self.launch(directory))
            #expect(exit.status == 2 && !exit.wasSignalled, "\(exit)")
            #expect(line.contains(Self.journal) && line.contains("byte 0"), "names the file and offset: \(line)")
            #expect(!line.contains("listening"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == names)
            #expect(try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) } == before, "no byte changed")
        }
    }

    @Test("a data directory that cannot be created stops start-up with exit 2 and one line naming it")
    func unusableDirectory() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: file)
            let directory = file.appendingPathComponent("data")
            let (exit, line) = try await Self.startupFailure(try Self.launch(directory))
            #expect(exit.status == 2 && !exit.wasSignalled, "\(exit)")
            #expect(line.contains(directory.path), "names the directory: \(line)")
        }
    }

    @Test("a second server on the same data directory stops with exit 2; the first goes on")
    func directoryInUse() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            try await Self.withServer(directory) { api, _ in
                let (exit, line) = try await Self.startupFailure(try Self.launch(directory))
                #expect(exit.status == 2 && !exit.wasSignalled, "\(exit)")
                #expect(line.contains("in use"), "\(line)")
                #expect(try await Self.post(api, ids: ["van-chay"]).statusCode == 201)
            }
        }
    }

    @Test("a snapshot that cannot be written is a 503 problem, its cause goes to the log, and writes go on")
    func failedCompactionIsLogged() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            try await Self.withServer(directory) { api, process in
                // A directory where the temporary snapshot must go: creating the file fails (EISDIR)
                // whatever the user's rights, root included.
                let blocker = directory.appendingPathComponent("snapshot-0000000002.json.tmp")
                try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
                try Data("x".utf8).write(to: blocker.appendingPathComponent("keep"))
                let snapshot = try await api.send("POST", "/admin/snapshot", contentType: nil)
                let problem = expectProblem(snapshot, status: 503)
                #expect(problem?["type"]?.string == "urn:gazette:problem:storage")
                #expect(try await Self.post(api, ids: ["sau-loi"]).statusCode == 201, "the journal stays as it is")
                let logged = try await process.wait(for: "the compaction failure in the log", timeout: .seconds(5)) {
                    $0.combinedOutput.contains("compaction failed")
                }
                let line = logged.combinedOutput.split(whereSeparator: \.isNewline).first { $0.contains("compaction failed") }
                #expect(line?.contains("error") == true, "logged as an error: \(line ?? "")")
            }
        }
    }

    @Test("POST /admin/snapshot compacts; writes after it survive SIGKILL too; export then import round-trips")
    func snapshotThenKill() async throws {
        try await withTemporaryFolder { folder in
            let directory = folder.appendingPathComponent("data")
            let process = try Self.launch(directory)
            var exported = Data()
            try await stopping(process) {
                let port = try await Gazette.waitUntilListening(process)
                let api = APIServer(gazette: Gazette(process: process, port: port, urlHost: "127.0.0.1"), token: APIServer.defaultToken)
                #expect(try await Self.post(api, ids: ["truoc-anh"]).statusCode == 201)
                let snapshot = try await api.send("POST", "/admin/snapshot", contentType: nil)
                #expect(snapshot.statusCode == 200, "\(snapshot.bodyText)")
                #expect(try snapshot.json()["snapshot"]?.string == "snapshot-0000000002.json")
                #expect(try await Self.post(api, ids: ["sau-anh"]).statusCode == 201)
                let export = try await api.get("/admin/export", ["-H", "Authorization: Bearer \(APIServer.defaultToken)"])
                #expect(export.statusCode == 200)
                exported = export.body
                ChildSignal.kill(process.processIdentifier)
                _ = try await process.waitForExit(timeout: .seconds(10))
            }
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
                    == ["LOCK", "snapshot-0000000002.json", "journal-0000000002.log"])
            try await Self.withServer(directory) { api, _ in
                let found = try await Self.read(api, ids: ["truoc-anh", "sau-anh"])
                #expect(found["truoc-anh"]?.status == 200 && found["sau-anh"]?.status == 200)
                let dryRun = try await api.send("POST", "/admin/import?mode=replace&dryRun=true",
                                                json: String(decoding: exported, as: UTF8.self))
                #expect(dryRun.statusCode == 200, "\(dryRun.bodyText)")
                for resource in ["articles", "officials", "projects"] {
                    for list in ["created", "updated", "deleted"] {
                        #expect(try dryRun.json()[resource]?[list]?.array == [], "\(resource) \(list): \(dryRun.bodyText)")
                    }
                }
            }
        }
    }
}
