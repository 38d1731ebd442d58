/// Ids handed out so far, and the next suffix to try for each base: names repeat often in a
/// large list, and counting from 2 again for each repeat would take quadratic time.
struct CorpusIDAllocator {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    /// `base`, or `base-2`, `base-3`, … whichever is free, cut to fit `Slug.maxLength`.
    mutating func allocate(_ base: String) -> String {
        let base = base.isEmpty ? "item" : base
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 2]
        while true {
            let tail = "-\(suffix)"
            var trimmed = String(base.prefix(Slug.maxLength - tail.count))
            while trimmed.hasSuffix("-") { trimmed.removeLast() }
            suffix += 1
            if used.insert(trimmed + tail).inserted {
                nextSuffix[base] = suffix
                return trimmed + tail
            }
        }
    }
}
