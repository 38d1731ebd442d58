/// One JSON value (RFC 8259), as read by `JSONParser` and written by `JSONWriter`.
///
/// Numbers are `Double`s: every integer up to 2^53 in magnitude is exact. Objects keep their
/// members in the order they were read or added, so output is deterministic, but two objects with
/// the same members are equal whatever their order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Any JSON number; integers are exact up to 2^53 in magnitude.
    case number(Double)
    /// A string, kept exactly as read (no Unicode normalization).
    case string(String)
    case array([JSONValue])
    /// An object, members in insertion order.
    case object(JSONObject)

    /// The string, or `nil` for any other kind of value.
    public var stringValue: String? {
        if case .string(let string) = self { string } else { nil }
    }

    /// The number, or `nil` for any other kind of value.
    public var numberValue: Double? {
        if case .number(let number) = self { number } else { nil }
    }

    /// The number as an `Int` when it is integral and fits, otherwise `nil` (also for non-numbers).
    public var intValue: Int? {
        guard case .number(let number) = self else { return nil }
        return Int(exactly: number)
    }

    /// The Boolean, or `nil` for any other kind of value.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { bool } else { nil }
    }

    /// The elements, or `nil` for any other kind of value.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { array } else { nil }
    }

    /// The object, or `nil` for any other kind of value.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The member named `key` when this is an object that has one, otherwise `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    /// The element at `index` when this is an array and the index is in range, otherwise `nil`.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let array) = self, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// A short name of the type for error messages: "null", "boolean", "number", "string", "array", "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

/// `"item-\(number)"` as a `JSONValue` string.
extension JSONValue: ExpressibleByStringInterpolation {}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object with the members in the written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSONValue: CustomDebugStringConvertible {
    /// The value as compact JSON.
    public var debugDescription: String {
        String(decoding: JSONWriter.encode(self), as: UTF8.self)
    }
}
