import Foundation
import GazetteHTTP

/// Turns every error into an `HTTPResponse` with an `application/problem+json` body: the one place
/// where errors become status codes and bodies.
public enum ErrorResponder {
    public static let contentType = "application/problem+json"

    /// Renders the errors the HTTP server and router find themselves (malformed requests, limits,
    /// 404, 405, 503). Pass it to `HTTPServer.Configuration.errorResponder` and `Router`.
    public static let http: HTTPErrorResponder = { report in
        let status = report.status
        var errors: [ProblemDetails.FieldError]?
        if let location = report.location {
            errors = [fieldError(location: location, detail: report.detail)]
        }
        return makeResponse(ProblemDetails(title: status.reasonPhrase, status: status.code, detail: report.detail, errors: errors))
    }

    /// Encodes `problem` with its status. Keys are sorted so the same problem is the same bytes.
    public static func makeResponse(_ problem: ProblemDetails) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(problem)).map(Array.init)
            ?? Array(#"{"status":500,"title":"Internal Server Error","type":"about:blank"}"#.utf8)
        return HTTPResponse(status: HTTPStatus(code: problem.status), contentType: contentType, body: body)
    }

    /// `header:Host` → in `header`, name `Host`; `query` → in `query`.
    private static func fieldError(location: String, detail: String) -> ProblemDetails.FieldError {
        guard let colon = location.firstIndex(of: ":") else {
            return ProblemDetails.FieldError(in: location, detail: detail)
        }
        return ProblemDetails.FieldError(
            in: String(location[..<colon]), name: String(location[location.index(after: colon)...]), detail: detail)
    }
}

extension ErrorResponder {
    /// The response for an `APIError`: one exhaustive switch, so a new case cannot go unmapped.
    public static func response(for error: APIError) -> HTTPResponse {
        typealias FieldError = ProblemDetails.FieldError
        var headers: [(HTTPHeaderName, String)] = []
        let problem: ProblemDetails
        switch error {
        case .notFound(let resource, let id):
            problem = ProblemDetails(
                title: "Not Found", status: 404, detail: "No \(resource.singular) has the id \"\(id)\".",
                errors: [FieldError(in: "path", name: "id", detail: "no \(resource.singular) \"\(id)\"")])
        case .invalidQuery(let errors):
            problem = ProblemDetails(
                type: "urn:gazette:problem:invalid-query", title: "Bad Request", status: 400,
                detail: errors.count == 1 ? errors[0].detail : "\(errors.count) query parameters are invalid.", errors: errors)
        case .malformedJSON(let detail, let line, let column, let offset):
            problem = ProblemDetails(
                type: "urn:gazette:problem:malformed-json", title: "Bad Request", status: 400,
                detail: "The body is not valid JSON: \(detail) at line \(line), column \(column) (byte \(offset)).",
                errors: [FieldError(in: "body", detail: "\(detail) at line \(line), column \(column)")])
        case .unsupportedMediaType(let contentType):
            problem = ProblemDetails(
                title: "Unsupported Media Type", status: 415,
                detail: "Send the body as application/json (PATCH also takes application/merge-patch+json); got "
                    + (contentType.map { "\"\($0)\"" } ?? "no Content-Type") + ".",
                errors: [FieldError(in: "header", name: "Content-Type", detail: "must be application/json")])
        case .validationFailed(let errors):
            problem = ProblemDetails(
                type: "urn:gazette:problem:validation", title: "Unprocessable Content", status: 422,
                detail: errors.count == 1
                    ? "\(errors[0].pointer ?? errors[0].name ?? "the body") \(errors[0].detail)."
                    : "\(errors.count) problems in the body; see errors.",
                errors: errors)
        case .conflict(let detail, let errors):
            problem = ProblemDetails(title: "Conflict", status: 409, detail: detail, errors: errors)
        case .unauthorized(let detail):
            headers.append((.wwwAuthenticate, #"Bearer realm="gazette""#))
            problem = ProblemDetails(
                title: "Unauthorized", status: 401, detail: detail,
                errors: [FieldError(in: "header", name: "Authorization", detail: detail)])
        case .readOnly:
            problem = ProblemDetails(title: "Forbidden", status: 403, detail: "This server is read-only; writes are refused.")
        case .preconditionFailed(let current):
            if current != "none" { headers.append((.eTag, current)) }
            problem = ProblemDetails(
                title: "Precondition Failed", status: 412,
                detail: current == "none"
                    ? "If-Match was given but the item does not exist."
                    : "If-Match does not match the current ETag \(current): someone changed the item; GET it again.",
                errors: [FieldError(in: "header", name: "If-Match", detail: "stale")])
        case .storageFailed(let detail):
            problem = ProblemDetails(
                type: "urn:gazette:problem:storage", title: "Service Unavailable", status: 503, detail: detail)
        }
        var response = makeResponse(problem)
        for (name, value) in headers { response.headers[name] = value }
        return response
    }
}

extension HTTPHeaderName {
    static let wwwAuthenticate: HTTPHeaderName = "WWW-Authenticate"
}
