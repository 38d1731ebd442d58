import GazetteAPI
import Testing

/// One row of RFC 7396 Appendix A: original, patch and result as JSON text.
struct MergePatchExample: CustomTestStringConvertible, Sendable {
    var target: String
    var patch: String
    var result: String
    var testDescription: String { "\(target) + \(patch) = \(result)" }

    init(_ target: String, _ patch: String, _ result: String) {
        self.target = target
        self.patch = patch
        self.result = result
    }
}

private func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

@Suite("JSONMergePatch")
struct JSONMergePatchTests {
    @Test("follows every example of RFC 7396 Appendix A", arguments: [
        MergePatchExample(#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        MergePatchExample(#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        MergePatchExample(#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        MergePatchExample(#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        MergePatchExample(#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        MergePatchExample(#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        MergePatchExample(#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        MergePatchExample(#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        MergePatchExample(#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        MergePatchExample(#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        MergePatchExample(#"{"a":"foo"}"#, #"null"#, #"null"#),
        MergePatchExample(#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        MergePatchExample(#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        MergePatchExample(#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        MergePatchExample(#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func appendixA(_ example: MergePatchExample) throws {
        let result = JSONMergePatch.apply(try json(example.patch), to: try json(example.target))
        // Byte-exact: the order of members (kept, then appended) is part of the result.
        #expect(String(decoding: JSONWriter.encode(result), as: UTF8.self) == example.result)
    }

    @Test("merges the document example of RFC 7396 section 3")
    func sectionThreeExample() throws {
        let target = try json("""
        {
          "title": "Goodbye!",
          "author" : {
            "givenName" : "John",
            "familyName" : "Doe"
          },
          "tags":[ "example", "sample" ],
          "content": "This will be unchanged"
        }
        """)
        let patch = try json("""
        {
          "title": "Hello!",
          "phoneNumber": "+01-123-456-7890",
          "author": {
            "familyName": null
          },
          "tags": [ "example" ]
        }
        """)
        let expected = try json("""
        {
          "title": "Hello!",
          "author" : {
            "givenName" : "John"
          },
          "tags": [ "example" ],
          "content": "This will be unchanged",
          "phoneNumber": "+01-123-456-7890"
        }
        """)
        let result = JSONMergePatch.apply(patch, to: target)
        #expect(result == expected)
        #expect(result.objectValue?.keys == ["title", "author", "tags", "content", "phoneNumber"])
    }

    @Test("removing a member that does not exist changes nothing, and the target is left intact")
    func leavesTargetIntact() throws {
        let target: JSONValue = ["name": "Đặng Ngọc Hậu", "positions": [["title": "Phó Chủ tịch"]]]
        let result = JSONMergePatch.apply(["missing": nil, "positions": [], "level": "provincial"], to: target)
        #expect(result == ["name": "Đặng Ngọc Hậu", "positions": [], "level": "provincial"])
        #expect(target["positions"]?.arrayValue?.count == 1)
        #expect(JSONMergePatch.apply([:], to: target) == target)
    }
}
