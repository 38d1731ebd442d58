import Foundation
import Testing

// Helpers for the API suites (`API*Tests.swift`): a `gazette` started with a known token and a
// clean environment, curl requests with bodies and tokens, JSON bodies as values, problem+json
// checks, and `Link` headers.

/// A running `gazette` with the write token it was started with.
struct APIServer: Sendable {
    /// The token `withAPI` starts servers with unless told otherwise.
    static let defaultToken = "integration-secret"

    let gazette: Gazette
    /// The bearer token writes need; nil when the test does not know it.
    let token: String?

    var baseURL: String { gazette.baseURL }
    func url(_ pathAndQuery: String) -> String { gazette.url(pathAndQuery) }

    /// How a write authenticates.
    enum Authorization: Sendable {
        /// `Authorization: Bearer <the server's token>`.
        case token
        /// No `Authorization` field.
        case none
        /// `Authorization: <value>`, as given.
        case raw(String)
    }

    /// `curl [extra…] URL`: a GET unless `extra` says otherwise (`--head`, `-X OPTIONS`).
    func get(_ pathAndQuery: String, _ extra: [String] = []) async throws -> CurlResult {
        try await Curl.run(extra + [url(pathAndQuery)])
    }

    /// `curl -X METHOD` with a body (`--data-binary`, so bytes go as written), a Content-Type
    /// (nil sends none at all) and an Authorization field.
    func send(
        _ method: String, _ pathAndQuery: String, json body: String? = nil,
        contentType: String? = "application/json", authorization: Authorization = .token,
        headers: [String] = []
    ) async throws -> CurlResult {
        var arguments = ["-X", method]
        switch authorization {
        case .token:
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        case .none:
            break
        case .raw(let value):
            arguments += ["-H", "Authorization: \(value)"]
        }
        if let body {
            // `Content-Type:` with no value makes curl drop the form type it would add for a body.
            arguments += ["-H", "Content-Type:" + (contentType.map { " " + $0 } ?? "")]
            arguments += ["--data-binary", body]
        } else if let contentType {
            arguments += ["-H", "Content-Type: \(contentType)"]
        }
        for header in headers { arguments += ["-H", header] }
        return try await Curl.run(arguments + [url(pathAndQuery)])
    }
}

/// Runs `body` against a fresh `gazette --host 127.0.0.1 --port 0 ARGUMENTS`, its environment
/// cleaned of every Gazette setting the test process may carry (`GAZETTE_TOKEN` is `token`, or
/// empty for a random one), then `environment` on top. Stops the server on every way out.
func withAPI<Result>(
    token: String? = APIServer.defaultToken,
    arguments: [String] = [],
    environment: [String: String] = [:],
    _ body: (APIServer) async throws -> Result
) async throws -> Result {
    let process = try launchAPI(token: token, arguments: arguments, environment: environment)
    return try await stopping(process) {
        let port = try await Gazette.waitUntilListening(process)
        let gazette = Gazette(process: process, port: port, urlHost: "127.0.0.1")
        return try await body(APIServer(gazette: gazette, token: token))
    }
}

/// Starts `gazette` as `withAPI` does, without waiting for it: for tests of start-up failures.
func launchAPI(
    token: String? = APIServer.defaultToken, arguments: [String] = [], environment: [String: String] = [:]
) throws -> ChildProcess {
    var settings = [
        "GAZETTE_TOKEN": token ?? "", "GAZETTE_DATA": "", "GAZETTE_READ_ONLY": "",
        "GAZETTE_CORS_ORIGINS": "*", "HOST": "", "PORT": "",
    ]
    settings.merge(environment) { $1 }
    return try Gazette.launch(arguments: ["--host", "127.0.0.1", "--port", "0"] + arguments, environment: settings)
}

// MARK: JSON bodies

