/// A resource's items in creation order, kept in chunks of 1,024 slots. The store's state is a
/// copy-on-write value that readers share: a write then copies the one chunk it changes (and the
/// short list of chunks), not a list of a million items.
///
/// A deleted item leaves an empty slot, so every other item keeps its slot number: indexes built
/// over slots stay valid for the items that did not change.
struct ItemSlots: Sendable {
    static let chunkShift = 10
    static let chunkSize = 1 << chunkShift

    private var chunks: [[StoredItem?]] = []
    /// Live items per chunk, to find a page without visiting every slot before it.
    private var liveInChunk: [Int] = []
    /// Slots used, empty ones included.
    private(set) var count = 0
    /// Items present.
    private(set) var liveCount = 0

    subscript(slot: Int) -> StoredItem? {
        chunks[slot >> Self.chunkShift][slot & (Self.chunkSize - 1)]
    }

    /// Whether `slot` holds an item.
    func isOccupied(_ slot: Int) -> Bool {
        slot < count && chunks[slot >> Self.chunkShift][slot & (Self.chunkSize - 1)] != nil
    }

    /// Stores `item` in a new slot at the end; returns the slot.
    mutating func append(_ item: StoredItem) -> Int {
        let slot = count
        if slot & (Self.chunkSize - 1) == 0 {
            var chunk: [StoredItem?] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
            liveInChunk.append(0)
        }
        chunks[slot >> Self.chunkShift].append(item)
        liveInChunk[slot >> Self.chunkShift] += 1
        count += 1
        liveCount += 1
        return slot
    }

    /// Replaces the item in an occupied slot.
    mutating func replace(at slot: Int, with item: StoredItem) {
        chunks[slot >> Self.chunkShift][slot & (Self.chunkSize - 1)] = item
    }

    /// Empties an occupied slot.
    mutating func remove(at slot: Int) {
        chunks[slot >> Self.chunkShift][slot & (Self.chunkSize - 1)] = nil
        liveInChunk[slot >> Self.chunkShift] -= 1
        liveCount -= 1
    }

    /// Up to `limit` items in creation order, after skipping the first `offset` items.
    func items(skipping offset: Int, limit: Int) -> [StoredItem] {
        guard limit > 0, offset < liveCount else { return [] }
        var skip = offset
        var chunkIndex = 0
        // Whole chunks first: a late page costs a step per chunk, not per item.
        while chunkIndex < chunks.count, liveInChunk[chunkIndex] <= skip {
            skip -= liveInChunk[chunkIndex]
            chunkIndex += 1
        }
        var result: [StoredItem] = []
        result.reserveCapacity(min(limit, liveCount - offset))
        while chunkIndex < chunks.count, result.count < limit {
            for case let item? in chunks[chunkIndex] {
                if skip > 0 {
                    skip -= 1
                    continue
                }
                result.append(item)
                if result.count == limit { break }
            }
            chunkIndex += 1
        }
        return result
    }

    /// Every item in creation order.
    func allItems() -> [StoredItem] {
        var result: [StoredItem] = []
        result.reserveCapacity(liveCount)
        for chunk in chunks {
            for case let item? in chunk { result.append(item) }
        }
        return result
    }

    /// The occupied slots of `range` with their items, in order.
    func forEachSlot(in range: Range<Int>, _ body: (Int, StoredItem) throws -> Void) rethrows {
        var slot = range.lowerBound
        while slot < min(range.upperBound, count) {
            if let item = self[slot] { try body(slot, item) }
            slot += 1
        }
    }

    /// Every occupied slot with its item, in creation order.
    func forEachSlot(_ body: (Int, StoredItem) throws -> Void) rethrows {
        for (chunkIndex, chunk) in chunks.enumerated() {
            let base = chunkIndex << Self.chunkShift
            for (offset, item) in chunk.enumerated() {
                if let item { try body(base + offset, item) }
            }
        }
    }
}
