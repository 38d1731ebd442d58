import Foundation

extension StoredItem {
    /// `createdAt` as stored (whole seconds, as served).
    var createdAt: Date? { member("createdAt")?.stringValue.flatMap(Timestamp.parse) }

    /// `updatedAt` as stored (whole seconds, as served).
    var updatedAt: Date? { member("updatedAt")?.stringValue.flatMap(Timestamp.parse) }
}
