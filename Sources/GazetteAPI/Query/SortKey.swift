/// One key of `_sort`: a single-valued field, ascending or (with `-`) descending.
struct SortKey: Sendable {
    let path: FieldPath
    let isDescending: Bool

    /// A value prepared for comparison once per item, so sorting compares no raw strings.
    enum Value: Sendable {
        case missing
        case number(Double)
        case boolean(Bool)
        /// Text in Vietnamese alphabetical order.
        case collated(CollationKey)
        /// Slugs, URLs, enumerations, dates and timestamps: their code-point order is their order.
        case plain(String)
    }

    /// The comparable value of this key in `object`.
    func value(in object: some MemberSource) -> Value {
        guard let value = path.value(in: object) else { return .missing }
        switch (path.valueType, value) {
        case (.text, .string(let text)): return .collated(VietnameseCollation.key(text))
        case (_, .string(let text)): return .plain(text)
        case (_, .number(let number)): return .number(number)
        case (_, .bool(let flag)): return .boolean(flag)
        default: return .missing
        }
    }

    /// -1, 0 or 1 as `lhs` comes before, with or after `rhs` under this key: missing values come
    /// last in either direction.
    func compare(_ lhs: Value, _ rhs: Value) -> Int {
        let ascending: Int
        switch (lhs, rhs) {
        case (.missing, .missing): return 0
        case (.missing, _): return 1
        case (_, .missing): return -1
        case (.number(let a), .number(let b)): ascending = a < b ? -1 : a > b ? 1 : 0
        case (.boolean(let a), .boolean(let b)): ascending = a == b ? 0 : a ? 1 : -1
        case (.collated(let a), .collated(let b)): ascending = a < b ? -1 : b < a ? 1 : 0
        case (.plain(let a), .plain(let b)):
            ascending = a.utf8.elementsEqual(b.utf8) ? 0 : a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        default:
            // Values of different kinds (the schema forbids them): keep a fixed order.
            ascending = Self.rank(lhs) < Self.rank(rhs) ? -1 : Self.rank(lhs) > Self.rank(rhs) ? 1 : 0
        }
        return isDescending ? -ascending : ascending
    }

    private static func rank(_ value: Value) -> Int {
        switch value {
        case .number: 0
        case .boolean: 1
        case .collated: 2
        case .plain: 3
        case .missing: 4
        }
    }
}
