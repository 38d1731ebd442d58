import GazetteAPI
import Testing

/// The example document of RFC 6901 §5.
private let rfcDocument: JSONValue = [
    "foo": ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    "k\"l": 6,
    " ": 7,
    "m~n": 8,
]

@Suite("JSONPointer")
struct JSONPointerTests {
    @Test("escapes ~ as ~0 and / as ~1", arguments: [
        ([], ""),
        (["positions", "0", "title"], "/positions/0/title"),
        (["a/b"], "/a~1b"),
        (["m~n"], "/m~0n"),
        (["~1"], "/~01"),
        (["/~"], "/~1~0"),
        ([""], "/"),
        (["", ""], "//"),
        (["c%d", " ", "Hậu"], "/c%d/ /Hậu"),
    ] as [([String], String)])
    func escapes(_ tokens: [String], _ text: String) throws {
        let pointer = JSONPointer(tokens: tokens)
        #expect(pointer.description == text)
        #expect(JSONPointer(parsing: text) == pointer)
    }

    @Test("rejects text that is not a pointer", arguments: ["a", "a/b", "/~", "/~2", "/a~", "/~a/b"])
    func rejectsInvalid(_ text: String) {
        #expect(JSONPointer(parsing: text) == nil)
    }

    @Test("builds a pointer one step at a time")
    func appends() {
        let pointer = JSONPointer.root.appending("positions").appending(0).appending("title")
        #expect(pointer.description == "/positions/0/title")
        #expect(pointer.tokens == ["positions", "0", "title"])
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.appending("a/b").appending("~").description == "/a~1b/~0")
    }

    @Test("finds every value of the RFC 6901 section 5 example", arguments: [
        ("", rfcDocument),
        ("/foo", ["bar", "baz"]),
        ("/foo/0", "bar"),
        ("/", 0),
        ("/a~1b", 1),
        ("/c%d", 2),
        ("/e^f", 3),
        ("/g|h", 4),
        ("/i\\j", 5),
        ("/k\"l", 6),
        ("/ ", 7),
        ("/m~0n", 8),
    ] as [(String, JSONValue)])
    func resolves(_ text: String, _ expected: JSONValue) throws {
        let pointer = try #require(JSONPointer(parsing: text))
        #expect(pointer.value(in: rfcDocument) == expected)
    }

    @Test("finds nothing past the end, at a bad index or under a scalar", arguments: [
        "/foo/2", "/foo/01", "/foo/-", "/foo/+1", "/nope", "/foo/0/x", "/a~1b/0",
    ])
    func resolvesNothing(_ text: String) throws {
        let pointer = try #require(JSONPointer(parsing: text))
        #expect(pointer.value(in: rfcDocument) == nil)
    }
}
