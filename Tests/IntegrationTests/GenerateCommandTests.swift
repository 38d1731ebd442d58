import Foundation
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
}
