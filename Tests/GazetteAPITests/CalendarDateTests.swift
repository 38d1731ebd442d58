import Foundation
@testable import GazetteAPI
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    private static func text(_ date: CivilDate) -> String {
        text(date.year, date.month, date.day)
    }

    private static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `CalendarDate(utf8:)`, the byte-level reader the transcoder uses.
    private static func fromBytes(_ text: String) -> CalendarDate? {
        Array(text.utf8).withUnsafeBufferPointer { CalendarDate(utf8: $0) }
    }

    @Test("counts days from 1970-01-01", arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("1900-01-01", -25_567),
        ("2000-03-01", 11_017), ("2025-03-21", 20_168), ("2200-12-31", 84_370),
    ])
    func daysSinceEpoch(text: String, days: Int) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.daysSinceEpoch == days)
    }

    @Test("daysSinceEpoch and CivilDate(daysSinceEpoch:) invert each other on every day of 1900–2200")
    func roundTrip() throws {
        let first = try #require(CalendarDate("1900-01-01")).daysSinceEpoch
        let last = try #require(CalendarDate("2200-12-31")).daysSinceEpoch
        var wrong: [String] = []
        var previous: CalendarDate?
        for days in first...last {
            let civil = CivilDate(daysSinceEpoch: days)
            let text = Self.text(civil)
            guard let date = CalendarDate(text) else {
                wrong.append("\(days): CivilDate gives \(text), not a date")
                continue
            }
            if date.daysSinceEpoch != days { wrong.append("\(text): \(date.daysSinceEpoch) days, expected \(days)") }
            if Self.fromBytes(text) != date { wrong.append("\(text): utf8 reader differs") }
            // Consecutive day counts are consecutive dates: the walk skips and repeats no day.
            if let previous, !(previous < date) { wrong.append("\(text) does not follow \(Self.text(CivilDate(daysSinceEpoch: days - 1)))") }
            if let previous, previous.year == date.year, previous.month == date.month, previous.day + 1 != date.day {
                wrong.append("\(text) skips a day")
            }
            previous = date
            if wrong.count >= 10 { break }
        }
        #expect(wrong == [])
        // 301 years, 73 of them leap years (1900 and 2100 are not; 2000 is).
        #expect(last - first + 1 == 301 * 365 + 73)
    }

    @Test("the first of every month of 1900–2200 is where Foundation's Gregorian calendar puts it")
    func matchesFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var wrong: [String] = []
        for year in 1900...2200 {
            for month in 1...12 {
                let components = DateComponents(year: year, month: month, day: 1)
                let foundation = try #require(calendar.date(from: components))
                let start = try #require(CalendarDate(Self.text(year, month, 1)))
                if Double(start.daysSinceEpoch) * 86_400 != foundation.timeIntervalSince1970 {
                    wrong.append("\(year)-\(month): \(start.daysSinceEpoch) days")
                }
                let length = try #require(calendar.range(of: .day, in: .month, for: foundation)).count
                if CalendarDate.daysIn(month: month, year: year) != length {
                    wrong.append("\(year)-\(month): \(CalendarDate.daysIn(month: month, year: year)) days, Foundation \(length)")
                }
            }
            if wrong.count >= 10 { break }
        }
        #expect(wrong == [])
    }

    @Test("reads real dates only, in exactly YYYY-MM-DD", arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("1900-02-29", false),
        ("2100-02-29", false), ("2400-02-29", true), ("2025-04-30", true), ("2025-04-31", false),
        ("2025-12-31", true), ("2025-13-01", false), ("2025-00-10", false), ("2025-01-00", false),
        ("2025-01-32", false), ("0000-01-01", true), ("9999-12-31", true), ("2025-1-01", false),
        ("2025-01-1", false), ("2025/01/01", false), (" 2025-01-01", false), ("2025-01-01 ", false),
        ("+025-01-01", false), ("2025-0a-01", false), ("２０２５-01-01", false), ("", false),
    ])
    func validity(text: String, isValid: Bool) {
        #expect((CalendarDate(text) != nil) == isValid)
        #expect((Self.fromBytes(text) != nil) == isValid)
    }

    @Test("keeps the year, month and day it reads, and orders by them")
    func fields() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(date.year == 2024)
        #expect(date.month == 2)
        #expect(date.day == 29)
        let later = try #require(CalendarDate("2024-03-01"))
        #expect(date < later)
        #expect(!(later < date))
        #expect(date.daysSinceEpoch + 1 == later.daysSinceEpoch)
    }
}
