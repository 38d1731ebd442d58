/// A JSON Pointer (RFC 6901) such as `/positions/0/title`: where a value sits in a document.
///
/// Used in validation errors so that a client can find the offending field in its own body.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped: `["positions", "0", "title"]`.
    public var tokens: [String]

    /// The whole document (the empty string).
    public static let root = JSONPointer(tokens: [])

    /// A pointer made of these unescaped reference tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Reads the string form (`/a~1b/0`); `nil` unless it is empty or starts with `/`, or when a
    /// `~` is followed by anything but `0` or `1`.
    public init?(parsing text: String) {
        guard !text.isEmpty else {
            self.init(tokens: [])
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for escaped in text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            var token: [UInt8] = []
            token.reserveCapacity(escaped.count)
            var iterator = escaped.makeIterator()
            while let byte = iterator.next() {
                guard byte == UInt8(ascii: "~") else {
                    token.append(byte)
                    continue
                }
                // RFC 6901 §4: `~1` is `/` and `~0` is `~`; nothing else may follow a tilde.
                switch iterator.next() {
                case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
                default: return nil
                }
            }
            tokens.append(String(decoding: token, as: UTF8.self))
        }
        self.init(tokens: tokens)
    }

    /// This pointer extended by one member name.
    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [key])
    }

    /// This pointer extended by one array index.
    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// The string form, with `~` written `~0` and `/` written `~1`: `/positions/0/title`, or `""` for the root.
    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            for character in token.unicodeScalars {
                switch character {
                case "~": text.append("~0")
                case "/": text.append("~1")
                default: text.unicodeScalars.append(character)
                }
            }
        }
        return text
    }

    /// The value this pointer refers to in `document`, or `nil` when a token names no member or no
    /// element (array indexes are decimal without leading zeros; `-` never refers to an element).
    public func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// RFC 6901 §4: `0` or a digit 1–9 followed by digits.
    private static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              first != UInt8(ascii: "0") || utf8.count == 1
        else { return nil }
        return Int(token)
    }
}
