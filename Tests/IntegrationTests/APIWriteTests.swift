import Foundation
import Testing

/// POST, PUT, PATCH and DELETE through curl: statuses, headers, validation and conflicts.
@Suite("API writes through curl")
struct APIWriteTests {
    static let official = #"""
        {"name":"Lê Văn Tám","level":"provincial","province":"Sơn La","positions":[{"title":"Giám đốc","organization":"Sở Ngoại vụ"}]}
        """#

    @Test("POST → 201 with Location and a strong ETag; GET at the Location returns the same item and ETag")
    func create() async throws {
        try await withAPI { api in
            let created = try await api.send("POST", "/officials", json: Self.official)
            #expect(created.statusCode == 201, "\(created)")
            #expect(created.header("Location") == "/officials/le-van-tam", "\(created)")
            let etag = try #require(created.header("ETag"), "\(created)")
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""), "strong ETag: \(etag)")
            #expect(created.header("Last-Modified") != nil, "\(created)")
            let body = try created.json()
            #expect(body["id"]?.string == "le-van-tam")
            #expect(body["createdAt"]?.string != nil && body["createdAt"] == body["updatedAt"], "\(body)")
            #expect(body["articleIds"]?.strings ?? [] == [], "\(body)")

            let read = try await api.get("/officials/le-van-tam")
            #expect(read.statusCode == 200, "\(read)")
            #expect(read.body == created.body, "GET returns the bytes POST returned")
            #expect(read.header("ETag") == etag)
            #expect(try await api.get("/officials").json().ids == Seed.officialIDs + ["le-van-tam"])
            #expect(try await api.get("/articles/\(Seed.articleID)").json()["officialIds"]?.strings == Seed.officialIDs,
                    "creating an official touches no article")
        }
    }

    @Test("POST stores text as NFC: an NFD name comes back precomposed and gets the same slug")
    func nfcStorage() async throws {
        try await withAPI { api in
            let nfd = Self.official.decomposedStringWithCanonicalMapping
            #expect(Array(nfd.utf8) != Array(Self.official.utf8))
            let created = try await api.send("POST", "/officials", json: nfd)
            #expect(created.statusCode == 201, "\(created)")
            #expect(created.header("Location") == "/officials/le-van-tam")
            let name = "Lê Văn Tám".precomposedStringWithCanonicalMapping
            #expect(created.body.range(of: Data(name.utf8)) != nil, "\(created.bodyText)")
            #expect(try await api.get("/officials?name=\(percentEncoded(name))").json().ids == ["le-van-tam"])
        }
    }

    @Test("POST without an id makes the slug of the name or title, with -2, -3 on collision; a client id is kept")
    func slugs() async throws {
        try await withAPI { api in
            var locations: [String] = []
            for _ in 0..<3 {
                let created = try await api.send("POST", "/officials", json: Self.official)
                #expect(created.statusCode == 201, "\(created)")
                locations.append(created.header("Location") ?? "")
            }
            #expect(locations == ["/officials/le-van-tam", "/officials/le-van-tam-2", "/officials/le-van-tam-3"])

            // A name that folds like a seed official's: đ → d.
            let twin = try await api.send("POST", "/officials", json: #"""
                {"name":"Đặng Ngọc Hậu","level":"central","positions":[{"title":"Vụ trưởng","organization":"Bộ Ngoại giao"}]}
                """#)
            #expect(twin.header("Location") == "/officials/dang-ngoc-hau-2", "\(twin)")

            let article = try await api.send("POST", "/articles", json: #"""
                {"title":"Sơn La đón đoàn công tác Bộ Ngoại giao","summary":"Tóm tắt.","body":["Tóm tắt."],"publishedOn":"2025-03-22"}
                """#)
            #expect(article.statusCode == 201, "\(article)")
            #expect(article.header("Location") == "/articles/son-la-don-doan-cong-tac-bo-ngoai-giao", "\(article)")

            let withID = try await api.send("POST", "/projects", json: #"""
                {"id":"cua-khau-long-sap","name":"Cửa khẩu quốc tế Lóng Sập","category":"border-gate","status":"proposed"}
                """#)
            #expect(withID.statusCode == 201, "\(withID)")
            #expect(withID.header("Location") == "/projects/cua-khau-long-sap")
        }
    }

    @Test("POST with an id that exists → 409 problem; nothing changes")
    func duplicateID() async throws {
        try await withAPI { api in
            let before = try await api.get("/officials/dang-ngoc-hau")
            let result = try await api.send("POST", "/officials", json: #"""
                {"id":"dang-ngoc-hau","name":"Đặng Ngọc Hậu","level":"provincial","positions":[{"title":"A","organization":"B"}]}
                """#)
            expectProblem(result, status: 409, pointer: "/id")
            let after = try await api.get("/officials/dang-ngoc-hau")
            #expect(after.body == before.body)
            #expect(after.header("ETag") == before.header("ETag"))
        }
    }

    @Test("PUT replaces (200, omitted fields gone) and creates with the client's id (201 with Location)")
    func put() async throws {
        try await withAPI { api in
            let replaced = try await api.send("PUT", "/projects/\(Seed.wind)", json: #"""
                {"name":"Các dự án điện gió","category":"renewable-energy","status":"approved"}
                """#)
            #expect(replaced.statusCode == 200, "\(replaced)")
            let body = try replaced.json()
            #expect(body["status"]?.string == "approved")
            #expect(body["location"] == nil && body["province"] == nil && body["nameEn"] == nil, "PUT replaces: \(body)")
            #expect(body["articleIds"]?.strings == [Seed.articleID], "derived fields stay")
            #expect(try await api.get("/projects/\(Seed.wind)").body == replaced.body)

            let created = try await api.send("PUT", "/projects/thuy-dien-nam-la", json: #"""
                {"name":"Thủy điện Nậm La","category":"renewable-energy","status":"completed"}
                """#)
            #expect(created.statusCode == 201, "\(created)")
            #expect(created.header("Location") == "/projects/thuy-dien-nam-la", "\(created)")
            #expect(created.header("ETag") != nil)
            #expect(try created.json()["id"]?.string == "thuy-dien-nam-la")

            let mismatch = try await api.send("PUT", "/projects/thuy-dien-nam-la", json: #"""
                {"id":"other","name":"Thủy điện Nậm La","category":"renewable-energy","status":"completed"}
                """#)
            expectProblem(mismatch, status: 422, pointer: "/id")
        }
    }

    @Test("a GET body, edited, can be PUT back: createdAt, updatedAt and articleIds in input are ignored")
    func roundTrip() async throws {
        try await withAPI { api in
            let original = try await api.get("/officials/dang-ngoc-hau")
            var object = try #require(try original.json().object)
            object["province"] = .string("Điện Biên")
            object["articleIds"] = .array([])
            object["createdAt"] = .string("1999-01-01T00:00:00Z")
            object["updatedAt"] = .string("1999-01-01T00:00:00Z")
            let edited = JSON.object(object).description
            let put = try await api.send("PUT", "/officials/dang-ngoc-hau", json: edited)
            #expect(put.statusCode == 200, "\(put)")
            let body = try put.json()
            #expect(body["province"]?.string == "Điện Biên")
            #expect(body["articleIds"]?.strings == [Seed.articleID], "articleIds is derived: \(body)")
            #expect(body["createdAt"] == (try original.json())["createdAt"], "createdAt is kept: \(body)")
            #expect(body["updatedAt"]?.string != "1999-01-01T00:00:00Z", "updatedAt is the server's: \(body)")
            #expect(put.header("ETag") != original.header("ETag"))

            // The same for an article: its whole GET body goes back through PATCH too.
            let article = try await api.get("/articles/\(Seed.articleID)")
            let patched = try await api.send("PATCH", "/articles/\(Seed.articleID)", json: article.bodyText,
                                             contentType: "application/merge-patch+json")
            #expect(patched.statusCode == 200, "\(patched)")
            #expect(try patched.json()["title"] == (try article.json())["title"])
        }
    }

    @Test("PATCH is a JSON Merge Patch: null removes, objects merge, arrays replace; merge-patch+json and application/json")
    func patch() async throws {
        try await withAPI { api in
            let created = try await api.send("POST", "/officials", json: Self.official)
            #expect(created.statusCode == 201, "\(created)")

            let removed = try await api.send("PATCH", "/officials/le-van-tam", json: #"{"province":null}"#,
                                             contentType: "application/merge-patch+json")
            #expect(removed.statusCode == 200, "\(removed)")
            #expect(try removed.json()["province"] == nil, "\(removed.bodyText)")
            #expect(try removed.json()["name"]?.string == "Lê Văn Tám")

            let plain = try await api.send("PATCH", "/officials/le-van-tam",
                                           json: #"{"positions":[{"title":"Phó Giám đốc","organization":"Sở Ngoại vụ"}]}"#,
                                           contentType: "application/json; charset=utf-8")
            #expect(plain.statusCode == 200, "\(plain)")
            #expect(try plain.json()["positions"]?.array?.count == 1)
            #expect(try plain.json()["positions"]?[0]?["title"]?.string == "Phó Giám đốc")

            let nested = try await api.send("PATCH", "/articles/\(Seed.articleID)", json: #"{"source":{"name":"Báo Sơn La"}}"#,
                                            contentType: "application/merge-patch+json")
            #expect(nested.statusCode == 200, "\(nested)")
            let source = try nested.json()["source"]
            #expect(source?["name"]?.string == "Báo Sơn La")
            #expect(source?["url"]?.string?.hasPrefix("https://baosonla.org.vn/") == true, "the object merges: \(source ?? .null)")

            let invalid = try await api.send("PATCH", "/officials/le-van-tam", json: #"{"level":"mayor"}"#,
                                             contentType: "application/merge-patch+json")
            expectProblem(invalid, status: 422, pointer: "/level")
            let missing = try await api.send("PATCH", "/officials/nobody", json: #"{"level":"central"}"#)
            expectProblem(missing, status: 404)
        }
    }

    @Test("DELETE → 204, then 404; an item nothing names can go")
    func delete() async throws {
        try await withAPI { api in
            #expect(try await api.send("POST", "/officials", json: Self.official).statusCode == 201)
            let deleted = try await api.send("DELETE", "/officials/le-van-tam", contentType: nil)
            #expect(deleted.statusCode == 204, "\(deleted)")
            #expect(deleted.body.isEmpty)
            expectProblem(try await api.get("/officials/le-van-tam"), status: 404)
            expectProblem(try await api.send("DELETE", "/officials/le-van-tam", contentType: nil), status: 404)

            // The article itself can go; then its officials can too.
            #expect(try await api.send("DELETE", "/articles/\(Seed.articleID)", contentType: nil).statusCode == 204)
            #expect(try await api.get("/officials/dang-ngoc-hau").json()["articleIds"]?.strings ?? [] == [])
            #expect(try await api.send("DELETE", "/officials/dang-ngoc-hau", contentType: nil).statusCode == 204)
        }
    }

    @Test("DELETE of an official or project an article still names → 409 naming the article; nothing disappears")
    func deleteReferenced() async throws {
        try await withAPI { api in
            for path in ["/officials/dang-ngoc-hau", "/projects/\(Seed.borderGate)"] {
                let result = try await api.send("DELETE", path, contentType: nil)
                let problem = expectProblem(result, status: 409)
                #expect(problem?.description.contains(Seed.articleID) == true, "the problem names the article: \(problem ?? .null)")
                #expect(try await api.get(path).statusCode == 200, "\(path) is still there")
            }
            #expect(try await api.get("/articles/\(Seed.articleID)").json()["officialIds"]?.strings == Seed.officialIDs)
        }
    }

    @Test("422 with a JSON pointer for every problem: type, required, enum, date, URL, slug, references, unknown fields")
    func validation() async throws {
        try await withAPI { api in
            let official = try await api.send("POST", "/officials", json: #"""
                {"name":"","level":"mayor","positions":[{"title":1}],"colour":"red"}
                """#)
            let problem = expectProblem(official, status: 422)
            let pointers = Set((problem?["errors"]?.array ?? []).compactMap { $0["pointer"]?.string })
            for pointer in ["/name", "/level", "/positions/0/title", "/positions/0/organization", "/colour"] {
                #expect(pointers.contains(pointer), "no error at \(pointer): \(problem ?? .null)")
            }

            let article = try await api.send("POST", "/articles", json: #"""
                {"id":"Not A Slug","title":"T","summary":"S","body":["S"],"publishedOn":"2025-02-30",
                 "source":{"name":"Báo","url":"baosonla"},"officialIds":["nobody"],"tags":"biên giới"}
                """#)
            let articleProblem = expectProblem(article, status: 422)
            let articlePointers = Set((articleProblem?["errors"]?.array ?? []).compactMap { $0["pointer"]?.string })
            for pointer in ["/id", "/publishedOn", "/source/url", "/tags"] {
                #expect(articlePointers.contains(pointer), "no error at \(pointer): \(articleProblem ?? .null)")
            }

            let reference = try await api.send("POST", "/articles", json: #"""
                {"title":"T","summary":"S","body":["S"],"publishedOn":"2025-03-22","officialIds":["nobody"],"projectIds":[1]}
                """#)
            let referenceProblem = expectProblem(reference, status: 422)
            let referencePointers = Set((referenceProblem?["errors"]?.array ?? []).compactMap { $0["pointer"]?.string })
            #expect(referencePointers.contains("/officialIds/0") || referencePointers.contains("/projectIds/0"),
                    "\(referenceProblem ?? .null)")

            let missing = try await api.send("POST", "/projects", json: #"{"name":"X","category":"border-gate","areaHa":-1,"startYear":"2026"}"#)
            expectProblem(missing, status: 422, pointer: "/status")
            expectProblem(missing, status: 422, pointer: "/areaHa")
            expectProblem(missing, status: 422, pointer: "/startYear")

            let notObject = try await api.send("POST", "/officials", json: "[]")
            expectProblem(notObject, status: 422)

            #expect(try await api.get("/officials").json().ids == Seed.officialIDs, "nothing was stored")
            #expect(try await api.get("/articles").json().ids == [Seed.articleID], "nothing was stored")
        }
    }

    @Test("a body that is not JSON by Content-Type → 415, on POST, PUT and PATCH")
    func unsupportedMediaType() async throws {
        try await withAPI { api in
            expectProblem(try await api.send("POST", "/officials", json: Self.official, contentType: "text/plain"), status: 415)
            expectProblem(try await api.send("POST", "/officials", json: Self.official, contentType: nil), status: 415)
            // curl's default for -d.
            expectProblem(try await api.send("POST", "/officials", json: Self.official,
                                             contentType: "application/x-www-form-urlencoded"), status: 415)
            expectProblem(try await api.send("PUT", "/officials/dang-ngoc-hau", json: Self.official, contentType: "text/json"),
                          status: 415)
            expectProblem(try await api.send("PATCH", "/officials/dang-ngoc-hau", json: #"{"province":null}"#,
                                             contentType: "application/xml"), status: 415)
            #expect(try await api.get("/officials").json().ids == Seed.officialIDs)
        }
    }

    @Test("malformed JSON → 400 problem giving the line and column")
    func malformedJSON() async throws {
        try await withAPI { api in
            let result = try await api.send("POST", "/officials", json: "{\"name\": \"A\",\n\"level\": }")
            let problem = expectProblem(result, status: 400)
            let detail = problem?["detail"]?.string ?? ""
            #expect(detail.contains("line 2"), "\(detail)")
            #expect(detail.contains("column"), "\(detail)")

            let trailing = try await api.send("PATCH", "/officials/dang-ngoc-hau", json: #"{"province":"Sơn La",}"#)
            let trailingDetail = expectProblem(trailing, status: 400)?["detail"]?.string ?? ""
            #expect(trailingDetail.contains("line 1"), "\(trailingDetail)")

            let empty = try await api.send("POST", "/officials", json: "")
            expectProblem(empty, status: 400)
        }
    }

    @Test("401 with WWW-Authenticate: Bearer without a token, with a wrong one, or another scheme; nothing changes")
    func unauthorized() async throws {
        try await withAPI { api in
            let cases: [(String, APIServer.Authorization)] = [
                ("no Authorization", .none),
                ("wrong token", .raw("Bearer not-the-token")),
                ("token prefix", .raw("Bearer \(APIServer.defaultToken.dropLast())")),
                ("Basic scheme", .raw("Basic \(Data("user:\(APIServer.defaultToken)".utf8).base64EncodedString())")),
            ]
            for (name, authorization) in cases {
                for (method, path) in [("POST", "/officials"), ("PUT", "/officials/le-van-tam"), ("PATCH", "/officials/dang-ngoc-hau")] {
                    let result = try await api.send(method, path, json: Self.official, authorization: authorization)
                    expectProblem(result, status: 401)
                    #expect(result.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, "\(name) \(method): \(result)")
                }
                let delete = try await api.send("DELETE", "/officials/nguyen-thanh-cong", contentType: nil, authorization: authorization)
                expectProblem(delete, status: 401)
                #expect(delete.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, "\(name) DELETE: \(delete)")
            }
            #expect(try await api.get("/officials").json().ids == Seed.officialIDs, "nothing was written")
            #expect(try await api.get("/officials/dang-ngoc-hau").json()["name"]?.string == "Đặng Ngọc Hậu")
        }
    }

    @Test("without GAZETTE_TOKEN the server logs a random token once, and that token writes")
    func randomToken() async throws {
        try await withAPI(token: nil) { api in
            let output = api.gazette.process.snapshot.combinedOutput
            let match = try #require(output.firstMatch(of: #/token[^\n]*?: ([A-Za-z0-9_\-]{16,})/#), "no token in the log: \(output)")
            let token = String(match.output.1)
            #expect(output.components(separatedBy: token).count == 2, "the token is printed once: \(output)")
            let refused = try await api.send("POST", "/officials", json: Self.official, authorization: .raw("Bearer "))
            expectProblem(refused, status: 401)
            let created = try await api.send("POST", "/officials", json: Self.official, authorization: .raw("Bearer \(token)"))
            #expect(created.statusCode == 201, "\(created)")
        }
    }

    @Test("--token wins over GAZETTE_TOKEN")
    func tokenFlag() async throws {
        try await withAPI(token: "from-flag", arguments: ["--token", "from-flag"], environment: ["GAZETTE_TOKEN": "from-env"]) { api in
            expectProblem(try await api.send("POST", "/officials", json: Self.official, authorization: .raw("Bearer from-env")), status: 401)
            #expect(try await api.send("POST", "/officials", json: Self.official).statusCode == 201)
        }
    }

    @Test("--read-only and GAZETTE_READ_ONLY=1 refuse every write with 403, even with the right token; reads work",
          arguments: [(["--read-only"], [String: String]()), ([], ["GAZETTE_READ_ONLY": "1"])])
    func readOnly(_ arguments: [String], _ environment: [String: String]) async throws {
        try await withAPI(arguments: arguments, environment: environment) { api in
            expectProblem(try await api.send("POST", "/officials", json: Self.official), status: 403)
            expectProblem(try await api.send("PUT", "/officials/le-van-tam", json: Self.official), status: 403)
            expectProblem(try await api.send("PATCH", "/officials/dang-ngoc-hau", json: #"{"province":null}"#), status: 403)
            expectProblem(try await api.send("DELETE", "/officials/nguyen-thanh-cong", contentType: nil), status: 403)
            #expect(try await api.get("/officials").json().ids == Seed.officialIDs)
            #expect(try await api.get("/stats").statusCode == 200)
        }
    }
}
