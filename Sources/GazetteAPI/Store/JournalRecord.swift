import Foundation

/// One accepted write as the journal keeps it: its outcome, not the request, so that replay puts
/// back the same item with the same timestamps, and therefore the same bytes and ETag.
enum JournalRecord: Sendable, Equatable {
    /// An item created or replaced: its validated writable fields (`id` included) and both timestamps.
    case put(ResourceKind, id: String, writable: JSONObject, createdAt: Date, updatedAt: Date)
    /// An item deleted at `at`.
    case delete(ResourceKind, id: String, at: Date)

    /// Why a payload that passed its checksum is still not a record (a bug, or a newer format).
    struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    var kind: ResourceKind {
        switch self {
        case .put(let kind, _, _, _, _), .delete(let kind, _, _): kind
        }
    }

    var id: String {
        switch self {
        case .put(_, let id, _, _, _), .delete(_, let id, _): id
        }
    }

    /// The record as one compact JSON object, the payload of a journal frame:
    ///
    ///     {"op":"put","kind":"officials","id":"…","createdAt":764208000.25,"updatedAt":…,"value":{…}}
    ///     {"op":"delete","kind":"officials","id":"…","at":764208000.25}
    ///
    /// Times are seconds since Foundation's reference date (2001-01-01T00:00:00Z), the `Double` a
    /// `Date` holds: printed in Swift's shortest round-trip form, they parse back to the same `Date`
    /// bit for bit, which neither an RFC 3339 string nor seconds since 1970 would promise.
    var payload: [UInt8] {
        var object: JSONObject
        switch self {
        case .put(let kind, let id, let writable, let createdAt, let updatedAt):
            object = [
                "op": "put", "kind": .string(kind.rawValue), "id": .string(id),
                "createdAt": .number(createdAt.timeIntervalSinceReferenceDate),
                "updatedAt": .number(updatedAt.timeIntervalSinceReferenceDate),
                "value": .object(writable),
            ]
        case .delete(let kind, let id, let at):
            object = [
                "op": "delete", "kind": .string(kind.rawValue), "id": .string(id),
                "at": .number(at.timeIntervalSinceReferenceDate),
            ]
        }
        return JSONWriter.encode(.object(object))
    }

    /// Reads a payload written by `payload`.
    init(payload: [UInt8]) throws(Invalid) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload)
        } catch {
            throw Invalid(description: "not JSON: \(error.message) at byte \(error.offset)")
        }
        guard case .object(let object) = document else { throw Invalid(description: "not a JSON object") }
        guard let kindName = object["kind"]?.stringValue, let kind = ResourceKind(rawValue: kindName) else {
            throw Invalid(description: "no known \"kind\"")
        }
        guard let id = object["id"]?.stringValue, !id.isEmpty else { throw Invalid(description: "no \"id\"") }
        func date(_ name: String) throws(Invalid) -> Date {
            guard let seconds = object[name]?.numberValue, seconds.isFinite else {
                throw Invalid(description: "no number \"\(name)\"")
            }
            return Date(timeIntervalSinceReferenceDate: seconds)
        }
        switch object["op"]?.stringValue {
        case "put":
            guard let writable = object["value"]?.objectValue else { throw Invalid(description: "no object \"value\"") }
            guard writable["id"]?.stringValue == id else { throw Invalid(description: "\"value\" has another id") }
            self = .put(kind, id: id, writable: writable, createdAt: try date("createdAt"), updatedAt: try date("updatedAt"))
        case "delete":
            self = .delete(kind, id: id, at: try date("at"))
        default:
            throw Invalid(description: "unknown \"op\"")
        }
    }
}
