/// The operator of a condition, written after a colon: `areaHa:gte=10`. Plain `field=value` is `eq`.
enum QueryOperator: String, Sendable, CaseIterable {
    case eq, ne, lt, lte, gt, gte
    case `in`, nin
    case contains, startsWith, endsWith, eqi
    case exists

    /// Whether the operator compares folded text (case and diacritics ignored).
    var isFolded: Bool {
        switch self {
        case .contains, .startsWith, .endsWith, .eqi: true
        default: false
        }
    }

    /// Whether the operator orders values (`lt`, `lte`, `gt`, `gte`).
    var isOrdering: Bool {
        switch self {
        case .lt, .lte, .gt, .gte: true
        default: false
        }
    }

    /// Whether the value is a comma-separated list (`in`, `nin`).
    var takesList: Bool {
        self == .in || self == .nin
    }

    /// Whether the condition holds when *no* value of the field matches (`ne`, `nin`): a negation,
    /// so it also holds when the field is missing.
    var isNegated: Bool {
        self == .ne || self == .nin
    }

    /// Every operator name, for error messages.
    static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
