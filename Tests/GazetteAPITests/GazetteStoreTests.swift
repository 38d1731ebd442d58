import Foundation
import GazetteAPI
import Testing

@Suite("GazetteStore writes")
struct GazetteStoreTests {
    let store: GazetteStore

    init() throws {
        store = try APITestSupport.store()
    }

    private func official(_ name: String, id: String? = nil) -> JSONValue {
        var object: JSONObject = [
            "name": .string(name), "level": "central",
            "positions": [["title": "Thứ trưởng", "organization": "Bộ Ngoại giao"]],
        ]
        if let id { object["id"] = .string(id) }
        return .object(object)
    }

    @Test("POST without an id makes the slug of the name, then -2, -3 on collision")
    func generatedIDs() throws {
        #expect(try store.create(.officials, body: official("Nguyễn Văn An")).id == "nguyen-van-an")
        #expect(try store.create(.officials, body: official("Nguyễn Văn An")).id == "nguyen-van-an-2")
        #expect(try store.create(.officials, body: official("NGUYỄN VĂN AN")).id == "nguyen-van-an-3")
        #expect(try store.create(.officials, body: official("Đặng Ngọc Hậu")).id == "dang-ngoc-hau-2")
    }

    @Test("a duplicate client id is 409")
    func duplicateID() throws {
        #expect(throws: APIError.conflict(
            detail: "official \"dang-ngoc-hau\" already exists.",
            errors: [ProblemDetails.FieldError(in: "body", pointer: "/id", detail: "already exists")])) {
            try store.create(.officials, body: official("X", id: "dang-ngoc-hau"))
        }
    }

    @Test("text is stored in NFC")
    func normalizesText() throws {
        let decomposed = "Đặng Ngọc Hậu".decomposedStringWithCanonicalMapping
        let item = try store.create(.officials, body: official(decomposed, id: "nfd-name"))
        #expect(item.value["name"]?.stringValue?.unicodeScalars.elementsEqual("Đặng Ngọc Hậu".unicodeScalars) == true)
    }

    @Test("references must exist; pointers name the bad element")
    func references() throws {
        let body: JSONValue = [
            "title": "Tin mới", "summary": "Tóm tắt", "body": ["Đoạn một"], "publishedOn": "2025-03-22",
            "officialIds": ["nguyen-minh-vu", "khong-co-ai"], "projectIds": ["xuat-khau-nong-san", "xuat-khau-nong-san"],
        ]
        do {
            _ = try store.create(.articles, body: body)
            Issue.record("expected a validation error")
        } catch {
            guard case .validationFailed(let errors) = error else { Issue.record("wrong error \(error)"); return }
            #expect(errors.map(\.pointer) == ["/officialIds/1", "/projectIds/1"])
        }
    }

    @Test("a new article naming an official changes the official's articleIds and ETag")
    func derivedArticleIDs() throws {
        let before = try #require(store.snapshot().item(.officials, id: "dang-ngoc-hau"))
        let article = try store.create(.articles, body: [
            "title": "Phó Chủ tịch làm việc", "summary": "Tóm tắt", "body": ["Đoạn"], "publishedOn": "2025-04-01",
            "officialIds": ["dang-ngoc-hau"],
        ])
        let after = try #require(store.snapshot().item(.officials, id: "dang-ngoc-hau"))
        #expect(after.etag != before.etag)
        #expect(after.value["articleIds"]?.arrayValue?.compactMap { $0.stringValue }
            == ["thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la", article.id])
        let untouched = try #require(store.snapshot().item(.officials, id: "nguyen-minh-vu"))
        #expect(untouched.etag == store.snapshot().item(.officials, id: "nguyen-minh-vu")?.etag)
        try store.delete(.articles, id: article.id, ifMatch: nil)
        #expect(store.snapshot().item(.officials, id: "dang-ngoc-hau")?.etag == before.etag)
    }

    @Test("articleIds keep article creation order when older articles are edited to name an official")
    func derivedOrderAfterEdits() throws {
        func article(_ title: String) throws -> String {
            try store.create(.articles, body: [
                "title": .string(title), "summary": "Tóm tắt", "body": ["Đoạn"], "publishedOn": "2025-04-01",
            ]).id
        }
        let first = try article("Bài một")
        let second = try article("Bài hai")
        let third = try article("Bài ba")
        let official = try store.create(.officials, body: official("Người Được Nêu")).id
        func listed() -> [String] { store.snapshot().articleIDs(referencing: .officials, id: official) }
        for id in [third, first, second] {
            _ = try store.patch(.articles, id: id, patch: ["officialIds": [.string(official)]], ifMatch: nil)
        }
        #expect(listed() == [first, second, third])
        #expect(store.snapshot().item(.officials, id: official)?.value["articleIds"]
            == .array([first, second, third].map { .string($0) }))
        _ = try store.patch(.articles, id: second, patch: ["officialIds": []], ifMatch: nil)
        #expect(listed() == [first, third])
        try store.delete(.articles, id: third, ifMatch: nil)
        #expect(listed() == [first])
        #expect(store.snapshot().related(.officials, id: official, target: .articles).map(\.id) == [first])
        // Deleted once nothing names it, then made again with the same id: a list of its own.
        _ = try store.patch(.articles, id: first, patch: ["officialIds": []], ifMatch: nil)
        try store.delete(.officials, id: official, ifMatch: nil)
        let again = try store.create(.officials, body: self.official("Người Được Nêu", id: official))
        #expect(again.value["articleIds"] == .array([]))
        #expect(listed().isEmpty)
    }

    @Test("deleting an official an article names is 409 and deletes nothing")
    func deleteReferenced() throws {
        #expect(throws: APIError.self) { try store.delete(.officials, id: "dang-ngoc-hau", ifMatch: nil) }
        #expect(store.snapshot().item(.officials, id: "dang-ngoc-hau") != nil)
        let lone = try store.create(.officials, body: official("Người Mới"))
        try store.delete(.officials, id: lone.id, ifMatch: lone.etag)
        #expect(store.snapshot().item(.officials, id: lone.id) == nil)
    }

    @Test("If-Match with a stale ETag is 412; with the current one the write goes through")
    func ifMatch() throws {
        let current = try #require(store.snapshot().item(.projects, id: "xuat-khau-nong-san"))
        let patched = try store.patch(.projects, id: current.id, patch: ["status": "approved"], ifMatch: current.etag)
        #expect(patched.value["status"]?.stringValue == "approved")
        #expect(throws: APIError.preconditionFailed(current: patched.etag)) {
            try store.patch(.projects, id: current.id, patch: ["status": "planning"], ifMatch: current.etag)
        }
        #expect(throws: APIError.preconditionFailed(current: "none")) {
            try store.replace(.projects, id: "chua-co", body: ["name": "Mới", "category": "other", "status": "proposed"], ifMatch: "*")
        }
    }

    @Test("PATCH is a JSON merge patch: null removes, objects merge, server fields in input are ignored")
    func mergePatch() throws {
        let item = try store.patch(.articles, id: "thu-truong-thuong-truc-bo-ngoai-giao-lam-viec-voi-ubnd-tinh-son-la",
                                   patch: ["notes": nil, "source": ["name": "Báo Sơn La"], "createdAt": "1999-01-01T00:00:00Z"],
                                   ifMatch: nil)
        #expect(item.value["notes"] == nil)
        #expect(item.value["source"]?["name"]?.stringValue == "Báo Sơn La")
        #expect(item.value["source"]?["url"]?.stringValue?.hasPrefix("https://baosonla.org.vn/") == true)
        #expect(item.value["createdAt"]?.stringValue == "2025-03-21T00:00:00Z")
    }

    @Test("PUT creates with the client's id, then replaces; a GET body can be PUT back unchanged")
    func put() throws {
        let body: JSONValue = ["name": "Khu mới", "category": "infrastructure", "status": "proposed"]
        let (created, wasCreated) = try store.replace(.projects, id: "khu-moi", body: body, ifMatch: nil)
        #expect(wasCreated)
        let (replaced, wasCreatedAgain) = try store.replace(.projects, id: "khu-moi", body: .object(created.value), ifMatch: created.etag)
        #expect(!wasCreatedAgain)
        #expect(replaced.json == created.json)
    }

    @Test("validation reports every problem with its JSON pointer")
    func validation() throws {
        do {
            _ = try store.create(.projects, body: [
                "name": "", "category": "mine", "status": "planning", "areaHa": -1, "startYear": 1.5,
                "phases": [["name": "A", "startYear": "2026"]], "extra": true,
            ])
            Issue.record("expected 422")
        } catch {
            guard case .validationFailed(let errors) = error else { Issue.record("wrong error \(error)"); return }
            #expect(Set(errors.compactMap(\.pointer)) == [
                "/extra", "/name", "/category", "/areaHa", "/startYear", "/phases/0/startYear", "/phases/0/endYear",
            ])
        }
    }

    @Test("a dataset with a problem is refused, naming the file, the pointer and the problem")
    func datasetErrors() throws {
        let bad = Array(#"{"officials":[{"name":"A","level":"central","positions":[]}],"articles":[{"title":"T","summary":"S","body":["B"],"publishedOn":"2025-02-30"}]}"#.utf8)
        do {
            _ = try GazetteStore(dataset: bad, source: "bad.json")
            Issue.record("expected a dataset error")
        } catch let error as DatasetError {
            #expect(error.source == "bad.json")
            #expect(error.pointer == "/articles/0/publishedOn")
            #expect(error.description.contains("not a date"))
        }
        let notJSON = Array("{".utf8)
        #expect(throws: DatasetError.self) { try GazetteStore(dataset: notJSON, source: "x") }
        let unknownReference = Array(#"{"articles":[{"title":"T","summary":"S","body":["B"],"publishedOn":"2025-02-03","officialIds":["nobody"]}]}"#.utf8)
        do {
            _ = try GazetteStore(dataset: unknownReference, source: "r.json")
            Issue.record("expected a dataset error")
        } catch let error as DatasetError {
            #expect(error.pointer == "/articles/0/officialIds/0")
        }
    }
}
