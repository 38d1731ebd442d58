/// Strong entity tags from content: the same bytes give the same tag across restarts.
public enum ETag {
    /// `"<16 hex digits>"`: FNV-1a 64 of the bytes.
    public static func make(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
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
