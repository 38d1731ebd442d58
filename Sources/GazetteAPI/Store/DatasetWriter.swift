/// Writes the whole store in the `--data` shape, the form of a data directory's snapshots and of
/// `GET /admin/export`: every item as served (timestamps and derived fields included, which the
/// loader reads back or ignores), officials and projects before the articles that name them, one
/// item per line. Items are copied from the bytes encoded when they last changed.
enum DatasetWriter {
    static let order: [ResourceKind] = [.officials, .projects, .articles]

    /// The whole document in one array.
    static func encode(_ snapshot: StoreSnapshot) -> [UInt8] {
        var bytes: [UInt8] = []
        write(snapshot) { chunk in bytes += chunk }
        return bytes
    }

    /// The document handed to `sink` in pieces of about `chunkSize` bytes, in order: a snapshot
    /// written to disk never sits in memory whole beside the store (at 1M articles it is 1.4 GB).
    /// Returns the document's size.
    @discardableResult
    static func write<Failure: Error>(_ snapshot: StoreSnapshot, chunkSize: Int = 1 << 20,
                                      to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) -> Int {
        var size = 0
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(chunkSize + 4096)
        func flush(ifAbove limit: Int) throws(Failure) {
            guard bytes.count > limit else { return }
            try sink(bytes)
            size += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }
        for (position, kind) in order.enumerated() {
            if position > 0 { bytes += Array(",\n".utf8) }
            JSONWriter.writeString(kind.rawValue, into: &bytes)
            bytes += Array(":[".utf8)
            for (index, item) in snapshot.items(kind).enumerated() {
                bytes += Array((index == 0 ? "\n" : ",\n").utf8)
                item.json.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
                try flush(ifAbove: chunkSize)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes += Array("}\n".utf8)
        try flush(ifAbove: 0)
        return size
    }
}
