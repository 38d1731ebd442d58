/// A dot path into a resource (`title`, `source.name`, `positions.organization`), checked against
/// the schema once, then used to read values out of items.
struct FieldPath: Sendable {
    /// The member names along the path.
    let components: [String]
    /// The field at the end of the path.
    let spec: FieldSpec
    /// Whether the path can reach several values: it crosses an array or ends at one.
    let isMultiValued: Bool

    /// The path as written in a query (`positions.organization`).
    var name: String { components.joined(separator: ".") }

    /// The type of each value the path reaches (the element type for arrays).
    var valueType: FieldType { spec.type.scalar }

    /// Whether the path ends at an object (or an array of objects) rather than at a value.
    var endsAtObject: Bool {
        if case .object = valueType { return true }
        return false
    }

    /// Resolves `text` in `schema`; `nil` when some component is not a field there.
    static func resolve(_ text: some StringProtocol, in schema: ResourceSchema) -> FieldPath? {
        let components = String(text).split(separator: Character("."), omittingEmptySubsequences: false).map(String.init)
        guard !components.contains(where: \.isEmpty), let resolved = schema.resolve(path: components) else { return nil }
        var endsAtArray = false
        if case .array = resolved.field.type { endsAtArray = true }
        return FieldPath(components: components, spec: resolved.field, isMultiValued: resolved.crossesArray || endsAtArray)
    }

    /// Every non-null value the path reaches in `object`, arrays flattened (each element counts).
    func values(in object: some MemberSource) -> [JSONValue] {
        guard let first = object.member(components[0]) else { return [] }
        // The common case, one member holding a scalar, without building a recursion.
        if components.count == 1 {
            switch first {
            case .null: return []
            case .array: break
            default: return [first]
            }
        }
        var found: [JSONValue] = []
        collect(first, depth: 1, into: &found)
        return found
    }

    /// The value of a single-valued path, or `nil` when it is missing or null.
    func value(in object: some MemberSource) -> JSONValue? {
        values(in: object).first
    }

    private func collect(_ value: JSONValue, depth: Int, into found: inout [JSONValue]) {
        switch value {
        case .null:
            return
        case .array(let elements):
            for element in elements { collect(element, depth: depth, into: &found) }
        default:
            if depth == components.count {
                found.append(value)
            } else if case .object(let object) = value, let member = object[components[depth]] {
                collect(member, depth: depth + 1, into: &found)
            }
        }
    }
}

extension ResourceSchema {
    /// Every path that full-text search reads, with its weight: text fields (or arrays of text)
    /// whose `searchWeight` is above 0, nested ones included (`positions.title`, `images.caption`).
    var searchablePaths: [(path: FieldPath, weight: Int)] {
        var found: [(path: FieldPath, weight: Int)] = []
        func walk(_ fields: [FieldSpec], prefix: [String], crossesArray: Bool) {
            for field in fields {
                let components = prefix + [field.name]
                switch field.type.scalar {
                case .object(let members):
                    var isArray = false
                    if case .array = field.type { isArray = true }
                    walk(members, prefix: components, crossesArray: crossesArray || isArray)
                case .text where field.searchWeight > 0:
                    var isArray = false
                    if case .array = field.type { isArray = true }
                    found.append((FieldPath(components: components, spec: field, isMultiValued: crossesArray || isArray),
                                  field.searchWeight))
                default:
                    continue
                }
            }
        }
        walk(fields, prefix: [], crossesArray: false)
        return found
    }
}
