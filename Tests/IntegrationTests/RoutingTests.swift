import Foundation
import Testing

@Suite("404, 405 and OPTIONS through curl")
struct RoutingTests {
    @Test("an unknown path is 404 with a Content-Length matching the body")
    func unknownPath() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run([gazette.url("/no/such/thing")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 404, "\(result)")
            #expect(result.header("Content-Length") == "\(result.body.count)", "\(result)")
            #expect(!result.body.isEmpty)
            #expect(result.header("Date") != nil)
        }
    }

    @Test("POST /healthz is 405 with Allow naming GET, HEAD and OPTIONS")
    func wrongMethod() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(["--data-binary", "hello", gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 405, "\(result)")
            #expect(allowedMethods(result.header("Allow")) == ["GET", "HEAD", "OPTIONS"], "\(result)")
            #expect(result.header("Content-Length") == "\(result.body.count)", "\(result)")
        }
    }

    @Test("OPTIONS /healthz is 204 with Allow and no body")
    func optionsOnPath() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(["--request", "OPTIONS", gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 204, "\(result)")
            #expect(allowedMethods(result.header("Allow")) == ["GET", "HEAD", "OPTIONS"], "\(result)")
            #expect(result.body.isEmpty)
            // RFC 9110 §8.6: a server MUST NOT send Content-Length in a 204.
            #expect(result.header("Content-Length") == nil, "\(result)")
        }
    }

    @Test("OPTIONS * is 204 with Allow")
    func optionsAsterisk() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run(
                ["--verbose", "--request", "OPTIONS", "--request-target", "*", gazette.url("/")])
            #expect(result.succeeded, "\(result)")
            #expect(result.standardError.contains("OPTIONS * HTTP/1.1"), "\(result)")
            #expect(result.statusCode == 204, "\(result)")
            let allowed = allowedMethods(result.header("Allow"))
            #expect(allowed.isSuperset(of: ["GET", "HEAD", "OPTIONS"]), "\(result)")
            #expect(result.body.isEmpty)
        }
    }

    @Test("a percent-encoded unreserved character in the path names the same resource (RFC 3986 §6.2.2.2)")
    func percentEncodedUnreservedCharacter() async throws {
        try await withGazette { gazette in
            // `%68` is `h`: /%68ealthz and /healthz are the same URI after normalisation.
            let result = try await Curl.run([gazette.url("/%68ealthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.bodyText == #"{"status":"ok"}"#, "\(result)")
        }
    }
}

/// The methods of an `Allow` value, as a set.
func allowedMethods(_ allow: String?) -> Set<String> {
    Set((allow ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
}
