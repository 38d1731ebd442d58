/// Builds one log line in memory the caller provides, so that formatting allocates nothing.
///
/// Every string field is written with a limit on the bytes it may take, escapes included, and the
/// callers size those limits to the buffer; a write that still finds no room is dropped and sets
/// `isTruncated`, so a line never overruns its buffer.
struct LineBuffer: ~Copyable {
    // Safe because every write below first checks `count + n <= storage.count`, and the caller
    // keeps the memory alive for this value's whole life (`withUnsafeTemporaryAllocation`). It is
    // not `Copyable`, so no second value can write into the same memory.
    private let storage: UnsafeMutableRawBufferPointer
    private(set) var count = 0
    /// Whether some bytes were dropped for lack of room.
    private(set) var isTruncated = false

    /// Builds into `storage`, which must stay valid as long as this value.
    init(_ storage: UnsafeMutableRawBufferPointer) {
        self.storage = storage
    }

    /// The bytes written so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<count]) }

    var remaining: Int { storage.count - count }

    /// Removes the last byte, if any.
    mutating func dropLast() {
        if count > 0 { count -= 1 }
    }

    mutating func append(_ byte: UInt8) {
        guard count < storage.count else { isTruncated = true; return }
        storage[count] = byte
        count += 1
    }

    /// Appends ASCII text known at compile time (keys, punctuation).
    mutating func append(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        guard length <= remaining else { isTruncated = true; return }
        UnsafeMutableRawBufferPointer(rebasing: storage[count..<(count + length)])
            .copyMemory(from: UnsafeRawBufferPointer(start: text.utf8Start, count: length))
        count += length
    }

