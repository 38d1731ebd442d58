import Foundation

/// Checks a client's JSON against a resource schema and returns it normalized: members in schema
/// order, text in NFC, nulls of optional fields dropped, server-managed and derived fields ignored.
/// Every problem is reported at once, each with the JSON pointer of the offending value.
public enum SchemaValidator {
    public static func validate(_ input: JSONValue, schema: ResourceSchema, pointer: JSONPointer = .root) throws(APIError) -> JSONObject {
        var errors: [ProblemDetails.FieldError] = []
        let result = validateObject(input, fields: schema.fields, pointer: pointer, topLevel: true, errors: &errors)
        if !errors.isEmpty { throw .validationFailed(errors) }
        return result
    }

    private static func issue(_ pointer: JSONPointer, _ detail: String) -> ProblemDetails.FieldError {
        ProblemDetails.FieldError(in: "body", pointer: pointer.description, detail: detail)
    }

    /// Where a value is: its parent's pointer and its own key or index, made into a pointer only
    /// for an error or a nested object. Building every pointer up front (an array per field and
    /// per element) was a third of validating an item.
    private struct Place {
        let parent: JSONPointer
        let key: String?
        let index: Int?

        var pointer: JSONPointer {
            if let key { return parent.appending(key) }
            if let index { return parent.appending(index) }
            return parent
        }
    }

    private static func validateObject(_ input: JSONValue, fields: [FieldSpec], pointer: JSONPointer, topLevel: Bool,
                                       errors: inout [ProblemDetails.FieldError]) -> JSONObject {
        guard case .object(let object) = input else {
            errors.append(issue(pointer, "must be an object, not \(input.typeName)"))
            return JSONObject()
        }
        let inputKeys = object.keys
        let inputValues = object.values
        for key in inputKeys where !fields.contains(where: { $0.name == key }) {
            let known = fields.filter(\.isWritable).map(\.name).joined(separator: ", ")
            errors.append(issue(pointer.appending(key), "unknown field \"\(key)\"; known fields: \(known)"))
        }
        var keys: [String] = []
        var values: [JSONValue] = []
        keys.reserveCapacity(inputKeys.count)
        values.reserveCapacity(inputKeys.count)
        var next = 0
        for field in fields {
            // Members usually arrive in schema order: the next one is taken without a search.
            let value: JSONValue?
            if next < inputKeys.count, inputKeys[next] == field.name {
                value = inputValues[next]
                next += 1
            } else {
                value = object[field.name]
            }
            guard field.isWritable else { continue }  // server-managed and derived: ignored in input
            guard let value, !value.isNull else {
                if field.isRequired { errors.append(issue(pointer.appending(field.name), "is required")) }
                continue
            }
            if let normalized = validateValue(value, type: field.type, required: field.isRequired,
                                              place: Place(parent: pointer, key: field.name, index: nil), errors: &errors) {
                keys.append(field.name)
                values.append(normalized)
            }
        }
        // Schema field names are distinct, so the members are too.
        return JSONObject(uniqueKeys: keys, values: values)
    }

    /// Whether `text` is an absolute http or https URL with a host, as a `.url` field must be.
    static func isAbsoluteHTTPURL(_ text: String) -> Bool {
        var text = text
        if text.withUTF8(isPlainHTTPURL) { return true }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host else { return false }
        return !host.isEmpty
    }

    /// Whether `utf8` is `http://` or `https://`, a host name of dot-separated labels of
    /// lowercase letters, digits and inner hyphens, and a path of unreserved characters and
    /// slashes: a URL that Foundation surely takes, checked without it (a parse was 5k
    /// instructions, for every article loaded).
    static func isPlainHTTPURL(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let https = "https://".utf8
        let http = "http://".utf8
        var index: Int
        if utf8.starts(with: https) {
            index = https.count
        } else if utf8.starts(with: http) {
            index = http.count
        } else {
            return false
        }
        // The host: labels that start and end with a letter or digit.
        var labelLength = 0
        var previous = UInt8(ascii: ".")
        while index < utf8.count, utf8[index] != UInt8(ascii: "/") {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else if byte == UInt8(ascii: "-") {
                guard labelLength > 0 else { return false }
                labelLength += 1
            } else if TextFolding.isASCIILowercaseLetterOrDigit(byte) {
                labelLength += 1
            } else {
                return false
            }
            previous = byte
            index += 1
        }
        guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
        // The path: unreserved characters (RFC 3986 §2.3) and slashes.
        while index < utf8.count {
            let byte = utf8[index]
            let isUnreserved = TextFolding.isASCIILowercaseLetterOrDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            guard isUnreserved || byte == UInt8(ascii: "/") else { return false }
            index += 1
        }
        return true
    }

