/// `_group_by` and `_agg`: counts and aggregates per group instead of items.
///
/// Groups are ordered by count, largest first, then by their keys (text in Vietnamese order,
/// numbers and dates in their natural order, items without a value last). Without `_group_by`
/// there is one group, of every matching item.
struct Grouping: Sendable {
    /// One `_group_by` key: a single-valued field, dates optionally bucketed.
    struct Key: Sendable {
        enum Bucket: String, Sendable, CaseIterable {
            /// `2025-03`.
            case month
            /// `2025`.
            case year

            var prefixLength: Int { self == .month ? 7 : 4 }
        }

        let path: FieldPath
        let bucket: Bucket?

        /// The group member this key fills: the path as written, without the bucket.
        var name: String { path.name }

        func value(in object: some MemberSource) -> JSONValue {
            guard let value = path.value(in: object) else { return .null }
            if let bucket, let text = value.stringValue {
                return .string(String(text.prefix(bucket.prefixLength)))
            }
            return value
        }
    }

    /// One `_agg` entry: `sum:areaHa`.
    struct Aggregate: Sendable {
        enum Operation: String, Sendable, CaseIterable {
            case sum, avg, min, max

            /// Whether the operation is arithmetic (numbers only); `min` and `max` also order dates.
            var isArithmetic: Bool { self == .sum || self == .avg }
        }

        let operation: Operation
        let path: FieldPath
    }

    let keys: [Key]
    let aggregates: [Aggregate]

    /// The groups of `items` (already filtered), as the response's JSON array.
    func run(_ items: [StoredItem]) -> [JSONValue] {
        var order: [[JSONValue]] = []
        var counts: [[JSONValue]: Int] = [:]
        // Members are kept only for aggregates: counting alone needs no copy of every item.
        var members: [[JSONValue]: [StoredItem]] = [:]
        for item in items {
            let key = keys.map { $0.value(in: item) }
            counts[key, default: 0] += 1
            if counts[key] == 1 { order.append(key) }
            if !aggregates.isEmpty { members[key, default: []].append(item) }
        }
        if keys.isEmpty && order.isEmpty {
            // No `_group_by`: one group even when nothing matched.
            order = [[]]
            counts[[]] = 0
        }
        return render(order: order, counts: counts, members: members)
    }

    /// The groups as the response's JSON array: largest first, then by key.
    func render(order: [[JSONValue]], counts: [[JSONValue]: Int], members: [[JSONValue]: [StoredItem]] = [:]) -> [JSONValue] {
        let groups = order.map { key in (key: key, count: counts[key] ?? 0) }
        let sorted = groups.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            for (a, b) in zip(lhs.key, rhs.key) {
                let order = Self.compare(a, b)
                if order != 0 { return order < 0 }
            }
            return false
        }
        return sorted.map { group in
            .object(makeGroup(key: group.key, count: group.count, objects: members[group.key] ?? []))
        }
    }

    private func makeGroup(key: [JSONValue], count: Int, objects: [StoredItem]) -> JSONObject {
        var group = JSONObject()
        for (definition, value) in zip(keys, key) { group[definition.name] = value }
        group["count"] = .number(Double(count))
        for aggregate in aggregates {
            let values = objects.flatMap { aggregate.path.values(in: $0) }
            var results = group[aggregate.operation.rawValue]?.objectValue ?? JSONObject()
            results[aggregate.path.name] = Self.compute(aggregate.operation, values)
            group[aggregate.operation.rawValue] = .object(results)
        }
        return group
    }

    /// The aggregate of `values` (missing ones are already left out): the sum of none is 0, the
    /// average, minimum and maximum of none are null.
    private static func compute(_ operation: Aggregate.Operation, _ values: [JSONValue]) -> JSONValue {
        switch operation {
        case .sum, .avg:
            let numbers = values.compactMap(\.numberValue)
            let sum = numbers.reduce(0, +)
            if operation == .sum { return .number(tidy(sum)) }
            return numbers.isEmpty ? .null : .number(tidy(sum / Double(numbers.count)))
        case .min, .max:
            let best = values.dropFirst().reduce(values.first) { current, value in
                guard let current else { return value }
                let order = compare(value, current)
                return (operation == .min ? order < 0 : order > 0) ? value : current
            }
            return best ?? .null
        }
    }

    /// Rounds to 6 decimal places, so that 0.1 + 0.2 reads 0.3: binary sums of decimal data
    /// otherwise leave noise in the last digits.
    private static func tidy(_ number: Double) -> Double {
        guard number.magnitude < 1e9 else { return number }
        return (number * 1e6).rounded() / 1e6
    }

    /// -1, 0 or 1: numbers numerically, text in Vietnamese order, false before true, null last.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        switch (lhs, rhs) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.number(let a), .number(let b)): return a < b ? -1 : a > b ? 1 : 0
        case (.bool(let a), .bool(let b)): return a == b ? 0 : a ? 1 : -1
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return VietnameseCollation.areInIncreasingOrder(a, b) ? -1 : 1
        default:
            return 0
        }
    }
}
