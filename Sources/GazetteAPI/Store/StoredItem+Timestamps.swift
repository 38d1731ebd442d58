import Foundation

extension StoredItem {
    /// `createdAt` as stored (whole seconds, as served).
    var createdAt: Date? { value["createdAt"]?.stringValue.flatMap(Timestamp.parse) }

    /// `updatedAt` as stored (whole seconds, as served).
    var updatedAt: Date? { value["updatedAt"]?.stringValue.flatMap(Timestamp.parse) }
}
