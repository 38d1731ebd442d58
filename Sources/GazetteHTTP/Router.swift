/// Dispatches requests by method and path template. Built once, immutable, read without locks.
///
/// - Unknown path: 404. Known path, other method: 405 with `Allow`.
/// - `HEAD` runs the `GET` route (the server drops the body); `OPTIONS` on a known path answers
///   204 with `Allow`; `OPTIONS *` lists every method the router serves.
/// - Literal segments win over parameters: `/articles/stats` before `/articles/{id}`.
public struct Router: HTTPHandler {
    private final class Node: Sendable {
        /// Literal children with their names' UTF-8: a few per node, compared as bytes, so a
        /// request's segment needs neither a String nor a hash to find its child.
        let literals: [(name: [UInt8], node: Node)]
        let parameter: (name: String, node: Node)?
        /// The node's routes' methods and handlers, by method name (the same positions): a node
        /// has at most a handful, and scanning them skips the String hashing a dictionary lookup
        /// costs on every request; a request takes a handler, not a copy of its whole route.
        let methods: [HTTPMethod]
        let handlers: [any HTTPHandler]
        /// Every route at a node has the same template: the path to the node spells it.
        let template: RouteTemplate?

        init(literals: [String: Node], parameter: (name: String, node: Node)?, routes: [HTTPMethod: Route]) {
            self.literals = literals.map { (Array($0.key.utf8), $0.value) }
            self.parameter = parameter
            let sorted = routes.values.sorted { $0.method.rawValue < $1.method.rawValue }
            self.template = sorted.first?.template
            self.methods = sorted.map(\.method)
            self.handlers = sorted.map(\.handler)
        }

        /// The handler for `method`; a HEAD falls back to the GET route (RFC 9110 §9.3.2).
        func handler(for method: HTTPMethod) -> (any HTTPHandler)? {
            if let index = methods.firstIndex(of: method) { return handlers[index] }
            guard method == .head, let index = methods.firstIndex(of: .get) else { return nil }
            return handlers[index]
        }

        func literal(_ segment: UnsafeBufferPointer<UInt8>) -> Node? {
            for (name, node) in literals where name.count == segment.count && name.elementsEqual(segment) { return node }
            return nil
        }
    }

    /// A mutable tree used only while building.
    private struct Draft {
        var literals: [String: Draft] = [:]
        var parameter: (name: String, node: [Draft])?
        var routes: [HTTPMethod: Route] = [:]

        mutating func insert(_ route: Route, at segments: ArraySlice<RouteTemplate.Segment>) {
            guard let first = segments.first else {
                precondition(routes[route.method] == nil, "duplicate route \(route.method) \(route.template)")
                routes[route.method] = route
                return
            }
            switch first {
            case .literal(let text):
                literals[text, default: Draft()].insert(route, at: segments.dropFirst())
            case .parameter(let name):
                var child = parameter?.node.first ?? Draft()
                if let existing = parameter?.name {
                    precondition(existing == name, "parameters {\(existing)} and {\(name)} at the same place")
                }
                child.insert(route, at: segments.dropFirst())
                parameter = (name, [child])
            }
        }

        func freeze() -> Node {
            Node(literals: literals.mapValues { $0.freeze() },
                 parameter: parameter.flatMap { p in p.node.first.map { (p.name, $0.freeze()) } },
                 routes: routes)
        }
    }

    private let root: Node
    private let allMethods: [HTTPMethod]
    private let errorResponder: HTTPErrorResponder

    /// Builds the router. Registering the same method and template twice is a programming error.
    public init(routes: [Route], errorResponder: @escaping HTTPErrorResponder = plainTextErrorResponder) {
        var draft = Draft()
        for route in routes {
            draft.insert(route, at: route.template.segments[...])
        }
        root = draft.freeze()
        var methods = Set(routes.map(\.method))
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        allMethods = methods.sorted { $0.rawValue < $1.rawValue }
        self.errorResponder = errorResponder
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.rawPath == "*" {
            return allowResponse(allMethods)
        }
        var parameters = HTTPPathParameters()
        guard let node = match(request.rawPath, parameters: &parameters) else {
            return errorResponder(HTTPErrorReport(
                status: .notFound, detail: "No resource at \(request.path).", location: "path"))
        }
        let template = node.template
        guard let handler = node.handler(for: request.method) else {
            let allowed = Self.allowed(node)
            var response: HTTPResponse
            if request.method == .options {
                response = allowResponse(allowed)
            } else {
                response = errorResponder(HTTPErrorReport(
                    status: .methodNotAllowed,
                    detail: "\(request.method) is not allowed on \(request.path); allowed: \(allowed.map(\.rawValue).joined(separator: ", ")).",
                    location: "method"))
                response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            }
            response.route = template
            return response
        }
        var response: HTTPResponse
        if parameters.isEmpty {
            response = handler.handle(request)
        } else {
            var request = request
            request.pathParameters = parameters
            response = handler.handle(request)
        }
        if response.isDeferred {
            return response.map { response in
                var response = response
                response.route = template
                return response
            }
        }
        response.route = template
        return response
    }

    /// The route template that would answer `request`, for logs and metrics (`nil` if none): a
    /// 405 or an OPTIONS still names the path's template.
    public func template(for request: HTTPRequest) -> RouteTemplate? {
        var parameters = HTTPPathParameters()
        guard let node = match(request.rawPath, parameters: &parameters) else { return nil }
        return node.template
    }

    private func match(_ rawPath: String, parameters: inout HTTPPathParameters) -> Node? {
        // Walk the path's UTF-8 by offset, and decode a parameter straight from its bytes:
        // String.UTF8View indices, Substrings and a scan of Substring.UTF8View for "%" cost
        // several thousand instructions a request, a fifth of serving a small item.
        var path = rawPath
        return path.withUTF8 { bytes in
            guard bytes.first == ASCII.slash else { return nil }
            if bytes.count == 1 { return root.methods.isEmpty ? nil : root }
            return match(bytes, from: 1, node: root, parameters: &parameters)
        }
    }

    /// The node for the segments of `bytes` from `start` (just past a slash) under `node`.
    private func match(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, node: Node,
                       parameters: inout HTTPPathParameters) -> Node? {
        var end = start
        while end < bytes.count, bytes[end] != ASCII.slash { end += 1 }
        let segment = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let isLast = end == bytes.count
        func below(_ child: Node) -> Node? {
            isLast ? (child.methods.isEmpty ? nil : child) : match(bytes, from: end + 1, node: child, parameters: &parameters)
        }
        // RFC 3986 §6.2.2.2: "/h%65alth" and "/health" name the same resource.
        let literal: Node?
        if segment.contains(ASCII.percent) {
            let decoded = HTTPRequestTarget.decodedSegment(UnsafeRawBufferPointer(segment))
            literal = decoded.utf8.withContiguousStorageIfAvailable { node.literal($0) } ?? nil
        } else {
            literal = node.literal(segment)
        }
        if let literal, let found = below(literal) { return found }
        if let parameter = node.parameter, !segment.isEmpty {
            parameters.append(parameter.name, HTTPRequestTarget.decodedSegment(UnsafeRawBufferPointer(segment)))
            if let found = below(parameter.node) { return found }
            parameters.removeLast()
        }
        return nil
    }

    private static func allowed(_ node: Node) -> [HTTPMethod] {
        var methods = Set(node.methods)
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    private func allowResponse(_ methods: [HTTPMethod]) -> HTTPResponse {
        HTTPResponse(status: .noContent, headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
    }
}
