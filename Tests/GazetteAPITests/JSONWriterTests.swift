import GazetteAPI
import Testing

/// A value and the exact compact text the writer must produce for it.
struct WrittenJSON: CustomTestStringConvertible, Sendable {
    var name: String
    var value: JSONValue
    var text: String
    var testDescription: String { name }

    init(_ name: String, _ value: JSONValue, _ text: String) {
        self.name = name
        self.value = value
        self.text = text
    }
}

private func compact(_ value: JSONValue) -> String {
    String(decoding: JSONWriter.encode(value), as: UTF8.self)
}

/// A document shaped like the API's: Vietnamese text, nesting, every kind of value.
private let articleDocument: JSONValue = [
    "id": "chieng-khuong",
    "title": "Sơn La đề xuất xây dựng Khu kinh tế cửa khẩu Chiềng Khương",
    "summary": "Ngày 21/3, Đoàn công tác do ông Nguyễn Minh Vũ dẫn đầu đã làm việc với tỉnh Sơn La.",
    "body": [
        "Đặng Ngọc Hậu, Nguyễn Đình Việt và Nguyễn Thành Công.",
        "Dòng có \"ngoặc kép\", gạch chéo / và \\ xuống dòng\nthứ hai\tcó tab.",
    ],
    "images": [["caption": "Cửa khẩu Chiềng Khương", "captionEn": "Chiềng Khương border gate"]],
    "source": ["name": "Báo Sơn La", "url": "https://baosonla.vn/"],
    "areaHa": 19.32,
    "startYear": 2026,
    "ratio": -0.5,
    "huge": 1e21,
    "tiny": .number(.leastNonzeroMagnitude),
    "partners": ["Bản Đán (Lào)", "😀 𝄞"],
    "published": true,
    "notes": nil,
    "phases": [["from": 2026, "to": 2030], ["from": 2030, "to": 2035]],
    "empty": ["list": [], "object": [:], "string": ""],
    "control": "\u{0}\u{1}\u{1F}\u{7F}\u{2028}",
]

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("writes compact JSON exactly", arguments: [
        WrittenJSON("null", nil, "null"),
        WrittenJSON("true", true, "true"),
        WrittenJSON("false", false, "false"),
        WrittenJSON("integral number", 19, "19"),
        WrittenJSON("zero", 0, "0"),
        WrittenJSON("negative zero", .number(-0.0), "0"),
        WrittenJSON("negative integer", -3, "-3"),
        WrittenJSON("fraction", 19.32, "19.32"),
        WrittenJSON("negative fraction", -0.5, "-0.5"),
        WrittenJSON("tenth", 0.1, "0.1"),
        WrittenJSON("integral float", 2026.0, "2026"),
        WrittenJSON("10^15", 1e15, "1000000000000000"),
        WrittenJSON("largest exact integer", 9_007_199_254_740_991, "9007199254740991"),
        WrittenJSON("smallest exact integer", -9_007_199_254_740_991, "-9007199254740991"),
        WrittenJSON("2^53 + 1 rounds to 2^53", 9007199254740993.0, "9007199254740992.0"),
        WrittenJSON("10^21", 1e21, "1e+21"),
        WrittenJSON("10^300", 1e300, "1e+300"),
        WrittenJSON("small", 0.00001, "1e-05"),
        WrittenJSON("subnormal", .number(.leastNonzeroMagnitude), "5e-324"),
        WrittenJSON("largest double", .number(-1.7976931348623157e308), "-1.7976931348623157e+308"),
        WrittenJSON("infinity", .number(.infinity), "null"),
        WrittenJSON("negative infinity", .number(-.infinity), "null"),
        WrittenJSON("NaN", .number(.nan), "null"),
        WrittenJSON("empty string", "", #""""#),
        WrittenJSON("plain string", "abc", #""abc""#),
        WrittenJSON("slash unescaped", "a/b", #""a/b""#),
        WrittenJSON("quote and backslash", "say \"hi\" \\o/", #""say \"hi\" \\o/""#),
        WrittenJSON("named control escapes", "\n\t\r\u{8}\u{C}", #""\n\t\r\b\f""#),
        WrittenJSON("other controls as \\u00XX", "\u{0}\u{1}\u{1B}\u{1F}", #""\u0000\u0001\u001b\u001f""#),
        WrittenJSON("DEL stays raw", "\u{7F}", "\"\u{7F}\""),
        WrittenJSON("Vietnamese stays raw UTF-8", "Chiềng Khương", "\"Chiềng Khương\""),
        WrittenJSON("astral and separators raw", "😀\u{2028}", "\"😀\u{2028}\""),
        WrittenJSON("escape between raw runs", "Sơn\nLa", #""Sơn\nLa""#),
        WrittenJSON("empty array", [], "[]"),
        WrittenJSON("empty object", [:], "{}"),
        WrittenJSON("array", [1, "a", nil, true, [false]], #"[1,"a",null,true,[false]]"#),
        WrittenJSON("object order preserved", ["zeta": 1, "alpha": 2, "mu": ["b": [], "a": [:]]],
                    #"{"zeta":1,"alpha":2,"mu":{"b":[],"a":{}}}"#),
        WrittenJSON("escaped member name", ["a\"b\n": 1], #"{"a\"b\n":1}"#),
    ])
    func writesCompact(_ written: WrittenJSON) {
        #expect(compact(written.value) == written.text)
    }

    @Test("appends to a buffer that already holds bytes")
    func appendsToBuffer() {
        var buffer = Array("data: ".utf8)
        JSONWriter.write(["a": [1, 2]], into: &buffer)
        JSONWriter.write("x", into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"data: {"a":[1,2]}"x""#)
    }

    @Test("indents with two spaces for humans")
    func writesPretty() {
        let value: JSONValue = ["title": "Sơn La", "tags": ["a", 1], "empty": [], "none": [:], "nested": ["x": nil]]
        let expected = """
        {
          "title": "Sơn La",
          "tags": [
            "a",
            1
          ],
          "empty": [],
          "none": {},
          "nested": {
            "x": null
          }
        }
        """
        #expect(String(decoding: JSONWriter.encodePretty(value), as: UTF8.self) == expected)
        #expect(String(decoding: JSONWriter.encodePretty(19.32), as: UTF8.self) == "19.32")
        #expect(String(decoding: JSONWriter.encodePretty([]), as: UTF8.self) == "[]")
    }

    @Test("a document survives parse(write(value)) and parse(encodePretty(value))")
    func roundTrips() throws {
        let compactBytes = JSONWriter.encode(articleDocument)
        let reparsed = try JSONParser.parse(compactBytes)
        #expect(reparsed == articleDocument)
        #expect(reparsed.objectValue?.keys == articleDocument.objectValue?.keys)
        #expect(reparsed["title"]?.stringValue?.unicodeScalars.elementsEqual(
            "Sơn La đề xuất xây dựng Khu kinh tế cửa khẩu Chiềng Khương".unicodeScalars) == true)
        #expect(JSONWriter.encode(reparsed) == compactBytes)
        #expect(try JSONParser.parse(JSONWriter.encodePretty(articleDocument)) == articleDocument)
    }

    @Test("writes compact input back byte for byte", arguments: [
        #"{"name":"Nguyễn Đình Việt","positions":[{"title":"Thứ trưởng","level":1}],"x":null}"#,
        #"[0,-1,0.5,1e+21,"\u0001\n\"\\",true,false,{}]"#,
    ])
    func rewritesCanonicalText(_ text: String) throws {
        #expect(JSONWriter.encode(try JSONParser.parse(Array(text.utf8))) == Array(text.utf8))
    }

    @Test("every number it writes reads back as the same number", arguments: [
        0.1, 19.32, -0.5, 1e21, 1e-7, 123456.789, 9007199254740991, 9007199254740993.0, 1.7976931348623157e308, .leastNonzeroMagnitude,
        -2026, 3.141592653589793,
    ] as [Double])
    func numbersRoundTrip(_ number: Double) throws {
        #expect(try JSONParser.parse(JSONWriter.encode(.number(number))) == .number(number))
    }
}

@Suite("JSONWriter: long strings")
struct JSONWriterLongStringTests {
    @Test("an escape anywhere in a long string, inside or after the 16-byte chunks, is written and reads back",
          arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}"])
    func escapeAtEveryPosition(special: String) throws {
        let filler = Array("Cửa khẩu Chiềng Khương, tỉnh Sơn La".unicodeScalars)
        for position in 0..<40 {
            var text = String(String.UnicodeScalarView(filler.prefix(position)))
            text += special
            text += String(String.UnicodeScalarView(filler.suffix(from: position % filler.count)))
            let encoded = JSONWriter.encode(.string(text))
            #expect(!encoded.contains { $0 < 0x20 }, "raw control byte at \(position)")
            #expect(try JSONParser.parse(encoded) == .string(text), "position \(position)")
        }
    }

    @Test("a long string without escapes is copied as it is")
    func plainLongString() {
        let text = String(repeating: "Thứ trưởng Thường trực Bộ Ngoại giao ", count: 20)
        #expect(JSONWriter.encode(.string(text)) == Array(("\"" + text + "\"").utf8))
    }
}
