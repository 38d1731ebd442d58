import Foundation
import Testing

/// The three resources, their nested lists, `/search`, `/stats`, `/` and the OpenAPI document, as
/// curl sees them from the embedded dataset.
@Suite("API reads through curl")
struct APIReadTests {
    @Test("the three lists: every item of the dataset, JSON arrays with X-Total-Count, Link, ETag and Last-Modified")
    func lists() async throws {
        try await withAPI { api in
            for (path, ids) in [("/articles", [Seed.articleID]), ("/officials", Seed.officialIDs), ("/projects", Seed.projectIDs)] {
                let result = try await api.get(path)
                #expect(result.statusCode == 200, "\(result)")
                #expect(result.header("Content-Type") == "application/json; charset=utf-8", "\(path)")
                #expect(try result.json().ids == ids, "\(path): \(result.bodyText.prefix(300))")
                #expect(result.header("X-Total-Count") == "\(ids.count)", "\(path)")
                let links = parseLinks(result.header("Link"))
                #expect(links["first"].map(queryParameters) == ["_page": "1"], "\(path): \(result)")
                #expect(links["last"].map(queryParameters) == ["_page": "1"], "\(path): \(result)")
                #expect(links["next"] == nil && links["prev"] == nil, "\(path): one page only: \(result)")
                #expect(result.header("ETag")?.hasPrefix("\"") == true, "\(path): \(result)")
                #expect(result.header("Last-Modified")?.hasSuffix(" GMT") == true, "\(path): \(result)")
            }
        }
    }

    @Test("the article: every field of the report, Vietnamese in NFC, server-managed timestamps")
    func article() async throws {
        try await withAPI { api in
            let result = try await api.get("/articles/\(Seed.articleID)")
            #expect(result.statusCode == 200, "\(result)")
            let article = try result.json()
            #expect(article["title"]?.string == Seed.articleTitle)
            #expect(article["author"]?.string == "Huy Thành")
            #expect(article["publishedOn"]?.string == "2025-03-21")
            #expect(article["province"]?.string == "Sơn La")
            #expect(article["source"]?["url"]?.string?.hasPrefix("https://baosonla.org.vn/") == true)
            #expect(article["images"]?.array?.count == 8)
            #expect(article["images"]?[0]?.keys == ["caption", "captionEn"])
            let body = article["body"]?.strings ?? []
            #expect(body.first == article["summary"]?.string, "the lead paragraph opens the body")
            #expect(body.count >= 2)
            #expect(article["notes"]?.string?.contains("59-NQ/TW") == true, "the year's reasoning: \(article["notes"] ?? .null)")
            #expect(article["officialIds"]?.strings == Seed.officialIDs)
            #expect(article["projectIds"]?.strings == Seed.projectIDs)
            for field in ["createdAt", "updatedAt"] {
                let stamp = article[field]?.string ?? ""
                #expect(stamp.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/#) != nil, "\(field): \(stamp)")
            }
            // The bytes on the wire are NFC: "Nguyễn Minh Vũ" precomposed.
            let nfc = Array("Nguyễn Minh Vũ".precomposedStringWithCanonicalMapping.utf8)
            let nfd = Array("Nguyễn Minh Vũ".decomposedStringWithCanonicalMapping.utf8)
            #expect(result.body.range(of: Data(nfc)) != nil)
            #expect(result.body.range(of: Data(nfd)) == nil)
        }
    }

