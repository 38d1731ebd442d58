import Foundation
@testable import GazetteAPI
import Testing

@Suite("TextFolding.forEachASCIIWord")
struct ASCIIWordsTests {
    private static func visit(_ text: String, scratch: inout [UInt8]) -> (handled: Bool, words: [String]) {
        var words: [String] = []
        var copy = text
        let handled = copy.withUTF8 { bytes in
            TextFolding.forEachASCIIWord(in: UnsafeRawBufferPointer(bytes), scratch: &scratch) {
                words.append(String(decoding: $0, as: UTF8.self))
            }
        }
        return (handled, words)
    }

    @Test("gives the words `words` gives, for text that folds to ASCII", arguments: [
        "Nguyễn Đình Việt, 59-NQ/TW",
        "  leading and   trailing  ",
        "",
        "--- !!! …",
        "Chiềng Khương–Bản Đán",
        "19,32 ha; 2026–2030",
        "e-mail_address",
        "x",
        "ĐẶNG",
        "Thứ trưởng Thường trực Bộ Ngoại giao làm việc với UBND tỉnh Sơn La",
    ])
    func matchesWords(text: String) {
        var scratch: [UInt8] = []
        let result = Self.visit(text, scratch: &scratch)
        #expect(result.handled)
        #expect(result.words == TextFolding.words(text))
    }

    @Test("declines text whose folding keeps non-ASCII letters, and reports no word", arguments: [
        "Ελληνικά και 한국어", "हिन्दी भाषा", "abc ελληνικα",
    ])
    func declinesNonASCII(text: String) {
        var scratch: [UInt8] = []
        let result = Self.visit(text, scratch: &scratch)
        #expect(!result.handled)
        #expect(result.words.isEmpty)
    }

    @Test("random mixes of ASCII runs, Vietnamese letters, marks and punctuation give the words `words` gives")
    func randomTexts() {
        // Pieces that cross the eight-byte steps in every way: runs of ASCII of any length,
        // uppercase, digits, separators, two- and three-byte letters, a combining mark, dashes.
        let pieces = ["a", "Z", "9", " ", ",", "-", "_", "Đ", "đ", "ế", "Ữ", "ư", "ơ", "\u{0301}", "—", "…", "“",
                      "xyz", "ABCDEFGHIJ", "0123456789", "Sơn", "Khương", "  ", ". ", "é"]
        var random = SeededRandom(seed: 11)
        func draw(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        func mix(upTo length: Int) -> String { (0..<draw(length + 1)).map { _ in pieces[draw(pieces.count)] }.joined() }
        var scratch: [UInt8] = []
        for _ in 0..<3_000 {
            let text = mix(upTo: 40)
            let result = Self.visit(text, scratch: &scratch)
            #expect(result.handled, "\(text)")
            #expect(result.words == TextFolding.words(text), "\(text)")
        }
        // A scalar the table lacks anywhere in the text: nothing is reported.
        for declined in ["«", "ß", "α", "€", "\u{2070}"] {
            for _ in 0..<200 {
                let before = mix(upTo: 12)
                let result = Self.visit(before + declined + " tail", scratch: &scratch)
                #expect(!result.handled && result.words.isEmpty, "\(before + declined)")
            }
        }
    }

    @Test("a scratch buffer sized for a short text grows for a long one")
    func scratchGrows() {
        var scratch: [UInt8] = []
        _ = Self.visit("Sơn La", scratch: &scratch)
        let long = String(repeating: "Cửa khẩu Chiềng Khương ", count: 200)
        let result = Self.visit(long, scratch: &scratch)
        #expect(result.handled)
        #expect(result.words == TextFolding.words(long))
        #expect(scratch.count >= long.utf8.count * 2)
    }
}

@Suite("JSONStringWalk")
struct JSONStringWalkTests {
    private static let object: JSONObject = [
        "title": "Cửa khẩu \"Chiềng Khương\"\n",
        "body": ["đoạn một", nil, ["lồng", "nhau"], 7, true],
        "images": [
            ["caption": "ảnh một", "captionEn": "photo one"],
            ["captionEn": "photo two", "caption": "ảnh\\hai"],
            nil,
            ["caption": nil],
        ],
        "source": ["name": "Báo Sơn La", "url": "https://baosonla.vn/"],
        "n": nil,
        "num": -12.5e3,
        "weird \"key\"": ["x": "y"],
    ]

