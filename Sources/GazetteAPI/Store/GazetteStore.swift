import Foundation
import Synchronization

/// The in-memory store of all three resources. Reads take an immutable `StoreSnapshot` (a
/// copy-on-write value, taken in O(1) under the lock) and work without any lock; every write goes
/// through one lock-holding path that validates, updates derived fields and re-encodes what changed.
public final class GazetteStore: Sendable {
    private let state: Mutex<StoreSnapshot>
    private let clock: @Sendable () -> Date

    /// An empty store; `clock` stamps `createdAt`/`updatedAt` (tests pass a fixed one).
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.state = Mutex(StoreSnapshot())
        self.clock = clock
    }

    /// A store holding `dataset`, validated as a whole; throws `DatasetError` naming the first problem.
    public convenience init(dataset bytes: [UInt8], source: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.init(clock: clock)
        let snapshot = try DatasetLoader.load(bytes, source: source, now: clock())
        state.withLock { $0 = snapshot }
    }

    /// The current state, to read without holding any lock.
    public func snapshot() -> StoreSnapshot {
        state.withLock { $0 }
    }

    // MARK: Writes

    /// Creates an item. Without an `id` the server makes one from the label (`-2`, `-3` on collision).
    public func create(_ kind: ResourceKind, body: JSONValue) throws(APIError) -> StoredItem {
        let schema = kind.schema
        var object = try SchemaValidator.validate(body, schema: schema)
        let now = clock()
        return try state.withLock { snapshot throws(APIError) -> StoredItem in
            let id: String
            if let given = object["id"]?.stringValue {
                if snapshot.item(kind, id: given) != nil {
                    throw .conflict(detail: "\(kind.singular) \"\(given)\" already exists.",
                                    errors: [ProblemDetails.FieldError(in: "body", pointer: "/id", detail: "already exists")])
                }
                id = given
            } else {
                id = snapshot.freeID(kind, label: object[schema.labelField]?.stringValue ?? kind.singular)
            }
            object["id"] = .string(id)
            try snapshot.checkReferences(kind, object)
            return snapshot.put(kind, id: id, writable: object, createdAt: now, updatedAt: now)
        }
    }

    /// Replaces an item, or creates it with the client's id. Returns the item and whether it was created.
    public func replace(_ kind: ResourceKind, id: String, body: JSONValue, ifMatch: String?) throws(APIError) -> (item: StoredItem, created: Bool) {
        let schema = kind.schema
        var object = try SchemaValidator.validate(body, schema: schema)
        if let bodyID = object["id"]?.stringValue, bodyID != id {
            throw .validationFailed([ProblemDetails.FieldError(
                in: "body", pointer: "/id", detail: "\"\(bodyID)\" differs from the id in the path, \"\(id)\"")])
        }
        guard Slug.isValid(id) else {
            throw .validationFailed([ProblemDetails.FieldError(in: "path", name: "id", detail: "\"\(id)\" is not a slug")])
        }
        object["id"] = .string(id)
        let now = clock()
        return try state.withLock { snapshot throws(APIError) -> (item: StoredItem, created: Bool) in
            let current = snapshot.item(kind, id: id)
            try Self.check(ifMatch: ifMatch, current: current)
            try snapshot.checkReferences(kind, object)
            let createdAt = current.flatMap { $0.value["createdAt"]?.stringValue.flatMap(Timestamp.parse) } ?? now
            let item = snapshot.put(kind, id: id, writable: object, createdAt: createdAt, updatedAt: now)
            return (item, current == nil)
        }
    }

    /// Applies a JSON Merge Patch (RFC 7396) to an item's writable fields.
    public func patch(_ kind: ResourceKind, id: String, patch: JSONValue, ifMatch: String?) throws(APIError) -> StoredItem {
        let schema = kind.schema
        let now = clock()
        return try state.withLock { snapshot throws(APIError) -> StoredItem in
            guard let current = snapshot.item(kind, id: id) else { throw .notFound(resource: kind, id: id) }
            try Self.check(ifMatch: ifMatch, current: current)
            var patch = patch
            if case .object(var members) = patch {
                // Server-managed and derived fields may appear in an edited GET body: ignore them.
                for field in schema.fields where !field.isWritable { _ = members.removeValue(forKey: field.name) }
                patch = .object(members)
            }
            let merged = JSONMergePatch.apply(patch, to: .object(current.writableValue(schema: schema)))
            var object = try SchemaValidator.validate(merged, schema: schema)
            if let newID = object["id"]?.stringValue, newID != id {
                throw .validationFailed([ProblemDetails.FieldError(
                    in: "body", pointer: "/id", detail: "an item's id cannot change (\"\(id)\" to \"\(newID)\")")])
            }
            object["id"] = .string(id)
            try snapshot.checkReferences(kind, object)
            let createdAt = current.value["createdAt"]?.stringValue.flatMap(Timestamp.parse) ?? now
            return snapshot.put(kind, id: id, writable: object, createdAt: createdAt, updatedAt: now)
        }
    }

    /// Deletes an item. An official or project that an article still names is refused (409).
    public func delete(_ kind: ResourceKind, id: String, ifMatch: String?) throws(APIError) {
        try state.withLock { snapshot throws(APIError) in
            guard let current = snapshot.item(kind, id: id) else { throw .notFound(resource: kind, id: id) }
            try Self.check(ifMatch: ifMatch, current: current)
            let referrers = snapshot.articleIDs(referencing: kind, id: id)
            if !referrers.isEmpty {
                throw .conflict(
                    detail: "\(kind.singular) \"\(id)\" is still named by \(referrers.count == 1 ? "article" : "articles") "
                        + referrers.map { "\"\($0)\"" }.joined(separator: ", ") + "; remove it from them first.",
                    errors: referrers.map { ProblemDetails.FieldError(in: "path", name: "id", detail: "referenced by article \($0)") })
            }
            snapshot.remove(kind, id: id, now: clock())
        }
    }

    private static func check(ifMatch: String?, current: StoredItem?) throws(APIError) {
        guard let ifMatch else { return }
        guard let current else {
            // RFC 9110 §13.1.1: If-Match fails when there is no current representation.
            throw .preconditionFailed(current: "none")
        }
        if !ETag.matches(ifMatch, etag: current.etag, weak: false) { throw .preconditionFailed(current: current.etag) }
    }
}
