import Foundation
import Glibc
import Testing

/// `gazette generate`: the real executable writes a corpus that the real server then serves.
@Suite("gazette generate")
struct GenerateCommandTests {
    /// Runs `gazette generate ARGUMENTS` to its end and returns how it ended and what it printed.
    static func generate(_ arguments: [String]) async throws -> (exit: ChildProcess.Exit, output: ChildProcess.Snapshot) {
        let process = try Gazette.launch(arguments: ["generate"] + arguments)
        let (exit, snapshot) = try await stopping(process) { try await process.waitForExit(timeout: Gazette.startupTimeout) }
        return (exit, snapshot)
    }

    @Test("standard output and --output get the same bytes, and the server serves them")
    func generateAndServe() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("corpus.json")
            let arguments = ["--articles", "250", "--officials", "12", "--projects", "9", "--seed", "77"]
            let (printedExit, printed) = try await Self.generate(arguments)
            #expect(printedExit.isSuccess, "\(printedExit): \(printed.standardError)")
            let (writtenExit, written) = try await Self.generate(arguments + ["--output", file.path])
            #expect(writtenExit.isSuccess, "\(writtenExit): \(written.standardError)")
            #expect(written.combinedOutput.isEmpty, "nothing printed with --output: \(written.combinedOutput)")
            let bytes = try Data(contentsOf: file)
            #expect(bytes.count > 250 * 1000)
            #expect(String(decoding: bytes, as: UTF8.self) == printed.standardOutput)

