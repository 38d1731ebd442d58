import Foundation

/// A sort key for text in Vietnamese alphabetical order; compare keys instead of strings when one
/// string takes part in many comparisons.
///
/// Vietnamese alphabetical order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y): letters
/// first, then tones (none, huyền/grave, hỏi/hook, ngã/tilde, sắc/acute, nặng/dot below), then case;
/// not code-point order. NFC or NFD input. Letters outside the Vietnamese alphabet (f j w z) sort in
/// their Latin place and letters of other scripts after z; other characters compare as themselves,
/// before every letter (so digits come before letters), and white space before everything. Other
/// diacritics (ë, ç) count after the tone. Code points break the last ties, so two keys are equal
/// exactly when their texts are canonically equivalent.
public struct CollationKey: Comparable, Hashable, Sendable {
    /// Letters, one per character.
    let primary: [UInt32]
    /// Tones and other diacritics, one per character.
    let secondary: [UInt64]
    /// Per character, 0 for lowercase and 1 for uppercase.
    let tertiary: [UInt8]
    /// The last tie-break: `String` compares by the code points of its NFC form.
    let text: String

    public static func < (lhs: CollationKey, rhs: CollationKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary.lexicographicallyPrecedes(rhs.primary) }
        if lhs.secondary != rhs.secondary { return lhs.secondary.lexicographicallyPrecedes(rhs.secondary) }
        if lhs.tertiary != rhs.tertiary { return lhs.tertiary.lexicographicallyPrecedes(rhs.tertiary) }
        return lhs.text < rhs.text
    }
}

/// Sorting text in Vietnamese alphabetical order; see ``CollationKey`` for the rules.
public enum VietnameseCollation {
    /// The sort key of `text`.
    public static func key(_ text: String) -> CollationKey {
        var contiguous = text
        if let key = contiguous.withUTF8({ makeKey(text, bytes: $0, isDecomposed: false) }) { return key }
        var decomposed = text.decomposedStringWithCanonicalMapping
        // The NFD reader handles every scalar, so it never gives up.
        return decomposed.withUTF8 { makeKey(text, bytes: $0, isDecomposed: true) }
            ?? CollationKey(primary: [], secondary: [], tertiary: [], text: text)
    }

    /// true when `a` sorts strictly before `b`.
    ///
    /// Gives the same answer as `key(a) < key(b)` without building the keys: it skips the bytes the
    /// two texts share, then reads both a character at a time, and usually stops at the first
    /// letter that differs.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        var left = a
        var right = b
        let order = left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in compare(leftBytes, rightBytes) }
        }
        switch order {
        case .ascending: return true
        case .descending, .same: return false
        case .tied: return a < b
        case .needsKeys: return key(a) < key(b)
        }
    }

    private static func makeKey(_ text: String, bytes: UnsafeBufferPointer<UInt8>, isDecomposed: Bool) -> CollationKey? {
        var primary: [UInt32] = []
        var secondary: [UInt64] = []
        var tertiary: [UInt8] = []
        primary.reserveCapacity(bytes.count)
        secondary.reserveCapacity(bytes.count)
        tertiary.reserveCapacity(bytes.count)
        var reader = CollationReader(bytes, isDecomposed: isDecomposed)
        while let unit = reader.next() {
            primary.append(unit.primary)
            secondary.append(unit.secondary)
            tertiary.append(unit.isUppercase ? 1 : 0)
        }
        if reader.didGiveUp { return nil }
        return CollationKey(primary: primary, secondary: secondary, tertiary: tertiary, text: text)
    }

    private enum Order {
        case ascending, descending
        /// The same bytes.
        case same
        /// Equal on every level: code points decide.
        case tied
        /// A character the table does not cover: the NFD form decides.
        case needsKeys
    }

    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Order {
        var shared = 0
        let shorter = min(left.count, right.count)
        while shared < shorter, left[shared] == right[shared] { shared += 1 }
        if shared == left.count, shared == right.count { return .same }
        // Restart at the last ASCII byte of the shared part (or at the start): it begins a character
        // in both texts, and the characters before it are the same in both, so they cannot decide.
        var start = shared - 1
        while start > 0, left[start] >= 0x80 { start -= 1 }
        start = max(start, 0)
        var leftReader = CollationReader(left, from: start, isDecomposed: false)
        var rightReader = CollationReader(right, from: start, isDecomposed: false)
        // The first difference below the primary level; primaries decide first.
        var secondary = Order.tied
        var tertiary = Order.tied
        while true {
            let leftUnit = leftReader.next()
            let rightUnit = rightReader.next()
            if leftReader.didGiveUp || rightReader.didGiveUp { return .needsKeys }
            guard let leftUnit, let rightUnit else {
                // A text that ends first sorts first; equal letters go to the lower levels.
                if leftUnit != nil { return .descending }
                if rightUnit != nil { return .ascending }
                return secondary != .tied ? secondary : tertiary
            }
            if leftUnit.primary != rightUnit.primary {
                return leftUnit.primary < rightUnit.primary ? .ascending : .descending
            }
            if secondary == .tied, leftUnit.secondary != rightUnit.secondary {
                secondary = leftUnit.secondary < rightUnit.secondary ? .ascending : .descending
            }
            if tertiary == .tied, leftUnit.isUppercase != rightUnit.isUppercase {
                tertiary = rightUnit.isUppercase ? .ascending : .descending
            }
        }
    }
}

