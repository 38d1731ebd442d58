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
}
