import Foundation
@testable import GazetteAPI
import GazetteHTTP
import Testing

@Suite("Admin routes: snapshot, export and import through the router")
struct AdminRoutesTests {
    typealias T = APITestSupport
    typealias F = DurableFixture

    /// The admin and resource routes as `APIRouter.make` registers them.
    static func handler(_ store: GazetteStore, readOnly: Bool = false) -> any HTTPHandler {
        let guardian = WriteGuard(configuration: APIConfiguration(token: T.token, isReadOnly: readOnly))
        var routes = AdminRoutes(store: store, guardian: guardian).routes
        for kind in ResourceKind.allCases { routes += ResourceRoutes(kind: kind, store: store, guardian: guardian).routes }
        return Router(routes: routes, errorResponder: ErrorResponder.http)
    }

    static func export(_ handler: any HTTPHandler) throws -> [UInt8] {
        let response = handler.handle(try T.request(.get, "/admin/export"))
        #expect(response.status == .ok)
        return response.body
    }

    static func importing(_ handler: any HTTPHandler, _ query: String, _ json: String,
                          contentType: String = "application/json") throws -> HTTPResponse {
        handler.handle(try T.request(.post, "/admin/import" + query, json: json, contentType: contentType))
    }

    /// The ids of `kind` in an import report, as `created/updated/deleted` lists.
    static func changes(_ response: HTTPResponse, _ kind: ResourceKind) throws -> [String: [String]] {
        let body = try T.json(response)
        var result: [String: [String]] = [:]
        for list in ["created", "updated", "deleted"] {
            result[list] = body[kind.rawValue]?[list]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return result
    }

    static func expectProblem(_ response: HTTPResponse, _ status: HTTPStatus) {
        #expect(response.status == status)
        #expect(response.headers[.contentType] == "application/problem+json")
    }

    /// A dataset with a new official, a changed project and no articles.
    static let partial = """
        {"officials":[{"id":"le-van-tam","name":"Lê Văn Tám","level":"provincial","positions":[]}],
         "projects":[{"id":"xuat-khau-nong-san","name":"Xuất khẩu nông sản","category":"agriculture","status":"approved"}]}
        """

    // MARK: Access

    @Test("every admin route needs the token: 401 without it or with a wrong one",
          arguments: [(HTTPMethod.post, "/admin/snapshot"), (.get, "/admin/export"), (.post, "/admin/import?mode=merge")])
    func unauthorized(_ method: HTTPMethod, _ target: String) throws {
        let handler = Self.handler(try T.store())
        let missing = handler.handle(try T.request(method, target, json: method == .post ? "{}" : nil, authorized: false))
        Self.expectProblem(missing, .unauthorized)
        #expect(missing.headers[HTTPHeaderName("WWW-Authenticate")]?.hasPrefix("Bearer") == true)
        var headers: HTTPHeaders = [:]
        headers[.authorization] = "Bearer not-the-token"
        Self.expectProblem(handler.handle(try T.request(method, target, authorized: false, headers: headers)), .unauthorized)
    }

    @Test("read-only mode refuses snapshot and import with 403, and still exports to the token holder")
    func readOnly() throws {
        let store = try T.store()
        let handler = Self.handler(store, readOnly: true)
        Self.expectProblem(handler.handle(try T.request(.post, "/admin/snapshot")), .forbidden)
        Self.expectProblem(try Self.importing(handler, "?mode=merge", Self.partial), .forbidden)
        #expect(store.snapshot().item(.officials, id: "le-van-tam") == nil)
        #expect(handler.handle(try T.request(.get, "/admin/export")).status == .ok)
        Self.expectProblem(handler.handle(try T.request(.get, "/admin/export", authorized: false)), .unauthorized)
    }

    // MARK: Snapshot

    @Test("POST /admin/snapshot without a data directory is 409 saying how to get one")
    func snapshotInMemory() throws {
        let response = Self.handler(try T.store()).handle(try T.request(.post, "/admin/snapshot"))
        Self.expectProblem(response, .conflict)
        #expect(try T.json(response)["detail"]?.stringValue?.contains("--data-dir") == true)
    }

    @Test("POST /admin/snapshot compacts now and says what it wrote")
    func snapshot() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let handler = Self.handler(store)
            #expect(handler.handle(try T.request(.post, "/officials", json: #"{"name":"Lê Văn Tám","level":"central","positions":[]}"#)).status == .created)
            let response = handler.handle(try T.request(.post, "/admin/snapshot"))
            #expect(response.status == .ok)
            let body = try T.json(response)
            #expect(body["snapshot"]?.stringValue == "snapshot-0000000002.json")
            #expect(body["generation"]?.intValue == 2)
            #expect(body["records"]?.intValue == 1)
            let size = try #require(body["bytes"]?.intValue)
            #expect(try F.files(directory)["snapshot-0000000002.json"]?.count == size)
            #expect(store.journalSize?.records == 0)
            Self.expectProblem(handler.handle(try T.request(.post, "/admin/snapshot?now=1")), .badRequest)
        }
    }

    @Test("a write the data directory cannot take is 503 with the storage problem type, and changes nothing")
    func storageFailure() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let handler = Self.handler(store)
            try store.close()
            let response = handler.handle(try T.request(.post, "/officials", json: #"{"name":"Sau Khi Đóng","level":"central","positions":[]}"#))
            Self.expectProblem(response, .serviceUnavailable)
            #expect(try T.json(response)["type"] == "urn:gazette:problem:storage")
            #expect(store.snapshot().item(.officials, id: "sau-khi-dong") == nil)
            Self.expectProblem(handler.handle(try T.request(.post, "/admin/snapshot")), .serviceUnavailable)
            Self.expectProblem(try Self.importing(handler, "?mode=merge", Self.partial), .serviceUnavailable)
            #expect(handler.handle(try T.request(.get, "/officials/dang-ngoc-hau")).status == .ok, "reads go on")
        }
    }

    // MARK: Export

    @Test("GET /admin/export is the whole dataset in the --data shape, timestamps included")
    func export() throws {
        let store = try T.store()
        let handler = Self.handler(store)
        let response = handler.handle(try T.request(.get, "/admin/export"))
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(response.headers[.eTag] != nil)
        let body = try T.json(response)
        #expect(body.objectValue?.keys == ["officials", "projects", "articles"])
        for kind in ResourceKind.allCases {
            let items = try #require(body[kind.rawValue]?.arrayValue)
            #expect(items.compactMap { $0["id"]?.stringValue } == F.ids(store, kind))
            #expect(items.allSatisfy { $0["createdAt"]?.stringValue == "2025-03-21T00:00:00Z" && $0["updatedAt"] != nil })
        }
    }

    @Test("an export imported into an empty store rebuilds every item with the same ETag; importing it again changes nothing")
    func exportRoundTrip() throws {
        let source = try T.store()
        try F.writeEverything(source)
        let exported = try Self.export(Self.handler(source))

        let target = GazetteStore(clock: { Date(timeIntervalSince1970: 1_900_000_000) })
        let handler = Self.handler(target)
        let first = try Self.importing(handler, "?mode=replace", String(decoding: exported, as: UTF8.self))
        #expect(first.status == .ok)
        #expect(try Self.changes(first, .officials)["created"] == F.ids(source, .officials))
        #expect(F.state(target, lastModified: false) == F.state(source, lastModified: false))
        #expect(try Self.export(handler) == exported)

        for mode in ["replace", "merge"] {
            let again = try Self.importing(handler, "?mode=\(mode)", String(decoding: exported, as: UTF8.self))
            #expect(again.status == .ok)
            for kind in ResourceKind.allCases {
                #expect(try Self.changes(again, kind) == ["created": [], "updated": [], "deleted": []])
            }
        }
    }

    // MARK: Import

    @Test("dryRun reports what would change and changes nothing")
    func dryRun() throws {
        let store = try T.store()
        let handler = Self.handler(store)
        let before = try Self.export(handler)
        for query in ["?mode=merge&dryRun=true", "?dryRun=1&mode=merge"] {
            let response = try Self.importing(handler, query, Self.partial)
            #expect(response.status == .ok)
            let body = try T.json(response)
            #expect(body["dryRun"] == true)
            #expect(body["mode"] == "merge")
            #expect(try Self.changes(response, .officials) == ["created": ["le-van-tam"], "updated": [], "deleted": []])
            #expect(try Self.changes(response, .projects) == ["created": [], "updated": ["xuat-khau-nong-san"], "deleted": []])
        }
        #expect(try Self.export(handler) == before)
        #expect(store.snapshot().item(.officials, id: "le-van-tam") == nil)
    }

    @Test("merge creates and updates, deletes nothing; the ids it keeps keep their creation time")
    func merge() throws {
        let store = try T.store()
        let handler = Self.handler(store)
        let project = try #require(store.snapshot().item(.projects, id: "xuat-khau-nong-san"))
        let response = try Self.importing(handler, "?mode=merge", Self.partial)
        #expect(response.status == .ok)
        #expect(try T.json(response)["dryRun"] == false)
        #expect(try Self.changes(response, .officials) == ["created": ["le-van-tam"], "updated": [], "deleted": []])
        #expect(try Self.changes(response, .articles) == ["created": [], "updated": [], "deleted": []])
        let snapshot = store.snapshot()
        #expect(snapshot.count(.officials) == 5)
        #expect(snapshot.count(.articles) == 1)
        let updated = try #require(snapshot.item(.projects, id: "xuat-khau-nong-san"))
        #expect(updated.value["status"] == "approved")
        #expect(updated.value["createdAt"] == project.value["createdAt"])
        #expect(updated.value["articleIds"] == project.value["articleIds"], "still named by the article")
    }

    @Test("replace makes the dataset the whole store: what it lacks is deleted")
    func replace() throws {
        let store = try T.store()
        let handler = Self.handler(store)
        let response = try Self.importing(handler, "?mode=replace", Self.partial)
        #expect(response.status == .ok)
        #expect(try Self.changes(response, .officials) == [
            "created": ["le-van-tam"], "updated": [],
            "deleted": ["nguyen-minh-vu", "nguyen-dinh-viet", "dang-ngoc-hau", "nguyen-thanh-cong"],
        ])
        #expect(try Self.changes(response, .articles)["deleted"] == ["thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la"])
        #expect(try Self.changes(response, .projects)["updated"] == ["xuat-khau-nong-san"])
        #expect(try Self.changes(response, .projects)["deleted"]?.count == 5)
        #expect(F.ids(store, .officials) == ["le-van-tam"])
        #expect(F.ids(store, .articles) == [])
        #expect(store.snapshot().item(.projects, id: "xuat-khau-nong-san")?.value["articleIds"] == [])
    }

    @Test("an invalid dataset is 422 with every problem's pointer, and nothing changes")
    func invalidImport() throws {
        let store = try T.store()
        let handler = Self.handler(store)
        let before = try Self.export(handler)
        let bad = """
            {"officials":[{"id":"a","name":"A","level":"mayor","positions":[]},{"id":"a","name":"A2","level":"central","positions":[]}],
             "projects":[{"id":"p","name":"P","category":"other","status":"proposed","createdAt":"yesterday"}],
             "articles":[{"title":"T","summary":"S","body":["B"],"publishedOn":"2025-03-21","officialIds":["nobody"]}],
             "people":[]}
            """
        for mode in ["merge", "replace"] {
            let response = try Self.importing(handler, "?mode=\(mode)", bad)
            Self.expectProblem(response, .unprocessableContent)
            let locations = try T.problemLocations(response)
            #expect(locations == [
                "/people", "/officials/0/level", "/officials/1/id", "/projects/0/createdAt", "/articles/0/officialIds/0",
            ])
        }
        #expect(try Self.export(handler) == before)
    }

    @Test("the query is checked: mode is required, values and names are known", arguments: [
        ("", ["mode"]), ("?mode=upsert", ["mode"]), ("?mode=merge&dryRun=maybe", ["dryRun"]),
        ("?mode=merge&dryrun=true", ["dryrun"]),
    ])
    func badQuery(_ query: String, _ names: [String]) throws {
        let response = try Self.importing(Self.handler(try T.store()), query, Self.partial)
        Self.expectProblem(response, .badRequest)
        #expect(try T.problemLocations(response) == names)
    }

    @Test("the body must be JSON: 415 for another media type, 400 for broken JSON")
    func badBody() throws {
        let handler = Self.handler(try T.store())
        Self.expectProblem(try Self.importing(handler, "?mode=merge", Self.partial, contentType: "text/plain"), .unsupportedMediaType)
        Self.expectProblem(try Self.importing(handler, "?mode=merge", #"{"officials":["#), .badRequest)
    }

    @Test("a real import with a data directory is durable: it is a new snapshot, and a restart serves it")
    func durableImport() throws {
        try F.withDirectory { directory in
            let store = try F.open(directory)
            let handler = Self.handler(store)
            _ = try store.create(.officials, body: F.official("Trước Nhập"))
            let response = try Self.importing(handler, "?mode=merge", Self.partial)
            #expect(response.status == .ok)
            #expect(store.journalSize == JournalSize(records: 0, bytes: 0))
            #expect(try F.files(directory).keys.contains("snapshot-0000000002.json"))
            let live = F.state(store, lastModified: false)
            // A dry run and an import that changes nothing write no snapshot.
            _ = try Self.importing(handler, "?mode=merge&dryRun=true", Self.partial)
            _ = try Self.importing(handler, "?mode=merge", Self.partial)
            #expect(try F.files(directory).keys.contains("snapshot-0000000002.json"))
            try store.close()
            let reopened = try F.open(directory)
            #expect(F.state(reopened, lastModified: false) == live)
            #expect(reopened.snapshot().item(.officials, id: "le-van-tam") != nil)
            #expect(reopened.snapshot().item(.officials, id: "truoc-nhap") != nil)
        }
    }
}
