import Foundation

/// A dataset that cannot be served: which file, where in it (a JSON pointer), and what is wrong.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var pointer: String
    public var message: String

    public var description: String {
        "\(source): \(pointer.isEmpty ? "(document)" : pointer): \(message)"
    }
}

/// Reads the `--data` shape, `{"articles": [...], "officials": [...], "projects": [...]}`, validating
/// every item against its schema, the ids' uniqueness and every reference, before anything is served.
enum DatasetLoader {
    static func load(_ bytes: [UInt8], source: String, now: Date) throws(DatasetError) -> StoreSnapshot {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw DatasetError(source: source, pointer: "", message: "not valid JSON: \(error)")
        }
        guard case .object(let top) = document else {
            throw DatasetError(source: source, pointer: "", message: "must be an object with articles, officials and projects")
        }
        for key in top.keys where ResourceKind(rawValue: key) == nil {
            throw DatasetError(source: source, pointer: "/\(key)", message: "unknown member; expected articles, officials, projects")
        }
        var snapshot = StoreSnapshot()
        // Officials and projects first: articles refer to them.
        for kind in [ResourceKind.officials, .projects, .articles] {
            guard let list = top[kind.rawValue] else { continue }
            guard case .array(let items) = list else {
                throw DatasetError(source: source, pointer: "/\(kind.rawValue)", message: "must be an array")
            }
            for (index, raw) in items.enumerated() {
                let pointer = JSONPointer.root.appending(kind.rawValue).appending(index)
                var object: JSONObject
                do {
                    object = try SchemaValidator.validate(raw, schema: kind.schema, pointer: pointer)
                    let id = object["id"]?.stringValue
                        ?? snapshot.freeID(kind, label: object[kind.schema.labelField]?.stringValue ?? kind.singular)
                    if snapshot.item(kind, id: id) != nil {
                        throw DatasetError(source: source, pointer: pointer.appending("id").description, message: "duplicate id \"\(id)\"")
                    }
                    object["id"] = .string(id)
                    do {
                        try snapshot.checkReferences(kind, object)
                    } catch {
                        throw rebase(error, under: pointer, source: source)
                    }
                    let createdAt = raw["createdAt"]?.stringValue.flatMap(Timestamp.parse) ?? now
                    let updatedAt = raw["updatedAt"]?.stringValue.flatMap(Timestamp.parse) ?? createdAt
                    snapshot.put(kind, id: id, writable: object, createdAt: createdAt, updatedAt: updatedAt)
                } catch let error as DatasetError {
                    throw error
                } catch let error as APIError {
                    throw rebase(error, under: .root, source: source)
                } catch {
                    throw DatasetError(source: source, pointer: pointer.description, message: "\(error)")
                }
            }
        }
        return snapshot
    }

    /// The first validation error as a dataset error; its pointer already starts at the item, or is
    /// made to.
    private static func rebase(_ error: APIError, under pointer: JSONPointer, source: String) -> DatasetError {
        guard case .validationFailed(let errors) = error, let first = errors.first else {
            return DatasetError(source: source, pointer: pointer.description, message: "\(error)")
        }
        let inner = first.pointer ?? ""
        let full = inner.hasPrefix(pointer.description) ? inner : pointer.description + inner
        return DatasetError(source: source, pointer: full, message: first.detail)
    }
}
