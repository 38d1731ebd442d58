@testable import GazetteAPI
import Testing

@Suite("SlotLists")
struct SlotListsTests {
    @Test("a list stays ascending and holds each value once, however values arrive")
    func ascending() {
        var lists = SlotLists()
        for value: UInt32 in [5, 9, 2, 9, 7, 0, 5, 12] { lists.insert(value, at: 3) }
        #expect(lists[3] == [0, 2, 5, 7, 9, 12])
        lists.remove(7, at: 3)
        lists.remove(0, at: 3)
        lists.remove(40, at: 3)
        #expect(lists[3] == [2, 5, 9, 12])
    }

    @Test("slots past every chunk read as empty; lists are kept per slot, across chunks")
    func perSlot() {
        var lists = SlotLists()
        #expect(lists[0].isEmpty && lists[100_000].isEmpty)
        lists.insert(1, at: 0)
        lists.insert(2, at: 255)
        lists.insert(3, at: 256)
        lists.insert(4, at: 1_000)
        #expect(lists[0] == [1] && lists[255] == [2] && lists[256] == [3] && lists[1_000] == [4])
        #expect(lists[1] == [] && lists[999] == [] && lists[2_000] == [])
        var seen: [(Int, [UInt32])] = []
        lists.forEachList { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [0, 255, 256, 1_000])
        #expect(seen.map(\.1) == [[1], [2], [3], [4]])
    }

    @Test("a copy does not see later changes to the original (the store's snapshots share them)")
    func copyOnWrite() {
        var lists = SlotLists()
        lists.insert(1, at: 10)
        let copy = lists
        lists.insert(2, at: 10)
        lists.insert(3, at: 600)
        lists.remove(1, at: 10)
        #expect(copy[10] == [1] && copy[600] == [])
        #expect(lists[10] == [2] && lists[600] == [3])
    }
}
