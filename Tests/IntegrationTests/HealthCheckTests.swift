import Foundation
import Testing

@Suite("GET and HEAD /healthz through curl")
struct HealthCheckTests {
    @Test("GET /healthz is 200 with the JSON body, a matching Content-Length and an IMF-fixdate Date")
    func getHealthz() async throws {
        try await withGazette { gazette in
            let result = try await Curl.run([gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.statusCode == 200, "\(result)")
            let head = try #require(result.head, "\(result)")
            #expect(head.statusLine == "HTTP/1.1 200 OK")
            #expect(head.value("Content-Type") == "application/json")
            #expect(head.value("Content-Length") == "\(result.body.count)")
            #expect(result.bodyText == #"{"status":"ok"}"#)
            #expect(head.value("Connection") == nil, "a keep-alive 1.1 response needs no Connection field")

            let date = try #require(head.value("Date"), "\(result)")
            #expect(isIMFFixdate(date), "Date \(date) is not IMF-fixdate (RFC 9110 §5.6.7)")
            let parsed = try #require(parseIMFFixdate(date), "Date \(date) does not parse")
            #expect(abs(parsed.timeIntervalSinceNow) < 60, "Date \(date) is not the current time")
        }
    }

    @Test("HEAD /healthz has GET's Content-Length and Content-Type, no body, and leaves the connection usable")
    func headHealthz() async throws {
        try await withGazette { gazette in
            // The GET after the HEAD reuses the connection: body bytes after the HEAD's head would
            // be read as the start of the GET's response and break it.
            let result = try await Curl.run(["--head", gazette.url("/healthz"), "--next", gazette.url("/healthz")])
            #expect(result.succeeded, "\(result)")
            #expect(result.transfers.count == 2)
            let head = result.transfers[0]
            let get = result.transfers[1]
            #expect(head.statusCode == 200, "\(result)")
            // With --head curl writes the head itself to the output file; the body count is what matters.
            #expect(head.downloadSize == 0, "\(result)")
            #expect(head.header("Content-Length") == "15", "\(result)")
            #expect(head.header("Content-Length") == get.header("Content-Length"))
            #expect(head.header("Content-Type") == get.header("Content-Type"))
            #expect(head.header("Date") != nil)
            #expect(get.statusCode == 200, "\(result)")
            #expect(get.connects == 0, "the GET should reuse the HEAD's connection: \(result)")
            #expect(get.bodyText == #"{"status":"ok"}"#)
        }
    }
}

/// RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`.
private func isIMFFixdate(_ text: String) -> Bool {
    let day = #/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) /#
    let rest = #/[0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] GMT/#
    guard let match = text.prefixMatch(of: day) else { return false }
    return text[match.range.upperBound...].wholeMatch(of: rest) != nil
}

private func parseIMFFixdate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.date(from: text)
}
