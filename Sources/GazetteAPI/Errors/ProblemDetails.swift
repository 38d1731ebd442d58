/// An RFC 9457 problem body (`application/problem+json`): what went wrong and where.
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// One offending part of the request.
    public struct FieldError: Codable, Sendable, Equatable {
        /// Where it is: `query`, `path`, `header`, `body`, `request-line`, `method`, `connection`.
        public var `in`: String
        /// The parameter or header name, when the location has one.
        public var name: String?
        /// A JSON pointer into the body (`/positions/0/title`), for body errors.
        public var pointer: String?
        public var detail: String

        public init(in location: String, name: String? = nil, pointer: String? = nil, detail: String) {
            self.in = location
            self.name = name
            self.pointer = pointer
            self.detail = detail
        }
    }

    /// A URI naming the problem type; `about:blank` when the status says it all.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?

    public init(type: String = "about:blank", title: String, status: Int, detail: String, errors: [FieldError]? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
    }
}
