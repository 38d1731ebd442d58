/// Everything a request to the API can get wrong. `ErrorResponder` maps each case to one status.
public enum APIError: Error, Sendable, Equatable {
    /// No item with this id.
    case notFound(resource: ResourceKind, id: String)
    /// A query parameter is unknown, misspelled, of the wrong type or out of range (400).
    case invalidQuery([ProblemDetails.FieldError])
    /// The body is not JSON (400), with the position of the first error.
    case malformedJSON(detail: String, line: Int, column: Int, offset: Int)
    /// The body is not `application/json` (415).
    case unsupportedMediaType(String?)
    /// The JSON is well-formed but breaks the schema (422); each error has a JSON pointer.
    case validationFailed([ProblemDetails.FieldError])
    /// The id is taken, or the item is still referenced (409).
    case conflict(detail: String, errors: [ProblemDetails.FieldError])
    /// No or wrong bearer token (401).
    case unauthorized(detail: String)
    /// Writes are switched off (403).
    case readOnly
    /// `If-Match` does not match the current ETag (412).
    case preconditionFailed(current: String)
    /// The data directory could not make a write durable, so it was not applied (503).
    case storageFailed(detail: String)
}
