/// A set of slots as one bit per slot: membership in one step, and counts and intersections a
/// machine word (64 slots) at a time, so that a query over a large share of a resource costs
/// `slotCount / 64` steps instead of one per match.
struct SlotBitmap: Sendable, Equatable {
    /// Bit `slot & 63` of word `slot >> 6`; a bitmap with no words is empty whatever its size.
    private(set) var words: [UInt64]

    /// An empty set; `capacity` slots may be inserted.
    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) >> 6)
    }

    /// The slots of `slots`, which must be below `capacity`.
    init<Slots: Sequence>(_ slots: Slots, capacity: Int) where Slots.Element: BinaryInteger {
        self.init(capacity: capacity)
        for slot in slots { insert(Int(slot)) }
    }

    /// An empty set that takes no memory: for a level no slot reaches.
    static let empty = SlotBitmap(capacity: 0)

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// How many slots are in the set.
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    mutating func insert(_ slot: Int) {
        words[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    func contains(_ slot: Int) -> Bool {
        let word = slot >> 6
        return word < words.count && words[word] & (1 << UInt64(slot & 63)) != 0
    }

    /// Adds every slot of `other`.
    mutating func formUnion(_ other: SlotBitmap) {
        if other.words.count > words.count {
            words += [UInt64](repeating: 0, count: other.words.count - words.count)
        }
        for (position, word) in other.words.enumerated() { words[position] |= word }
    }

    /// Removes every slot of `other`.
    mutating func subtract(_ other: SlotBitmap) {
        for position in 0..<min(words.count, other.words.count) { words[position] &= ~other.words[position] }
    }

    /// The word of 64 slots at `position`; 0 past the end.
    @inline(__always)
    func word(_ position: Int) -> UInt64 {
        position < words.count ? words[position] : 0
    }

    /// The slots in ascending order.
    var slots: [Int] {
        var result: [Int] = []
        for (position, word) in words.enumerated() {
            var rest = word
            while rest != 0 {
                result.append(position << 6 | rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }
}
