/// The journal's size since the last snapshot.
public struct JournalSize: Sendable, Equatable {
    public var records: Int
    public var bytes: Int
}
