import Foundation
import GazetteHTTP
import Yams

/// `GET /openapi.yaml` and `/openapi.json`: the API's contract, `openapi.yaml` at the top of the
/// repository, bundled as a resource of this module so that the binary serves it from any directory.
enum OpenAPIRoutes {
    static var routes: [Route] {
        // The YAML is read and converted once, on first use (a lazy static), not at start-up:
        // converting it took as long as loading ten thousand articles. `warmUp` does it early.
        [
            Route(.get, "/openapi.yaml") { request in
                serve(OpenAPIDocument.embedded?.yaml, contentType: "application/yaml; charset=utf-8", request: request)
            },
            Route(.get, "/openapi.json") { request in
                serve(OpenAPIDocument.embedded?.json, contentType: JSONResponse.contentType, request: request)
            },
        ]
    }

    /// Converts the document on a background thread, so the first request for it does not wait.
    static func warmUp() {
        DispatchQueue.global(qos: .utility).async { _ = OpenAPIDocument.embedded }
    }

    private static func serve(_ representation: OpenAPIDocument.Representation?, contentType: String,
                              request: HTTPRequest) -> HTTPResponse {
        respond { () throws(APIError) in
            try QueryGuard.rejectAll(request)
            guard let representation else {
                return ErrorResponder.makeResponse(ProblemDetails(
                    title: "Internal Server Error", status: 500,
                    detail: "The OpenAPI document is missing from the resource bundle."))
            }
            var response = JSONResponse.make(representation.bytes, etag: representation.etag, modifiedAt: nil, request: request)
            if response.status == .ok { response.headers[.contentType] = contentType }
            return response
        }
    }
}

/// The OpenAPI document in its two forms: the YAML as written, and the same content as JSON.
struct OpenAPIDocument: Sendable {
    /// One form's bytes and their strong ETag, computed once.
    struct Representation: Sendable {
        let bytes: [UInt8]
        let etag: String

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            self.etag = ETag.make(bytes)
        }
    }

    /// Why the YAML has no JSON form.
    struct ConversionError: Error, CustomStringConvertible {
        let description: String
    }

    let yaml: Representation
    let json: Representation

    /// The bundled `openapi.yaml`, or `nil` when the resource is missing or not convertible (a test
    /// checks that it is neither).
    static let embedded: OpenAPIDocument? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? OpenAPIDocument(yaml: Array(data))
    }()

    init(yaml bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConversionError(description: "openapi.yaml is not UTF-8")
        }
        guard let root = try Yams.compose(yaml: text) else { throw ConversionError(description: "openapi.yaml is empty") }
        yaml = Representation(bytes)
        json = Representation(JSONWriter.encodePretty(try Self.jsonValue(root)))
    }

    /// The JSON value of a YAML node, scalars typed by the YAML core schema as Yams resolves them
    /// (so `'200'` stays a string and `200` is a number), members in the order written.
    static func jsonValue(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue:
                guard let bool = node.bool else { throw ConversionError(description: "bad boolean \(scalar.string)") }
                return .bool(bool)
            case Tag.Name.int.rawValue:
                // JSON numbers are read as doubles almost everywhere: only integers up to 2^53 survive exactly.
                guard let int = node.int, int.magnitude <= 1 << 53 else {
                    throw ConversionError(description: "\(scalar.string) is not an integer JSON keeps exactly")
                }
                return .number(Double(int))
            case Tag.Name.float.rawValue:
                guard let double = node.float, double.isFinite else {
                    throw ConversionError(description: "\(scalar.string) has no JSON form")
                }
                return .number(double)
            default:
                // Strings, and timestamps that JSON keeps as written.
                return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(try sequence.map(jsonValue))
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let name) = key else { throw ConversionError(description: "a mapping key is not a scalar") }
                guard object[name.string] == nil else { throw ConversionError(description: "duplicate key \(name.string)") }
                object[name.string] = try jsonValue(value)
            }
            return .object(object)
        case .alias:
            // `compose` resolves aliases to the nodes they name; none is left here.
            throw ConversionError(description: "unresolved alias")
        }
    }
}
