/// Reads a dataset file for `GazetteStore(dataset:source:)`.
public enum DatasetFile {
    /// The file's bytes, read straight into one array (Foundation's `Data` and a copy to an array
    /// held a large dataset in memory twice); `nil` when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        try? FileSystem.read(path)
    }

    /// The file mapped into memory, for `GazetteStore(mapped:source:)`; `nil` when it cannot be read.
    public static func map(_ path: String) -> MappedDataset? {
        do {
            return MappedDataset(mapping: try FileSystem.map(path))
        } catch {
            return nil
        }
    }
}
