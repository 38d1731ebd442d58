import GazetteHTTP

/// Decides whether a request may write: bearer token (constant-time comparison) and read-only mode.
struct WriteGuard: Sendable {
    let configuration: APIConfiguration

    func authorize(_ request: HTTPRequest) throws(APIError) {
        if configuration.isReadOnly { throw .readOnly }
        guard let header = request.headers[.authorization] else {
            throw .unauthorized(detail: "Writes need an Authorization: Bearer <token> header.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized(detail: "The Authorization header must use the Bearer scheme.")
        }
        guard Self.constantTimeEquals(Array(parts[1].utf8), Array(configuration.token.utf8)) else {
            throw .unauthorized(detail: "The bearer token is wrong.")
        }
    }

    /// Compares in time that depends only on the lengths, never on where the first difference is.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        let count = max(lhs.count, rhs.count)
        for index in 0..<count {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0 && lhs.count == rhs.count
    }
}

/// Reads a JSON request body: media type, then syntax, with the error's position.
enum RequestBody {
    static func json(_ request: HTTPRequest, allowMergePatch: Bool) throws(APIError) -> JSONValue {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let accepted = mediaType == "application/json" || (allowMergePatch && mediaType == "application/merge-patch+json")
        guard accepted else { throw .unsupportedMediaType(contentType) }
        guard !request.body.isEmpty else {
            throw .malformedJSON(detail: "the body is empty", line: 1, column: 1, offset: 0)
        }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw .malformedJSON(detail: error.message, line: error.line, column: error.column, offset: error.offset)
        }
    }
}

import Foundation
