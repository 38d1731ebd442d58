/// The terms of `q=`: folded words, each of which must match a word, or the start of a word, in
/// some searchable field of an item.
struct FullTextQuery: Sendable, Equatable {
    /// Folded words, each once, in the order written.
    let terms: [String]

    /// The query of `text`; `nil` when it has no word (empty, or only punctuation).
    init?(_ text: String) {
        var seen: Set<String> = []
        let terms = TextFolding.words(text).filter { seen.insert($0).inserted }
        guard !terms.isEmpty else { return nil }
        self.terms = terms
    }
}
