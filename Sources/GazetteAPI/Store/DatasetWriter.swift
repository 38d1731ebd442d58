/// Writes the whole store in the `--data` shape, the form of a data directory's snapshots and of
/// `GET /admin/export`: every item as served (timestamps and derived fields included, which the
/// loader reads back or ignores), officials and projects before the articles that name them, one
/// item per line. Items are copied from the bytes encoded when they last changed.
enum DatasetWriter {
    static let order: [ResourceKind] = [.officials, .projects, .articles]

    static func encode(_ snapshot: StoreSnapshot) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (position, kind) in order.enumerated() {
            if position > 0 { bytes += Array(",\n".utf8) }
            JSONWriter.writeString(kind.rawValue, into: &bytes)
            bytes += Array(":[".utf8)
            for (index, item) in snapshot.items(kind).enumerated() {
                bytes += Array((index == 0 ? "\n" : ",\n").utf8)
                bytes += item.json
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes += Array("}\n".utf8)
        return bytes
    }
}