    /// The strings `FieldPath.values(in:)` reaches, read the slow way.
    private static func reference(_ components: [String]) -> [String] {
        guard let first = object[components[0]] else { return [] }
        var found: [String] = []
        func collect(_ value: JSONValue, depth: Int) {
            switch value {
            case .null: return
            case .array(let elements): for element in elements { collect(element, depth: depth) }
            case .string(let text) where depth == components.count: found.append(text)
            case .object(let members) where depth < components.count:
                if let member = members[components[depth]] { collect(member, depth: depth + 1) }
            default: return
            }
        }
        collect(first, depth: 1)
        return found
    }

    private static func walked(_ components: [String]) -> [String] {
        let encoded = JSONWriter.encode(object[components[0]] ?? .null)
        var found: [String] = []
        encoded.withUnsafeBytes { bytes in
            JSONStringWalk.forEachString(in: bytes, components: components, depth: 1) { text, hasEscapes in
                let string = hasEscapes ? JSONStringWalk.decoded(text) : String(decoding: text, as: UTF8.self)
                found.append(string ?? "<undecodable>")
            }
        }
        return found
    }

    @Test("reaches the strings FieldPath reaches", arguments: [
        ["title"], ["body"], ["images", "caption"], ["images", "captionEn"], ["source", "name"], ["source"],
        ["n"], ["num"], ["source", "missing"], ["title", "deeper"], ["weird \"key\"", "x"],
    ])
    func matchesReference(components: [String]) {
        #expect(Self.walked(components) == Self.reference(components))
    }

    @Test("reports escapes, so the caller decodes exactly those strings")
    func escapes() {
        let encoded = JSONWriter.encode(["plain", "quo\"te", "tab\there"])
        var flags: [Bool] = []
        encoded.withUnsafeBytes { bytes in
            JSONStringWalk.forEachString(in: bytes, components: ["body"], depth: 1) { _, hasEscapes in flags.append(hasEscapes) }
        }
        #expect(flags == [false, true, true])
    }
}

@Suite("WordTable")
struct WordTableTests {
    private static func id(_ table: inout WordTable, _ word: String) -> Int {
        var word = word
        return word.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }
    }

