/// An append-only file of accepted writes since the last snapshot, one self-delimiting,
/// checksummed frame per `JournalRecord`:
///
///     offset  size  content
///     0       4     payload length n, UInt32 little-endian
///     4       4     CRC-32 of the payload, little-endian
///     8       4     CRC-32 of bytes 0..<8 (the length and the payload's checksum), little-endian
///     12      n     payload: the record as compact JSON (`JournalRecord.payload`)
///
/// The header has its own checksum so that a damaged length is seen as damage, never taken for a
/// record that a crash cut short: only a frame that runs to the end of the file can be torn.
///
/// Not thread-safe: `GazetteStore` appends under its writer lock, and syncs under its sync lock
/// while no other thread can close or replace the journal.
struct Journal: Sendable {
    static let headerSize = 12

    let path: String
    /// The generation shared with the snapshot this journal continues (`journal-N.log` follows
    /// `snapshot-N.json`).
    let generation: Int
    let descriptor: Int32
    /// Bytes in the file: where the next frame starts.
    private(set) var size: Int
    private(set) var recordCount: Int
    /// Set when a failed append could not be cut back: the file ends in a partial frame, and a
    /// further append would turn that tail into corruption in the middle of the journal.
    private(set) var isDamaged = false

    /// Opens (or creates) the journal at `path` for appending; `size` and `recordCount` describe
    /// what it already holds.
    init(path: String, generation: Int, size: Int, recordCount: Int) throws(FileSystemError) {
        self.path = path
        self.generation = generation
        self.descriptor = try FileSystem.openForAppending(path)
        self.size = size
        self.recordCount = recordCount
    }

    /// Writes one record (not yet durable: see `synchronize()`). After a failure the file is cut
    /// back to its previous size, or `isDamaged` is set when that fails too.
    mutating func append(_ record: JournalRecord) throws(FileSystemError) {
        let frame = Self.frame(record.payload)
        do {
            try FileSystem.write(descriptor, frame, path: path)
        } catch {
            do {
                try FileSystem.truncate(descriptor, to: size, path: path)
            } catch {
                isDamaged = true
            }
            throw error
        }
        size += frame.count
        recordCount += 1
    }

    /// Makes every appended record durable (`fsync`).
    func synchronize() throws(FileSystemError) {
        try FileSystem.synchronize(descriptor, path: path)
    }

    func close() {
        FileSystem.close(descriptor)
    }

    // MARK: Format

    /// The frame of one payload: header, then the payload.
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(headerSize + payload.count)
        appendLittleEndian(UInt32(payload.count), to: &frame)
        appendLittleEndian(CRC32.checksum(payload), to: &frame)
        appendLittleEndian(CRC32.checksum(frame[0..<8]), to: &frame)
        frame += payload
        return frame
    }

    /// A journal file as read back: the records before the first bad frame, and how it ends.
    struct Contents: Sendable {
        struct Entry: Sendable {
            /// Where the record's frame starts in the file.
            var offset: Int
            var size: Int
            var record: JournalRecord
        }

        enum Ending: Sendable, Equatable {
            /// Every byte belongs to a whole, valid frame.
            case clean
            /// The last frame, from `offset` to the end of the file, was cut short or never fully
            /// reached the disk: a crash during an append that was never acknowledged.
            case torn(offset: Int, reason: String)
            /// A frame at `offset` is damaged and is not simply the tail: data after it would be lost.
            case corrupt(offset: Int, reason: String)
        }

        var entries: [Entry] = []
        var ending: Ending = .clean
    }

    /// Reads `bytes` frame by frame. A frame that reaches the end of the file and is incomplete,
    /// fails its checksum, or is all zero bytes (a file extended before its data landed) is torn;
    /// any other bad frame is corruption, and so is a whole frame whose payload is not a record.
    static func read(_ bytes: [UInt8]) -> Contents {
        var contents = Contents()
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= headerSize else {
                contents.ending = .torn(offset: offset, reason: "the header is cut short (\(remaining) of \(headerSize) bytes)")
                return contents
            }
            let length = Int(readLittleEndian(bytes, at: offset))
            let payloadChecksum = readLittleEndian(bytes, at: offset + 4)
            guard CRC32.checksum(bytes[offset..<offset + 8]) == readLittleEndian(bytes, at: offset + 8) else {
                contents.ending = bytes[offset...].allSatisfy { $0 == 0 }
                    ? .torn(offset: offset, reason: "the tail is zero bytes")
                    : .corrupt(offset: offset, reason: "the record header fails its checksum")
                return contents
            }
            let end = offset + headerSize + length
            guard end <= bytes.count else {
                contents.ending = .torn(offset: offset, reason: "the payload is cut short (\(remaining - headerSize) of \(length) bytes)")
                return contents
            }
            let payload = bytes[(offset + headerSize)..<end]
            guard CRC32.checksum(payload) == payloadChecksum else {
                contents.ending = end == bytes.count
                    ? .torn(offset: offset, reason: "the payload fails its checksum")
                    : .corrupt(offset: offset, reason: "the payload fails its checksum")
                return contents
            }
            do {
                let record = try JournalRecord(payload: Array(payload))
                contents.entries.append(Contents.Entry(offset: offset, size: end - offset, record: record))
            } catch {
                contents.ending = .corrupt(offset: offset, reason: "the payload is not a journal record: \(error)")
                return contents
            }
            offset = end
        }
        return contents
    }

    private static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { value, index in value | UInt32(bytes[offset + index]) << UInt32(8 * index) }
    }
}
