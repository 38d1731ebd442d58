import Foundation

/// The text shown under a `/search` result: the stored text (original diacritics) around the
/// first word that matches the query.
enum Snippet {
    /// About how many characters a snippet holds, ellipses excluded.
    static let length = 160
    /// How many characters of context come before the match when the text must be cut.
    static let lead = 40

    /// The snippet for `document`: from the text matching the most terms; among equals, a text
    /// other than the label (which the result shows already), then the one giving more context (the
    /// longer, up to ``length``), then the heaviest field, then the first.
    static func make(_ document: SearchDocument, query: FullTextQuery, label: String?) -> String {
        var best: (text: String, rank: [Int])?
        for field in document.fields {
            for text in field.texts {
                let words = TextFolding.words(text)
                let matched = query.terms.count(where: { term in words.contains { $0.utf8.starts(with: term.utf8) } })
                guard matched > 0 else { continue }
                let rank = [matched, text == label ? 0 : 1, min(text.count, length), field.weight]
                // Strictly better only, so the first of equals stays.
                if best.map({ $0.rank.lexicographicallyPrecedes(rank) }) ?? true { best = (text, rank) }
            }
        }
        guard let best else { return "" }
        return excerpt(best.text, terms: query.terms)
    }

    /// `text` whole when it is short, else a window of about ``length`` characters around the first
    /// word that starts with one of `terms`, cut at word boundaries, with "…" where it was cut.
    static func excerpt(_ text: String, terms: [String]) -> String {
        let characters = Array(text)
        guard characters.count > length else { return text }
        let match = firstMatch(characters, terms: terms) ?? 0
        var start = max(0, min(match - lead, characters.count - length))
        var end = min(characters.count, start + length)
        // Move the cuts to word boundaries: start after a space, end before one.
        if start > 0 {
            var index = start
            while index < match, !characters[index - 1].isWhitespace { index += 1 }
            start = index
        }
        if end < characters.count {
            var index = end
            while index > start + length / 2, !characters[index].isWhitespace { index -= 1 }
            end = index
        }
        let body = String(characters[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
        return (start > 0 ? "…" : "") + body + (end < characters.count ? "…" : "")
    }

    /// The offset of the first word whose folded form starts with a term.
    private static func firstMatch(_ characters: [Character], terms: [String]) -> Int? {
        var index = 0
        while index < characters.count {
            guard isWordCharacter(characters[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
            let words = TextFolding.words(String(characters[start..<index]))
            if words.contains(where: { word in terms.contains { word.utf8.starts(with: $0.utf8) } }) { return start }
        }
        return nil
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
