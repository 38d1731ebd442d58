/// The type of a field. One description drives validation, how query values are typed, sorting,
/// grouping and the OpenAPI schema.
public indirect enum FieldType: Sendable {
    /// Any string, stored in NFC.
    case text
    /// A URL slug: `^[a-z0-9]+(-[a-z0-9]+)*$`.
    case slug
    /// An absolute http or https URL.
    case url
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// An RFC 3339 UTC timestamp, `2025-03-21T08:00:00Z`.
    case dateTime
    case integer(minimum: Int?, maximum: Int?)
    case number(minimum: Double?)
    case boolean
    /// One of the listed strings.
    case enumeration([String])
    case array(FieldType)
    case object([FieldSpec])

    /// Whether values are strings (text, slug, URL, date, timestamp or enumeration).
    public var isString: Bool {
        switch self {
        case .text, .slug, .url, .date, .dateTime, .enumeration: true
        default: false
        }
    }

    /// Whether the field holds free text that full-text search and folded operators look at.
    public var isText: Bool {
        switch self {
        case .text: true
        default: false
        }
    }

    /// The element type of an array, or the type itself.
    public var scalar: FieldType {
        if case .array(let element) = self { return element.scalar }
        return self
    }

    /// A short name for error messages: "string", "date (YYYY-MM-DD)", "integer", ...
    public var typeDescription: String {
        switch self {
        case .text: "string"
        case .slug: "slug (lowercase letters, digits and single hyphens)"
        case .url: "absolute http(s) URL"
        case .date: "date (YYYY-MM-DD)"
        case .dateTime: "timestamp (RFC 3339)"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        case .array(let element): "array of " + element.typeDescription
        case .object: "object"
        }
    }
}
