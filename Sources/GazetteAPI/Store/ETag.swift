/// Strong entity tags from content: the same bytes give the same tag across restarts.
public enum ETag {
    /// `"<16 hex digits>"`: the `Hasher` hash of the bytes.
    public static func make(_ bytes: [UInt8]) -> String {
        format(hash(bytes))
    }

    /// The hash an ETag of `bytes` shows.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = Hasher()
        bytes.withUnsafeBufferPointer { hasher.add($0) }
        return hasher.value
    }

    /// `hash` as an ETag: `"` + 16 lowercase hex digits + `"`.
    static func format(_ hash: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 18) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            var value = hash
            for position in stride(from: 16, through: 1, by: -1) {
                buffer[position] = digits.utf8Start[Int(value & 0xF)]
                value >>= 4
            }
            buffer[17] = UInt8(ascii: "\"")
            return 18
        }
    }

    /// A 64-bit hash of a byte stream, fed piece by piece: the hash of the pieces' concatenation,
    /// without building it (a list's ETag hashes its items' hashes).
    ///
    /// Eight bytes (little-endian) at a time, each multiplied and folded into the state; the
    /// length and a final avalanche (SplitMix64's) close it. FNV-1a, byte by byte, waited on a
    /// multiplication for every byte: two seconds of a million-article start-up.
    struct Hasher {
        private var state: UInt64 = 0x243F_6A88_85A3_08D3
        /// Bytes not yet folded in: the first `pendingCount`, least significant first.
        private var pending: UInt64 = 0
        private var pendingCount = 0
        private var length: UInt64 = 0

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while pendingCount != 0, index < bytes.count {
                add(bytes[index])
                index += 1
            }
            let wordsStart = index
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                    index += 8
                }
            }
            length &+= UInt64(index - wordsStart)
            while index < bytes.count {
                add(bytes[index])
                index += 1
            }
        }

        mutating func add(_ byte: UInt8) {
            pending |= UInt64(byte) << (8 * UInt64(pendingCount))
            pendingCount += 1
            length &+= 1
            if pendingCount == 8 {
                let word = pending
                pending = 0
                pendingCount = 0
                mix(word)
            }
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        /// Adds the 8 bytes of `value`, least significant first: an item's hash stands for its
        /// ETag in a list's, without hashing the tag's 18 characters.
        mutating func add(hash value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { add($0.bindMemory(to: UInt8.self)) }
        }

        private mutating func mix(_ word: UInt64) {
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 29
        }

        /// The hash of everything added.
        var value: UInt64 {
            var final = state
            if pendingCount > 0 {
                final = (final ^ pending) &* 0xBF58_476D_1CE4_E5B9
                final ^= final >> 29
            }
            final ^= length &* 0x9E37_79B9_7F4A_7C15
            final = (final ^ final >> 30) &* 0xBF58_476D_1CE4_E5B9
            final = (final ^ final >> 27) &* 0x94D0_49BB_1331_11EB
            return final ^ final >> 31
        }

        /// `value` as an ETag.
        var etag: String { ETag.format(value) }
    }

    /// Whether an `If-None-Match` or `If-Match` field value lists `etag` (or is `*`). Weak
    /// comparison for If-None-Match (RFC 9110 §13.1.2): `W/` prefixes are ignored.
    public static func matches(_ field: String, etag: String, weak: Bool) -> Bool {
        for element in field.split(separator: ",") {
            var tag = element.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") {
                guard weak else { continue }
                tag.removeFirst(2)
            }
            if tag == etag { return true }
        }
        return false
    }
}

import Foundation
