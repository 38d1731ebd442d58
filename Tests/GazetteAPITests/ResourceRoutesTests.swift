import Foundation
import GazetteAPI
import GazetteHTTP
import Testing

@Suite("Resource routes: writes, validators, auth and CORS through the router")
struct ResourceRoutesTests {
    let store: GazetteStore
    let handler: any HTTPHandler
    typealias T = APITestSupport

    init() throws {
        store = try T.store()
        handler = T.handler(store)
    }

    private let newOfficial = #"{"name":"Lê Văn Tám","level":"provincial","province":"Sơn La","positions":[{"title":"Giám đốc","organization":"Sở Ngoại vụ"}]}"#

    @Test("POST gives 201 with Location, ETag and the stored item")
    func post() throws {
        let response = handler.handle(try T.request(.post, "/officials", json: newOfficial))
        #expect(response.status == .created)
        #expect(response.headers[.location] == "/officials/le-van-tam")
        let etag = try #require(response.headers[.eTag])
        #expect(etag.hasPrefix("\"") && etag.count == 18)
        #expect(try T.json(response)["name"]?.stringValue == "Lê Văn Tám")
        let read = handler.handle(try T.request(.get, "/officials/le-van-tam", authorized: false))
        #expect(read.status == .ok)
        #expect(read.headers[.eTag] == etag)
        #expect(read.body == response.body)
    }

    @Test("writes without a token are 401 with WWW-Authenticate; a wrong token too")
    func unauthorized() throws {
        let missing = handler.handle(try T.request(.post, "/officials", json: newOfficial, authorized: false))
        #expect(missing.status == .unauthorized)
        #expect(missing.headers[HTTPHeaderName("WWW-Authenticate")]?.hasPrefix("Bearer") == true)
        #expect(missing.headers[.contentType] == "application/problem+json")
        var headers: HTTPHeaders = [:]
        headers[.authorization] = "Bearer wrong"
        let wrong = handler.handle(try T.request(.delete, "/projects/xuat-khau-nong-san", authorized: false, headers: headers))
        #expect(wrong.status == .unauthorized)
        #expect(store.snapshot().item(.projects, id: "xuat-khau-nong-san") != nil)
    }

    @Test("read-only mode refuses writes with 403 and still serves reads")
    func readOnly() throws {
        let readOnly = T.handler(store, readOnly: true)
        #expect(readOnly.handle(try T.request(.post, "/officials", json: newOfficial)).status == .forbidden)
        #expect(readOnly.handle(try T.request(.get, "/officials/dang-ngoc-hau")).status == .ok)
    }

    @Test("a body that is not JSON by media type is 415; malformed JSON is 400 with the position")
    func bodies() throws {
        let text = handler.handle(try T.request(.post, "/officials", json: newOfficial, contentType: "text/plain"))
        #expect(text.status == .unsupportedMediaType)
        let broken = handler.handle(try T.request(.post, "/officials", json: "{\n  \"name\": ,}"))
        #expect(broken.status == .badRequest)
        let problem = try T.json(broken)
        #expect(problem["detail"]?.stringValue?.contains("line 2, column 11") == true)
        let patchType = handler.handle(try T.request(.patch, "/projects/xuat-khau-nong-san", json: #"{"status":"approved"}"#,
                                                      contentType: "application/merge-patch+json"))
        #expect(patchType.status == .ok)
        let postMergeType = handler.handle(try T.request(.post, "/officials", json: newOfficial, contentType: "application/merge-patch+json"))
        #expect(postMergeType.status == .unsupportedMediaType)
    }

