/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast generator whose whole sequence follows
/// from its seed, so a generated corpus is the same on every machine and toolchain. Deliberately
/// not a `RandomNumberGenerator`: the standard library's `random(in:using:)` may change how it
/// draws between releases, and the corpus must not.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for item `index` of the sequence `seed`: item N's content depends only
    /// on the seed and N, not on how many draws the items before it made.
    init(seed: UInt64, stream index: UInt64) {
        var mixer = SeededRandom(seed: seed ^ 0x6A09_E667_F3BC_C908)
        mixer.state &+= index &* 0xD1B5_4A32_D192_ED03
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0), by Lemire's multiply-shift: no division, and a bias
    /// under bound/2^64, far below anything a corpus could show.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True `percent` times out of 100.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// An element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }
}
