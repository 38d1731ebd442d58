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
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = url.host, !host.isEmpty
            else { return fail("\"\(text)\" is not an absolute http(s) URL") }
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
        let utf8 = Array(text.utf8)
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
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        self.year = year
        self.month = month
        self.day = day
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
            CivilTime.write(time.hour, digits: 2, at: 11, into: buffer)
            buffer[13] = UInt8(ascii: ":")
            CivilTime.write(time.minute, digits: 2, at: 14, into: buffer)
            buffer[16] = UInt8(ascii: ":")
            CivilTime.write(time.second, digits: 2, at: 17, into: buffer)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    static func foundationFormat(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    public static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }
}