            let firstID = try #require(try JSON.parse(bytes)["articles"]?[0]?["id"]?.string)
            try await withAPI(environment: ["GAZETTE_DATA": file.path]) { api in
                let articles = try await api.get("/articles?_per_page=1")
                #expect(articles.statusCode == 200)
                #expect(articles.header("X-Total-Count") == "250", "\(articles)")
                #expect(try await api.get("/officials").header("X-Total-Count") == "12")
                #expect(try await api.get("/projects").header("X-Total-Count") == "9")
                let article = try await api.get("/articles/\(firstID)")
                #expect(article.statusCode == 200, "\(article)")
                #expect(try article.json()["id"]?.string == firstID)
                let search = try await api.get("/articles?q=bien+gioi&_per_page=1")
                #expect(Int(search.header("X-Total-Count") ?? "") ?? 0 > 0, "\(search)")
            }
        }
    }

    @Test("a bad count or an unwritable --output exits 2 with one line on standard error", arguments: [
        ["--articles=-1"],
        ["--articles", "10000001"],
        ["--articles", "5", "--officials=-5"],
        ["--articles", "5", "--projects", "1000001"],
        ["--articles", "5", "--output", "/nonexistent-gazette-folder/corpus.json"],
    ])
    func refused(_ arguments: [String]) async throws {
        let (exit, output) = try await Self.generate(arguments)
        #expect(exit.status == 2 && !exit.wasSignalled, "\(arguments): \(exit): \(output.combinedOutput)")
        #expect(output.standardOutput.isEmpty, "no dataset on standard output: \(output.standardOutput.prefix(200))")
        let lines = output.standardError.split(whereSeparator: \.isNewline)
        #expect(lines.count == 1, "one line: \(output.standardError)")
        #expect(lines.first?.hasPrefix("gazette generate: ") == true, "\(output.standardError)")
    }

    /// A TCP port nothing listens on now (bound to 0, then closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound, "cannot find a free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("while the dataset loads: /healthz 200, /readyz and the API 503 with Retry-After; then ready")
    func readyOnlyAfterLoading() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("corpus.json")
            let (exit, output) = try await Self.generate(["--articles", "2000", "--output", file.path])
            #expect(exit.isSuccess, "\(output.standardError)")
            // Through a named pipe that nothing writes yet: the server listens, and cannot finish
            // loading until the test has looked, however fast loading is.
            let fifo = folder.appendingPathComponent("corpus.fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let port = try Self.freePort()
            let process = try launchAPI(arguments: ["--port", String(port), "--data", fifo])
            try await stopping(process) {
                let base = "http://127.0.0.1:\(port)"
                var healthStatus = 0
                for _ in 0..<500 where healthStatus != 200 {
                    healthStatus = try await Curl.run([base + "/healthz"]).statusCode
                    if healthStatus != 200 { try await Task.sleep(for: .milliseconds(10)) }
                }
                #expect(healthStatus == 200)
                expectProblem(try await Curl.run([base + "/readyz"]), status: 503)
                let articles = try await Curl.run([base + "/articles"])
                expectProblem(articles, status: 503)
                #expect(articles.header("Retry-After") == "5")
                #expect(Gazette.listeningPort(in: process.snapshot.combinedOutput) == nil)

                let writer = Process()
                writer.executableURL = URL(fileURLWithPath: "/bin/sh")
                writer.arguments = ["-c", "cat \"$0\" > \"$1\"", file.path, fifo]
                try writer.run()
                defer { writer.terminate() }
                _ = try await Gazette.waitUntilListening(process)
                #expect(try await Curl.run([base + "/readyz"]).statusCode == 200)
                #expect(try await Curl.run([base + "/articles?_per_page=1"]).header("X-Total-Count") == "2000")
            }
        }
    }

    /// Every page of `pathAndQuery` (which takes `&_page=N`): the items' ids and fields, and the
    /// X-Total-Count of the first page.
    static func allPages(_ api: APIServer, _ pathAndQuery: String) async throws -> (items: [JSON], total: Int) {
        var items: [JSON] = []
        var total = -1
        for page in 1...200 {
            let response = try await api.get(pathAndQuery + "&_page=\(page)")
            #expect(response.statusCode == 200, "\(pathAndQuery) page \(page): \(response)")
            if total < 0 { total = Int(response.header("X-Total-Count") ?? "") ?? -2 }
            let pageItems = try response.json().array ?? []
            if pageItems.isEmpty { break }
            items += pageItems
        }
        return (items, total)
    }

    @Test("on an indexed corpus, a broad q and a filter with _sort agree over HTTP with independent paths, before and after writes")
    func indexedPathsAgree() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("corpus.json")
            let (exit, output) = try await Self.generate(["--articles", "3000", "--seed", "5", "--output", file.path])
            #expect(exit.isSuccess, "\(output.standardError)")
            try await withAPI(environment: ["GAZETTE_DATA": file.path]) { api in
                let first = try await api.get("/articles?_per_page=1").json()[0]
                let province = try #require(first?["province"]?.string)
                let encodedProvince = try #require(province.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                func check(_ moment: String) async throws {
                    // q alone, ranked by relevance then id (bitmap levels) = /search of articles (postings and a sort).
                    let ranked = try await Self.allPages(api, "/articles?q=bien+gioi&_per_page=100")
                    let searched = try await Self.allPages(api, "/search?q=bien+gioi&type=article&_per_page=100")
                    #expect(ranked.total > 100 && ranked.total < 3000, "\(moment): q matches some: \(ranked.total)")
                    #expect(ranked.items.count == ranked.total, "\(moment)")
                    #expect(ranked.total == searched.total, "\(moment)")
                    #expect(ranked.items.compactMap { $0["id"]?.string } == searched.items.compactMap { $0["id"]?.string }, "\(moment)")
                    // A filter with _sort in small pages (a walk of the sorted order) = the filter in
                    // creation order, sorted here by the same rule: publishedOn descending, then id.
                    let walked = try await Self.allPages(api, "/articles?province=\(encodedProvince)&_sort=-publishedOn&_per_page=10")
                    let plain = try await Self.allPages(api, "/articles?province=\(encodedProvince)&_per_page=100")
                    #expect(walked.total > 25 && walked.total == plain.total, "\(moment): \(walked.total) vs \(plain.total)")
                    let expected = plain.items.sorted { a, b in
                        let (x, y) = (a["publishedOn"]?.string ?? "", b["publishedOn"]?.string ?? "")
                        return x != y ? x > y : (a["id"]?.string ?? "") < (b["id"]?.string ?? "")
                    }
                    #expect(walked.items.compactMap { $0["id"]?.string } == expected.compactMap { $0["id"]?.string }, "\(moment)")
                }
                try await check("fresh")
                // Changed items are merged into both orders: a title that now matches, a date that moves.
                let id = try #require(first?["id"]?.string)
                let patched = try await api.send("PATCH", "/articles/\(id)",
                                                 json: #"{"title":"Biên giới mới","publishedOn":"2031-01-01"}"#,
                                                 contentType: "application/merge-patch+json")
                #expect(patched.statusCode == 200, "\(patched)")
                let created = try await api.send("POST", "/articles", json: """
                    {"title":"Cửa khẩu biên giới","summary":"Biên giới","body":["Giới thiệu"],"publishedOn":"2016-05-05","province":"\(province)"}
                    """)
                #expect(created.statusCode == 201, "\(created)")
                try await check("after writes")
            }
        }
    }
}
