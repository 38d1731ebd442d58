/// Strong entity tags from content: the same bytes give the same tag across restarts.
public enum ETag {
    /// `"<16 hex digits>"`: FNV-1a 64 of the bytes.
    public static func make(_ bytes: [UInt8]) -> String {
        format(hash(bytes))
    }

    /// The FNV-1a 64 hash an ETag of `bytes` shows.
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

    /// FNV-1a 64 fed piece by piece: the tag of the pieces' concatenation, without building it
    /// (a list's ETag hashes its items' ETags).
    struct Hasher {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes { add(byte) }
        }

        mutating func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        /// Adds the 8 bytes of `value`, least significant first: an item's hash stands for its
        /// ETag in a list's, without hashing the tag's 18 characters.
        mutating func add(hash value: UInt64) {
            var rest = value
            for _ in 0..<8 {
                add(UInt8(truncatingIfNeeded: rest))
                rest >>= 8
            }
        }

        /// The hash of everything added.
        var value: UInt64 { hash }

        /// `value` as an ETag.
        var etag: String { ETag.format(hash) }
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
