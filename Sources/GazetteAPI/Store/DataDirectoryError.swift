/// Why a data directory cannot be used at start-up. Each case names the file and, for a journal,
/// the byte offset; nothing on disk has been changed when one is thrown.
public enum DataDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The directory is missing and cannot be created, is not a directory, or is not writable.
    case unusable(path: String, reason: String)
    /// Another process holds the directory's lock file.
    case inUse(path: String)
    /// The newest snapshot does not load.
    case invalidSnapshot(DatasetError)
    /// A journal frame is damaged and is not the file's last: acknowledged writes follow it.
    case corruptJournal(file: String, offset: Int, reason: String, bytesAfter: Int)
    /// A journal record passed its checksum but cannot be applied to the state before it.
    case unreplayableRecord(file: String, offset: Int, reason: String)
    /// Journal files without the snapshot they continue (`journal-N.log` needs `snapshot-N.json`).
    case missingSnapshot(path: String, journals: [String])
    /// Reading, truncating or creating a file failed.
    case fileSystem(String)

    public var description: String {
        switch self {
        case .unusable(let path, let reason):
            return "data directory \(path) is not usable: \(reason)"
        case .inUse(let path):
            return "data directory \(path) is in use by another process (its LOCK file is locked)"
        case .invalidSnapshot(let error):
            return "snapshot \(error)"
        case .corruptJournal(let file, let offset, let reason, let bytesAfter):
            return "journal \(file) is corrupt at byte \(offset): \(reason), and \(bytesAfter) bytes follow; "
                + "refusing to start rather than drop acknowledged writes. Nothing was changed; "
                + "restore the directory from a backup, or truncate the file at that offset yourself to drop everything from there."
        case .unreplayableRecord(let file, let offset, let reason):
            return "journal \(file): the record at byte \(offset) cannot be applied: \(reason); refusing to start. Nothing was changed."
        case .missingSnapshot(let path, let journals):
            return "data directory \(path) has \(journals.joined(separator: ", ")) but not the snapshot that journal continues; refusing to start"
        case .fileSystem(let message):
            return message
        }
    }
}
