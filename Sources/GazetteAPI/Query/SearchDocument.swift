/// The searchable text of one item, folded once: for each searchable field, its weight, its
/// original text and its folded words, sorted so that a word prefix is found by binary search.
///
/// Built from the item's value alone, so it stays valid for as long as the item's ETag does
/// (see `SearchDocumentCache`).
struct SearchDocument: Sendable {
    struct Field: Sendable {
        /// 3 for a title or name, 2 for summary-like text, 1 for body text.
        let weight: Int
        /// The field's strings as stored (several for arrays), for snippets.
        let texts: [String]
        /// Folded words of all `texts`, unique, in UTF-8 byte order.
        let words: [String]

        /// Whether some word equals `term` or starts with it.
        func hasWord(startingWith term: String) -> Bool {
            // The first word not below `term`: every word that starts with it sorts from there.
            var low = 0
            var high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle].utf8.lexicographicallyPrecedes(term.utf8) { low = middle + 1 } else { high = middle }
            }
            return low < words.count && words[low].utf8.starts(with: term.utf8)
        }
    }

    /// The searchable fields that have text, heaviest first, schema order among equals.
    let fields: [Field]

    /// Folds the searchable fields of `object` (`ResourceSchema.searchablePaths`).
    init(_ object: some MemberSource, kind: ResourceKind) {
        var fields: [Field] = []
        for (path, weight) in Self.searchablePaths(kind) {
            let texts = path.values(in: object).compactMap(\.stringValue)
            guard !texts.isEmpty else { continue }
            var words = Array(Set(texts.flatMap(TextFolding.words)))
            words.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            fields.append(Field(weight: weight, texts: texts, words: words))
        }
        self.fields = fields
    }

    /// The relevance of the item for `query`, or `nil` when some term matches no word.
    ///
    /// Each term scores the weight of the heaviest field where it matches, and the item scores the
    /// sum: a name or title match (3) outranks a summary match (2), which outranks body text (1).
    func score(_ query: FullTextQuery) -> Int? {
        var total = 0
        for term in query.terms {
            // Fields are heaviest first, so the first match is the best one.
            guard let field = fields.first(where: { $0.hasWord(startingWith: term) }) else { return nil }
            total += field.weight
        }
        return total
    }

    /// The paths of `kind`, heaviest first (stable, so schema order among equal weights).
    static func searchablePaths(_ kind: ResourceKind) -> [(path: FieldPath, weight: Int)] {
        switch kind {
        case .articles: articlePaths
        case .officials: officialPaths
        case .projects: projectPaths
        }
    }

    private static let articlePaths = heaviestFirst(ArticleSchema.schema.searchablePaths)
    private static let officialPaths = heaviestFirst(OfficialSchema.schema.searchablePaths)
    private static let projectPaths = heaviestFirst(ProjectSchema.schema.searchablePaths)

    private static func heaviestFirst(_ paths: [(path: FieldPath, weight: Int)]) -> [(path: FieldPath, weight: Int)] {
        paths.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .map(\.element)
    }
}
