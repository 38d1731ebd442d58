import Foundation
import Testing

/// Every curl command of README.md's "Use it" section, run as written (only the address changed
/// to the test server's), with what the README promises checked. A test also checks that this file
/// knows every command the README shows, so a new example cannot go untested.
@Suite("README examples through curl")
struct APIReadmeExamplesTests {
    @Test("every curl command in README's \"Use it\" section is one this suite runs")
    func everyExampleIsCovered() throws {
        let documented = try ReadmeExamples.commands()
        let covered = ReadmeExample.reads.map(\.command) + ReadmeExample.writes
        #expect(!documented.isEmpty)
        for command in documented {
            #expect(covered.contains(where: { ShellWords.split($0) == ShellWords.split(command) }),
                    "README example not covered by an integration test: \(command)")
        }
        for command in covered {
            #expect(documented.contains(where: { ShellWords.split($0) == ShellWords.split(command) }),
                    "this suite runs an example the README no longer shows: \(command)")
        }
    }

    @Test("a read example does what the README says", arguments: ReadmeExample.reads)
    func readExample(_ example: ReadmeExample) async throws {
        try await withAPI { api in
            let result = try await ReadmeExamples.run(example.command, on: api)
            #expect(result.succeeded, "\(result)")
            try example.check(result)
        }
    }

    @Test("the write examples: POST 201 with Location and ETag, PATCH with If-Match, DELETE 204 (GAZETTE_TOKEN=secret)")
    func writeExamples() async throws {
        // `export GAZETTE_TOKEN=secret` before starting the server, as the README says.
        try await withAPI(token: "secret") { api in
            let commands = ReadmeExample.writes
            try #require(commands.count == 3)

            let created = try await ReadmeExamples.run(commands[0], environment: ["GAZETTE_TOKEN": "secret"], on: api)
            #expect(created.statusCode == 201, "\(created)")
            // `-i` puts the head in the output too.
            let (createdHead, createdBody) = splitIncludedHead(created.body)
            #expect(createdHead.hasPrefix("HTTP/1.1 201 Created"), "\(createdHead)")
            #expect(created.header("Location") == "/officials/le-van-tam", "\(created)")
            let etag = try #require(created.header("ETag"), "\(created)")
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"), "not a strong ETag: \(etag)")
            let official = try JSON.parse(createdBody)
            #expect(official["id"]?.string == "le-van-tam")
            #expect(official["name"]?.string == "Lê Văn Tám")
            #expect(official["province"]?.string == "Sơn La")
            #expect(official["positions"]?[0]?["organization"]?.string == "Sở Ngoại vụ")

            let patched = try await ReadmeExamples.run(
                commands[1], environment: ["GAZETTE_TOKEN": "secret"], placeholders: ["<the ETag>": String(etag.dropFirst().dropLast())],
                on: api)
            #expect(patched.statusCode == 200, "\(patched)")
            let patchedBody = try JSON.parse(splitIncludedHead(patched.body).body)
            #expect(patchedBody["province"] == nil, "merge patch null removes the member: \(patchedBody)")
            #expect(patchedBody["name"]?.string == "Lê Văn Tám")
            #expect(patched.header("ETag") != etag, "the ETag changes with the write")

            let deleted = try await ReadmeExamples.run(commands[2], environment: ["GAZETTE_TOKEN": "secret"], on: api)
            #expect(deleted.statusCode == 204, "\(deleted)")
            let gone = try await api.get("/officials/le-van-tam")
            expectProblem(gone, status: 404)
        }
    }
}

/// A README read example and what the README promises of it.
struct ReadmeExample: Sendable, CustomTestStringConvertible {
    let command: String
    let check: @Sendable (CurlResult) throws -> Void

    var testDescription: String { command }

