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
