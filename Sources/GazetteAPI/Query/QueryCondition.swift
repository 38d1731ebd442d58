/// One filter of a list query: a field, an operator and typed values (`areaHa:gte=10`).
///
/// On a path that reaches several values (an array, or a path through an array of objects), the
/// condition holds when any value matches; `ne` and `nin` hold when no value matches (so also when
/// the field is missing), and `exists=true` when there is at least one non-null value.
struct QueryCondition: Sendable {
    let path: FieldPath
    let op: QueryOperator
    /// One value, or the list of `in`/`nin` (never empty).
    let operands: [QueryOperand]
    /// The query parameter as written (`status`, `areaHa:gte`), for error messages.
    let parameter: String

    /// Whether `object` satisfies the condition.
    func matches(_ object: some MemberSource) -> Bool {
        let values = path.values(in: object)
        switch op {
        case .exists:
            return values.isEmpty != (operands.first == .boolean(true))
        case .eq, .in:
            return values.contains { value in operands.contains { Self.equals(value, $0) } }
        case .ne, .nin:
            return !values.contains { value in operands.contains { Self.equals(value, $0) } }
        case .lt, .lte, .gt, .gte:
            guard let operand = operands.first else { return false }
            return values.contains { value in
                guard let order = Self.compare(value, operand) else { return false }
                switch op {
                case .lt: return order < 0
                case .lte: return order <= 0
                case .gt: return order > 0
                default: return order >= 0
                }
            }
        case .contains, .startsWith, .endsWith, .eqi:
            guard case .folded(let needle)? = operands.first else { return false }
            return values.contains { value in
                guard let text = value.stringValue else { return false }
                let folded = TextFolding.fold(text)
                switch op {
                case .contains: return Self.utf8(folded, contains: needle)
                case .startsWith: return folded.utf8.starts(with: needle.utf8)
                case .endsWith: return folded.utf8.reversed().starts(with: needle.utf8.reversed())
                default: return folded == needle
                }
            }
        }
    }

    /// Substring search on UTF-8 bytes: both sides are folded NFC, so bytes match where text does.
    static func utf8(_ haystack: String, contains needle: String) -> Bool {
        let hay = Array(haystack.utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        guard hay.count >= pattern.count else { return false }
        var start = 0
        let last = hay.count - pattern.count
        while start <= last {
            if hay[start] == first, hay[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            start += 1
        }
        return false
    }

    private static func equals(_ value: JSONValue, _ operand: QueryOperand) -> Bool {
        switch operand {
        case .string(let text), .instant(let text): value.stringValue == text
        case .number(let number): value.numberValue == number
        case .boolean(let flag): value.boolValue == flag
        case .folded(let text): value.stringValue.map(TextFolding.fold) == text
        }
    }

    /// -1, 0 or 1 as `value` sorts before, with or after `operand`; `nil` when they do not compare.
    private static func compare(_ value: JSONValue, _ operand: QueryOperand) -> Int? {
        switch operand {
        case .number(let number):
            guard let stored = value.numberValue else { return nil }
            return stored < number ? -1 : stored > number ? 1 : 0
        case .instant(let text):
            // ISO dates and normalized timestamps sort as text in time order.
            guard let stored = value.stringValue else { return nil }
            if stored.utf8.elementsEqual(text.utf8) { return 0 }
            return stored.utf8.lexicographicallyPrecedes(text.utf8) ? -1 : 1
        default:
            return nil
        }
    }
}
