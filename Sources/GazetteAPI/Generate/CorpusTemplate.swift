/// A headline, sentence, caption or tag with slots, parsed once: "Ngày {day}/{month}, UBND tỉnh
/// {province} …". A slot is a name (`{province}`) filled from the article, or a range of integers
/// (`{10-60}`) drawn afresh at each use.
struct CorpusTemplate: Sendable {
    /// What fills a named slot. The article fixes each one once (its province, district, gate, crop,
    /// …), so a report speaks of the same place throughout; `sector` is drawn at every use.
    enum Slot: String, Sendable {
        case province, district, gate, gateKind, partnerGate, country, partnerProvince
        case day, month, year, nextYear, periodStart, periodEnd
        /// "đồng chí NAME, TITLE ORGANIZATION" of the first official the article names; "Official"
        /// is the same at the start of a sentence.
        case official, capitalizedOfficial = "Official", otherOfficial
        case ministry, crop, ethnic, festival, road, holiday, sector
    }

    enum Segment: Sendable {
        case text(CorpusText)
        case slot(Slot)
        /// An integer from `lower` to `lower + count - 1`.
        case number(lower: Int, count: Int)
    }

    let segments: [Segment]

    /// Parses `text`; an unknown slot is a programming error, caught by the first generator built.
    init(_ text: String) {
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { segments.append(.text(CorpusText(String(rest[..<open])))) }
            guard let close = rest[open...].firstIndex(of: "}") else { preconditionFailure("unclosed slot in \(text)") }
            let name = String(rest[rest.index(after: open)..<close])
            if let slot = Slot(rawValue: name) {
                segments.append(.slot(slot))
            } else {
                let bounds = name.split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] <= bounds[1] else { preconditionFailure("unknown slot {\(name)} in \(text)") }
                segments.append(.number(lower: bounds[0], count: bounds[1] - bounds[0] + 1))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.text(CorpusText(String(rest)))) }
        self.segments = segments
    }

    static func all(_ texts: [String]) -> [CorpusTemplate] {
        texts.map(CorpusTemplate.init)
    }
}