    /// Appends `value` in decimal.
    mutating func append(decimal value: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            append(decimal: UInt64(value.magnitude))
        } else {
            append(decimal: UInt64(value))
        }
    }

    mutating func append(decimal value: UInt64) {
        // Digits from the right into a 20-byte scratch (UInt64.max has 20): division by the
        // constant 10 compiles to a multiplication.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length = withUnsafeMutableBytes(of: &scratch) { digits in
            var rest = value
            var index = 20
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            let length = 20 - index
            guard length <= remaining else { return 0 }
            UnsafeMutableRawBufferPointer(rebasing: storage[count..<(count + length)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: digits[index..<20]))
            return length
        }
        if length == 0 { isTruncated = true }
        count += length
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits (at most 4; the
    /// fields of dates and times).
    mutating func append(decimal value: Int, width: Int) {
        guard value >= 0, value < 10_000, width <= 4 else {
            append(decimal: value)
            return
        }
        let length = max(width, value >= 1000 ? 4 : value >= 100 ? 3 : value >= 10 ? 2 : 1)
        guard length <= remaining else { isTruncated = true; return }
        var rest = value
        var index = count + length
        while index > count {
            index -= 1
            storage[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count += length
    }

    /// `nanoseconds` as milliseconds with three decimals (microsecond precision): `0.123`, `12.000`.
    mutating func append(millisecondsFromNanoseconds nanoseconds: UInt64) {
        let microseconds = nanoseconds / 1000 + (nanoseconds % 1000 >= 500 ? 1 : 0)
        append(decimal: microseconds / 1000)
        append(UInt8(ascii: "."))
        append(decimal: Int(microseconds % 1000), width: 3)
    }

    /// An RFC 3339 UTC timestamp with milliseconds: `2025-03-21T00:00:00.123Z` (years 0 to 9999).
    mutating func append(timestampMilliseconds milliseconds: Int64) {
        let (seconds, millisecond) = floorDivision(Int(milliseconds), 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let civil = CivilDate(daysSinceEpoch: days)
        guard remaining >= 24, (0...9999).contains(civil.year) else { isTruncated = true; return }
        // Written in place, two digits at a time: this runs for every request.
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let second = secondOfDay % 60
        putPair(civil.year / 100, at: 0)
        putPair(civil.year % 100, at: 2)
        storage[count + 4] = UInt8(ascii: "-")
        putPair(civil.month, at: 5)
        storage[count + 7] = UInt8(ascii: "-")
        putPair(civil.day, at: 8)
        storage[count + 10] = UInt8(ascii: "T")
        putPair(hour, at: 11)
        storage[count + 13] = UInt8(ascii: ":")
        putPair(minute, at: 14)
        storage[count + 16] = UInt8(ascii: ":")
        putPair(second, at: 17)
        storage[count + 19] = UInt8(ascii: ".")
        storage[count + 20] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: millisecond / 100)
        putPair(millisecond % 100, at: 21)
        storage[count + 23] = UInt8(ascii: "Z")
        count += 24
    }

    /// Writes `value` (0 to 99) as two digits at `count + offset`, without moving `count`.
    private func putPair(_ value: Int, at offset: Int) {
        storage[count + offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
        storage[count + offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    }

    /// Appends `text` escaped as the inside of a JSON string (RFC 8259 §7), using at most `limit`
    /// bytes; a longer text is cut at a character boundary and ends with `...`.
    mutating func append(jsonEscaped text: String, limit: Int) {
        append(escaped: text, limit: limit, quoteEscapes: true)
    }

    /// Appends `text` for a plain-text line: control characters escaped as in JSON, quotes and
    /// backslashes as they are, at most `limit` bytes.
    mutating func append(textEscaped text: String, limit: Int) {
        append(escaped: text, limit: limit, quoteEscapes: false)
    }

    private mutating func append(escaped text: String, limit: Int, quoteEscapes: Bool) {
        let storage = storage
        let start = count
        let budget = min(limit, remaining)
        // A native string's UTF-8 is contiguous; any other is copied once to make it so.
        var result = text.utf8.withContiguousStorageIfAvailable {
            Self.escape($0, into: storage, at: start, budget: budget, quoteEscapes: quoteEscapes)
        }
        if result == nil {
            var copy = text
            copy.makeContiguousUTF8()
            result = copy.utf8.withContiguousStorageIfAvailable {
                Self.escape($0, into: storage, at: start, budget: budget, quoteEscapes: quoteEscapes)
            }
        }
        guard let (written, isComplete) = result else { isTruncated = true; return }
        count += written
        if !isComplete { isTruncated = true }
    }

    /// Writes `text` escaped into `storage` from `start`, in at most `budget` bytes; a text that
    /// does not fit is cut at a character boundary and ends with `...`. Returns the bytes written
    /// and whether the `...` (or all of it) fit.
    private static func escape(
        _ text: UnsafeBufferPointer<UInt8>, into storage: UnsafeMutableRawBufferPointer, at start: Int,
        budget: Int, quoteEscapes: Bool
    ) -> (written: Int, isComplete: Bool) {
        let needed = escapedLength(text, quoteEscapes: quoteEscapes)
        if needed == text.count && needed <= budget {
            // Nothing to escape, and it fits: the usual case, one copy.
            UnsafeMutableRawBufferPointer(rebasing: storage[start..<(start + needed)]).copyMemory(from: UnsafeRawBufferPointer(text))
            return (needed, true)
        }
        // Too long: keep what fits before a `...`.
        let isCut = needed > budget
        let end = start + (isCut ? budget - 3 : budget)
        guard end >= start else { return (0, false) }
        var position = start
        var index = 0
        while index < text.count {
            let byte = text[index]
            let width = escapedWidth(byte, quoteEscapes: quoteEscapes)
            // A UTF-8 lead byte goes only with all its continuation bytes.
            let sequence = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard position + max(width, sequence) <= end else { break }
            switch width {
            case 2:
                storage[position] = UInt8(ascii: "\\")
                storage[position + 1] = switch byte {
                case UInt8(ascii: "\n"): UInt8(ascii: "n")
                case UInt8(ascii: "\r"): UInt8(ascii: "r")
                case UInt8(ascii: "\t"): UInt8(ascii: "t")
                default: byte
                }
            case 6:
                storage[position] = UInt8(ascii: "\\")
                storage[position + 1] = UInt8(ascii: "u")
                storage[position + 2] = UInt8(ascii: "0")
                storage[position + 3] = UInt8(ascii: "0")
                storage[position + 4] = hexDigit(byte >> 4)
                storage[position + 5] = hexDigit(byte & 0x0F)
            default:
                storage[position] = byte
            }
            position += width
            index += 1
        }
        if isCut {
            for dot in 0..<3 { storage[position + dot] = UInt8(ascii: ".") }
            position += 3
        }
        return (position - start, true)
    }

    /// The bytes `text` takes once escaped. Eight bytes at a time while none of them needs an
    /// escape (the usual case): the byte-by-byte loop was most of a line's cost.
    private static func escapedLength(_ text: UnsafeBufferPointer<UInt8>, quoteEscapes: Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Whether some byte of `word` is zero (exact as a yes/no answer).
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var length = 0
        var index = 0
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= text.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // A byte below 0x20 (a byte of 0x80 or more never counts), 0x7F, `"` or `\`.
                let hasControl = (word &- ones &* 0x20) & ~word & highs != 0
                let hasSpecial = hasControl || hasZeroByte(word ^ (ones &* 0x7F))
                    || (quoteEscapes && (hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))))
                if hasSpecial { break }
                length += 8
                index += 8
            }
        }
        while index < text.count {
            length += escapedWidth(text[index], quoteEscapes: quoteEscapes)
            index += 1
        }
        return length
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// The bytes `byte` takes once escaped: 2 for `\"`, `\\`, `\n`, `\r`, `\t`; 6 for other control
    /// characters (`\u001b`); 1 otherwise (UTF-8 bytes of non-ASCII characters are kept).
    private static func escapedWidth(_ byte: UInt8, quoteEscapes: Bool) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): quoteEscapes ? 2 : 1
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): 2
        case 0..<0x20, 0x7F: 6
        default: 1
        }
    }
}

/// Floor division and its non-negative remainder.
private func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
    let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    return (quotient, value - quotient * divisor)
}

/// A proleptic Gregorian date from a day count, without Foundation's calendars (H. Hinnant's
/// `civil_from_days`).
struct CivilDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }
}
