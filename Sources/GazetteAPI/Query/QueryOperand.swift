import Foundation

/// A query value, typed from the schema of the field it is compared with.
enum QueryOperand: Sendable, Equatable {
    /// Text, slug, URL or enumeration value, in NFC: compared exactly.
    case string(String)
    /// A date (`2025-03-21`) or a timestamp normalized to `2025-03-21T08:00:00Z`: these forms sort
    /// as text in time order, as the stored values do.
    case instant(String)
    case number(Double)
    case boolean(Bool)
    /// Text folded by `TextFolding.fold`, for `contains`, `startsWith`, `endsWith` and `eqi`.
    case folded(String)

    /// Why a value cannot be compared with a field.
    struct Invalid: Error, Equatable {
        let detail: String
    }

    /// Types `text` for `path` under `op`, or explains why it does not fit.
    static func make(_ text: String, for path: FieldPath, op: QueryOperator) throws(Invalid) -> QueryOperand {
        let type = path.valueType
        if op == .exists {
            guard let flag = parseBoolean(text) else {
                throw Invalid(detail: "\(op.rawValue) takes true or false, not \"\(text)\"")
            }
            return .boolean(flag)
        }
        if path.endsAtObject {
            throw Invalid(detail: "\(path.name) is an object: compare one of its fields (\(path.name).…) or use :exists")
        }
        if op.isFolded {
            guard type.isString else {
                throw Invalid(detail: "\(op.rawValue) compares text, and \(path.name) is \(kindName(type))")
            }
            let folded = TextFolding.fold(text)
            guard !folded.isEmpty else { throw Invalid(detail: "\(op.rawValue) needs some text to look for") }
            return .folded(folded)
        }
        if op.isOrdering {
            switch type {
            case .integer, .number, .date, .dateTime: break
            default:
                throw Invalid(detail: "\(op.rawValue) orders numbers and dates, and \(path.name) is \(kindName(type))")
            }
        }
        return try typed(text, type: type, path: path)
    }

    private static func typed(_ text: String, type: FieldType, path: FieldPath) throws(Invalid) -> QueryOperand {
        switch type {
        case .text, .url:
            return .string(TextFolding.nfc(text))
        case .slug:
            guard Slug.isValid(text) else {
                throw Invalid(detail: "\(path.name) is a slug (lowercase letters, digits and single hyphens), not \"\(text)\"")
            }
            return .string(text)
        case .enumeration(let allowed):
            guard allowed.contains(text) else {
                throw Invalid(detail: "\(path.name) is one of \(allowed.joined(separator: ", ")); \"\(text)\" is not")
            }
            return .string(text)
        case .date:
            guard CalendarDate(text) != nil else {
                throw Invalid(detail: "\(path.name) is a date (YYYY-MM-DD, a real day), not \"\(text)\"")
            }
            return .instant(text)
        case .dateTime:
            if CalendarDate(text) != nil { return .instant(text + "T00:00:00Z") }
            guard let date = Timestamp.parse(text) else {
                throw Invalid(detail: "\(path.name) is a timestamp (2025-03-21T08:00:00Z) or a date (2025-03-21), not \"\(text)\"")
            }
            return .instant(Timestamp.format(date))
        case .integer:
            // Digits beyond Int's range still compare correctly as a Double (and match nothing).
            guard isInteger(text), let number = Double(text) else {
                throw Invalid(detail: "\(path.name) is an integer, not \"\(text)\"")
            }
            return .number(number)
        case .number:
            guard isDecimal(text), let number = Double(text), number.isFinite else {
                throw Invalid(detail: "\(path.name) is a number (e.g. 19.32), not \"\(text)\"")
            }
            return .number(number)
        case .boolean:
            guard let flag = parseBoolean(text) else { throw Invalid(detail: "\(path.name) is true or false, not \"\(text)\"") }
            return .boolean(flag)
        case .array, .object:
            throw Invalid(detail: "\(path.name) is \(kindName(type)) and cannot be compared with a value")
        }
    }

    private static func parseBoolean(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// `[+-]?digits`.
    static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text).utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`: what JSON calls a number. `Double(_:)` alone would
    /// also take `nan`, `inf` and hexadecimal.
    private static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Bool {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    /// What a value of `type` is, for messages: "text", "an integer", "an enumeration".
    static func kindName(_ type: FieldType) -> String {
        switch type {
        case .text: "text"
        case .slug: "a slug"
        case .url: "a URL"
        case .date: "a date"
        case .dateTime: "a timestamp"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "a boolean"
        case .enumeration: "an enumeration"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
