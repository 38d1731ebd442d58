import Foundation

/// A moment in UTC, in whole seconds rounded down, as its calendar date and time of day: what
/// the fixed-width formats (HTTP dates, RFC 3339 timestamps) write, without Foundation's
/// formatters (5k instructions a date; these run for every item loaded).
struct CivilTime {
    let daysSinceEpoch: Int
    let date: CivilDate
    let hour: Int
    let minute: Int
    let second: Int

    /// `nil` for a date too far from 1970 to count in seconds (beyond about ±6,000 centuries).
    init?(_ moment: Date) {
        let seconds = moment.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 200_000_000_000_000 else { return nil }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        daysSinceEpoch = days
        date = CivilDate(daysSinceEpoch: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// Whether the year has four digits, as the fixed-width formats require.
    var hasFourDigitYear: Bool { (0...9999).contains(date.year) }

    /// Writes the time of day as `HH:MM:SS`, eight bytes from `offset`: the part both
    /// fixed-width formats share.
    func writeClock(at offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        Self.write(hour, digits: 2, at: offset, into: buffer)
        buffer[offset + 2] = UInt8(ascii: ":")
        Self.write(minute, digits: 2, at: offset + 3, into: buffer)
        buffer[offset + 5] = UInt8(ascii: ":")
        Self.write(second, digits: 2, at: offset + 6, into: buffer)
    }

    /// Writes `value` as `digits` decimal digits (leading zeros kept) at `offset`.
    static func write(_ value: Int, digits: Int, at offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        var rest = value
        for index in stride(from: offset + digits - 1, through: offset, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
