/// One field of a resource: its name, type, and who may write it.
public struct FieldSpec: Sendable {
    public enum Access: Sendable {
        /// Clients send it.
        case writable
        /// The server sets it (`createdAt`, `updatedAt`); ignored in input.
        case serverManaged
        /// Computed from other resources (`articleIds`); ignored in input.
        case derived
    }

    public var name: String
    public var type: FieldType
    public var isRequired: Bool
    public var access: Access
    /// Weight in full-text ranking: 0 = not searched, 3 = title or name, 2 = summary-like, 1 = body text.
    public var searchWeight: Int
    /// For slug references (`officialIds`): the resource whose ids they must be.
    public var reference: ResourceKind?
    /// One sentence for the OpenAPI document.
    public var summary: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, access: Access = .writable,
                search: Int = 0, reference: ResourceKind? = nil, summary: String) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.access = access
        self.searchWeight = search
        self.reference = reference
        self.summary = summary
    }

    public var isWritable: Bool { access == .writable }
}