    /// The write examples, in README order: POST, PATCH, DELETE.
    static let writes = [
        #"""
        curl -si -X POST http://127.0.0.1:8080/officials \
          -H "Authorization: Bearer $GAZETTE_TOKEN" -H 'Content-Type: application/json' \
          -d '{"name":"Lê Văn Tám","level":"provincial","province":"Sơn La","positions":[{"title":"Giám đốc","organization":"Sở Ngoại vụ"}]}'
        """#,
        #"""
        curl -si -X PATCH http://127.0.0.1:8080/officials/le-van-tam \
          -H "Authorization: Bearer $GAZETTE_TOKEN" -H 'Content-Type: application/merge-patch+json' \
          -H 'If-Match: "<the ETag>"' -d '{"province":null}'
        """#,
        #"curl -si -X DELETE http://127.0.0.1:8080/officials/le-van-tam -H "Authorization: Bearer $GAZETTE_TOKEN""#,
    ]

    static let reads: [ReadmeExample] = [
        ReadmeExample(command: "curl -i http://127.0.0.1:8080/healthz") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let (head, body) = splitIncludedHead(result.body)
            #expect(head.hasPrefix("HTTP/1.1 200 OK"))
            #expect(String(decoding: body, as: UTF8.self) == #"{"status":"ok"}"#)
        },
        ReadmeExample(command: "curl -s http://127.0.0.1:8080/") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.mediaType == "application/json")
            let links = try #require(try result.json()["links"]?.object, "\(result.bodyText)")
            let targets = Set(links.values.compactMap(\.string))
            for path in ["/articles", "/officials", "/projects", "/stats", "/openapi.yaml", "/openapi.json"] {
                #expect(targets.contains(path), "/ does not link to \(path): \(links)")
            }
            #expect(targets.contains { $0.hasPrefix("/search") }, "/ does not link to /search: \(links)")
        },
        ReadmeExample(command: "curl -s http://127.0.0.1:8080/articles") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json().ids == [Seed.articleID])
            #expect(result.header("X-Total-Count") == "1")
            #expect(parseLinks(result.header("Link"))["first"] != nil, "Link: \(result.header("Link") ?? "none")")
            #expect(parseLinks(result.header("Link"))["last"] != nil, "Link: \(result.header("Link") ?? "none")")
        },
        ReadmeExample(command: "curl -s http://127.0.0.1:8080/officials/dang-ngoc-hau") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let official = try result.json()
            #expect(official["id"]?.string == "dang-ngoc-hau")
            #expect(official["name"]?.string == "Đặng Ngọc Hậu")
            #expect(official["level"]?.string == "provincial")
            #expect(official["articleIds"]?.strings == [Seed.articleID])
            #expect(result.header("ETag") != nil)
        },
        ReadmeExample(command: "curl -s http://127.0.0.1:8080/articles/\(Seed.articleID)/officials") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json().ids == Seed.officialIDs)
            #expect(result.header("X-Total-Count") == "4")
        },
        ReadmeExample(command: "curl -s http://127.0.0.1:8080/stats") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let stats = try result.json()
            #expect(stats["counts"] == .object(["articles": .number(1), "officials": .number(4), "projects": .number(6)]))
            #expect(stats["totalPlannedAreaHa"]?.number == 19.32)
            #expect(stats["projectsByStatus"]?["seeking-investment"]?.int == 4)
            #expect(stats["projectsByCategory"]?["agriculture"]?.int == 2)
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/search?q=chieng+khuong'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let hits = try result.json().array ?? []
            let gate = try #require(hits.first { $0["id"]?.string == Seed.borderGate }, "\(result.bodyText)")
            #expect(gate["type"]?.string == "project")
            #expect(gate["label"]?.string == Seed.borderGateName)
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/officials?q=dang+ngoc+hau'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json().ids == ["dang-ngoc-hau"])
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/officials?positions.organization:contains=ngoai+giao'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json().ids == ["nguyen-minh-vu"])
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?status=planning&status=drafting'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(Set(try result.json().ids) == [Seed.borderGate, Seed.scheme])
            #expect(result.header("X-Total-Count") == "2")
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?areaHa:gte=10&_fields=id,name,areaHa'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json() == .array([.object([
                "id": .string(Seed.borderGate), "name": .string(Seed.borderGateName), "areaHa": .number(19.32),
            ])]))
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?_sort=-startYear,name&_page=1&_per_page=2'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            // Only the scheme has a startYear (missing values last); then by name, Vietnamese order.
            #expect(try result.json().ids == [Seed.scheme, Seed.wind])
            #expect(result.header("X-Total-Count") == "6")
            let next = try #require(parseLinks(result.header("Link"))["next"], "\(result)")
            #expect(queryParameters(next) == ["_sort": "-startYear,name", "_page": "2", "_per_page": "2"])
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?_group_by=status&_agg=sum:areaHa'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let groups = try result.json().array ?? []
            #expect(groups.count == 3, "\(result.bodyText)")
            let planning = groups.first { $0["status"]?.string == "planning" }
            #expect(planning == .object(["status": .string("planning"), "count": .number(1), "sum": .object(["areaHa": .number(19.32)])]))
            #expect(groups.first { $0["status"]?.string == "seeking-investment" }?["count"]?.int == 4)
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/articles?_group_by=publishedOn:month'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json() == .array([.object(["publishedOn": .string("2025-03"), "count": .number(1)])]))
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/articles?_embed=officials,projects&_fields=id,title'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let article = try #require(try result.json()[0], "\(result.bodyText)")
            #expect(article.keys == ["id", "title", "officials", "projects"])
            #expect(article["officials"]?.ids == Seed.officialIDs)
            #expect(article["projects"]?.ids == Seed.projectIDs)
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?_envelope=true&_per_page=2'") { result throws in
            #expect(result.statusCode == 200, "\(result)")
            let envelope = try result.json()
            #expect(envelope.keys == ["data", "meta", "links"])
            #expect(envelope["data"]?.ids == Array(Seed.projectIDs.prefix(2)))
            #expect(envelope["meta"] == .object(["total": .number(6), "page": .number(1), "perPage": .number(2), "pages": .number(3)]))
            #expect(envelope["links"]?["next"]?.string.map(queryParameters) == ["_envelope": "true", "_per_page": "2", "_page": "2"])
        },
        ReadmeExample(command: "curl -s 'http://127.0.0.1:8080/projects?colour=red'") { result throws in
            expectProblem(result, status: 400, parameter: "colour")
        },
    ]
}

/// README.md's curl commands, read from the file, and a way to run them against a test server.
enum ReadmeExamples {
    /// The package root, from this file's place in `Tests/IntegrationTests`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The curl commands of the "Use it" section, each with its continuation lines joined and its
    /// trailing comment removed.
    static func commands() throws -> [String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var inSection = false
        var commands: [String] = []
        var pending: String?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") {
                inSection = line == "## Use it"
                continue
            }
            guard inSection else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var command = pending {
                command += " " + trimmed
                pending = nil
                if command.hasSuffix("\\") { pending = String(command.dropLast()) } else { commands.append(command) }
                continue
            }
            // Code lines in the README are indented by four spaces.
            guard line.hasPrefix("    "), trimmed.hasPrefix("curl ") else { continue }
            if trimmed.hasSuffix("\\") { pending = String(trimmed.dropLast()) } else { commands.append(trimmed) }
        }
        return commands.map(ShellWords.withoutComment)
    }

    /// Runs `command` (a README line) with its address made the test server's, `$NAME` taken from
    /// `environment`, and each placeholder replaced.
    static func run(
        _ command: String, environment: [String: String] = [:], placeholders: [String: String] = [:], on api: APIServer
    ) async throws -> CurlResult {
        var words = ShellWords.split(command, environment: environment)
        #expect(words.first == "curl")
        words.removeFirst()
        words = words.map { word in
            var word = word.replacingOccurrences(of: "http://127.0.0.1:8080", with: api.baseURL)
            for (placeholder, value) in placeholders { word = word.replacingOccurrences(of: placeholder, with: value) }
            return word
        }
        return try await Curl.run(words)
    }
}

/// Just enough of the POSIX shell's word splitting for the README's commands: single and double
/// quotes, `$NAME` in double quotes and bare words, backslash-newline, and `#` comments.
enum ShellWords {
    static func split(_ command: String, environment: [String: String] = [:]) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        // A backslash before a line break continues the line.
        let characters = Array(withoutComment(command).replacingOccurrences(of: "\\\n", with: " "))
        var index = 0
        func expand() {
            var name = ""
            while index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1] == "_"
                || characters[index + 1].isNumber {
                index += 1
                name.append(characters[index])
            }
            current += environment[name] ?? "$" + name
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "'" {
                    current.append(characters[index])
                    index += 1
                }
            case "\"":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "$" { expand() } else { current.append(characters[index]) }
                    index += 1
                }
            case "$":
                inWord = true
                expand()
            case _ where character.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                inWord = true
                current.append(character)
            }
            index += 1
        }
        if inWord { words.append(current) }
        return words
    }

    /// `command` without a `#` comment that starts a word outside quotes.
    static func withoutComment(_ command: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in command.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous.isWhitespace {
                return String(command.prefix(offset)).trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return command.trimmingCharacters(in: .whitespaces)
    }
}