/// One character for collation: a base scalar and the diacritics that follow it.
struct CollationUnit {
    var primary: UInt32
    /// The tone in the top byte (0 none, 1 huyền/grave, 2 hỏi/hook, 3 ngã/tilde, 4 sắc/acute,
    /// 5 nặng/dot below), then the number of other diacritics, then the sum of their code points:
    /// independent of their order, and no diacritic sorts before one.
    var secondary: UInt64
    var isUppercase: Bool
}

/// Reads the collation units of UTF-8 text, as it is or in NFD form.
///
/// Read as it is, text gives the units of its NFD form or gives up: a scalar outside ASCII and the
/// decomposition table might decompose or reorder, so only Foundation can tell.
struct CollationReader {
    /// Whether `next()` met a scalar that needs the NFD form; it then returns `nil`.
    private(set) var didGiveUp = false
    // The bytes of a String, borrowed through `withUTF8`: every reader is made and dropped inside
    // that call, so the pointer never outlives the storage.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    /// NFD text: every scalar is handled here. Otherwise only those the decomposition table covers
    /// (with the diacritics U+0300–U+036F), so that the units are those of the NFD form.
    private let isDecomposed: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int = 0, isDecomposed: Bool) {
        self.bytes = bytes
        self.position = position
        self.isDecomposed = isDecomposed
    }

    mutating func next() -> CollationUnit? {
        guard !didGiveUp, position < bytes.count else { return nil }
        let (value, length) = TextFolding.decodeScalar(bytes, at: position)
        position += length
        // Most characters have no diacritic after them (NFC text has almost none), and their unit
        // is ready in a table.
        if !isDecomposed, startsPlainCharacter(at: position) {
            let index = value < 0x80 ? Int(value) : TextFolding.tableIndex(value).map { 0x80 + $0 }
            // Not in the table (another script, or a diacritic with no base, which canonical
            // reordering could swap with the next one): the NFD path decides.
            guard let index, let unit = Self.plainUnits[index] else { return giveUp() }
            return unit
        }
        guard var builder = UnitBuilder(value, isDecomposed: isDecomposed) else { return giveUp() }
        while position < bytes.count {
            let (next, length) = TextFolding.decodeScalar(bytes, at: position)
            if isAttachedMark(next) {
                builder.add(mark: next)
                position += length
            } else if isDecomposed || next < 0x80 || TextFolding.decomposed(next) != nil {
                break
            } else {
                // Give up before this unit is returned: in NFD, a mark of another script would
                // join it, or even come before the diacritic that makes its letter.
                return giveUp()
            }
        }
        return builder.unit
    }

    /// Whether the scalar at `index` is the end or one that no diacritic can be: ASCII, U+0080 to
    /// U+02FF, U+1E00 to U+1EFF (Vietnamese letters) or U+2000 to U+207F (punctuation), told from
    /// its first two bytes.
    private func startsPlainCharacter(at index: Int) -> Bool {
        guard index < bytes.count else { return true }
        let lead = bytes[index]
        if lead < 0xCC { return true }
        if lead == 0xE1 { return bytes[index + 1] & 0xFC == 0xB8 }
        if lead == 0xE2 { return bytes[index + 1] & 0xFE == 0x80 }
        return false
    }

    /// The unit of each scalar of ASCII and then of the decomposition table, standing alone;
    /// `nil` where the NFD path decides.
    private static let plainUnits: [CollationUnit?] =
        (0..<0x80).map { UnitBuilder($0, isDecomposed: false)?.unit }
        + TextFolding.tableBlocks.flatMap { block in block.map { UnitBuilder($0, isDecomposed: false)?.unit } }

    private mutating func giveUp() -> CollationUnit? {
        didGiveUp = true
        return nil
    }

    private func isAttachedMark(_ value: UInt32) -> Bool {
        if isDecomposed {
            return TextFolding.isDiacritic(value) || value >= 0x300 && Self.isMark(value)
        }
        // U+0340, U+0341, U+0343 and U+0344 decompose to other diacritics; the NFD path handles them.
        return TextFolding.isDiacritic(value) && value != 0x340 && value != 0x341 && value != 0x343 && value != 0x344
    }

    /// Whether `value` is a combining mark of any script.
    // Never inlined: `Unicode.Scalar.Properties` is resilient, and its metadata lookup would run
    // at the start of `next()` for every character, needed or not.
    @inline(never)
    private static func isMark(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

/// Accumulates one collation unit: its base, then its diacritics in any order.
private struct UnitBuilder {
    private enum Kind { case whitespace, latinLetter, dWithStroke, otherLetter, other }

    private let kind: Kind
    /// The lowercased base scalar.
    private let base: UInt32
    private let isUppercase: Bool
    /// The diacritic that makes ă â ê ô ơ ư out of the base, when present.
    private var letterMark: UInt32 = 0
    private var tone: UInt64 = 0
    private var otherMarkCount: UInt64 = 0
    private var otherMarkSum: UInt64 = 0

    /// `nil` when `value` needs the NFD path and `isDecomposed` is false.
    init?(_ value: UInt32, isDecomposed: Bool) {
        if TextFolding.isDWithStroke(value) {
            kind = .dWithStroke
            base = 0x111
            isUppercase = value != 0x111
        } else if value < 0x80 {
            let lowered = TextFolding.asciiLowercased(value)
            isUppercase = lowered != value
            base = lowered
            if lowered &- 0x61 < 26 {
                kind = .latinLetter
            } else if value == 0x20 || value &- 0x09 < 5 {
                kind = .whitespace
            } else {
                kind = .other
            }
        } else if let entry = TextFolding.decomposed(value) {
            base = entry.lowercaseBase
            isUppercase = entry.isUppercase
            kind = Self.kind(base: base, isLetter: entry.isLetter, isWhitespace: entry.isWhitespace)
            if entry.firstMark != 0 { add(mark: entry.firstMark) }
            if entry.secondMark != 0 { add(mark: entry.secondMark) }
        } else if isDecomposed, let scalar = Unicode.Scalar(value) {
            (base, isUppercase, kind) = Self.classify(scalar)
        } else {
            return nil
        }
    }

    /// The lowercased base, case and kind of a scalar outside ASCII and the table, from its Unicode
    /// properties.
    // Never inlined, for the reason given at `CollationReader.isMark`.
    @inline(never)
    private static func classify(_ scalar: Unicode.Scalar) -> (base: UInt32, isUppercase: Bool, kind: Kind) {
        let properties = scalar.properties
        // Only İ lowercases to several scalars, and NFD has already split it.
        let lowered = properties.changesWhenLowercased ? properties.lowercaseMapping.unicodeScalars.first ?? scalar : scalar
        let kind = kind(base: lowered.value, isLetter: properties.isAlphabetic, isWhitespace: properties.isWhitespace)
        return (lowered.value, lowered != scalar, kind)
    }

    private static func kind(base: UInt32, isLetter: Bool, isWhitespace: Bool) -> Kind {
        if isWhitespace { return .whitespace }
        if !isLetter { return .other }
        return base &- 0x61 < 26 ? .latinLetter : .otherLetter
    }

    /// Adds a diacritic. The result does not depend on the order of the calls, so text whose
    /// diacritics are not in canonical order sorts like its NFD form.
    mutating func add(mark: UInt32) {
        if kind == .latinLetter, Self.makesLetter(mark, base: base) {
            // Two letter-making marks on one base (not Vietnamese): the later letter in the alphabet
            // wins and the other counts as a plain mark, whatever order they came in.
            if letterMark == 0 {
                letterMark = mark
            } else {
                let isLater = Self.letterRank(base: base, letterMark: mark) > Self.letterRank(base: base, letterMark: letterMark)
                addOtherMark(isLater ? letterMark : mark)
                if isLater { letterMark = mark }
            }
        } else if let newTone = Self.tone(of: mark) {
            // Two tones on one vowel (not Vietnamese): the later tone in the order wins, as above.
            if tone == 0 {
                tone = newTone
            } else {
                addOtherMark(Self.toneMarks[Int(min(tone, newTone)) - 1])
                tone = max(tone, newTone)
            }
        } else {
            addOtherMark(mark)
        }
    }

    private mutating func addOtherMark(_ mark: UInt32) {
        otherMarkCount += 1
        otherMarkSum += UInt64(mark)
    }

    var unit: CollationUnit {
        let primary: UInt32
        switch kind {
        case .whitespace: primary = 1
        // Every other character before every letter, in code point order: digits before letters.
        case .other: primary = 2 + base
        case .latinLetter: primary = 0x20_0000 + Self.letterRank(base: base, letterMark: letterMark)
        case .dWithStroke: primary = 0x20_0000 + Self.letterRank(base: 0x64, letterMark: 0) + 1
        // Letters of other scripts (and Latin ones like ø or ß) after z, in code point order.
        case .otherLetter: primary = 0x30_0000 + base
        }
        // Counts and sums stay far below 2^8 and 2^48 for any text a request can carry.
        let secondary = tone << 56 | min(otherMarkCount, 0xFF) << 48 | min(otherMarkSum, 0xFFFF_FFFF_FFFF)
        return CollationUnit(primary: primary, secondary: secondary, isUppercase: isUppercase)
    }

    private static let breve: UInt32 = 0x306
    private static let circumflex: UInt32 = 0x302
    private static let horn: UInt32 = 0x31B

    /// The combining marks of the tones, in tone order: huyền, hỏi, ngã, sắc, nặng.
    private static let toneMarks: [UInt32] = [0x300, 0x309, 0x303, 0x301, 0x323]

    /// 1 to 5 for the mark of a tone.
    private static func tone(of mark: UInt32) -> UInt64? {
        switch mark {
        case 0x300: 1
        case 0x309: 2
        case 0x303: 3
        case 0x301: 4
        case 0x323: 5
        default: nil
        }
    }

    /// Whether `mark` on `base` makes one of ă â ê ô ơ ư.
    private static func makesLetter(_ mark: UInt32, base: UInt32) -> Bool {
        switch (base, mark) {
        case (0x61, breve), (0x61, circumflex), (0x65, circumflex), (0x6F, circumflex), (0x6F, horn), (0x75, horn):
            true
        default:
            false
        }
    }

    /// The place of a letter in a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z.
    private static func letterRank(base: UInt32, letterMark: UInt32) -> UInt32 {
        // The place in a to z, plus the room left for ă â after a, đ after d, ê after e, ô ơ after
        // o and ư after u.
        let latin = base &- 0x61
        var rank = latin
        if latin > 0 { rank += 2 }
        if latin > 3 { rank += 1 }
        if latin > 4 { rank += 1 }
        if latin > 14 { rank += 2 }
        if latin > 20 { rank += 1 }
        switch letterMark {
        case breve: return rank + 1
        case circumflex: return base == 0x61 ? rank + 2 : rank + 1
        case horn: return base == 0x6F ? rank + 2 : rank + 1
        default: return rank
        }
    }
}
