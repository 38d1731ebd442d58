/// Finds the items of a `--data` document without building it: the byte range of each element of
/// the top-level `articles`, `officials` and `projects` arrays, a batch at a time (`Cursor`). The
/// loader reads one item at a time, so a large dataset is never held in memory twice (as bytes
/// and as a whole tree).
///
/// It checks only the structure it walks. Whatever it does not expect (another top-level member,
/// a value that is not an array, a syntax error) makes the cursor report `.invalid`, and the
/// loader parses the whole document instead, which reports the problem precisely.
enum DatasetScanner {
    /// What `Cursor.next(limit:)` found.
    enum Step: Equatable {
        /// The next elements of the array of `kind` being read: at least one.
        case items(ResourceKind, [Range<Int>])
        /// The document ended where it should.
        case end
        /// Something the scanner does not walk: the whole-document parser must judge the document.
        case invalid
    }

    /// A scan a few elements at a time, so the loader can prepare the first items while the rest
    /// of a large file is still unread.
    struct Cursor {
        private enum State {
            case start, member, elements(ResourceKind), afterMember, closing, end, invalid
        }

        private let bytes: UnsafeBufferPointer<UInt8>
        private var index = 0
        private var state = State.start
        /// The resources whose arrays have been read to their end.
        private(set) var completed: Set<ResourceKind> = []
        private var named: Set<ResourceKind> = []

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Up to `limit` further elements of one array, the end of the document, or `.invalid`
        /// (from then on, always).
        mutating func next(limit: Int) -> Step {
            while true {
                switch state {
                case .start:
                    guard expect(UInt8(ascii: "{")) else { return fail() }
                    skipSpace()
                    if peek() == UInt8(ascii: "}") {
                        index += 1
                        state = .closing
                    } else {
                        state = .member
                    }
                case .member:
                    skipSpace()
                    guard let keyEnd = JSONStringScan.stringEnd(in: bytes, from: index)?.end else { return fail() }
                    // Resource names are plain ASCII: an escaped or other key goes to the full parser.
                    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
                    guard let kind = ResourceKind(rawValue: key), named.insert(kind).inserted else { return fail() }
                    index = keyEnd
                    guard expect(UInt8(ascii: ":")), expect(UInt8(ascii: "[")) else { return fail() }
                    skipSpace()
                    if peek() == UInt8(ascii: "]") {
                        index += 1
                        completed.insert(kind)
                        state = .afterMember
                    } else {
                        state = .elements(kind)
                    }
                case .elements(let kind):
                    var ranges: [Range<Int>] = []
                    while ranges.count < limit {
                        skipSpace()
                        guard let end = JSONStringScan.containerEnd(in: bytes, from: index) else { return fail() }
                        ranges.append(index..<end)
                        index = end
                        skipSpace()
                        if peek() == UInt8(ascii: ",") {
                            index += 1
                        } else if peek() == UInt8(ascii: "]") {
                            index += 1
                            completed.insert(kind)
                            state = .afterMember
                            break
                        } else {
                            return fail()
                        }
                    }
                    return .items(kind, ranges)
                case .afterMember:
                    skipSpace()
                    if peek() == UInt8(ascii: ",") {
                        index += 1
                        state = .member
                    } else if peek() == UInt8(ascii: "}") {
                        index += 1
                        state = .closing
                    } else {
                        return fail()
                    }
                case .closing:
                    skipSpace()
                    guard index == bytes.count else { return fail() }
                    state = .end
                case .end:
                    return .end
                case .invalid:
                    return .invalid
                }
            }
        }

        /// Reads to the end: whether the rest of the document is one the scanner walks.
        mutating func isValidToEnd() -> Bool {
            while true {
                switch next(limit: .max) {
                case .items: continue
                case .end: return true
                case .invalid: return false
                }
            }
        }

        private mutating func fail() -> Step {
            state = .invalid
            return .invalid
        }

        private func peek() -> UInt8? {
            index < bytes.count ? bytes[index] : nil
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        private mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard peek() == byte else { return false }
            index += 1
            return true
        }
    }
}
