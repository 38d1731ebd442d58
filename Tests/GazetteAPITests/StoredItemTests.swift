import Foundation
@testable import GazetteAPI
import Testing

@Suite("StoredItem")
struct StoredItemTests {
    private static let names = ["id", "title", "body", "source", "tags", "rank", "draft", "note"]

    private static func item(_ value: JSONObject) -> StoredItem {
        StoredItem(id: "a", value: value, fieldNames: names, modifiedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("the bytes are the object's compact JSON; each member reads back alone; absent members are nil")
    func membersFromBytes() throws {
        let value: JSONObject = [
            "id": "a",
            "title": "Cửa khẩu \"Chiềng Khương\"\n",
            "body": ["đoạn một", "đoạn hai"],
            "source": ["name": "Báo Sơn La", "url": "https://baosonla.vn/"],
            "rank": 19.32,
            "note": nil,
        ]
        let stored = Self.item(value)
        #expect(stored.json == JSONWriter.encode(.object(value)))
        for key in value.keys {
            #expect(stored.member(key) == value[key], "member \(key)")
        }
        #expect(stored.member("tags") == nil)
        #expect(stored.member("draft") == nil)
        #expect(stored.member("unknown") == nil)
        #expect(stored.value == value)
        #expect(stored.value.keys == value.keys)
    }

    @Test("an empty object and a one-member object")
    func smallObjects() {
        let empty = Self.item(JSONObject())
        #expect(String(decoding: empty.json, as: UTF8.self) == "{}")
        #expect(empty.member("id") == nil)
        #expect(empty.value.isEmpty)
        let one = Self.item(["draft": true])
        #expect(String(decoding: one.json, as: UTF8.self) == #"{"draft":true}"#)
        #expect(one.member("draft") == .bool(true))
        #expect(one.member("id") == nil)
    }

    @Test("a FieldPath reads the same values from the stored item as from the object")
    func fieldPathsAgree() throws {
        let article = try #require(APITestSupport.store().snapshot().items(.articles).first)
        let object = article.value
        for path in ArticleSchema.schema.leafPaths {
            let resolved = try #require(FieldPath.resolve(path, in: ArticleSchema.schema))
            #expect(resolved.values(in: article) == resolved.values(in: object), "path \(path)")
        }
    }

    // MARK: replacing

    private static let officialFields = OfficialSchema.schema.fieldNames

    /// An official with members in schema order, `province` absent, and the given article ids.
    private static func official(articleIds: [String], name: String = "Đặng Ngọc Hậu",
                                 updatedAt: String = "2025-03-21T08:00:00Z") -> JSONObject {
        [
            "id": "dang-ngoc-hau",
            "name": .string(name),
            "positions": [["title": "Thứ trưởng Thường trực", "organization": "Bộ Ngoại giao"]],
            "level": "central",
            "articleIds": .array(articleIds.map(JSONValue.string)),
            "createdAt": "2025-03-20T01:02:03Z",
            "updatedAt": .string(updatedAt),
        ]
    }

    private static func officialItem(_ value: JSONObject, at seconds: Double) -> StoredItem {
        StoredItem(id: "dang-ngoc-hau", value: value, fieldNames: officialFields, modifiedAt: Date(timeIntervalSince1970: seconds))
    }

    /// Differences between `item` and `expected`, built from scratch, as anything outside can see them.
    private static func differences(_ item: StoredItem, _ expected: StoredItem) -> [String] {
        var found: [String] = []
        if item.json != expected.json {
            found.append("json \(String(decoding: item.json, as: UTF8.self)) != \(String(decoding: expected.json, as: UTF8.self))")
        }
        if item.etag != expected.etag { found.append("etag") }
        if item.contentHash != expected.contentHash { found.append("contentHash") }
        if item.id != expected.id { found.append("id") }
        if item.modifiedAt != expected.modifiedAt { found.append("modifiedAt") }
        if item.lastModified != expected.lastModified { found.append("lastModified") }
        if item.value != expected.value { found.append("value") }
        for name in officialFields + ["unknown"] {
            if item.member(name) != expected.member(name) {
                found.append("member \(name): \(String(describing: item.member(name))), expected \(String(describing: expected.member(name)))")
            }
            let bytes = item.withMemberBytes(name) { Array($0) }
            if bytes != expected.withMemberBytes(name, { Array($0) }) { found.append("bytes of \(name)") }
        }
        return found
    }

    @Test("replacing a member with a longer, shorter or empty value equals building the item anew", arguments: [
        ["a-1", "a-2", "a-3", "bai-viet-moi-ve-cua-khau-chieng-khuong", "a-5"],
        ["a-1"],
        [],
        ["a-1", "a-2"],
    ])
    func replacingArticleIDs(newIDs: [String]) throws {
        let original = Self.officialItem(Self.official(articleIds: ["a-1", "a-2"]), at: 0)
        let replacement = JSONWriter.encode(.array(newIDs.map(JSONValue.string)))
        let replaced = try #require(original.replacing("articleIds", with: replacement, modifiedAt: Date(timeIntervalSince1970: 60)))
        let expected = Self.officialItem(Self.official(articleIds: newIDs), at: 60)
        #expect(Self.differences(replaced, expected) == [])
        // The original is unchanged.
        #expect(Self.differences(original, Self.officialItem(Self.official(articleIds: ["a-1", "a-2"]), at: 0)) == [])
    }

    @Test("successive replacements of the first, middle and last members keep every member where it is")
    func replacingInTurn() throws {
        var item = Self.officialItem(Self.official(articleIds: ["a-1"]), at: 0)
        var value = Self.official(articleIds: ["a-1"])
        let changes: [(String, JSONValue)] = [
            ("articleIds", ["a-1", "a-2", "a-3"]),
            ("updatedAt", "2026-11-29T11:35:19Z"),
            ("name", "Nguyễn Đình Việt"),
            ("id", "x"),
            ("positions", []),
            ("articleIds", []),
            ("name", "Bà Rịa–Vũng Tàu \"quote\"\n"),
            ("updatedAt", "2027-01-01T00:00:00Z"),
            ("id", "a-much-longer-identifier-than-before"),
        ]
        for (step, (name, newValue)) in changes.enumerated() {
            item = try #require(item.replacing(name, with: JSONWriter.encode(newValue), modifiedAt: Date(timeIntervalSince1970: Double(step))))
            value[name] = newValue
            let expected = Self.officialItem(value, at: Double(step))
            #expect(Self.differences(item, expected) == [], "after replacing \(name)")
        }
    }

    @Test("replacing a member the item lacks, or a name outside the schema, gives nil")
    func replacingAbsent() {
        let item = Self.officialItem(Self.official(articleIds: ["a-1"]), at: 0)
        #expect(item.replacing("province", with: JSONWriter.encode("Sơn La"), modifiedAt: Date(timeIntervalSince1970: 1)) == nil)
        #expect(item.replacing("unknown", with: JSONWriter.encode("x"), modifiedAt: Date(timeIntervalSince1970: 1)) == nil)
        let empty = StoredItem(id: "e", value: JSONObject(), fieldNames: Self.officialFields, modifiedAt: Date(timeIntervalSince1970: 0))
        #expect(empty.replacing("id", with: JSONWriter.encode("e"), modifiedAt: Date(timeIntervalSince1970: 1)) == nil)
    }
}
