import Foundation
import Testing

@Suite("Bad requests curl can send get a precise status")
struct BadRequestTests {
    @Test("invalid percent-encoding or invalid UTF-8 in the path or query is 400",
          arguments: ["/healthz%zz", "/healthz%4", "/healthz?x=%zz", "/healthz%C3%28", "/healthz?x=%C3%28"])
    func invalidPercentEncoding(target: String) async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(["--verbose", gazette.url(target)])
            #expect(result.succeeded, "\(result)")
            #expect(result.standardError.contains("GET \(target) HTTP/1.1"), "curl changed the target: \(result)")
            #expect(result.statusCode == 400, "\(result)")
            #expect(result.header("Content-Length") == "\(result.body.count)", "\(result)")
        }
    }

    @Test("an unknown transfer coding is 501 and the connection closes")
    func unknownTransferCoding() async throws {
        try await withGazette { gazette in
            // `Content-Length:` with no value makes curl drop its own Content-Length, so that the
            // server sees only the unknown coding and not the smuggling case below.
            let result = try await Curl.run([
                "--verbose", "--header", "Transfer-Encoding: gzip", "--header", "Content-Length:",
                "--data-binary", "hello", gazette.url("/healthz"),
            ])
            #expect(result.succeeded, "\(result)")
            #expect(!result.standardError.contains("> Content-Length"), "\(result)")
            #expect(result.statusCode == 501, "\(result)")
            #expect(result.header("Connection")?.lowercased() == "close", "\(result)")

            // The control: the same POST without the coding is 405, so the 501 is the coding's.
            let control = try await Curl.run(["--data-binary", "hello", gazette.url("/healthz")])
            #expect(control.statusCode == 405, "\(control)")
        }
    }

    @Test("Content-Length together with Transfer-Encoding: chunked is 400 and the connection closes")
    func contentLengthWithTransferEncoding() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run([
                "--header", "Content-Length: 5", "--header", "Transfer-Encoding: chunked",
                "--data-binary", "hello", gazette.url("/healthz"),
            ])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 400, "\(result)")
            #expect(result.header("Connection")?.lowercased() == "close", "\(result)")
        }
    }

    /// `/healthz?q=aaa…` padded to `length` bytes of request target.
    static func target(length: Int) -> String {
        let prefix = "/healthz?q="
        return prefix + String(repeating: "a", count: length - prefix.count)
    }

    @Test("a request target of 8 KiB is served, one byte more is 414",
          arguments: [(8192, 200), (8193, 414), (9000, 414)])
    func requestTargetLimit(length: Int, status: Int) async throws {
        try await withGazette { gazette in
            let result = try await Curl.run([gazette.url(Self.target(length: length))])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == status, "target of \(length) bytes: \(result)")
        }
    }

    @Test("100 header fields are served, 101 are 431", arguments: [(100, 200), (101, 431)])
    func headerCountLimit(fields: Int, status: Int) async throws {
        try await withGazette { gazette in
            // curl adds Host, User-Agent and Accept.
            let extra = (1...(fields - 3)).flatMap { ["--header", "X-Field-\($0): \($0)"] }
            let result = try await Curl.run(["--verbose"] + extra + [gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            // `\r\n` is one Character, so split on isNewline rather than on "\n".
            let sent = result.standardError.split(whereSeparator: \.isNewline)
                .filter { $0.hasPrefix("> ") && $0.contains(":") }
            #expect(sent.count == fields, "curl sent \(sent.count) fields")
            #expect(result.statusCode == status, "\(fields) fields: \(result)")
        }
    }

    @Test("a header section over 32 KiB is 431")
    func headerSectionTooLarge() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(
                ["--header", "X-Big: " + String(repeating: "b", count: 33 * 1024), gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 431, "\(result)")
        }
    }

    @Test("an HTTP/1.1 request without Host is 400; an HTTP/1.0 one is served")
    func missingHost() async throws {
        try await withGazette { gazette in
            let http11 = try await Curl.run(["--header", "Host:", gazette.url("/healthz")])
            #expect(http11.succeeded, "\(http11)")
            #expect(http11.statusCode == 400, "\(http11)")
            let http10 = try await Curl.run(["--http1.0", "--header", "Host:", gazette.url("/healthz")])
            #expect(http10.succeeded, "\(http10)")
            #expect(http10.statusCode == 200, "\(http10)")
        }
    }

    @Test("whitespace between a field name and its colon is 400 (RFC 9112 §5.1)")
    func whitespaceBeforeColon() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(["--verbose", "--header", "X-Odd : value", gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.standardError.contains("> X-Odd : value"), "curl rewrote the field: \(result)")
            #expect(result.statusCode == 400, "\(result)")
            #expect(result.header("Connection")?.lowercased() == "close", "\(result)")
        }
    }
}
