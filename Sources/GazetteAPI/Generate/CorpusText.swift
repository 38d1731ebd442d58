/// A piece of generated text, encoded once: its JSON form (NFC UTF-8, escaped, without quotes) and
/// its slug words, so that writing a million articles copies bytes instead of building strings.
struct CorpusText: Sendable {
    /// The escaped UTF-8 of the text in NFC, ready to go between two quotes.
    let json: [UInt8]
    /// `Slug.make` of the text: the slug of a sequence of texts separated by spaces or punctuation
    /// is their slugs joined by "-".
    let slug: [UInt8]

    init(_ text: String) {
        let normalized = TextFolding.nfc(text)
        var quoted: [UInt8] = []
        JSONWriter.writeString(normalized, into: &quoted)
        json = Array(quoted.dropFirst().dropLast())
        slug = Array(Slug.make(normalized).utf8)
    }

    /// Every text of `texts`, encoded.
    static func all(_ texts: [String]) -> [CorpusText] {
        texts.map(CorpusText.init)
    }
}
