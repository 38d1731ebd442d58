import GazetteAPI
import Testing

/// A text the parser must accept, and the value it must produce.
struct AcceptedJSON: CustomTestStringConvertible, Sendable {
    var text: String
    var value: JSONValue
    var testDescription: String { text }

    init(_ text: String, _ value: JSONValue) {
        self.text = text
        self.value = value
    }
}

/// An input the parser must reject, with the exact position and a phrase of the message.
struct RejectedJSON: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var offset: Int
    var line: Int
    var column: Int
    var mentions: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, offset: Int, line: Int = 1, column: Int? = nil, mentions: String) {
        self.init(name, Array(text.utf8), offset: offset, line: line, column: column, mentions: mentions)
    }

    init(_ name: String, _ bytes: [UInt8], offset: Int, line: Int = 1, column: Int? = nil, mentions: String) {
        self.name = name
        self.bytes = bytes
        self.offset = offset
        self.line = line
        self.column = column ?? offset + 1
        self.mentions = mentions
    }
}

private func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

@Suite("JSONParser")
struct JSONParserTests {
    @Test("accepts every kind of value", arguments: [
        AcceptedJSON("null", .null),
        AcceptedJSON("true", true),
        AcceptedJSON("false", false),
        AcceptedJSON("0", 0),
        AcceptedJSON("-0", .number(-0.0)),
        AcceptedJSON("19", 19),
        AcceptedJSON("-3", -3),
        AcceptedJSON("19.32", 19.32),
        AcceptedJSON("-0.5", -0.5),
        AcceptedJSON("1e3", 1000),
        AcceptedJSON("1E+2", 100),
        AcceptedJSON("2.5e-3", 0.0025),
        AcceptedJSON("0e0", 0),
        AcceptedJSON("1e-007", 1e-7),
        AcceptedJSON("123456789012345", 123_456_789_012_345),
        AcceptedJSON("9007199254740993", 9_007_199_254_740_992),
        AcceptedJSON("123456789012345678901234567890", 1.2345678901234568e29),
        AcceptedJSON("-1.7976931348623157e308", -1.7976931348623157e308),
        AcceptedJSON("5e-324", .number(.leastNonzeroMagnitude)),
        AcceptedJSON("1e-400", 0),
        AcceptedJSON("\"\"", ""),
        AcceptedJSON("\"abc\"", "abc"),
        AcceptedJSON(#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        AcceptedJSON(#""a\u00e9b""#, "aéb"),
        AcceptedJSON(#""\u0000""#, "\u{0}"),
        AcceptedJSON(#""\u001F\u007f""#, "\u{1F}\u{7F}"),
        AcceptedJSON(#""\ud83d\ude00""#, "😀"),
        AcceptedJSON(#""\uD834\uDD1E x""#, "𝄞 x"),
        AcceptedJSON(#""\u0110\u1eb7ng""#, "Đặng"),
        AcceptedJSON("\"Chiềng Khương\"", "Chiềng Khương"),
        AcceptedJSON(#""Nguy\u1ec5n \"Minh\" V\u0169""#, "Nguyễn \"Minh\" Vũ"),
        AcceptedJSON("\"\u{2028}\u{10FFFF}\"", "\u{2028}\u{10FFFF}"),
        AcceptedJSON("[]", []),
        AcceptedJSON("[ ]", []),
        AcceptedJSON("{}", [:]),
        AcceptedJSON("{ }", [:]),
        AcceptedJSON("[1,[2,[3,[]]]]", [1, [2, [3, []]]]),
        AcceptedJSON(#"{"a":{"b":[true,null,"c"]}}"#, ["a": ["b": [true, nil, "c"]]]),
        AcceptedJSON(" \t\r\n{ \"a\" :\t1 ,\r\n\"b\":[ ] }\n", ["a": 1, "b": []]),
        AcceptedJSON(#"[{"x":1},{"x":2}]"#, [["x": 1], ["x": 2]]),
    ])
    func acceptsValidText(_ accepted: AcceptedJSON) throws {
        let value = try JSONParser.parse(Array(accepted.text.utf8))
        #expect(value == accepted.value)
    }

    @Test("rejects malformed text at the exact byte", arguments: [
        RejectedJSON("trailing comma in an object", #"{"a":1,}"#, offset: 7, mentions: "trailing comma before '}'"),
        RejectedJSON("trailing comma in an array", "[1,]", offset: 3, mentions: "trailing comma before ']'"),
        RejectedJSON("unterminated string", #""abc"#, offset: 4, mentions: "unterminated string"),
        RejectedJSON("unterminated string after an escape", #""abc\"#, offset: 5, mentions: "unterminated string"),
        RejectedJSON("unterminated string with escapes", #""a\nb"#, offset: 5, mentions: "unterminated string"),
        RejectedJSON("leading zero", "01", offset: 0, mentions: "leading zero"),
        RejectedJSON("negative leading zero", "[-012]", offset: 2, mentions: "leading zero"),
        RejectedJSON("no digit after the point", "1.", offset: 2, mentions: "after the decimal point"),
        RejectedJSON("exponent right after the point", "1.e5", offset: 2, mentions: "after the decimal point"),
        RejectedJSON("empty exponent", "1e", offset: 2, mentions: "exponent"),
        RejectedJSON("signed empty exponent", "1e+", offset: 3, mentions: "exponent"),
        RejectedJSON("lone minus", "-", offset: 1, mentions: "after '-'"),
        RejectedJSON("minus before a letter", "-Infinity", offset: 1, mentions: "after '-'"),
        RejectedJSON("plus sign", "+1", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("leading point", ".5", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("NaN", "NaN", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("Infinity", "[Infinity]", offset: 1, mentions: "expected a JSON value"),
        RejectedJSON("number too large", "[1e400]", offset: 1, mentions: "number out of range"),
        RejectedJSON("missing comma in an array", "[1 2]", offset: 3, mentions: "expected ',' or ']' after an array element"),
        RejectedJSON("unclosed array", "[1", offset: 2, mentions: "expected ',' or ']' after an array element"),
        RejectedJSON("missing comma in an object", #"{"a":1 "b":2}"#, offset: 7, mentions: "expected ',' or '}' after an object member"),
        RejectedJSON("missing colon", #"{"a" 1}"#, offset: 5, mentions: "expected ':' after a member name"),
        RejectedJSON("unquoted member name", "{a:1}", offset: 1, mentions: "expected a member name in double quotes"),
        RejectedJSON("member name after a comma", #"{"a":1,2:3}"#, offset: 7, mentions: "expected a member name in double quotes"),
        RejectedJSON("missing value", #"{"a":}"#, offset: 5, mentions: "expected a JSON value"),
        RejectedJSON("single quotes", "'a'", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("truncated literal", "tru", offset: 0, mentions: "'true'"),
        RejectedJSON("misspelt literal", "[nul]", offset: 1, mentions: "'null'"),
        RejectedJSON("capitalised literal", "True", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("block comment", "/* c */ 1", offset: 0, mentions: "expected a JSON value"),
        RejectedJSON("line comment", "[1, // c\n2]", offset: 4, mentions: "expected a JSON value"),
        RejectedJSON("raw newline in a string", "\"a\nb\"", offset: 2, mentions: "unescaped control character U+000A"),
        RejectedJSON("raw tab in a string", "\"\t\"", offset: 1, mentions: "unescaped control character U+0009"),
        RejectedJSON("raw control after an escape", "\"\\n\u{1}\"", offset: 3, mentions: "U+0001"),
        RejectedJSON("lone high surrogate", #""\ud800""#, offset: 1, mentions: #"lone surrogate \ud800"#),
        RejectedJSON("high surrogate then a letter", #"["ab\uD800\u0041"]"#, offset: 4, mentions: #"lone surrogate \uD800"#),
        RejectedJSON("lone low surrogate", #""\udc00""#, offset: 1, mentions: #"lone surrogate \udc00"#),
        RejectedJSON("short unicode escape", #""\u12""#, offset: 1, mentions: #"four hex digits after '\u'"#),
        RejectedJSON("unknown escape", #""a\x""#, offset: 2, mentions: #"invalid escape sequence '\x'"#),
        RejectedJSON("invalid UTF-8 byte", [0x22, 0x61, 0xFF, 0x22], offset: 2, mentions: "invalid UTF-8 byte 0xFF"),
        RejectedJSON("stray continuation byte", [0x22, 0x80, 0x22], offset: 1, mentions: "0x80"),
        RejectedJSON("overlong encoding", [0x22, 0xC0, 0xAF, 0x22], offset: 1, mentions: "invalid UTF-8"),
        RejectedJSON("overlong three-byte encoding", [0x22, 0xE0, 0x80, 0xAF, 0x22], offset: 1, mentions: "invalid UTF-8"),
        RejectedJSON("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], offset: 1, mentions: "invalid UTF-8"),
        RejectedJSON("beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], offset: 1, mentions: "invalid UTF-8"),
        RejectedJSON("truncated sequence", [0x22, 0x61, 0xE1, 0x80, 0x22], offset: 2, mentions: "invalid UTF-8"),
        RejectedJSON("invalid UTF-8 after an escape", [0x22, 0x5C, 0x6E, 0xC3, 0x22], offset: 3, mentions: "invalid UTF-8"),
        RejectedJSON("duplicate member name", #"{"title":1,"title":2}"#, offset: 11, mentions: #"duplicate member name "title""#),
        RejectedJSON("duplicate escaped member name", #"{"a":1,"b":2,"\u0061":3}"#, offset: 13, mentions: #"duplicate member name "a""#),
        RejectedJSON("nesting of 65", nested(65), offset: 64, mentions: "nesting deeper than 64 levels"),
        RejectedJSON("deep objects", String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65),
                     offset: 320, mentions: "nesting deeper than 64"),
        RejectedJSON("trailing garbage", "{} x", offset: 3, mentions: "unexpected data after the JSON value"),
        RejectedJSON("two values", "{}{}", offset: 2, mentions: "unexpected data after the JSON value"),
        RejectedJSON("number then a letter", "12a", offset: 2, mentions: "unexpected data after the JSON value"),
        RejectedJSON("empty input", "", offset: 0, mentions: "empty input"),
        RejectedJSON("whitespace only", " \t ", offset: 3, mentions: "empty input"),
        RejectedJSON("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], offset: 0, mentions: "byte order mark"),
        RejectedJSON("NUL outside a string", [0x5B, 0x00, 0x5D], offset: 1, mentions: "expected a JSON value"),
        RejectedJSON("non-breaking space as whitespace", [0x5B, 0xC2, 0xA0, 0x31, 0x5D], offset: 1, mentions: "expected a JSON value"),
        RejectedJSON("error on the third line", "{\n  \"a\": 1,\n  \"b\": tru\n}", offset: 19, line: 3, column: 8, mentions: "'true'"),
        RejectedJSON("lines ended by CR LF", "[1,\r\n2,\r\n]", offset: 9, line: 3, column: 1, mentions: "trailing comma"),
        RejectedJSON("lines ended by a lone CR", "[\r\r x]", offset: 4, line: 3, column: 2, mentions: "expected a JSON value"),
        RejectedJSON("column counts bytes, not characters", "\n[\"Hậu\" 1]", offset: 10, line: 2, column: 10,
                     mentions: "expected ',' or ']'"),
    ])
    func rejectsMalformedText(_ rejected: RejectedJSON) throws {
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(rejected.bytes)
        }
        #expect(error.offset == rejected.offset, "\(error)")
        #expect(error.line == rejected.line, "\(error)")
        #expect(error.column == rejected.column, "\(error)")
        #expect(error.message.contains(rejected.mentions), "\(error)")
    }

    @Test("reports the exact message of a duplicate name and a missing separator")
    func exactMessages() {
        #expect(throws: JSONParseError(message: #"duplicate member name "title""#, offset: 14, line: 1, column: 15)) {
            try JSONParser.parse(Array(#"{"title":"a", "title":"b"}"#.utf8))
        }
        #expect(throws: JSONParseError(message: "expected ',' or '}' after an object member", offset: 7, line: 1, column: 8)) {
            try JSONParser.parse(Array(#"{"a":1 "b":2}"#.utf8))
        }
    }

    @Test("describes an error with its line, column and byte")
    func describesError() throws {
        let error = JSONParseError(message: "unterminated string", offset: 12, line: 2, column: 5)
        #expect(error.description == "unterminated string at line 2, column 5 (byte 12)")
        do {
            _ = try JSONParser.parse(Array("[\n1,]".utf8))
            Issue.record("accepted a trailing comma")
        } catch {
            #expect(error.description == "trailing comma before ']' at line 2, column 3 (byte 4)")
        }
    }

    @Test("accepts nesting up to the limit and rejects one more")
    func depthLimit() throws {
        #expect(try JSONParser.parse(Array(nested(64).utf8)).arrayValue?.count == 1)
        #expect(try JSONParser.parse(Array("[[1]]".utf8), maxDepth: 2) == [[1]])
        #expect(try JSONParser.parse(Array("7".utf8), maxDepth: 0) == 7)
        #expect(throws: JSONParseError(message: "nesting deeper than 1 levels", offset: 1, line: 1, column: 2)) {
            try JSONParser.parse(Array("[[1]]".utf8), maxDepth: 1)
        }
        #expect(throws: JSONParseError.self) {
            try JSONParser.parse(Array("{}".utf8), maxDepth: 0)
        }
        // Depth counts nesting, not the number of containers: many siblings are fine.
        let siblings = "[" + Array(repeating: "[[]]", count: 100).joined(separator: ",") + "]"
        #expect(try JSONParser.parse(Array(siblings.utf8), maxDepth: 3).arrayValue?.count == 100)
    }

    @Test("keeps member order as written")
    func keepsMemberOrder() throws {
        let value = try JSONParser.parse(Array(#"{"zeta":1,"alpha":2,"mu":{"y":0,"b":1}}"#.utf8))
        let object = try #require(value.objectValue)
        #expect(object.keys == ["zeta", "alpha", "mu"])
        #expect(object["mu"]?.objectValue?.keys == ["y", "b"])
    }

    @Test("parses from raw memory the same way")
    func parsesRawBuffer() throws {
        let bytes = Array(#"{"name":"Nguyễn Thành Công","ids":[1,2]}"#.utf8)
        let value = try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) }
        #expect(value == ["name": "Nguyễn Thành Công", "ids": [1, 2]])
        let error = bytes.dropLast().withUnsafeBytes { raw -> JSONParseError? in
            do throws(JSONParseError) {
                _ = try JSONParser.parse(raw)
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.offset == bytes.count - 1)
        #expect(error?.message == "expected ',' or '}' after an object member")
        let empty = [UInt8]().withUnsafeBytes { raw -> JSONParseError? in
            do throws(JSONParseError) {
                _ = try JSONParser.parse(raw)
                return nil
            } catch {
                return error
            }
        }
        #expect(empty == JSONParseError(message: "empty input: expected a JSON value", offset: 0, line: 1, column: 1))
    }

    @Test("detects duplicates in a large object, where lookups are indexed")
    func duplicateInLargeObject() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }
        let text = "{" + members.joined(separator: ",") + ",\"k17\":0}"
        let error = #expect(throws: JSONParseError.self) {
            try JSONParser.parse(Array(text.utf8))
        }
        #expect(error?.message == #"duplicate member name "k17""#)
        let valid = try JSONParser.parse(Array(("{" + members.joined(separator: ",") + "}").utf8))
        #expect(valid["k39"] == 39)
        #expect(valid.objectValue?.count == 40)
    }
}

@Suite("JSONObject and JSONValue")
struct JSONObjectTests {
    @Test("objects with the same members in another order are equal and hash alike")
    func equalityIgnoresOrder() {
        let first: JSONObject = ["a": 1, "b": ["x": true, "y": nil], "c": [1, 2]]
        let second: JSONObject = ["c": [1, 2], "b": ["y": nil, "x": true], "a": 1]
        #expect(first == second)
        #expect(first.keys != second.keys)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([JSONValue.object(first), .object(second)]).count == 1)
    }

    @Test("objects that differ in a name, a value, a nested value or a count are not equal", arguments: [
        (["a": 1, "b": 2], ["a": 1, "c": 2]),
        (["a": 1, "b": 2], ["a": 1, "b": 3]),
        (["a": ["b": [1, 2]]], ["a": ["b": [2, 1]]]),
        (["a": 1], ["a": 1, "b": 1]),
        (["a": nil], [:]),
        (["a": 1], ["a": "1"]),
    ] as [(JSONObject, JSONObject)])
    func inequality(_ first: JSONObject, _ second: JSONObject) {
        #expect(first != second)
        #expect(second != first)
    }

    @Test("setting a new name appends, setting an existing one replaces in place, nil removes")
    func subscriptSetter() {
        var object: JSONObject = ["title": "a", "summary": "b"]
        object["body"] = ["p"]
        #expect(object.keys == ["title", "summary", "body"])
        object["title"] = "c"
        #expect(object.keys == ["title", "summary", "body"])
        #expect(object["title"] == "c")
        object["summary"] = nil
        #expect(object.keys == ["title", "body"])
        #expect(object.removeValue(forKey: "body") == ["p"])
        #expect(object.removeValue(forKey: "body") == nil)
        #expect(object.count == 1)
        #expect(object["missing"] == nil)
    }

    @Test("a large object finds, replaces and removes members after its index is built")
    func largeObject() {
        var object = JSONObject()
        for number in 0..<30 {
            object["k\(number)"] = .number(Double(number))
        }
        #expect(object.count == 30)
        #expect(object["k0"] == 0)
        #expect(object["k29"] == 29)
        object["k5"] = "five"
        #expect(object.keys[5] == "k5")
        #expect(object.removeValue(forKey: "k3") == 3)
        #expect(object["k3"] == nil)
        #expect(object["k4"] == 4)
        #expect(object["k29"] == 29)
        #expect(object.keys.count == 29)
        for number in 4..<30 {
            object["k\(number)"] = nil
        }
        #expect(object.keys == ["k0", "k1", "k2"])
        #expect(object["k2"] == 2)
        object["new"] = true
        #expect(object.keys.last == "new")
    }

    @Test("a repeated name in a literal keeps its first position and its last value")
    func repeatedNameInLiteral() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test("iterates the members in order")
    func iteratesInOrder() {
        let object: JSONObject = ["b": 1, "a": 2, "c": 3]
        #expect(object.map(\.key) == ["b", "a", "c"])
        #expect(object.map(\.value) == [1, 2, 3])
        #expect(object.values == [1, 2, 3])
    }

    @Test("names the type of each value", arguments: [
        (JSONValue.null, "null"), (true, "boolean"), (1.5, "number"), ("s", "string"), ([], "array"), ([:], "object"),
    ] as [(JSONValue, String)])
    func typeNames(_ value: JSONValue, _ name: String) {
        #expect(value.typeName == name)
    }

    @Test("conveniences return the payload only for their own kind")
    func conveniences() {
        let value: JSONValue = ["title": "Cửa khẩu", "areaHa": 19.32, "count": 7, "open": true, "tags": ["a"], "notes": nil]
        #expect(value["title"]?.stringValue == "Cửa khẩu")
        #expect(value["areaHa"]?.numberValue == 19.32)
        #expect(value["areaHa"]?.intValue == nil)
        #expect(value["count"]?.intValue == 7)
        #expect(value["open"]?.boolValue == true)
        #expect(value["tags"]?.arrayValue == ["a"])
        #expect(value["tags"]?[0] == "a")
        #expect(value["tags"]?[1] == nil)
        #expect(value["notes"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.keys == ["title", "areaHa", "count", "open", "tags", "notes"])
        #expect(value["title"]?.numberValue == nil)
        #expect(value["areaHa"]?.stringValue == nil)
        #expect(value["title"]?.boolValue == nil)
        #expect(value["title"]?.arrayValue == nil)
        #expect(value["title"]?.objectValue == nil)
        #expect(value["title"]?.isNull == false)
        #expect(JSONValue.string("x")["title"] == nil)
        let number = 3
        let interpolated: JSONValue = "item-\(number)"
        #expect(interpolated == .string("item-3"))
        #expect(value.debugDescription == #"{"title":"Cửa khẩu","areaHa":19.32,"count":7,"open":true,"tags":["a"],"notes":null}"#)
    }
}

@Suite("JSONParser: long strings")
struct JSONParserLongStringTests {
    private static let filler = Array("Cửa khẩu Chiềng Khương, Sơn La; ".utf8)

    /// `"` + 40 bytes of text with `bad` spliced in at `position` + `"`.
    private static func document(_ bad: [UInt8], at position: Int) -> [UInt8] {
        var text = Array(repeating: UInt8(ascii: "a"), count: 40)
        text.replaceSubrange(position..<position, with: bad)
        return [UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]
    }

    @Test("invalid UTF-8 and control characters are reported where they are, in or past the first 16 bytes")
    func errorsAtTheirOffset() {
        for position in [0, 1, 15, 16, 17, 31, 32, 39] {
            for (bad, mentions) in [([UInt8(0xFF)], "invalid UTF-8"), ([0xE1, 0xBB], "invalid UTF-8"),
                                    ([0xED, 0xA0, 0x80], "invalid UTF-8"), ([0x01], "control character"),
                                    ([0x0A], "")] {
                let input = Self.document(bad, at: position)
                #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
                do {
                    _ = try JSONParser.parse(input)
                } catch {
                    #expect(error.offset == position + 1, "\(bad) at \(position)")
                    if !mentions.isEmpty { #expect(error.message.contains(mentions), "\(error.message)") }
                }
            }
        }
    }

    @Test("long strings with and without escapes read back exactly")
    func longStrings() throws {
        let plain = String(decoding: Self.filler + Self.filler + Self.filler, as: UTF8.self)
        #expect(try JSONParser.parse(Array(("\"" + plain + "\"").utf8)) == .string(plain))
        let escaped = "\"" + plain + "\\n\\u1ECD\\\"" + plain + "\""
        #expect(try JSONParser.parse(Array(escaped.utf8)) == .string(plain + "\n\u{1ECD}\"" + plain))
    }

    @Test("a long string without its closing quote is unterminated at the end of the input")
    func unterminated() {
        let input = [UInt8(ascii: "\"")] + Self.filler + Self.filler
        do {
            _ = try JSONParser.parse(input)
            Issue.record("parsed an unterminated string")
        } catch {
            #expect(error.message == "unterminated string")
            #expect(error.offset == input.count)
        }
    }
}