    @Test("officials and projects: positions with English, derived articleIds, the border gate's area, components and partner")
    func officialsAndProjects() async throws {
        try await withAPI { api in
            let vu = try await api.get("/officials/nguyen-minh-vu").json()
            #expect(vu["name"]?.string == "Nguyễn Minh Vũ")
            #expect(vu["level"]?.string == "central")
            let positions = vu["positions"]?.array ?? []
            #expect(positions.map { $0["organization"]?.string } == ["Ban Chấp hành Trung ương Đảng", "Bộ Ngoại giao"])
            #expect(positions.last?["title"]?.string == "Thứ trưởng Thường trực")
            #expect(positions.last?["organizationEn"]?.string == "Ministry of Foreign Affairs")
            #expect(vu["articleIds"]?.strings == [Seed.articleID])

            let gate = try await api.get("/projects/\(Seed.borderGate)").json()
            #expect(gate["name"]?.string == Seed.borderGateName)
            #expect(gate["areaHa"]?.number == 19.32)
            #expect(gate["components"]?.array?.count == 7)
            #expect(gate["partners"]?[0]?["name"]?.string == "Bản Đán")
            #expect(gate["status"]?.string == "planning")
            #expect(gate["category"]?.string == "border-gate")

            let scheme = try await api.get("/projects/\(Seed.scheme)").json()
            #expect(scheme["phases"]?.array?.map { [$0["startYear"]?.int, $0["endYear"]?.int] } == [[2026, 2030], [2030, 2035]])
            #expect(scheme["legalBasis"]?[0]?["issuedOn"]?.string == "2025-01-24")
        }
    }

    @Test("an unknown id is 404 problem+json naming the id, on items and nested lists")
    func notFound() async throws {
        try await withAPI { api in
            for path in ["/officials/le-van-tam", "/projects/nowhere", "/articles/nothing/officials", "/officials/nobody/articles"] {
                let result = try await api.get(path)
                expectProblem(result, status: 404, parameter: "id")
            }
        }
    }

    @Test("nested lists: an article's officials and projects, an official's and a project's articles")
    func nestedLists() async throws {
        try await withAPI { api in
            let officials = try await api.get("/articles/\(Seed.articleID)/officials")
            #expect(try officials.json().ids == Seed.officialIDs, "\(officials)")
            #expect(officials.header("X-Total-Count") == "4")

            let projects = try await api.get("/articles/\(Seed.articleID)/projects")
            #expect(try projects.json().ids == Seed.projectIDs, "\(projects)")
            #expect(projects.header("X-Total-Count") == "6")

            let articles = try await api.get("/officials/dang-ngoc-hau/articles")
            #expect(try articles.json().ids == [Seed.articleID], "\(articles)")
            #expect(articles.header("X-Total-Count") == "1")

            let projectArticles = try await api.get("/projects/\(Seed.exports)/articles")
            #expect(try projectArticles.json().ids == [Seed.articleID], "\(projectArticles)")
        }
    }

    @Test("nested lists take the query language: filters, _sort, _fields, paging and errors")
    func nestedListQueries() async throws {
        try await withAPI { api in
            let provincial = try await api.get("/articles/\(Seed.articleID)/officials?level=provincial&_sort=name&_fields=id,name")
            #expect(provincial.statusCode == 200, "\(provincial)")
            let body = try provincial.json()
            #expect(body.ids == ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-thanh-cong"], "\(provincial.bodyText)")
            #expect(body[0]?.keys == ["id", "name"])

            let paged = try await api.get("/articles/\(Seed.articleID)/projects?_per_page=4&_page=2")
            #expect(try paged.json().ids == Array(Seed.projectIDs.suffix(2)), "\(paged)")
            #expect(paged.header("X-Total-Count") == "6")
            let prev = parseLinks(paged.header("Link"))["prev"]
            #expect(prev?.hasPrefix("/articles/\(Seed.articleID)/projects?") == true, "\(paged)")

            let bad = try await api.get("/officials/dang-ngoc-hau/articles?colour=red")
            expectProblem(bad, status: 400, parameter: "colour")
        }
    }

