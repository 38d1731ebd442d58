import Foundation
@testable import GazetteAPI
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test("writes what ISO8601FormatStyle writes, over a spread of dates")
    func matchesFoundation() {
        var seconds: Double = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            for fraction in [0.0, 0.25, 0.999] {
                let date = Date(timeIntervalSince1970: seconds + fraction)
                #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "\(seconds + fraction)")
            }
            seconds += 7_777_777.5
        }
        for edge in [0.0, -1, -0.5, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 1_795_776_000] {
            let date = Date(timeIntervalSince1970: edge)
            #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "\(edge)")
        }
    }

    @Test("reads back what it writes")
    func roundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_959_319)
        #expect(Timestamp.format(date) == "2026-11-29T13:35:19Z")
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
    }
}

@Suite("Timestamp.parseCanonical")
struct TimestampParseCanonicalTests {
    private static func canonical(_ text: String) -> Date? {
        Array(text.utf8).withUnsafeBufferPointer(Timestamp.parseCanonical)
    }

    private static func foundation(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }

    /// Gregorian leap years, written out here rather than taken from the code under test.
    private static func monthLength(_ month: Int, _ year: Int) -> Int {
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static func text(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    @Test("reads the moment Foundation reads, for seeded random timestamps of 1900–2999")
    func randomMatchFoundation() {
        var random = SeededRandom(seed: 20_260_321)
        var found: [String] = []
        for _ in 0..<4_000 {
            let year = random.within(1900...2999)
            let month = random.within(1...12)
            let day = random.within(1...Self.monthLength(month, year))
            let text = Self.text(year, month, day, random.within(0...23), random.within(0...59), random.within(0...59))
            let expected = Self.foundation(text)
            if expected == nil || Self.canonical(text) != expected {
                found.append("\(text): \(String(describing: Self.canonical(text))), Foundation \(String(describing: expected))")
            }
            if found.count == 10 { break }
        }
        #expect(found == [])
    }

    @Test("reads the edges of days, months, leap years and the range as Foundation does", arguments: [
        "1900-01-01T00:00:00Z", "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2000-02-29T12:00:00Z", "2000-03-01T00:00:00Z",
        "2024-02-29T23:59:59Z", "2025-03-21T08:00:00Z", "2038-01-19T03:14:08Z", "2100-02-28T23:59:59Z",
        "2100-03-01T00:00:00Z", "2400-02-29T00:00:00Z", "9999-12-31T23:59:59Z",
    ])
    func edges(text: String) throws {
        let expected = try #require(Self.foundation(text))
        #expect(Self.canonical(text) == expected)
        #expect(Timestamp.parse(text) == expected)
        // And back: the store writes what it reads.
        #expect(Timestamp.format(expected) == text)
    }

    @Test("every day of 1900–2200 at midnight is the day count since 1970 times 86,400 seconds")
    func everyDay() {
        var seconds = Double(-2_208_988_800)  // 1900-01-01T00:00:00Z
        var wrong: [String] = []
        for year in 1900...2200 {
            for month in 1...12 {
                for day in 1...Self.monthLength(month, year) {
                    let text = Self.text(year, month, day, 0, 0, 0)
                    if Self.canonical(text) != Date(timeIntervalSince1970: seconds) { wrong.append(text) }
                    seconds += 86_400
                }
            }
            if wrong.count >= 10 { break }
        }
        #expect(wrong == [])
    }

    @Test("declines what is not a real date and time in exactly the store's form", arguments: [
        "1899-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2019-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2019-13-01T00:00:00Z", "2019-00-01T00:00:00Z",
        "2019-01-00T00:00:00Z", "2025-03-21T24:00:00Z", "2025-03-21T23:60:00Z", "2025-03-21T23:59:60Z",
        "2025-03-21t08:00:00Z", "2025-03-21T08:00:00z", "2025-03-21 08:00:00Z", "2025-03-21T08:00:00+00:00",
        "2025-03-21T08:00:00+07:00", "2025-03-21T08:00:00.000Z", "2025-03-21T08:00:00.5Z", "2025-03-21T08:00Z",
        "2025-03-21T08:00:00", "2025-03-21T08:00:000Z", "12025-03-21T08:00:00Z", "2025-3-21T08:00:00Z",
        "2025-03-21T8:00:00Z", "2025/03/21T08:00:00Z", "2025-03-21T08-00-00Z", "2025-03-21T0a:00:00Z",
        "2025-03-21T08:0:00Z ", "+025-03-21T08:00:00Z", "", "Z",
    ])
    func declines(text: String) {
        #expect(Self.canonical(text) == nil)
        // `parse` then answers as Foundation does, whatever that is.
        #expect(Timestamp.parse(text) == Self.foundation(text))
    }

    @Test("parse still takes RFC 3339 offsets through Foundation")
    func offsets() throws {
        let expected = try #require(Self.foundation("2025-03-21T08:00:00+07:00"))
        #expect(Timestamp.parse("2025-03-21T08:00:00+07:00") == expected)
        #expect(Timestamp.parse("2025-03-21T01:00:00Z") == expected)
        #expect(Timestamp.parse("2025-03-21T01:00:00+00:00") == expected)
    }
}
