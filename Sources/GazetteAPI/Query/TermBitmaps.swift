/// One `q` term over an index's slots as bitmaps: the slots it matches, and those slots split by
/// the weight of the heaviest field where it matches. Built once per term (`CollectionIndex`),
/// so a broad query costs passes over `slotCount / 64` words instead of one step per match.
struct TermBitmaps: Sendable {
    /// The slots where the term matches some word.
    let any: SlotBitmap
    /// `exact[w - 1]`: the slots where the heaviest matching field weighs `w`.
    let exact: [SlotBitmap]

    /// From `atLeast[w - 1]`, the slots whose heaviest matching field weighs at least `w`.
    init(atLeast: [SlotBitmap]) {
        any = atLeast.first ?? .empty
        exact = atLeast.indices.map { level in
            guard level + 1 < atLeast.count else { return atLeast[level] }
            var exactly = atLeast[level]
            exactly.subtract(atLeast[level + 1])
            return exactly
        }
    }

    /// The weight of the heaviest field where the term matches in `slot`; 0 when it does not.
    func weight(at slot: Int) -> Int {
        guard any.contains(slot) else { return 0 }
        return (exact.firstIndex { $0.contains(slot) } ?? -1) + 1
    }
}