    @Test("/search across the three resources: type, id, label and a snippet with the original diacritics")
    func search() async throws {
        try await withAPI { api in
            let result = try await api.get("/search?q=dang+ngoc+hau")
            #expect(result.statusCode == 200, "\(result)")
            let hits = try result.json().array ?? []
            let official = try #require(hits.first { $0["type"]?.string == "official" }, "\(result.bodyText)")
            #expect(official["id"]?.string == "dang-ngoc-hau")
            #expect(official["label"]?.string == "Đặng Ngọc Hậu")
            let snippet = official["snippet"]?.string ?? ""
            #expect(snippet.contains("Đặng Ngọc Hậu"), "the snippet keeps the diacritics: \(snippet)")
            // The article names him too.
            let article = hits.first { $0["type"]?.string == "article" }
            #expect(article?["id"]?.string == Seed.articleID, "\(result.bodyText)")
            #expect(article?["label"]?.string == Seed.articleTitle)
            #expect(article?["snippet"]?.string?.contains("Đặng Ngọc Hậu") == true, "\(article ?? .null)")
            // The name match ranks before the body match.
            #expect(hits.first?["type"]?.string == "official", "\(result.bodyText)")
            #expect(result.header("X-Total-Count") == "\(hits.count)")

            let gate = try await api.get("/search?q=chieng+khuong").json().array ?? []
            let project = try #require(gate.first { $0["id"]?.string == Seed.borderGate }, "\(gate)")
            #expect(project["type"]?.string == "project")
            #expect(project["label"]?.string == Seed.borderGateName)
            #expect(project["snippet"]?.string?.contains("Chiềng Khương") == true, "\(project)")
            #expect(gate.allSatisfy { $0.keys.isSuperset(of: ["type", "id", "label", "snippet"]) }, "\(gate)")

            let onlyOfficials = try await api.get("/search?q=son+la&type=officials").json().array ?? []
            #expect(!onlyOfficials.isEmpty)
            #expect(onlyOfficials.allSatisfy { $0["type"]?.string == "official" }, "\(onlyOfficials)")

            let nothing = try await api.get("/search?q=zzzyxw")
            #expect(nothing.statusCode == 200, "\(nothing)")
            #expect(try nothing.json() == .array([]))
        }
    }

    @Test("/search errors: no q, an unknown parameter, _per_page=101")
    func searchErrors() async throws {
        try await withAPI { api in
            expectProblem(try await api.get("/search"), status: 400, parameter: "q")
            expectProblem(try await api.get("/search?q=son+la&colour=red"), status: 400, parameter: "colour")
            expectProblem(try await api.get("/search?q=son+la&_per_page=101"), status: 400, parameter: "_per_page")
            expectProblem(try await api.get("/search?q=son+la&type=people"), status: 400, parameter: "type")
        }
    }

