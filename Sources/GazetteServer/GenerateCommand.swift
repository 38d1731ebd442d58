import ArgumentParser
import Foundation
import GazetteAPI

/// `gazette generate`: writes a synthetic dataset in the `--data` shape, the same bytes for the same
/// arguments, for load tests and demos: `gazette generate --articles 100000 --output corpus.json`,
/// then `gazette --data corpus.json`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic dataset (articles, officials, projects) in the --data shape.",
        discussion: """
            Vietnamese articles built from the seed report's vocabulary, dated 2015-01-01 to \
            2025-12-31 across border and mountain provinces, each naming 0 to 3 of the generated \
            officials and projects. The same counts and seed give the same bytes. About 1.5 KB an \
            article: 1,000,000 articles make a file of about 1.5 GB. Defaults: 1000 articles, \
            max(4, articles/100) officials, max(6, articles/200) projects, seed 1, standard output.
            """)

    @Option(help: "Number of articles, 0 to 10000000.")
    var articles: Int = 1000

    @Option(help: "Number of officials, 0 to 1000000 (default: max(4, articles/100)).")
    var officials: Int?

    @Option(help: "Number of projects, 0 to 1000000 (default: max(6, articles/200)).")
    var projects: Int?

    @Option(help: "Seed of the pseudo-random sequence, 0 to 18446744073709551615.")
    var seed: UInt64 = 1

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    mutating func run() throws {
        let generator: CorpusGenerator
        do {
            generator = try CorpusGenerator(articles: articles, officials: officials, projects: projects, seed: seed)
        } catch {
            throw Self.failure(error.message, code: 2)
        }
        let handle: FileHandle
        if let output {
            // Created (or emptied) up front, so an unwritable path fails before any work is done.
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  let file = FileHandle(forWritingAtPath: output)
            else { throw Self.failure("cannot write the output file \(output)", code: 2) }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        do {
            try generator.write { chunk in
                guard let base = chunk.baseAddress, chunk.count > 0 else { return }
                // No copy: the generator's buffer outlives the write.
                try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: chunk.count,
                                                  deallocator: .none))
            }
            if output != nil { try handle.close() }
        } catch {
            throw Self.failure("writing \(output ?? "standard output") failed: \(error)", code: 1)
        }
    }

    /// Writes `gazette generate: MESSAGE` to standard error (standard output may be the dataset);
    /// returns the exit code to throw.
    private static func failure(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("gazette generate: \(message)\n".utf8))
        return ExitCode(code)
    }
}