    @Test("numbers words in order of first appearance, at every key length")
    func numbers() {
        var table = WordTable(capacity: 4)
        let words = ["a", "ab", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
                     "a-very-long-word-indeed-over-sixteen"]
        for (expected, word) in words.enumerated() { #expect(Self.id(&table, word) == expected) }
        for (expected, word) in words.enumerated() { #expect(Self.id(&table, word) == expected) }
        #expect(table.words == words)
    }

    @Test("keeps every id through growth")
    func grows() {
        var table = WordTable(capacity: 4)
        let words = (0..<5_000).map { "w\($0)" }
        for (expected, word) in words.enumerated() { #expect(Self.id(&table, word) == expected) }
        for (expected, word) in words.enumerated().reversed() { #expect(Self.id(&table, word) == expected) }
        #expect(table.count == words.count)
    }
}

@Suite("WordPostings")
struct WordPostingsTests {
    @Test("indexes the words TextFolding gives for each searchable path, heaviest field per item")
    func equalsReference() throws {
        let schema = ArticleSchema.schema
        let values: [JSONObject] = [
            ["id": "a", "title": "Cửa khẩu Chiềng Khương", "summary": "Sơn La và \"cửa khẩu\"\n",
             "body": ["Đoạn một: Chiềng Khương.", "Ελληνικά đoạn"], "images": [["caption": "ảnh Sơn La"]],
             "tags": ["biên giới"]],
            ["id": "b", "title": "Sơn La", "summary": "khác", "body": ["Chiềng Khương"], "province": "Sơn La"],
        ]
        let paths = SearchDocument.searchablePaths(.articles)
        var postings = WordPostings()
        for (slot, value) in values.enumerated() {
            let item = StoredItem(id: "\(slot)", value: value, fieldNames: schema.fieldNames, modifiedAt: Date())
            postings.add(slot: slot, item: item, paths: WordPostings.paths(paths))
        }
        // The reference: per word, per slot, the heaviest weight, from parsed values.
        var expected: [String: [(UInt32, UInt8)]] = [:]
        for (slot, value) in values.enumerated() {
            var heaviest: [String: Int] = [:]
            for (path, weight) in paths {
                for text in path.values(in: value).compactMap(\.stringValue) {
                    for word in TextFolding.words(text) { heaviest[word] = max(heaviest[word] ?? 0, weight) }
                }
            }
            for (word, weight) in heaviest { expected[word, default: []].append((UInt32(slot), UInt8(weight))) }
        }
        let joined = WordPostings.joined([postings])
        #expect(Set(joined.words) == Set(expected.keys))
        for (index, word) in joined.words.enumerated() {
            let want = expected[word] ?? []
            #expect(joined.lists[index].joined().map(WordPostings.slot) == want.map(\.0), "slots of \(word)")
            #expect(joined.lists[index].joined().map(WordPostings.weight) == want.map(\.1), "weights of \(word)")
        }
        #expect(joined.words.contains("ελληνικα"))
    }

    @Test("parts over consecutive slots join to what one part over all of them holds")
    func partsJoinAsOne() {
        let schema = ArticleSchema.schema
        let paths = WordPostings.paths(SearchDocument.searchablePaths(.articles))
        // Words shared by every part, by some, and by one; a word repeated in one item.
        let titles = ["Sơn La biên giới", "cửa khẩu Chiềng Khương", "biên giới Việt Lào", "Sơn La Sơn La", "đường biên"]
        let items = (0..<200).map { number in
            StoredItem(id: "\(number)", value: ["id": .string("\(number)"), "title": .string(titles[number % titles.count]),
                                                "summary": .string(number % 7 == 0 ? "riêng \(number)" : "chung")],
                       fieldNames: schema.fieldNames, modifiedAt: Date())
        }
        func built(_ runs: [Range<Int>]) -> (words: [String], entries: [[UInt32]]) {
            let joined = WordPostings.joined(runs.map { run in
                var postings = WordPostings()
                for slot in run { postings.add(slot: slot, item: items[slot], paths: paths) }
                return postings
            })
            // Each word's lists, one per part holding it: together, what one part holds.
            return (joined.words, joined.lists.map { Array($0.joined()) })
        }
        let whole = built([0..<200])
        let parts = built([0..<1, 1..<64, 64..<65, 65..<150, 150..<200])
        #expect(parts.words == whole.words)
        #expect(parts.entries == whole.entries)
        #expect(whole.words.contains("rieng") && whole.words.contains("199") == false && whole.words.contains("196"))
        let sonLa = whole.words.firstIndex(of: "son")
        #expect(sonLa.map { whole.entries[$0].map(WordPostings.slot) } == (0..<200).filter { $0 % 5 == 0 || $0 % 5 == 3 }.map(UInt32.init))
    }
}

@Suite("TextFolding.forEachASCIIWord separators")
struct ASCIIWordSeparatorTests {
    @Test("every General Punctuation scalar separates words, as it does in `words`; later ones are declined")
    func generalPunctuation() {
        for value in UInt32(0x2000)...0x207F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "ab" + String(Character(scalar)) + "cd"
            var scratch: [UInt8] = []
            var words: [String] = []
            var copy = text
            let handled = copy.withUTF8 { bytes in
                TextFolding.forEachASCIIWord(in: UnsafeRawBufferPointer(bytes), scratch: &scratch) {
                    words.append(String(decoding: $0, as: UTF8.self))
                }
            }
            // Past U+206F the byte path declines (U+2071 is a letter); either way the words agree.
            #expect(handled == (value <= 0x206F), "U+\(String(value, radix: 16))")
            if handled { #expect(words == TextFolding.words(text), "U+\(String(value, radix: 16))") }
        }
    }
}

@Suite("WordTable.id(ofPadded:)")
struct WordTablePaddedTests {
    @Test("a word read with its padding gets the id the byte-by-byte key gives, at every length")
    func agreesWithBytes() {
        var table = WordTable(capacity: 4)
        // Padding of non-zero bytes: only the word's own bytes may count.
        var buffer = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8) + [UInt8](repeating: 0x7A, count: 16)
        buffer.withUnsafeMutableBytes { raw in
            for length in 1...20 {
                let word = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[3..<(3 + length)])
                let padded = table.id(ofPadded: word)
                #expect(table.id(of: word) == padded, "length \(length)")
                #expect(table.words[padded] == String(decoding: word, as: UTF8.self))
            }
        }
        #expect(table.count == 20)
    }
}