    @Test("/stats: counts, projects by status and by category, total planned area, articles per month, officials per organization")
    func stats() async throws {
        try await withAPI { api in
            let result = try await api.get("/stats")
            #expect(result.statusCode == 200, "\(result)")
            #expect(result.mediaType == "application/json")
            #expect(result.header("ETag") != nil)
            let stats = try result.json()
            #expect(stats["counts"] == .object(["articles": .number(1), "officials": .number(4), "projects": .number(6)]))
            let byStatus = stats["projectsByStatus"]?.object ?? [:]
            #expect(byStatus["planning"]?.int == 1 && byStatus["drafting"]?.int == 1 && byStatus["seeking-investment"]?.int == 4,
                    "\(byStatus)")
            #expect(byStatus.values.compactMap(\.int).reduce(0, +) == 6)
            let byCategory = stats["projectsByCategory"]?.object ?? [:]
            #expect(byCategory["border-gate"]?.int == 1 && byCategory["development-scheme"]?.int == 1, "\(byCategory)")
            #expect(byCategory["agriculture"]?.int == 2 && byCategory["renewable-energy"]?.int == 2, "\(byCategory)")
            #expect(stats["totalPlannedAreaHa"]?.number == 19.32)
            #expect(stats["articlesByMonth"] == .object(["2025-03": .number(1)]))
            let byOrganization = stats["officialsByOrganization"]?.object ?? [:]
            #expect(byOrganization["UBND tỉnh Sơn La"]?.int == 3, "\(byOrganization)")
            #expect(byOrganization["Bộ Ngoại giao"]?.int == 1, "\(byOrganization)")

            expectProblem(try await api.get("/stats?colour=red"), status: 400, parameter: "colour")
        }
    }

    @Test("/stats follows writes: a new project moves the counts and the area")
    func statsAfterWrite() async throws {
        try await withAPI { api in
            let created = try await api.send("POST", "/projects", json: #"""
                {"name":"Khu kinh tế cửa khẩu Lóng Sập","category":"border-gate","status":"proposed","areaHa":10.5}
                """#)
            #expect(created.statusCode == 201, "\(created)")
            let stats = try await api.get("/stats").json()
            #expect(stats["counts"]?["projects"]?.int == 7)
            #expect(stats["projectsByStatus"]?["proposed"]?.int == 1)
            #expect(stats["totalPlannedAreaHa"]?.number == 29.82, "\(stats)")
        }
    }

    @Test("/ links to every resource, /search, /stats and both OpenAPI documents")
    func root() async throws {
        try await withAPI { api in
            let result = try await api.get("/")
            #expect(result.statusCode == 200, "\(result)")
            let links = try result.json()["links"]?.object ?? [:]
            let targets = links.values.compactMap(\.string)
            for path in ["/articles", "/officials", "/projects", "/stats", "/openapi.yaml", "/openapi.json"] {
                #expect(targets.contains(path), "/ does not link to \(path): \(links)")
            }
            #expect(targets.contains { $0.hasPrefix("/search") }, "\(links)")
            // Every link (without its template) answers 200.
            for target in targets {
                let path = target.replacingOccurrences(of: "{terms}", with: "son+la")
                let linked = try await api.get(path)
                #expect(linked.statusCode == 200, "\(path): \(linked)")
            }
        }
    }

    @Test("/openapi.yaml and /openapi.json: 200, their media types, OpenAPI 3.1 with every resource path")
    func openAPI() async throws {
        try await withAPI { api in
            let yaml = try await api.get("/openapi.yaml")
            #expect(yaml.statusCode == 200, "\(yaml)")
            #expect(yaml.mediaType == "application/yaml", "\(yaml)")
            #expect(yaml.bodyText.hasPrefix("openapi: 3.1"), "\(yaml.bodyText.prefix(100))")
            #expect(yaml.header("ETag") != nil)

            let json = try await api.get("/openapi.json")
            #expect(json.statusCode == 200, "\(json)")
            #expect(json.mediaType == "application/json", "\(json)")
            let document = try json.json()
            #expect(document["openapi"]?.string?.hasPrefix("3.1") == true)
            let paths = document["paths"]?.keys ?? []
            for path in ["/articles", "/articles/{id}", "/officials/{id}/articles", "/projects", "/search", "/stats", "/"] {
                #expect(paths.contains(path), "openapi.json lacks \(path): \(paths.sorted())")
            }

            let again = try await api.get("/openapi.json", ["-H", "If-None-Match: \(json.header("ETag") ?? "")"])
            #expect(again.statusCode == 304, "\(again)")
        }
    }

    @Test("HEAD on a list, an item and /stats: GET's status and headers, no body")
    func head() async throws {
        try await withAPI { api in
            for path in ["/projects?_per_page=2&_sort=name", "/officials/dang-ngoc-hau", "/stats"] {
                let result = try await Curl.run(["--head", api.url(path), "--next", api.url(path)])
                #expect(result.transfers.count == 2)
                let head = result.transfers[0]
                let get = result.transfers[1]
                #expect(head.statusCode == 200, "\(path): \(result)")
                #expect(head.downloadSize == 0, "\(path): HEAD has no body: \(result)")
                for field in ["Content-Length", "Content-Type", "ETag", "X-Total-Count", "Link"] {
                    #expect(head.header(field) == get.header(field), "\(path): \(field) differs: \(result)")
                }
                #expect(get.body.count == Int(get.header("Content-Length") ?? "") ?? -1)
            }
            let list = try await Curl.run(["--head", api.url("/projects?_per_page=2")])
            #expect(list.header("X-Total-Count") == "6", "\(list)")
            #expect(parseLinks(list.header("Link"))["next"] != nil, "\(list)")
        }
    }
}
