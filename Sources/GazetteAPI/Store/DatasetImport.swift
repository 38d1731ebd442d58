import Foundation

/// How `POST /admin/import` combines a dataset with the store.
public enum ImportMode: String, Sendable, CaseIterable {
    /// The dataset becomes the whole store: items it lacks are deleted.
    case replace
    /// The dataset's items are created, or replace the items with their ids; nothing is deleted.
    case merge
}

/// What an import changes, or would change: per resource, the ids of the items created, updated
/// (their representation, and so their ETag, changes) and deleted.
public struct ImportChanges: Sendable, Equatable {
    public struct Changes: Sendable, Equatable {
        public var created: [String] = []
        public var updated: [String] = []
        public var deleted: [String] = []

        public var isEmpty: Bool { created.isEmpty && updated.isEmpty && deleted.isEmpty }
    }

    public var byKind: [ResourceKind: Changes] = [:]

    public subscript(kind: ResourceKind) -> Changes { byKind[kind] ?? Changes() }

    public var isEmpty: Bool { byKind.values.allSatisfy(\.isEmpty) }

    /// `{"articles":{"created":[…],"updated":[…],"deleted":[…]},"officials":{…},"projects":{…}}`.
    var json: JSONObject {
        JSONObject(ResourceKind.allCases.map { kind in
            let changes = self[kind]
            let lists: JSONObject = [
                "created": .array(changes.created.map { .string($0) }),
                "updated": .array(changes.updated.map { .string($0) }),
                "deleted": .array(changes.deleted.map { .string($0) }),
            ]
            return (kind.rawValue, .object(lists))
        })
    }
}

/// Plans an import: the whole dataset is validated (schemas, ids, references against the store it
/// would make) before anything changes, and every problem is reported at once.
enum DatasetImport {
    /// Problems reported at most; a larger list would only repeat itself.
    static let errorLimit = 100

    /// The store that importing `document` into `current` makes, and what differs from `current`.
    static func plan(_ document: JSONValue, mode: ImportMode, into current: StoreSnapshot,
                     now: Date) throws(APIError) -> (result: StoreSnapshot, changes: ImportChanges) {
        let base = mode == .replace ? StoreSnapshot() : current
        let (result, errors) = DatasetLoader.build(document, onto: base, previous: current, now: now, errorLimit: errorLimit)
        if !errors.isEmpty { throw .validationFailed(errors) }
        var changes = ImportChanges()
        for kind in ResourceKind.allCases {
            var kindChanges = ImportChanges.Changes()
            for item in result.items(kind) {
                if let before = current.item(kind, id: item.id) {
                    if before.etag != item.etag { kindChanges.updated.append(item.id) }
                } else {
                    kindChanges.created.append(item.id)
                }
            }
            kindChanges.deleted = current.items(kind).map(\.id).filter { result.item(kind, id: $0) == nil }
            changes.byKind[kind] = kindChanges
        }
        return (result, changes)
    }
}
