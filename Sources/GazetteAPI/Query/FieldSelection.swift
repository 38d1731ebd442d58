/// The members `_fields` keeps (`id,title,source.name`): a tree of paths. `id` is always kept.
struct FieldSelection: Sendable, Equatable {
    private struct Node: Sendable, Equatable {
        /// The whole member is kept.
        var isWhole = false
        /// Otherwise, only these members of it (of each element, for an array of objects).
        var children: [String: Node] = [:]

        mutating func insert(_ components: ArraySlice<String>) {
            guard let first = components.first else {
                isWhole = true
                children = [:]
                return
            }
            guard !isWhole else { return }
            children[first, default: Node()].insert(components.dropFirst())
        }
    }

    private var root = Node()

    /// A selection of `paths`, plus `id`.
    init(_ paths: [FieldPath]) {
        root.insert(["id"])
        for path in paths { root.insert(path.components[...]) }
    }

    /// `object` with only the selected members, in their original order.
    func apply(to object: JSONObject) -> JSONObject {
        Self.project(object, root)
    }

    private static func project(_ object: JSONObject, _ node: Node) -> JSONObject {
        var kept: [(String, JSONValue)] = []
        for (key, value) in object {
            guard let child = node.children[key] else { continue }
            kept.append((key, child.isWhole ? value : project(value, child)))
        }
        return JSONObject(kept)
    }

    private static func project(_ value: JSONValue, _ node: Node) -> JSONValue {
        switch value {
        case .object(let object): .object(project(object, node))
        case .array(let elements): .array(elements.map { project($0, node) })
        default: value
        }
    }
}