    private static func validateValue(_ value: JSONValue, type: FieldType, required: Bool, place: Place,
                                      errors: inout [ProblemDetails.FieldError]) -> JSONValue? {
        func fail(_ detail: String) -> JSONValue? {
            errors.append(issue(place.pointer, detail))
            return nil
        }
        switch type {
        case .text:
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            let normalized = TextFolding.nfc(text)
            if required && normalized.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return fail("must not be empty") }
            return .string(normalized)
        case .slug:
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            guard Slug.isValid(text) else { return fail("\"\(text)\" is not a slug (lowercase letters, digits and single hyphens)") }
            return value
        case .url:
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            guard isAbsoluteHTTPURL(text) else { return fail("\"\(text)\" is not an absolute http(s) URL") }
            return value
        case .date:
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            guard CalendarDate(text) != nil else { return fail("\"\(text)\" is not a date (YYYY-MM-DD)") }
            return value
        case .dateTime:
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            guard Timestamp.parse(text) != nil else { return fail("\"\(text)\" is not an RFC 3339 timestamp") }
            return value
        case .integer(let minimum, let maximum):
            guard case .number(let number) = value else { return fail("must be an integer, not \(value.typeName)") }
            guard number.rounded() == number, abs(number) < 9_007_199_254_740_992 else { return fail("must be an integer, not \(number)") }
            if let minimum, number < Double(minimum) { return fail("must be at least \(minimum)") }
            if let maximum, number > Double(maximum) { return fail("must be at most \(maximum)") }
            return value
        case .number(let minimum):
            guard case .number(let number) = value, number.isFinite else { return fail("must be a number, not \(value.typeName)") }
            if let minimum, number < minimum { return fail("must be at least \(minimum)") }
            return value
        case .boolean:
            guard case .bool = value else { return fail("must be a boolean, not \(value.typeName)") }
            return value
        case .enumeration(let allowed):
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            guard allowed.contains(text) else { return fail("\"\(text)\" is not one of: \(allowed.joined(separator: ", "))") }
            return value
        case .array(let element):
            guard case .array(let items) = value else { return fail("must be an array, not \(value.typeName)") }
            var output: [JSONValue] = []
            output.reserveCapacity(items.count)
            let pointer = place.pointer
            for (index, item) in items.enumerated() {
                if item.isNull {
                    errors.append(issue(pointer.appending(index), "must not be null"))
                    continue
                }
                if let normalized = validateValue(item, type: element, required: true,
                                                  place: Place(parent: pointer, key: nil, index: index), errors: &errors) {
                    output.append(normalized)
                }
            }
            return .array(output)
        case .object(let members):
            return .object(validateObject(value, fields: members, pointer: place.pointer, topLevel: false, errors: &errors))
        }
    }
}

/// A `YYYY-MM-DD` calendar date, checked for real days (no 2025-02-30).
public struct CalendarDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        var text = text
        guard let date = text.withUTF8({ CalendarDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// The date in `utf8`, as `init(_:)` reads it from a string.
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The number of days of `month` (1–12) in `year` of the Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to this date (negative before it): the inverse of
    /// `CivilDate(daysSinceEpoch:)`.
    var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// RFC 3339 timestamps as the store writes them (`2025-03-21T08:00:00Z`).
public enum Timestamp {
    /// `2026-11-29T11:35:19Z`, as `Date.ISO8601FormatStyle` writes it in UTC (whole seconds,
    /// rounded down); Foundation's formatter outside years 0–9999.
    public static func format(_ date: Date) -> String {
        guard let time = CivilTime(date), time.hasFourDigitYear else { return foundationFormat(date) }
        return String(unsafeUninitializedCapacity: 20) { buffer in
            CivilTime.write(time.date.year, digits: 4, at: 0, into: buffer)
            buffer[4] = UInt8(ascii: "-")
            CivilTime.write(time.date.month, digits: 2, at: 5, into: buffer)
            buffer[7] = UInt8(ascii: "-")
            CivilTime.write(time.date.day, digits: 2, at: 8, into: buffer)
            buffer[10] = UInt8(ascii: "T")
            time.writeClock(at: 11, into: buffer)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    static func foundationFormat(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    public static func parse(_ text: String) -> Date? {
        var text = text
        if let date = text.withUTF8({ parseCanonical($0) }) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The moment `utf8` names when it is in the form `format` writes, with a real date and time
    /// in 1900–9999; `nil` for anything else (`parse` then asks Foundation, 5k instructions).
    static func parseCanonical(_ utf8: UnsafeBufferPointer<UInt8>) -> Date? {
        guard utf8.count == 20, utf8[10] == UInt8(ascii: "T"), utf8[13] == UInt8(ascii: ":"),
              utf8[16] == UInt8(ascii: ":"), utf8[19] == UInt8(ascii: "Z"),
              let date = CalendarDate(utf8: UnsafeBufferPointer(rebasing: utf8[0..<10])), date.year >= 1900
        else { return nil }
        func number(_ offset: Int) -> Int? {
            let tens = utf8[offset] &- UInt8(ascii: "0")
            let units = utf8[offset + 1] &- UInt8(ascii: "0")
            guard tens < 10, units < 10 else { return nil }
            return Int(tens) * 10 + Int(units)
        }
        guard let hour = number(11), hour < 24, let minute = number(14), minute < 60,
              let second = number(17), second < 60 else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
