/// A dataset file mapped read-only. Loading from it, the store gives each part of the file back
/// to the kernel once its items are stored, so the file never sits in memory beside all of them
/// (at 1M articles it is 1.4 GB).
public final class MappedDataset {
    /// The mapped bytes; empty for an empty file.
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeRawBufferPointer?

    init(mapping: UnsafeRawBufferPointer?) {
        self.mapping = mapping
        bytes = mapping.map { $0.bindMemory(to: UInt8.self) } ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Drops the resident pages wholly inside `range`; reading them again reads the file.
    func release(_ range: Range<Int>) {
        if let mapping { FileSystem.release(range, of: mapping) }
    }

    deinit {
        if let mapping { FileSystem.unmap(mapping) }
    }
}
