import Foundation
@testable import GazetteAPI
import Testing

@Suite("Journal: records, frames, torn tails and corruption")
struct JournalTests {
    static let official: JSONObject = [
        "id": "le-van-tam", "name": "Lê Văn Tám", "level": "provincial",
        "positions": [["title": "Giám đốc", "organization": "Sở Ngoại vụ"]], "areaHa": 19.32,
    ]
    /// Not whole seconds, and not exactly representable as seconds since 1970 either.
    static let instant = Date(timeIntervalSinceReferenceDate: 764_208_000.123_456_7)

    static let records: [JournalRecord] = [
        .put(.officials, id: "le-van-tam", writable: official, createdAt: instant, updatedAt: instant.addingTimeInterval(0.1)),
        .delete(.articles, id: "tin-cu", at: instant.addingTimeInterval(3.3)),
        .put(.projects, id: "cua-khau", writable: ["id": "cua-khau", "name": "Cửa khẩu \"A\"\n"], createdAt: instant, updatedAt: instant),
    ]

    static func journalBytes(_ records: [JournalRecord] = records) -> [UInt8] {
        records.flatMap { Journal.frame($0.payload) }
    }

    /// Where each frame of `journalBytes(records)` starts.
    static func offsets(_ records: [JournalRecord] = records) -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        for record in records {
            offsets.append(offset)
            offset += Journal.frame(record.payload).count
        }
        return offsets
    }

    @Test("CRC-32 matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("a record survives its payload exactly, timestamps bit for bit", arguments: records)
    func payloadRoundTrip(_ record: JournalRecord) throws {
        let decoded = try JournalRecord(payload: record.payload)
        #expect(decoded == record)
        if case .put(_, _, _, let createdAt, _) = decoded {
            #expect(createdAt.timeIntervalSinceReferenceDate.bitPattern == Self.instant.timeIntervalSinceReferenceDate.bitPattern)
        }
    }

    @Test("a put payload is the documented JSON object")
    func payloadShape() throws {
        let payload = try JSONParser.parse(Self.records[1].payload)
        #expect(payload == ["op": "delete", "kind": "articles", "id": "tin-cu",
                            "at": .number(Self.instant.addingTimeInterval(3.3).timeIntervalSinceReferenceDate)])
    }

    @Test("a frame is length, payload CRC, header CRC, payload, little-endian")
    func frameLayout() {
        let payload = Array(#"{"a":1}"#.utf8)
        let frame = Journal.frame(payload)
        #expect(frame.count == 12 + payload.count)
        #expect(Array(frame[0..<4]) == [7, 0, 0, 0])
        let crc = CRC32.checksum(payload)
        #expect(Array(frame[4..<8]) == [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
        let headerCRC = CRC32.checksum(frame[0..<8])
        #expect(Array(frame[8..<12]) == [UInt8(headerCRC & 0xFF), UInt8(headerCRC >> 8 & 0xFF), UInt8(headerCRC >> 16 & 0xFF), UInt8(headerCRC >> 24)])
        #expect(Array(frame[12...]) == payload)
    }

    @Test("a whole journal reads back every record with its offset")
    func readsWholeJournal() {
        let contents = Journal.read(Self.journalBytes())
        #expect(contents.ending == .clean)
        #expect(contents.entries.map(\.record) == Self.records)
        #expect(contents.entries.map(\.offset) == Self.offsets())
        #expect(Journal.read([]).entries.isEmpty && Journal.read([]).ending == .clean)
    }

    @Test("cut at every byte of the last record: the earlier records are kept and the tail is torn at its start")
    func tornAtEveryOffset() {
        let bytes = Self.journalBytes()
        let last = Self.offsets().last ?? 0
        for cut in last..<bytes.count {
            let contents = Journal.read(Array(bytes[0..<cut]))
            #expect(contents.entries.map(\.record) == Array(Self.records.dropLast()), "cut at \(cut)")
            if cut == last {
                #expect(contents.ending == .clean)
            } else {
                guard case .torn(let offset, _) = contents.ending else {
                    Issue.record("cut at \(cut): \(contents.ending)")
                    continue
                }
                #expect(offset == last)
            }
        }
    }

    @Test("a bad checksum in the last record, or a zero-filled tail, is torn")
    func tornByChecksumOrZeros() {
        var bytes = Self.journalBytes()
        let last = Self.offsets().last ?? 0
        bytes[bytes.count - 2] ^= 0x20
        let flipped = Journal.read(bytes)
        #expect(flipped.entries.count == 2)
        #expect(flipped.ending == .torn(offset: last, reason: "the payload fails its checksum"))

        let zeros = Journal.read(Self.journalBytes() + [UInt8](repeating: 0, count: 40))
        #expect(zeros.entries.count == 3)
        #expect(zeros.ending == .torn(offset: Self.journalBytes().count, reason: "the tail is zero bytes"))
    }

    @Test("damage before the last record is corruption at its offset, in the payload or in the header",
          arguments: [12 + 5, 0, 2, 5, 9])
    func corruptMiddle(_ position: Int) {
        var bytes = Self.journalBytes()
        let second = Self.offsets()[1]
        bytes[second + position] ^= 0x01
        let contents = Journal.read(bytes)
        #expect(contents.entries.count == 1)
        guard case .corrupt(let offset, _) = contents.ending else {
            Issue.record("not corrupt: \(contents.ending)")
            return
        }
        #expect(offset == second)
    }

    @Test("a whole frame whose payload is not a record is corruption, even at the end")
    func notARecord() {
        let bytes = Self.journalBytes() + Journal.frame(Array(#"{"op":"rename"}"#.utf8))
        let contents = Journal.read(bytes)
        #expect(contents.entries.count == 3)
        guard case .corrupt(let offset, let reason) = contents.ending else {
            Issue.record("not corrupt: \(contents.ending)")
            return
        }
        #expect(offset == Self.journalBytes().count)
        #expect(reason.contains("not a journal record"))
    }

    @Test("garbage that is not zeros after the last record is corruption")
    func garbageTail() {
        let bytes = Self.journalBytes() + Array("garbage after the records".utf8)
        guard case .corrupt(let offset, _) = Journal.read(bytes).ending else {
            Issue.record("not corrupt")
            return
        }
        #expect(offset == Self.journalBytes().count)
    }
}

extension JournalRecord: CustomTestStringConvertible {
    public var testDescription: String {
        switch self {
        case .put(let kind, let id, _, _, _): "put \(kind.rawValue)/\(id)"
        case .delete(let kind, let id, _): "delete \(kind.rawValue)/\(id)"
        }
    }
}
