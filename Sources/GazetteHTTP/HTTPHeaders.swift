/// A header field name; compared case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaderName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as written by whoever made it.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func == (lhs: HTTPHeaderName, rhs: HTTPHeaderName) -> Bool {
        ASCII.equalsIgnoringCase(lhs.rawValue, rhs.rawValue)
    }

    public func hash(into hasher: inout Hasher) {
        for byte in rawValue.utf8 { hasher.combine(ASCII.lowercased(byte)) }
    }

    public static let accept: HTTPHeaderName = "Accept"
    public static let allow: HTTPHeaderName = "Allow"
    public static let authorization: HTTPHeaderName = "Authorization"
    public static let cacheControl: HTTPHeaderName = "Cache-Control"
    public static let connection: HTTPHeaderName = "Connection"
    public static let contentLength: HTTPHeaderName = "Content-Length"
    public static let contentType: HTTPHeaderName = "Content-Type"
    public static let date: HTTPHeaderName = "Date"
    public static let eTag: HTTPHeaderName = "ETag"
    public static let expect: HTTPHeaderName = "Expect"
    public static let host: HTTPHeaderName = "Host"
    public static let ifMatch: HTTPHeaderName = "If-Match"
    public static let ifNoneMatch: HTTPHeaderName = "If-None-Match"
    public static let lastModified: HTTPHeaderName = "Last-Modified"
    public static let link: HTTPHeaderName = "Link"
    public static let location: HTTPHeaderName = "Location"
    public static let origin: HTTPHeaderName = "Origin"
    public static let retryAfter: HTTPHeaderName = "Retry-After"
    public static let server: HTTPHeaderName = "Server"
    public static let transferEncoding: HTTPHeaderName = "Transfer-Encoding"
    public static let vary: HTTPHeaderName = "Vary"
}

/// An ordered list of header fields. Names compare case-insensitively; repeated fields are kept
/// in the order they arrived, so a list-valued field can be read whole with `values(for:)`.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: HTTPHeaderName, value: String)

    private var fields: [Element] = []

    public init() {}

    public init(dictionaryLiteral elements: (HTTPHeaderName, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    /// The first value of `name`, or `nil`; setting replaces every field of that name
    /// (`nil` removes them).
    public subscript(name: HTTPHeaderName) -> String? {
        get { fields.first { $0.name == name }?.value }
        set {
            guard let newValue else { remove(name); return }
            guard let first = fields.firstIndex(where: { $0.name == name }) else {
                append((name, newValue))
                return
            }
            // Keep exactly one field of this name, at the first one's position.
            fields = fields.enumerated().compactMap { index, field in
                if index == first { return (name, newValue) }
                return field.name == name ? nil : field
            }
        }
    }

    /// Every value of `name`, in order.
    public func values(for name: HTTPHeaderName) -> [String] {
        fields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Every comma-separated element of every `name` field, trimmed and without empty elements
    /// (the list syntax of RFC 9110 §5.6.1).
    public func listElements(for name: HTTPHeaderName) -> [String] {
        values(for: name).flatMap { value in
            value.split(separator: ",").map { ASCII.trimmingWhitespace(Substring($0)) }.filter { !$0.isEmpty }
        }
    }

    /// Whether some element of the `name` list equals `token`, ignoring case.
    public func contains(_ name: HTTPHeaderName, token: String) -> Bool {
        // Checked on every request (`Connection`), so it builds no arrays.
        fields.contains { $0.name == name && ASCII.listContains($0.value, token: token) }
    }

    /// Appends a field, keeping any already there.
    public mutating func add(_ name: HTTPHeaderName, _ value: String) {
        append((name, value))
    }

    private mutating func append(_ field: Element) {
        // Room for a typical response's fields at once: growing 1, 2, 4, 8 cost four allocations
        // (2k instructions) per request.
        if fields.capacity == 0 { fields.reserveCapacity(8) }
        fields.append(field)
    }

    public mutating func remove(_ name: HTTPHeaderName) {
        fields.removeAll { $0.name == name }
    }
}
