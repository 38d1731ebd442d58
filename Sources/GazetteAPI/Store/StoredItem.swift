import Foundation

/// One item as the store serves it: its JSON encoded once, where each member's value lies in those
/// bytes, and the validators derived from them. A class, so that lists and pages hold one reference
/// each.
///
/// The bytes are the only copy of the item: no parsed tree is kept (it took about twice the bytes'
/// memory). A query reads one member by parsing just that member's bytes (`member(_:)`); the
/// whole value is parsed only where a write or a projection needs it (`value`).
public final class StoredItem: Sendable {
    public let id: String
    /// The item encoded once when it changed, server-managed and derived fields included, members
    /// in schema order; list and item responses reuse these bytes.
    public let json: [UInt8]
    /// The schema's field names (shared by every item of the kind), in the order of `ranges`.
    private let names: [String]
    /// For the field at position `i` of `names`: its value's bytes are `json[ranges[2i]..<ranges[2i+1]]`;
    /// an empty range when the item has no such member.
    private let ranges: [UInt32]
    /// Strong ETag of `json`, quoted: `"9f86d081884c7d65"`.
    public let etag: String
    /// The hash `etag` shows, for list ETags.
    let contentHash: UInt64
    /// When the representation last changed (its own write or a change to a derived field).
    public let modifiedAt: Date
    /// `modifiedAt` as an HTTP date, formatted once.
    public let lastModified: String

    /// `value`'s members must be fields named in `fieldNames`, in that order (as the store builds them).
    convenience init(id: String, value: JSONObject, fieldNames: [String], modifiedAt: Date) {
        var encoded: [UInt8] = []
        var ranges = [UInt32](repeating: 0, count: fieldNames.count * 2)
        encoded.append(UInt8(ascii: "{"))
        var field = 0
        for (position, key) in value.keys.enumerated() {
            while field < fieldNames.count && fieldNames[field] != key { field += 1 }
            precondition(field < fieldNames.count, "member \(key) is not a schema field in schema order")
            if position > 0 { encoded.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(key, into: &encoded)
            encoded.append(UInt8(ascii: ":"))
            ranges[2 * field] = UInt32(encoded.count)
            JSONWriter.write(value.values[position], into: &encoded)
            ranges[2 * field + 1] = UInt32(encoded.count)
        }
        encoded.append(UInt8(ascii: "}"))
        self.init(id: id, json: encoded, ranges: ranges, fieldNames: fieldNames, modifiedAt: modifiedAt)
    }

    /// An item already encoded: `json` as `StoredItem(id:value:fieldNames:modifiedAt:)` would
    /// write it, `ranges` where each field's value lies in it (see `ranges`).
    init(id: String, json encoded: [UInt8], ranges: [UInt32], fieldNames: [String], modifiedAt: Date) {
        self.id = id
        // Kept for the item's lifetime: copied to exact size when the buffer grew by doubling; one
        // reserved to its size (as `replacing` does) is kept as it is.
        if encoded.capacity - encoded.count <= encoded.count / 32 {
            self.json = encoded
        } else {
            self.json = [UInt8](unsafeUninitializedCapacity: encoded.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: encoded)
            }
        }
        self.names = fieldNames
        self.ranges = ranges
        self.contentHash = ETag.hash(json)
        self.etag = ETag.format(contentHash)
        self.modifiedAt = modifiedAt
        self.lastModified = HTTPDate.format(modifiedAt)
    }

    /// This item with member `name`'s value replaced by `value` (JSON as `JSONWriter` writes it),
    /// changed at `modifiedAt`; the rest of the bytes are kept. `nil` when the member is absent.
    func replacing(_ name: String, with value: [UInt8], modifiedAt: Date) -> StoredItem? {
        replacing(name, valueCount: value.count, modifiedAt: modifiedAt) { $0 += value }
    }

    /// `replacing(_:with:modifiedAt:)` with the new value written by `writeValue`, which appends
    /// exactly `valueCount` bytes.
    func replacing(_ name: String, valueCount: Int, modifiedAt: Date, writeValue: (inout [UInt8]) -> Void) -> StoredItem? {
        guard let field = names.firstIndex(of: name), ranges[2 * field] < ranges[2 * field + 1] else { return nil }
        let start = Int(ranges[2 * field])
        let end = Int(ranges[2 * field + 1])
        var encoded: [UInt8] = []
        encoded.reserveCapacity(json.count - (end - start) + valueCount)
        encoded += json[..<start]
        writeValue(&encoded)
        precondition(encoded.count == start + valueCount, "the value written is not valueCount bytes")
        encoded += json[end...]
        // Members after this one moved by the change in length; absent ones stay empty.
        let shift = Int64(valueCount) - Int64(end - start)
        var moved = ranges
        for index in stride(from: 0, to: moved.count, by: 2) where moved[index] > UInt32(start) && moved[index] < moved[index + 1] {
            moved[index] = UInt32(Int64(moved[index]) + shift)
            moved[index + 1] = UInt32(Int64(moved[index + 1]) + shift)
        }
        moved[2 * field + 1] = UInt32(start + valueCount)
        return StoredItem(id: id, json: encoded, ranges: moved, fieldNames: names, modifiedAt: modifiedAt)
    }

    /// The item as served, parsed from `json`. Costs a parse of the whole item: queries read single
    /// members with `member(_:)`.
    public var value: JSONObject {
        json.withUnsafeBytes { bytes in Self.parse(bytes)?.objectValue } ?? JSONObject()
    }

    /// The value of the top-level member `name`, parsed from its bytes alone; `nil` when absent.
    public func member(_ name: String) -> JSONValue? {
        guard let field = names.firstIndex(of: name) else { return nil }
        let start = Int(ranges[2 * field])
        let end = Int(ranges[2 * field + 1])
        guard start < end else { return nil }
        return json.withUnsafeBytes { bytes in Self.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
    }

    /// Calls `body` with the stored JSON of member `name`, in place; `nil` when it is absent.
    func withMemberBytes<Result>(_ name: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
        guard let field = names.firstIndex(of: name) else { return nil }
        let start = Int(ranges[2 * field])
        let end = Int(ranges[2 * field + 1])
        guard start < end else { return nil }
        return json.withUnsafeBytes { bytes in body(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
    }

    /// The bytes were written by `JSONWriter`, so they parse; `nil` is unreachable but not fatal.
    private static func parse(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
        try? JSONParser.parse(bytes)
    }

    /// The writable part of the item: what a client may send back with PUT.
    func writableValue(schema: ResourceSchema) -> JSONObject {
        var copy = value
        for field in schema.fields where !field.isWritable { _ = copy.removeValue(forKey: field.name) }
        return copy
    }
}
