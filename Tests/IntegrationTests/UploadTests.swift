import Foundation
import Testing

@Suite("Request bodies through curl: Content-Length, chunked, and the 1 MiB limit")
struct UploadTests {
    static let mebibyte = 1024 * 1024

    /// How curl frames an upload.
    enum Framing: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case contentLength = "Content-Length"
        case chunked = "chunked"

        var testDescription: String { rawValue }
        var curlArguments: [String] {
            switch self {
            case .contentLength: []
            case .chunked: ["--header", "Transfer-Encoding: chunked"]
            }
        }
    }

    @Test("a body within the limit on a GET-only route gets a clean 405, and the connection stays usable",
          arguments: Framing.allCases, [100_000, mebibyte])
    func uploadWithinLimit(framing: Framing, size: Int) async throws {
        try await withTemporaryFolder { folder in
            let upload = try folder.makeUploadFile(named: "upload", size: size)
            try await withGazette { gazette in
                let result = try await Curl.run(
                    ["--verbose", "--header", "Expect:"] + framing.curlArguments
                        + ["--data-binary", "@\(upload)", gazette.url("/healthz"), "--next", gazette.url("/healthz")])
                #expect(result.succeeded, "\(result)")
                #expect(!result.standardError.contains("reset by peer"), "\(result)")
                let post = result.transfers[0]
                #expect(post.statusCode == 405, "\(result)")
                #expect(allowedMethods(post.header("Allow")) == ["GET", "HEAD", "OPTIONS"], "\(result)")
                #expect(post.header("Content-Length") == "\(post.body.count)", "\(result)")
                // The server read the whole body, so the next request on the connection parses.
                let get = result.transfers[1]
                #expect(get.statusCode == 200, "\(result)")
                #expect(get.connects == 0, "a fully read body leaves the connection persistent: \(result)")
                #expect(get.bodyText == #"{"status":"ok"}"#, "\(result)")
                if framing == .chunked {
                    #expect(result.standardError.contains("Transfer-Encoding: chunked"), "\(result)")
                }
            }
        }
    }

    /// An upload over the limit: whether curl waits for `100 Continue` first, and how big it is.
    struct Oversized: Sendable, CustomTestStringConvertible {
        var framing: Framing
        var size: Int
        var expectsContinue: Bool

        var testDescription: String {
            "\(framing.rawValue), \(size) bytes, \(expectsContinue ? "with" : "without") Expect: 100-continue"
        }
    }

    @Test("a body over 1 MiB gets 413 with Connection: close, which curl receives instead of a reset",
          arguments: [
              Oversized(framing: .contentLength, size: mebibyte + 1, expectsContinue: true),
              Oversized(framing: .contentLength, size: mebibyte + 1, expectsContinue: false),
              Oversized(framing: .contentLength, size: 8 * mebibyte, expectsContinue: false),
              Oversized(framing: .chunked, size: mebibyte + 1, expectsContinue: true),
              Oversized(framing: .chunked, size: 8 * mebibyte, expectsContinue: false),
          ])
    func uploadOverLimit(_ upload: Oversized) async throws {
        try await withTemporaryFolder { folder in
            let file = try folder.makeUploadFile(named: "upload", size: upload.size)
            try await withGazette { gazette in
                let expect = upload.expectsContinue ? "Expect: 100-continue" : "Expect:"
                let result = try await Curl.run(
                    ["--header", expect] + upload.framing.curlArguments
                        + ["--data-binary", "@\(file)", gazette.url("/healthz")])
                #expect(result.succeeded, "\(result)")
                #expect(result.statusCode == 413, "\(result)")
                #expect(result.header("Connection")?.lowercased() == "close", "\(result)")
                #expect(result.header("Content-Length") == "\(result.body.count)", "\(result)")
            }
        }
    }
}
