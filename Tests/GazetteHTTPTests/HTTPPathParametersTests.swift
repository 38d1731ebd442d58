import Testing
@testable import GazetteHTTP

@Suite("HTTPPathParameters")
struct HTTPPathParametersTests {
    @Test func readsBackWhatWasSetInOrder() {
        var parameters = HTTPPathParameters()
        #expect(parameters.isEmpty)
        parameters["official"] = "7"
        parameters["project"] = "x?y"
        #expect(parameters["official"] == "7")
        #expect(parameters["project"] == "x?y")
        #expect(parameters["id"] == nil)
        #expect(parameters.map(\.name) == ["official", "project"])
    }

    @Test func settingANameAgainReplacesItsValue() {
        var parameters: HTTPPathParameters = ["id": "a", "other": "b"]
        parameters["id"] = "c"
        #expect(parameters.count == 2)
        #expect(parameters["id"] == "c")
        #expect(parameters.map(\.name) == ["id", "other"])
    }

    @Test func settingNilRemovesTheName() {
        var parameters: HTTPPathParameters = ["id": "a", "other": "b"]
        parameters["id"] = nil
        parameters["missing"] = nil
        #expect(parameters.count == 1)
        #expect(parameters["id"] == nil)
        #expect(parameters["other"] == "b")
    }

    @Test func aRequestCopyKeepsItsOwnParameters() throws {
        var first = try HTTPRequest(method: .get, target: "/articles/1")
        let second = first
        first.pathParameters["id"] = "1"
        first.body = Array("changed".utf8)
        #expect(first.pathParameters["id"] == "1")
        #expect(second.pathParameters.isEmpty)
        #expect(second.body.isEmpty)
        #expect(second.rawPath == "/articles/1")
    }
}
