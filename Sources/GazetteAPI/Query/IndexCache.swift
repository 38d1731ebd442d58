import Dispatch
import Synchronization

/// The newest `CollectionIndex` of each resource of one store, shared by all its snapshots.
///
/// A query takes the index with the slots changed since it was built (checked one by one); when
/// those grow past `rebuildAfter` a new index is built in the background from the querying
/// snapshot. Only when the change log no longer reaches back to the index (a million writes
/// later) does a query run without one until the new one is ready.
final class IndexCache: Sendable {
    /// Below this many items a scan is as fast as an index: none is built.
    let minimumItems: Int
    /// Changed items past which a fresh index is built.
    let rebuildAfter: Int

    private struct State {
        var indexes: [ResourceKind: CollectionIndex] = [:]
        var building: Set<ResourceKind> = []
    }

    private let state = Mutex(State())

    init(minimumItems: Int = 1_000, rebuildAfter: Int = 2_048) {
        self.minimumItems = minimumItems
        self.rebuildAfter = rebuildAfter
    }

    /// An index for `snapshot`'s `kind` with the slots changed since it was built, or `nil`.
    func index(for snapshot: StoreSnapshot, kind: ResourceKind) -> (index: CollectionIndex, changed: Set<Int>)? {
        guard snapshot.count(kind) >= minimumItems else { return nil }
        let current = state.withLock { $0.indexes[kind] }
        if let current, current.version <= snapshot.version,
           let changed = snapshot.slots(kind, changedAfter: current.version) {
            if changed.count > rebuildAfter { buildInBackground(snapshot, kind: kind) }
            return (current, changed)
        }
        // A snapshot older than the index (a long reader) scans; a newer one also starts a build.
        if let current, current.version >= snapshot.version { return nil }
        buildInBackground(snapshot, kind: kind)
        return nil
    }

    /// Builds the indexes of `snapshot` now, for every resource large enough (at start-up, so
    /// that the first queries find them ready).
    func prepare(_ snapshot: StoreSnapshot) {
        for kind in ResourceKind.allCases where snapshot.count(kind) >= minimumItems {
            install(CollectionIndex(snapshot: snapshot, kind: kind))
        }
    }

    private func buildInBackground(_ snapshot: StoreSnapshot, kind: ResourceKind) {
        let claimed = state.withLock { $0.building.insert(kind).inserted }
        guard claimed else { return }
        DispatchQueue.global(qos: .utility).async {
            self.install(CollectionIndex(snapshot: snapshot, kind: kind))
            self.state.withLock { _ = $0.building.remove(kind) }
        }
    }

    private func install(_ index: CollectionIndex) {
        state.withLock { state in
            if let current = state.indexes[index.kind], current.version >= index.version { return }
            state.indexes[index.kind] = index
        }
    }
}
