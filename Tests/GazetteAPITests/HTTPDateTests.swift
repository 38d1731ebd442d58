import Foundation
@testable import GazetteAPI
import Testing

@Suite("HTTPDate")
struct HTTPDateTests {
    @Test("formats IMF-fixdate", arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_742_515_200, "Fri, 21 Mar 2025 00:00:00 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func formats(seconds: Int, text: String) {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: TimeInterval(seconds))) == text)
    }

    @Test("agrees with a DateFormatter over a spread of dates, fractions of a second dropped")
    func agreesWithFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var seconds = 86_399.75
        while seconds < 5_000_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(HTTPDate.format(date) == formatter.string(from: whole), "\(seconds)")
            seconds = seconds * 1.37 + 12_345.5
        }
    }
}

@Suite("HTTPDate: beyond four-digit years")
struct HTTPDateFarTests {
    @Test("a five-digit year is written whole")
    func fiveDigitYear() {
        // 10000-01-01 was a Saturday (proleptic Gregorian).
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 253_402_300_800)) == "Sat, 01 Jan 10000 00:00:00 GMT")
    }
}
