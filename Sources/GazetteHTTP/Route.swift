/// A path template such as `/articles/{id}`: literal segments and `{name}` parameters.
public struct RouteTemplate: Hashable, Sendable, CustomStringConvertible {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]
    /// The template as written, e.g. `/articles/{id}`; used as the route's name in logs and metrics.
    public let description: String

    /// Parses `template`; it must start with `/`. A segment written `{name}` matches any one
    /// non-empty segment and binds it, percent-decoded, to `name`.
    public init(_ template: String) {
        precondition(template.hasPrefix("/"), "a route template starts with /: \(template)")
        description = template
        segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }
}

/// One route: a method, a template and what answers it.
public struct Route: Sendable {
    public let method: HTTPMethod
    public let template: RouteTemplate
    public let handler: any HTTPHandler

    public init(_ method: HTTPMethod, _ template: String, handler: any HTTPHandler) {
        self.method = method
        self.template = RouteTemplate(template)
        self.handler = handler
    }

    public init(_ method: HTTPMethod, _ template: String, _ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.init(method, template, handler: HTTPClosureHandler(body))
    }
}
