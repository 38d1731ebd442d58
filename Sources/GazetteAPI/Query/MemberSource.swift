/// What a `FieldPath` reads top-level members from: a parsed object, or a stored item, which
/// parses only the member asked for.
protocol MemberSource {
    /// The value of the top-level member `name`, or `nil` when there is none.
    func member(_ name: String) -> JSONValue?
}

extension JSONObject: MemberSource {
    func member(_ name: String) -> JSONValue? { self[name] }
}

extension StoredItem: MemberSource {}
