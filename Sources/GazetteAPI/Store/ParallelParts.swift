import Dispatch
import Foundation
import Synchronization

/// Work over `0..<count` split into consecutive runs, all run at once and returned in order:
/// start-up parses items and builds the inverted index on every core this way.
enum ParallelParts {
    /// One part per core, up to 4. Read once: Foundation reads the cgroup's CPU quota from
    /// files on every `activeProcessorCount` (1 % of loading, asked per batch).
    static let perCore = min(ProcessInfo.processInfo.activeProcessorCount, 4)

    /// `body` of each of `parts` consecutive runs of `0..<count` (fewer when `count` is smaller),
    /// in order of the runs.
    static func map<Part: Sendable>(count: Int, parts: Int, _ body: @Sendable (Range<Int>) -> Part) -> [Part] {
        let parts = max(1, min(parts, count))
        let size = (count + parts - 1) / parts
        let results = Mutex([Int: Part]())
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result = body(min(part * size, count)..<min((part + 1) * size, count))
            results.withLock { $0[part] = result }
        }
        return results.withLock { results in (0..<parts).compactMap { results[$0] } }
    }
}
