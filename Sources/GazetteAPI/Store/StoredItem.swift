import Foundation

/// One item as the store serves it: its JSON value, the bytes of that value encoded once, and the
/// validators derived from those bytes. A class, so that lists and pages hold one reference each.
public final class StoredItem: Sendable {
    public let id: String
    /// The item as served, server-managed and derived fields included, members in schema order.
    public let value: JSONObject
    /// `value` encoded once when it changed; list and item responses reuse these bytes.
    public let json: [UInt8]
    /// Strong ETag of `json`, quoted: `"9f86d081884c7d65"`.
    public let etag: String
    /// The hash `etag` shows, for list ETags.
    let contentHash: UInt64
    /// When the representation last changed (its own write or a change to a derived field).
    public let modifiedAt: Date
    /// `modifiedAt` as an HTTP date, formatted once.
    public let lastModified: String

    init(id: String, value: JSONObject, modifiedAt: Date) {
        self.id = id
        self.value = value
        // Kept for the item's lifetime: copied to exact size (the writer's buffer grows by doubling).
        let encoded = JSONWriter.encode(.object(value))
        self.json = [UInt8](unsafeUninitializedCapacity: encoded.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: encoded)
        }
        self.contentHash = ETag.hash(json)
        self.etag = ETag.format(contentHash)
        self.modifiedAt = modifiedAt
        self.lastModified = HTTPDate.format(modifiedAt)
    }

    /// The writable part of the item: what a client may send back with PUT.
    func writableValue(schema: ResourceSchema) -> JSONObject {
        var copy = value
        for field in schema.fields where !field.isWritable { _ = copy.removeValue(forKey: field.name) }
        return copy
    }
}
