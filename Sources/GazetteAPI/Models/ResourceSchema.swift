/// The fields of one resource, in output order, and what the API needs to know about them.
public struct ResourceSchema: Sendable {
    public let kind: ResourceKind
    public let fields: [FieldSpec]
    /// The field shown as the item's label in `/search` (`title` or `name`).
    public let labelField: String
    /// The names of `fields`, in order: one array every stored item of the kind shares.
    let fieldNames: [String]
    /// The access of `fields`, in order: loops over every item read these, not `fields`, whose
    /// elements are copied (a dozen retains each) as a loop visits them.
    let fieldAccess: [FieldSpec.Access]
    /// The fields that name items of another kind, with that kind.
    let referenceFields: [(name: String, target: ResourceKind)]

    public init(kind: ResourceKind, labelField: String, fields: [FieldSpec]) {
        self.kind = kind
        self.labelField = labelField
        self.fields = fields
        self.fieldNames = fields.map(\.name)
        self.fieldAccess = fields.map(\.access)
        self.referenceFields = fields.compactMap { field in field.reference.map { (field.name, $0) } }
    }

    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// Resolves a dot path (`source.name`, `positions.organization`) through objects and arrays of
    /// objects. Returns the field at the end and whether the path crossed an array.
    public func resolve(path: [String]) -> (field: FieldSpec, crossesArray: Bool)? {
        var candidates = fields
        var crossesArray = false
        var found: FieldSpec?
        for (index, component) in path.enumerated() {
            guard let field = candidates.first(where: { $0.name == component }) else { return nil }
            found = field
            var type = field.type
            if case .array(let element) = type {
                type = element
                if index < path.count - 1 { crossesArray = true }
            }
            if index < path.count - 1 {
                guard case .object(let members) = type else { return nil }
                candidates = members
            }
        }
        return found.map { ($0, crossesArray) }
    }

    /// Every leaf path of the schema (`source.name`), for documentation and error messages.
    public var leafPaths: [String] {
        func walk(_ fields: [FieldSpec], prefix: String) -> [String] {
            fields.flatMap { field -> [String] in
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                switch field.type {
                case .object(let members), .array(.object(let members)): return walk(members, prefix: path)
                default: return [path]
                }
            }
        }
        return walk(fields, prefix: "")
    }
}