    @Test("422 carries a JSON pointer per problem")
    func unprocessable() throws {
        let response = handler.handle(try T.request(.post, "/projects", json: #"{"name":"X","category":"nope","status":"planning","colour":"red"}"#))
        #expect(response.status == .unprocessableContent)
        #expect(try Set(T.problemLocations(response)) == ["/category", "/colour"])
    }

    @Test("If-None-Match with the current ETag is 304; If-Match stale is 412 with the current ETag")
    func conditional() throws {
        let first = handler.handle(try T.request(.get, "/projects/xuat-khau-nong-san"))
        let etag = try #require(first.headers[.eTag])
        #expect(first.headers[.lastModified] == "Fri, 21 Mar 2025 00:00:00 GMT")
        var headers: HTTPHeaders = [:]
        headers[.ifNoneMatch] = etag
        let cached = handler.handle(try T.request(.get, "/projects/xuat-khau-nong-san", headers: headers))
        #expect(cached.status == .notModified)
        #expect(cached.body.isEmpty)
        #expect(cached.headers[.eTag] == etag)
        let changed = handler.handle(try T.request(.patch, "/projects/xuat-khau-nong-san", json: #"{"status":"approved"}"#))
        #expect(changed.headers[.eTag] != etag)
        var stale: HTTPHeaders = [:]
        stale[.ifMatch] = etag
        let refused = handler.handle(try T.request(.patch, "/projects/xuat-khau-nong-san", json: #"{"status":"planning"}"#, headers: stale))
        #expect(refused.status == .preconditionFailed)
        #expect(refused.headers[.eTag] == changed.headers[.eTag])
    }

    @Test("PUT with a new client id is 201; DELETE is 204, then 404")
    func putAndDelete() throws {
        let created = handler.handle(try T.request(.put, "/projects/khu-moi", json: #"{"name":"Khu mới","category":"other","status":"proposed"}"#))
        #expect(created.status == .created)
        #expect(created.headers[.location] == "/projects/khu-moi")
        let replaced = handler.handle(try T.request(.put, "/projects/khu-moi", json: #"{"name":"Khu mới hơn","category":"other","status":"proposed"}"#))
        #expect(replaced.status == .ok)
        #expect(handler.handle(try T.request(.delete, "/projects/khu-moi")).status == .noContent)
        let gone = handler.handle(try T.request(.get, "/projects/khu-moi"))
        #expect(gone.status == .notFound)
        #expect(try T.problemLocations(gone) == ["id"])
    }

    @Test("deleting a referenced official is 409 naming the article")
    func deleteConflict() throws {
        let response = handler.handle(try T.request(.delete, "/officials/nguyen-minh-vu"))
        #expect(response.status == .conflict)
        #expect(try T.json(response)["detail"]?.stringValue?.contains("thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la") == true)
    }

    @Test("writes take no query parameters")
    func writeQuery() throws {
        let response = handler.handle(try T.request(.post, "/officials?dryRun=true", json: newOfficial))
        #expect(response.status == .badRequest)
        #expect(try T.problemLocations(response) == ["dryRun"])
    }

    @Test("CORS: preflight lists methods and headers by name; responses expose the list headers")
    func cors() throws {
        var preflightHeaders: HTTPHeaders = [:]
        preflightHeaders[.origin] = "https://dash.example"
        preflightHeaders[HTTPHeaderName("Access-Control-Request-Method")] = "PATCH"
        let preflight = handler.handle(try T.request(.options, "/articles/x", authorized: false, headers: preflightHeaders))
        #expect(preflight.status == .noContent)
        #expect(preflight.headers[HTTPHeaderName("Access-Control-Allow-Origin")] == "*")
        #expect(preflight.headers[HTTPHeaderName("Access-Control-Allow-Methods")]?.contains("PATCH") == true)
        #expect(preflight.headers[HTTPHeaderName("Access-Control-Allow-Headers")] == "Authorization, Content-Type, If-Match, If-None-Match")
        var simple: HTTPHeaders = [:]
        simple[.origin] = "https://dash.example"
        let get = handler.handle(try T.request(.get, "/articles", authorized: false, headers: simple))
        #expect(get.headers[HTTPHeaderName("Access-Control-Expose-Headers")] == "X-Total-Count, Link, ETag, Location")
        let restricted = T.handler(store, origins: ["https://ok.example"])
        let denied = restricted.handle(try T.request(.get, "/articles", authorized: false, headers: simple))
        #expect(denied.headers[HTTPHeaderName("Access-Control-Allow-Origin")] == nil)
        var allowed: HTTPHeaders = [:]
        allowed[.origin] = "https://ok.example"
        let ok = restricted.handle(try T.request(.get, "/articles", authorized: false, headers: allowed))
        #expect(ok.headers[HTTPHeaderName("Access-Control-Allow-Origin")] == "https://ok.example")
        #expect(ok.headers[.vary] == "Origin")
    }

    @Test("/stats summarises the store; / links everything; both refuse query parameters")
    func statsAndRoot() throws {
        let stats = try T.json(handler.handle(try T.request(.get, "/stats")))
        #expect(stats["counts"]?["officials"]?.numberValue == 4)
        #expect(stats["totalPlannedAreaHa"]?.numberValue == 19.32)
        #expect(stats["articlesByMonth"]?["2025-03"]?.numberValue == 1)
        #expect(stats["officialsByOrganization"]?["UBND tỉnh Sơn La"]?.numberValue == 3)
        #expect(stats["projectsByStatus"]?["seeking-investment"]?.numberValue == 4)
        let root = try T.json(handler.handle(try T.request(.get, "/")))
        #expect(root["links"]?["stats"]?.stringValue == "/stats")
        #expect(handler.handle(try T.request(.get, "/stats?x=1")).status == .badRequest)
    }
}
