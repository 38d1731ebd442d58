import GazetteHTTP
import Synchronization

extension HTTPHeaderName {
    /// `X-Request-ID`: names one request in the logs of every service it passes through.
    public static let requestID: HTTPHeaderName = "X-Request-ID"
}

/// Request ids: the client's `X-Request-ID` when it is a sane token, otherwise a new one.
public enum RequestID {
    /// The longest id accepted from a client, in bytes.
    public static let maxLength = 128

    /// `value` if it can be echoed and logged as it is: 1 to 128 visible ASCII characters
    /// (`!` to `~`, so no spaces, control characters or non-ASCII); `nil` otherwise.
    public static func accepted(_ value: String?) -> String? {
        guard let value else { return nil }
        let utf8 = value.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength,
              utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else { return nil }
        return value
    }
}

/// Makes request ids unique within a process and unlikely to repeat across processes: 15
/// characters (so Swift stores each one inline, without an allocation) from a 32-letter alphabet:
/// 7 random ones fixed at start-up, then 8 that encode a counter, scrambled so that ids do not
/// reveal how many requests the server has seen. Lock-free; safe from every event loop.
public final class RequestIDGenerator: Sendable {
    /// Digits and lowercase letters without `i`, `l`, `o`, `u`, which people misread.
    /// "0123456789abcdefghjkmnpqrstvwxyz", eight letters a word, little-endian: a letter is a
    /// shift of a constant, where the array it replaces cost a lazy-global check and a bounds
    /// check per letter.
    private static let alphabet: (UInt64, UInt64, UInt64, UInt64) = (
        0x3736_3534_3332_3130, 0x6665_6463_6261_3938, 0x7170_6E6D_6B6A_6867, 0x7A79_7877_7674_7372)

    @inline(__always)
    private static func letter(_ value: UInt64) -> UInt8 {
        let index = Int(value & 31)
        let word: UInt64
        switch index >> 3 {
        case 0: word = alphabet.0
        case 1: word = alphabet.1
        case 2: word = alphabet.2
        default: word = alphabet.3
        }
        return UInt8(truncatingIfNeeded: word >> (UInt64(index & 7) * 8))
    }
    /// The counter part has 40 bits: 8 letters of 5 bits.
    private static let counterMask: UInt64 = (1 << 40) - 1

    private let prefix: UInt64
    private let key: UInt64
    private let counter = Atomic<UInt64>(0)

    /// `seed` fixes the random part, for tests; by default it is random.
    public init(seed: UInt64? = nil) {
        var generator = SystemRandomNumberGenerator()
        let random = seed ?? generator.next()
        prefix = random >> 29  // 35 bits: 7 letters
        key = (random &* 0x9E37_79B9_7F4A_7C15) & Self.counterMask
    }

    /// The next id, such as `k3m9x2q0f7d1c8a`.
    public func next() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        // Multiplying by an odd number and adding a constant are bijections modulo 2^40: every
        // counter value up to 2^40 gives a different id.
        let scrambled = (number &* 0x5DEE_CE66D &+ key) & Self.counterMask
        return String(unsafeUninitializedCapacity: 15) { buffer in
            var value = prefix
            for index in stride(from: 6, through: 0, by: -1) {
                buffer[index] = Self.letter(value)
                value >>= 5
            }
            value = scrambled
            for index in stride(from: 14, through: 7, by: -1) {
                buffer[index] = Self.letter(value)
                value >>= 5
            }
            return 15
        }
    }
}
