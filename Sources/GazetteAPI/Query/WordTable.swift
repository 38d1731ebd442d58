/// Numbers the distinct folded words of one index part, looked up by their bytes.
///
/// A word of up to 16 bytes (nearly all of them) is its own key, packed in two words: hashing
/// and comparing it costs a few instructions, where a `[String: Int]` hashed each occurrence
/// with SipHash (a fifth of building the index). Longer words use a dictionary.
struct WordTable {
    /// Key pairs by slot; (0, 0) marks an empty slot (a word has no zero byte).
    private var keys: [UInt64]
    private var ids: [Int32]
    private var mask: Int
    /// Random per table: clients write the text that is indexed, so they must not be able to
    /// choose words that collide.
    private let seed = UInt64.random(in: 0...UInt64.max)
    private var long: [String: Int] = [:]
    /// The words by id.
    private(set) var words: [String] = []

    init(capacity: Int = 1 << 12) {
        var slots = 16
        while slots < capacity * 2 { slots <<= 1 }
        keys = [UInt64](repeating: 0, count: slots * 2)
        ids = [Int32](repeating: -1, count: slots)
        mask = slots - 1
    }

    var count: Int { words.count }

    /// The id of `word`, numbered in order of first appearance.
    mutating func id(of word: UnsafeRawBufferPointer) -> Int {
        guard word.count <= 16 else { return longID(word) }
        let (first, second) = Self.pack(word)
        return id(of: word, first, second)
    }

    /// `id(of:)` for a word followed by at least 16 readable bytes (whatever they hold): its key is
    /// two loads and two masks, not a loop over its bytes.
    mutating func id(ofPadded word: UnsafeRawBufferPointer) -> Int {
        guard word.count <= 16 else { return longID(word) }
        guard let start = word.baseAddress else { return id(of: word) }
        let count = word.count
        // Through the raw pointer: the buffer's own bounds end at the word.
        let low = start.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let high = start.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let first = count >= 8 ? low : low & (1 << (8 * UInt64(count)) - 1)
        let second = count <= 8 ? 0 : count == 16 ? high : high & (1 << (8 * UInt64(count - 8)) - 1)
        return id(of: word, first, second)
    }

    private mutating func longID(_ word: UnsafeRawBufferPointer) -> Int {
        let text = String(decoding: word, as: UTF8.self)
        if let known = long[text] { return known }
        return insertLong(text)
    }

    private mutating func id(of word: UnsafeRawBufferPointer, _ first: UInt64, _ second: UInt64) -> Int {
        var slot = hash(first, second) & mask
        while true {
            let id = ids[slot]
            if id < 0 { return insert(word, first, second, at: slot) }
            if keys[2 * slot] == first && keys[2 * slot + 1] == second { return Int(id) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ word: UnsafeRawBufferPointer, _ first: UInt64, _ second: UInt64, at slot: Int) -> Int {
        let id = words.count
        words.append(String(decoding: word, as: UTF8.self))
        keys[2 * slot] = first
        keys[2 * slot + 1] = second
        ids[slot] = Int32(id)
        if words.count * 2 > ids.count { grow() }
        return id
    }

    private mutating func insertLong(_ text: String) -> Int {
        let id = words.count
        words.append(text)
        long[text] = id
        return id
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIDs = ids
        let slots = ids.count * 2
        keys = [UInt64](repeating: 0, count: slots * 2)
        ids = [Int32](repeating: -1, count: slots)
        mask = slots - 1
        for old in oldIDs.indices where oldIDs[old] >= 0 {
            let (first, second) = (oldKeys[2 * old], oldKeys[2 * old + 1])
            var slot = hash(first, second) & mask
            while ids[slot] >= 0 { slot = (slot + 1) & mask }
            keys[2 * slot] = first
            keys[2 * slot + 1] = second
            ids[slot] = oldIDs[old]
        }
    }

    /// The bytes little-endian in two words, zero-padded.
    private static func pack(_ word: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var first: UInt64 = 0
        var second: UInt64 = 0
        for index in 0..<min(word.count, 8) { first |= UInt64(word[index]) << (8 * index) }
        if word.count > 8 {
            for index in 8..<word.count { second |= UInt64(word[index]) << (8 * (index - 8)) }
        }
        return (first, second)
    }

    /// A seeded multiply-xorshift mix of both words.
    private func hash(_ first: UInt64, _ second: UInt64) -> Int {
        var mixed = (first ^ seed) &* 0x9E37_79B9_7F4A_7C15 ^ (second &+ seed &+ 0x632B_E59B_D9B4_E019) &* 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 31
        mixed &*= 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed)
    }
}
