import Foundation
import Testing

/// CORS for browser dashboards, and the dataset settings (`--data`, `GAZETTE_DATA`), through curl.
@Suite("API CORS and configuration through curl")
struct APIConfigurationTests {
    static let exposed = ["X-Total-Count", "Link", "ETag", "Location"]
    static let allowedHeaders = ["Authorization", "Content-Type", "If-Match", "If-None-Match"]

    /// The comma-separated names of a field, trimmed and lowercased.
    static func names(_ field: String?) -> Set<String> {
        Set((field ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    @Test("a preflight OPTIONS → 204 with the allowed methods and headers by name")
    func preflight() async throws {
        try await withAPI { api in
            let result = try await api.get("/officials/dang-ngoc-hau", [
                "-X", "OPTIONS", "-H", "Origin: https://dashboard.example",
                "-H", "Access-Control-Request-Method: PATCH",
                "-H", "Access-Control-Request-Headers: authorization, content-type, if-match",
            ])
            #expect(result.statusCode == 204, "\(result)")
            #expect(result.body.isEmpty)
            #expect(result.header("Access-Control-Allow-Origin") == "*", "\(result)")
            let methods = Self.names(result.header("Access-Control-Allow-Methods"))
            #expect(methods.isSuperset(of: ["get", "put", "patch", "delete"]), "\(result)")
            let headers = Self.names(result.header("Access-Control-Allow-Headers"))
            #expect(headers.isSuperset(of: Set(Self.allowedHeaders.map { $0.lowercased() })), "listed by name, not *: \(result)")
            #expect(!headers.contains("*"))

            let list = try await api.get("/projects", [
                "-X", "OPTIONS", "-H", "Origin: https://dashboard.example", "-H", "Access-Control-Request-Method: POST",
            ])
            #expect(list.statusCode == 204, "\(list)")
            #expect(Self.names(list.header("Access-Control-Allow-Methods")).isSuperset(of: ["get", "post"]), "\(list)")
        }
    }

    @Test("responses to a cross-origin request expose X-Total-Count, Link, ETag and Location")
    func exposedHeaders() async throws {
        try await withAPI { api in
            let list = try await api.get("/projects?_per_page=2", ["-H", "Origin: https://dashboard.example"])
            #expect(list.statusCode == 200)
            #expect(list.header("Access-Control-Allow-Origin") == "*", "\(list)")
            #expect(Self.names(list.header("Access-Control-Expose-Headers")).isSuperset(of: Set(Self.exposed.map { $0.lowercased() })),
                    "\(list)")

            let created = try await api.send("POST", "/officials", json: APIWriteTests.official, headers: ["Origin: https://dashboard.example"])
            #expect(created.statusCode == 201, "\(created)")
            #expect(created.header("Access-Control-Allow-Origin") == "*", "\(created)")
            #expect(Self.names(created.header("Access-Control-Expose-Headers")).contains("location"), "\(created)")

            let problem = try await api.get("/projects?colour=red", ["-H", "Origin: https://dashboard.example"])
            #expect(problem.header("Access-Control-Allow-Origin") == "*", "errors reach the dashboard too: \(problem)")
        }
    }

    @Test("GAZETTE_CORS_ORIGINS and --cors-origins allow only the listed origins",
          arguments: [([String](), ["GAZETTE_CORS_ORIGINS": "https://a.example, https://b.example"]),
                      (["--cors-origins", "https://a.example,https://b.example"], [String: String]())])
    func restrictedOrigins(_ arguments: [String], _ environment: [String: String]) async throws {
        try await withAPI(arguments: arguments, environment: environment) { api in
            for origin in ["https://a.example", "https://b.example"] {
                let allowed = try await api.get("/officials", ["-H", "Origin: \(origin)"])
                #expect(allowed.header("Access-Control-Allow-Origin") == origin, "\(allowed)")
                #expect(Self.names(allowed.header("Vary")).contains("origin"), "\(allowed)")
                #expect(allowed.header("Access-Control-Expose-Headers") != nil, "\(allowed)")
            }
            let refused = try await api.get("/officials", ["-H", "Origin: https://evil.example"])
            #expect(refused.statusCode == 200, "the request itself is served")
            #expect(refused.header("Access-Control-Allow-Origin") == nil, "\(refused)")
            #expect(refused.header("Access-Control-Expose-Headers") == nil, "\(refused)")

            let preflight = try await api.get("/officials", [
                "-X", "OPTIONS", "-H", "Origin: https://evil.example", "-H", "Access-Control-Request-Method: POST",
            ])
            #expect(preflight.header("Access-Control-Allow-Origin") == nil, "\(preflight)")
            #expect(preflight.header("Access-Control-Allow-Methods") == nil, "\(preflight)")

            let good = try await api.get("/officials", [
                "-X", "OPTIONS", "-H", "Origin: https://a.example", "-H", "Access-Control-Request-Method: POST",
            ])
            #expect(good.statusCode == 204, "\(good)")
            #expect(good.header("Access-Control-Allow-Origin") == "https://a.example", "\(good)")
        }
    }

    @Test("--data FILE and GAZETTE_DATA serve another dataset of the same shape")
    func dataFile() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("dien-bien.json")
            try Data(SmallDataset.json.utf8).write(to: file)
            for (arguments, environment) in [(["--data", file.path], [String: String]()), ([], ["GAZETTE_DATA": file.path])] {
                try await withAPI(arguments: arguments, environment: environment) { api in
                    let stats = try await api.get("/stats").json()
                    #expect(stats["counts"] == .object(["articles": .number(1), "officials": .number(1), "projects": .number(1)]),
                            "\(arguments) \(environment): \(stats)")
                    #expect(stats["totalPlannedAreaHa"]?.number == 42.5)
                    let official = try await api.get("/officials/lo-van-hoa").json()
                    #expect(official["name"]?.string == "Lò Văn Hòa")
                    #expect(official["articleIds"]?.strings == ["dien-bien-mo-rong-cua-khau"])
                    #expect(try await api.get("/officials?q=lo+van+hoa").json().ids == ["lo-van-hoa"])
                    expectProblem(try await api.get("/officials/dang-ngoc-hau"), status: 404)
                    #expect(try await api.get("/projects?status=in-progress").json().ids == ["cua-khau-tay-trang"])
                }
            }
        }
    }

    @Test("--data reads a pipe too (a file is mapped; a pipe cannot be, so it is read)")
    func dataPipe() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("dien-bien.json")
            try Data(SmallDataset.json.utf8).write(to: file)
            let fifo = folder.appendingPathComponent("data.fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", "cat \"$0\" > \"$1\"", file.path, fifo]
            try writer.run()
            defer { writer.terminate() }
            try await withAPI(arguments: ["--data", fifo]) { api in
                let official = try await api.get("/officials/lo-van-hoa").json()
                #expect(official["articleIds"]?.strings == ["dien-bien-mo-rong-cua-khau"])
            }
        }
    }

    @Test("a bad data file stops start-up with exit code 2 and one line naming the file and the JSON pointer",
          arguments: [
            ("level.json", #"{"officials":[{"id":"a","name":"A","level":"provincial","positions":[]},{"id":"b","name":"B","level":"mayor","positions":[]}]}"#,
             "/officials/1/level"),
            ("reference.json", #"{"officials":[],"articles":[{"title":"T","summary":"S","body":["S"],"publishedOn":"2025-03-21","officialIds":["nobody"]}]}"#,
             "/articles/0/officialIds/0"),
            ("member.json", #"{"articles":[],"people":[]}"#, "/people"),
          ])
    func badDataFile(_ name: String, _ content: String, _ pointer: String) async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent(name)
            try Data(content.utf8).write(to: file)
            let process = try launchAPI(arguments: ["--data", file.path])
            let (exit, snapshot) = try await stopping(process) { try await process.waitForExit(timeout: Gazette.startupTimeout) }
            #expect(exit.status == 2 && !exit.wasSignalled, "\(exit): \(snapshot.combinedOutput)")
            let lines = snapshot.combinedOutput.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(lines.count == 1, "one line: \(snapshot.combinedOutput)")
            let line = String(lines.first ?? "")
            #expect(line.contains(file.path), "the line names the file: \(line)")
            #expect(line.contains(pointer), "the line names \(pointer): \(line)")
            #expect(!line.contains("listening"))
        }
    }

    @Test("a missing or malformed data file, or a directory, stops start-up with exit code 2 and one line naming it")
    func unreadableDataFile() async throws {
        try await withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("missing.json").path
            let malformed = folder.appendingPathComponent("malformed.json")
            try Data("{\"officials\": [\n  {\"id\": }\n]}".utf8).write(to: malformed)
            for path in [missing, malformed.path, folder.path] {
                let process = try launchAPI(arguments: [], environment: ["GAZETTE_DATA": path])
                let (exit, snapshot) = try await stopping(process) { try await process.waitForExit(timeout: Gazette.startupTimeout) }
                #expect(exit.status == 2 && !exit.wasSignalled, "\(path): \(exit): \(snapshot.combinedOutput)")
                let lines = snapshot.combinedOutput.split(whereSeparator: \.isNewline)
                #expect(lines.count == 1, "one line: \(snapshot.combinedOutput)")
                #expect(lines.first?.contains(path) == true, "the line names the file: \(snapshot.combinedOutput)")
            }
        }
    }
}
