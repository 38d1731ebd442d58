/// Per slot of one resource, a list of slots of another, ascending: the articles naming each
/// official or project. Kept in chunks of 256 lists, so that a write to the copy-on-write store
/// copies one chunk and the short list of chunks, as `ItemSlots` does.
///
/// Slots, not ids: a load links a million articles, and appending a 4-byte slot neither hashes
/// nor retains anything (lists of id Strings retained every id and took four times the memory).
/// Slot order is creation order, which is the order `articleIds` lists articles in.
struct SlotLists: Sendable {
    private static let chunkShift = 8
    private static let chunkSize = 1 << chunkShift

    private var chunks: [[[UInt32]]] = []

    /// The list of `slot`; empty when nothing was ever added to it.
    subscript(slot: Int) -> [UInt32] {
        let chunk = slot >> Self.chunkShift
        guard chunk < chunks.count else { return [] }
        return chunks[chunk][slot & (Self.chunkSize - 1)]
    }

    /// Changes the list of `slot` in place (no copy of the list when nothing else shares it).
    mutating func modify(_ slot: Int, _ body: (inout [UInt32]) -> Void) {
        let chunk = slot >> Self.chunkShift
        while chunks.count <= chunk {
            chunks.append([[UInt32]](repeating: [], count: Self.chunkSize))
        }
        body(&chunks[chunk][slot & (Self.chunkSize - 1)])
    }

    /// Adds `value` to the list of `slot`, keeping it ascending; nothing when it is there already.
    mutating func insert(_ value: UInt32, at slot: Int) {
        modify(slot) { list in
            // A new item has the highest slot: it goes last, without a search.
            if list.last.map({ $0 < value }) ?? true { return list.append(value) }
            var low = 0
            var high = list.count
            while low < high {
                let middle = (low + high) / 2
                if list[middle] < value { low = middle + 1 } else { high = middle }
            }
            if list[low] != value { list.insert(value, at: low) }
        }
    }

    /// Removes `value` from the list of `slot`.
    mutating func remove(_ value: UInt32, at slot: Int) {
        modify(slot) { list in list.removeAll { $0 == value } }
    }

    /// Every slot whose list is not empty, with its list, in slot order.
    func forEachList(_ body: (Int, [UInt32]) -> Void) {
        for (chunkIndex, chunk) in chunks.enumerated() {
            for (offset, list) in chunk.enumerated() where !list.isEmpty {
                body(chunkIndex << Self.chunkShift + offset, list)
            }
        }
    }
}