/// A JSON value as the client sees it, decoded with Foundation's `JSONDecoder`.
enum JSON: Sendable, Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `data`; throws with the text when it is not JSON.
    static func parse(_ data: Data) throws -> JSON {
        do {
            return try JSONDecoder().decode(JSON.self, from: data)
        } catch {
            let text = String(decoding: data.prefix(2000), as: UTF8.self)
            throw Invalid(description: "not JSON (\(error)): \(text)")
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> JSON? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var number: Double? { if case .number(let number) = self { number } else { nil } }
    var int: Int? { number.flatMap { $0.rounded() == $0 ? Int($0) : nil } }
    var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    var array: [JSON]? { if case .array(let elements) = self { elements } else { nil } }
    var object: [String: JSON]? { if case .object(let members) = self { members } else { nil } }
    var isNull: Bool { self == .null }

    /// The member names of an object (empty for anything else).
    var keys: Set<String> { Set(object?.keys.map { $0 } ?? []) }

    /// The `id` of each element of an array of objects, in order.
    var ids: [String] { (array ?? []).compactMap { $0["id"]?.string } }

    /// The strings of an array of strings, in order.
    var strings: [String] { (array ?? []).compactMap(\.string) }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        case .array(let elements):
            return "[" + elements.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}

extension CurlTransfer {
    /// The body as JSON.
    func json() throws -> JSON { try JSON.parse(body) }
}

extension CurlResult {
    /// The first transfer's body as JSON.
    func json() throws -> JSON { try first.json() }

    /// The first transfer's `Content-Type`, without parameters, lowercased.
    var mediaType: String? {
        header("Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// What curl wrote with `-i`: the response head first, then the body. Splits at the first empty line.
func splitIncludedHead(_ data: Data) -> (head: String, body: Data) {
    let separator = Data("\r\n\r\n".utf8)
    guard let range = data.range(of: separator) else { return (String(decoding: data, as: UTF8.self), Data()) }
    return (String(decoding: data[..<range.lowerBound], as: UTF8.self), Data(data[range.upperBound...]))
}

// MARK: Problems

/// Checks that `result` is an RFC 9457 problem with `status`: the media type, the body's `status`,
/// `title` and `detail`, and, when given, an entry of `errors` naming `parameter` (in the query or a
/// header) or carrying the JSON `pointer`. Returns the body for further checks.
@discardableResult
func expectProblem(
    _ result: CurlResult, status: Int, parameter: String? = nil, pointer: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> JSON? {
    #expect(result.statusCode == status, "status \(result.statusCode), expected \(status): \(result.bodyText)\n\(result)",
            sourceLocation: sourceLocation)
    #expect(result.mediaType == "application/problem+json", "Content-Type \(result.header("Content-Type") ?? "none")",
            sourceLocation: sourceLocation)
    guard let problem = try? result.json() else {
        Issue.record("the body is not JSON: \(result.bodyText)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(problem["status"]?.int == status, "body status: \(problem)", sourceLocation: sourceLocation)
    #expect(problem["title"]?.string?.isEmpty == false, "no title: \(problem)", sourceLocation: sourceLocation)
    #expect(problem["detail"]?.string?.isEmpty == false, "no detail: \(problem)", sourceLocation: sourceLocation)
    let errors = problem["errors"]?.array ?? []
    if let parameter {
        #expect(errors.contains { $0["name"]?.string == parameter },
                "no error names the parameter \(parameter): \(problem)", sourceLocation: sourceLocation)
    }
    if let pointer {
        #expect(errors.contains { $0["pointer"]?.string == pointer },
                "no error has the pointer \(pointer): \(problem)", sourceLocation: sourceLocation)
    }
    return problem
}

// MARK: Links and URLs

/// An RFC 8288 `Link` field as `rel` → URL. URLs may hold commas (`_sort=-startYear,name`), so
/// the field is read entry by entry, not split at commas.
func parseLinks(_ field: String?) -> [String: String] {
    guard let field else { return [:] }
    var links: [String: String] = [:]
    for match in field.matches(of: #/<([^>]*)>\s*;\s*rel="([^"]+)"/#) {
        links[String(match.output.2)] = String(match.output.1)
    }
    return links
}

/// The query of a URL or path as name → raw value (not decoded), for comparing links.
func queryParameters(_ url: String) -> [String: String] {
    guard let question = url.firstIndex(of: "?") else { return [:] }
    var parameters: [String: String] = [:]
    for piece in url[url.index(after: question)...].split(separator: "&") {
        let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        parameters[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return parameters
}

/// Every byte of `text`'s UTF-8 percent-encoded except the unreserved ASCII characters (RFC 3986),
/// for query values: `Đặng` → `%C4%90%E1%BA%B7ng`. NFD input stays NFD.
func percentEncoded(_ text: String) -> String {
    var encoded = ""
    for byte in text.utf8 {
        let character = Character(Unicode.Scalar(byte))
        if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
            encoded.append(character)
        } else {
            encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
    }
    return encoded
}

// MARK: The embedded dataset

/// Ids and names in the embedded dataset (`Sources/GazetteAPI/Seed/dataset.json`).
enum Seed {
    static let articleID = "thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la"
    static let articleTitle = "Thứ trưởng Thường trực Bộ Ngoại giao làm việc với UBND tỉnh Sơn La"

    /// In creation order.
    static let officialIDs = ["nguyen-minh-vu", "nguyen-dinh-viet", "dang-ngoc-hau", "nguyen-thanh-cong"]
    /// In Vietnamese alphabetical order of their names: Đặng < Nguyễn Đình < Nguyễn Minh < Nguyễn Thành.
    static let officialIDsByName = ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-minh-vu", "nguyen-thanh-cong"]

    static let borderGate = "khu-vuc-cua-khau-chinh-chieng-khuong"
    static let borderGateName = "Khu vực cửa khẩu chính Chiềng Khương"
    static let scheme = "de-an-phat-trien-kinh-te-khu-vuc-bien-gioi-dia-ban-tinh-son-la"
    static let exports = "xuat-khau-nong-san"
    static let coffee = "san-xuat-che-bien-kinh-doanh-san-pham-ca-phe"
    static let wind = "cac-du-an-dien-gio"
    static let solar = "cac-du-an-dien-mat-troi"

    /// In creation order.
    static let projectIDs = [borderGate, scheme, exports, coffee, wind, solar]
    /// In Vietnamese alphabetical order of their names: Các dự án điện gió, Các dự án điện mặt
    /// trời, Đề án…, Khu vực…, Sản xuất…, Xuất khẩu… (Đ after D, not after Z as in code points).
    static let projectIDsByName = [wind, solar, scheme, borderGate, coffee, exports]
}

/// A small dataset of the same shape as the embedded one, for `--data` and `GAZETTE_DATA`.
enum SmallDataset {
    static let json = """
        {
          "officials": [
            {"id": "lo-van-hoa", "name": "Lò Văn Hòa", "level": "provincial", "province": "Điện Biên",
             "positions": [{"title": "Chủ tịch", "organization": "UBND tỉnh Điện Biên"}]}
          ],
          "projects": [
            {"id": "cua-khau-tay-trang", "name": "Cửa khẩu quốc tế Tây Trang", "category": "border-gate",
             "status": "in-progress", "province": "Điện Biên", "areaHa": 42.5}
          ],
          "articles": [
            {"id": "dien-bien-mo-rong-cua-khau", "title": "Điện Biên mở rộng cửa khẩu",
             "summary": "Tỉnh Điện Biên mở rộng cửa khẩu quốc tế Tây Trang.",
             "body": ["Tỉnh Điện Biên mở rộng cửa khẩu quốc tế Tây Trang."],
             "publishedOn": "2024-11-05", "officialIds": ["lo-van-hoa"], "projectIds": ["cua-khau-tay-trang"]}
          ]
        }
        """
}
