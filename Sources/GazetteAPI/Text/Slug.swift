/// URL slugs: the ids of articles, officials and projects (`dang-ngoc-hau`).
public enum Slug {
    /// The longest valid slug, in characters.
    public static let maxLength = 200

    /// A URL slug from a name or title: folded words joined by "-".
    ///
    /// "Đặng Ngọc Hậu" → "dang-ngoc-hau"; "Cửa khẩu chính Chiềng Khương" → "cua-khau-chinh-chieng-khuong".
    /// Words are the runs of `a`–`z` and `0`–`9` after folding; everything else separates them, so
    /// letters of other scripts are left out. Empty when the text has no such letters or digits. A
    /// result longer than ``maxLength`` is cut at the last word boundary that fits, so it is always
    /// empty or valid.
    public static func make(_ text: String) -> String {
        var slug: [UInt8] = []
        var needsSeparator = false
        for byte in TextFolding.fold(text).utf8 {
            if TextFolding.isASCIILowercaseLetterOrDigit(byte) {
                if needsSeparator { slug.append(hyphen) }
                slug.append(byte)
                needsSeparator = false
            } else if !slug.isEmpty {
                needsSeparator = true
            }
        }
        if slug.count > maxLength {
            // A hyphen right after the cut means the cut falls between two words.
            let end = slug[maxLength] == hyphen ? maxLength : slug[..<maxLength].lastIndex(of: hyphen) ?? maxLength
            slug.removeSubrange(end...)
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Whether `text` is a valid slug: ^[a-z0-9]+(-[a-z0-9]+)*$, at most 200 characters.
    public static func isValid(_ text: String) -> Bool {
        // Over the contiguous bytes: iterating String.UTF8View cost a dozen instructions a byte,
        // and every id and reference of a loaded dataset is checked.
        var copy = text
        return copy.withUTF8 { isValid($0) }
    }

    /// `isValid` of a string's UTF-8 bytes.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        var previous = hyphen
        for byte in bytes {
            if byte == hyphen {
                if previous == hyphen { return false }
            } else if !TextFolding.isASCIILowercaseLetterOrDigit(byte) {
                return false
            }
            previous = byte
        }
        return previous != hyphen
    }

    private static let hyphen = UInt8(ascii: "-")
}
