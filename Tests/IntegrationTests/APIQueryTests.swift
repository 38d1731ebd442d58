import Foundation
import Testing

/// The query language on lists, as the issue specifies it: conditions and operators, full text,
/// sorting, paging, envelopes, sparse fields, embedding, grouping and aggregates.
@Suite("API query language through curl")
struct APIQueryTests {
    /// `GET path` and its ids, expecting 200.
    private static func ids(_ api: APIServer, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let result = try await api.get(path)
        #expect(result.statusCode == 200, "\(path): \(result.bodyText.prefix(600))", sourceLocation: sourceLocation)
        guard result.statusCode == 200 else { return ["<status \(result.statusCode)>"] }
        let body = try result.json()
        #expect(result.header("X-Total-Count") == "\(body.array?.count ?? -1)", "\(path)", sourceLocation: sourceLocation)
        return body.ids
    }

    // MARK: Conditions

    @Test("field=value is equality, typed from the schema, exact after NFC (NFD input matches; folded text does not)")
    func equality() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/officials?level=central") == ["nguyen-minh-vu"])
            #expect(try await Self.ids(api, "/projects?category=agriculture") == [Seed.exports, Seed.coffee])
            #expect(try await Self.ids(api, "/projects?areaHa=19.32") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?startYear=2026") == [Seed.scheme])
            #expect(try await Self.ids(api, "/articles?publishedOn=2025-03-21") == [Seed.articleID])
            #expect(try await Self.ids(api, "/officials?name=\(percentEncoded("Đặng Ngọc Hậu"))") == ["dang-ngoc-hau"])
            let nfd = percentEncoded("Đặng Ngọc Hậu".decomposedStringWithCanonicalMapping)
            #expect(nfd != percentEncoded("Đặng Ngọc Hậu"), "the test must send other bytes")
            #expect(try await Self.ids(api, "/officials?name=\(nfd)") == ["dang-ngoc-hau"])
            // Equality is exact: no case or diacritic folding.
            #expect(try await Self.ids(api, "/officials?name=dang+ngoc+hau") == [])
            #expect(try await Self.ids(api, "/officials?id=dang-ngoc-hau") == ["dang-ngoc-hau"])
        }
    }

    @Test("ne, lt, lte, gt, gte on numbers, integers and dates; items without the field never match an ordering")
    func comparisons() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/officials?level:ne=central") == ["nguyen-dinh-viet", "dang-ngoc-hau", "nguyen-thanh-cong"])
            #expect(try await Self.ids(api, "/projects?areaHa:lt=20") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?areaHa:lt=19.32") == [])
            #expect(try await Self.ids(api, "/projects?areaHa:lte=19.32") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?areaHa:gt=19.32") == [])
            #expect(try await Self.ids(api, "/projects?areaHa:gt=19") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?areaHa:gte=19.32") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?startYear:lt=2026") == [])
            #expect(try await Self.ids(api, "/projects?startYear:lte=2026&endYear:gte=2035") == [Seed.scheme])
            #expect(try await Self.ids(api, "/articles?publishedOn:gte=2025-03-01&publishedOn:lt=2025-04-01") == [Seed.articleID])
            #expect(try await Self.ids(api, "/articles?publishedOn:gt=2025-03-21") == [])
            #expect(try await Self.ids(api, "/articles?publishedOn:lte=2025-03-21") == [Seed.articleID])
        }
    }

    @Test("in and nin take comma-separated lists; a repeated equality means in; other conditions are ANDed")
    func membership() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/projects?status:in=planning,drafting") == [Seed.borderGate, Seed.scheme])
            #expect(try await Self.ids(api, "/projects?status=planning&status=drafting") == [Seed.borderGate, Seed.scheme])
            #expect(try await Self.ids(api, "/projects?status:nin=seeking-investment") == [Seed.borderGate, Seed.scheme])
            #expect(try await Self.ids(api, "/projects?category:in=agriculture,renewable-energy")
                    == [Seed.exports, Seed.coffee, Seed.wind, Seed.solar])
            #expect(try await Self.ids(api, "/projects?startYear:in=2025,2026") == [Seed.scheme])
            // AND: category and status together.
            #expect(try await Self.ids(api, "/projects?category=border-gate&status=planning") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?category=border-gate&status=drafting") == [])
            #expect(try await Self.ids(api, "/officials?level=provincial&positions.title=Ch%E1%BB%A7+t%E1%BB%8Bch") == ["nguyen-dinh-viet"])
        }
    }

    @Test("contains, startsWith, endsWith and eqi fold case and diacritics (đ → d), NFC or NFD input")
    func foldedOperators() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/projects?name:contains=dien") == [Seed.wind, Seed.solar])
            #expect(try await Self.ids(api, "/projects?name:contains=%C4%90I%E1%BB%86N") == [Seed.wind, Seed.solar]) // ĐIỆN
            #expect(try await Self.ids(api, "/projects?name:startsWith=cac+du+an") == [Seed.wind, Seed.solar])
            #expect(try await Self.ids(api, "/projects?name:startsWith=de+an") == [Seed.scheme])
            #expect(try await Self.ids(api, "/projects?name:endsWith=chieng+khuong") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?name:endsWith=mat+troi") == [Seed.solar])
            #expect(try await Self.ids(api, "/officials?name:eqi=NGUYEN+DINH+VIET") == ["nguyen-dinh-viet"])
            #expect(try await Self.ids(api, "/officials?name:eqi=nguyen") == [], "eqi is the whole value")
            let nfd = percentEncoded("Chiềng Khương".decomposedStringWithCanonicalMapping)
            #expect(try await Self.ids(api, "/projects?name:contains=\(nfd)") == [Seed.borderGate])
            // Every element of an array field counts: a component of the border gate.
            #expect(try await Self.ids(api, "/projects?components:contains=kiem+dich") == [Seed.borderGate])
        }
    }

    @Test("Hoà equals Hòa under eqi and q (old and new tone placement)")
    func toneMarkPlacement() async throws {
        try await withAPI { api async throws in
            let created = try await api.send("POST", "/officials", json: #"""
                {"name":"Lò Văn Hòa","level":"provincial","province":"Sơn La","positions":[{"title":"Giám đốc","organization":"Sở Công Thương"}]}
                """#)
            #expect(created.statusCode == 201, "\(created)")
            let id = try created.json()["id"]?.string ?? ""
            #expect(try await Self.ids(api, "/officials?name:eqi=\(percentEncoded("Lò Văn Hoà"))") == [id])
            #expect(try await Self.ids(api, "/officials?q=\(percentEncoded("Hoà"))") == [id])
            #expect(try await Self.ids(api, "/officials?q=hoa") == [id])
        }
    }

    @Test("exists=true and exists=false, on plain and nested fields")
    func exists() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/projects?areaHa:exists=true") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?areaHa:exists=false") == [Seed.scheme, Seed.exports, Seed.coffee, Seed.wind, Seed.solar])
            #expect(try await Self.ids(api, "/officials?province:exists=false") == ["nguyen-minh-vu"])
            #expect(try await Self.ids(api, "/projects?partners.name:exists=true") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/articles?source.url:exists=true") == [Seed.articleID])
        }
    }

    @Test("dot paths reach nested fields; on arrays a condition holds when any element matches")
    func dotPaths() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/articles?source.name=S%C6%A1n+La") == [Seed.articleID])
            #expect(try await Self.ids(api, "/officials?positions.organization:contains=ngoai+giao") == ["nguyen-minh-vu"])
            #expect(try await Self.ids(api, "/officials?positions.organization=UBND+t%E1%BB%89nh+S%C6%A1n+La")
                    == ["nguyen-dinh-viet", "dang-ngoc-hau", "nguyen-thanh-cong"])
            #expect(try await Self.ids(api, "/officials?positions.titleEn:eqi=vice+chairman") == ["dang-ngoc-hau", "nguyen-thanh-cong"])
            #expect(try await Self.ids(api, "/projects?partners.country=L%C3%A0o") == [Seed.borderGate])
            #expect(try await Self.ids(api, "/projects?phases.startYear:gte=2030") == [Seed.scheme])
            #expect(try await Self.ids(api, "/projects?legalBasis.issuedOn=2025-01-24") == [Seed.scheme])
            #expect(try await Self.ids(api, "/articles?tags=Chi%E1%BB%81ng+Kh%C6%B0%C6%A1ng") == [Seed.articleID])
            #expect(try await Self.ids(api, "/articles?officialIds=dang-ngoc-hau") == [Seed.articleID])
            #expect(try await Self.ids(api, "/officials?articleIds=\(Seed.articleID)") == Seed.officialIDs)
        }
    }

    // MARK: Full text

    @Test("q folds case and diacritics: dang ngoc hau finds Đặng Ngọc Hậu, chieng khuong the border gate, NFD input too")
    func fullText() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/officials?q=dang+ngoc+hau") == ["dang-ngoc-hau"])
            #expect(try await Self.ids(api, "/officials?q=DANG+NGOC+HAU") == ["dang-ngoc-hau"])
            #expect(try await Self.ids(api, "/officials?q=\(percentEncoded("Đặng Ngọc Hậu"))") == ["dang-ngoc-hau"])
            let nfd = percentEncoded("Đặng Ngọc Hậu".decomposedStringWithCanonicalMapping)
            #expect(try await Self.ids(api, "/officials?q=\(nfd)") == ["dang-ngoc-hau"])
            let gate = try await Self.ids(api, "/projects?q=chieng+khuong")
            #expect(gate.first == Seed.borderGate, "the name match ranks first: \(gate)")
            #expect(try await Self.ids(api, "/projects?q=\(percentEncoded("Chiềng Khương".decomposedStringWithCanonicalMapping))").first
                    == Seed.borderGate)
            // Every term must match a word or a word prefix.
            #expect(try await Self.ids(api, "/officials?q=ngo+hau") == ["dang-ngoc-hau"], "ngo: a prefix of Ngọc (and of Ngoại)")
            // "dang" is also Đảng (Ban Chấp hành Trung ương Đảng): Nguyễn Minh Vũ matches, ranked after the name.
            #expect(try await Self.ids(api, "/officials?q=dang") == ["dang-ngoc-hau", "nguyen-minh-vu"])
            #expect(try await Self.ids(api, "/officials?q=dang+zzz") == [])
            #expect(try await Self.ids(api, "/officials?q=ang") == [], "ang is inside Đặng, not a word prefix")
            // Over every text field: an English position, an article's body.
            #expect(try await Self.ids(api, "/officials?q=foreign+affairs") == ["nguyen-minh-vu"])
            #expect(try await Self.ids(api, "/articles?q=ban+dan") == [Seed.articleID])
        }
    }

    @Test("q ranks by relevance without _sort (title and name before body), and combines with filters")
    func relevance() async throws {
        try await withAPI { api async throws in
            // The border gate has "cửa khẩu" in its name: it ranks first.
            let hits = try await Self.ids(api, "/projects?q=cua+khau")
            #expect(hits.first == Seed.borderGate, "\(hits)")
            // An official whose name holds the term ranks before one whose only match is elsewhere.
            let created = try await api.send("POST", "/officials", json: #"""
                {"name":"Hà Thị Lan","level":"provincial","province":"Sơn La","positions":[{"title":"Giám đốc","organization":"Sở Nguyễn Trãi"}]}
                """#)
            #expect(created.statusCode == 201, "\(created)")
            let nguyen = try await Self.ids(api, "/officials?q=nguyen")
            #expect(nguyen.count == 4, "\(nguyen)")
            #expect(nguyen.last == "ha-thi-lan", "the organization match ranks after the name matches: \(nguyen)")
            #expect(try await Self.ids(api, "/officials?q=nguyen&level=central") == ["nguyen-minh-vu"])
            // With _sort, the order is the sort's.
            #expect(try await Self.ids(api, "/officials?q=nguyen&_sort=name") == ["ha-thi-lan", "nguyen-dinh-viet", "nguyen-minh-vu", "nguyen-thanh-cong"])
        }
    }

    // MARK: Sorting

    @Test("_sort: Vietnamese alphabetical order (Đ after D, not after Z), - descends, several keys, ties by id")
    func sorting() async throws {
        try await withAPI { api async throws in
            #expect(try await Self.ids(api, "/officials?_sort=name") == Seed.officialIDsByName)
            #expect(try await Self.ids(api, "/officials?_sort=-name") == Seed.officialIDsByName.reversed())
            #expect(try await Self.ids(api, "/projects?_sort=name") == Seed.projectIDsByName)
            #expect(try await Self.ids(api, "/projects?_sort=-name") == Seed.projectIDsByName.reversed())
            // Numbers as numbers; missing values last.
            #expect(try await Self.ids(api, "/projects?_sort=-areaHa,name").prefix(2) == [Seed.borderGate, Seed.wind])
            #expect(try await Self.ids(api, "/projects?_sort=-startYear,name") == [Seed.scheme, Seed.wind, Seed.solar, Seed.borderGate, Seed.coffee, Seed.exports])
            // Every project is in Sơn La: all tie, and ties go by id.
            #expect(try await Self.ids(api, "/projects?_sort=province") == Seed.projectIDs.sorted())
            #expect(try await Self.ids(api, "/officials?_sort=level,name") == ["nguyen-minh-vu", "dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-thanh-cong"])
            #expect(try await Self.ids(api, "/officials?_sort=-level,name") == ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-thanh-cong", "nguyen-minh-vu"])
        }
    }

    // MARK: Paging

    @Test("_page and _per_page: X-Total-Count and Link first, prev, next, last keeping the other parameters")
    func paging() async throws {
        try await withAPI { api async throws in
            let result = try await api.get("/projects?_sort=name&_per_page=2&_page=2&category:nin=other")
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json().ids == Array(Seed.projectIDsByName[2..<4]))
            #expect(result.header("X-Total-Count") == "6")
            let links = parseLinks(result.header("Link"))
            let others = ["_sort": "name", "_per_page": "2", "category:nin": "other"]
            for (rel, page) in [("first", "1"), ("prev", "1"), ("next", "3"), ("last", "3")] {
                let url = try #require(links[rel], "no \(rel) link: \(result.header("Link") ?? "none")")
                #expect(url.hasPrefix("/projects?") || url.hasPrefix(api.url("/projects?")), "\(rel): \(url)")
                #expect(queryParameters(url) == others.merging(["_page": page]) { $1 }, "\(rel): \(url)")
            }

            let last = try await api.get("/projects?_sort=name&_per_page=2&_page=3")
            #expect(try last.json().ids == Array(Seed.projectIDsByName[4...]))
            #expect(parseLinks(last.header("Link"))["next"] == nil, "\(last)")

            // Default: 20 per page, from page 1.
            let all = try await api.get("/projects")
            #expect(try all.json().ids.count == 6)
            #expect(parseLinks(all.header("Link"))["last"].map(queryParameters) == ["_page": "1"])
        }
    }

    @Test("a page past the end is an empty array with X-Total-Count and Link")
    func pagePastTheEnd() async throws {
        try await withAPI { api async throws in
            let result = try await api.get("/projects?_per_page=2&_page=9")
            #expect(result.statusCode == 200, "\(result)")
            #expect(try result.json() == .array([]))
            #expect(result.header("X-Total-Count") == "6")
            let links = parseLinks(result.header("Link"))
            #expect(links["first"].map(queryParameters) == ["_per_page": "2", "_page": "1"], "\(result)")
            #expect(links["last"].map(queryParameters) == ["_per_page": "2", "_page": "3"], "\(result)")
            #expect(links["next"] == nil, "\(result)")

            let none = try await api.get("/projects?status=completed")
            #expect(try none.json() == .array([]))
            #expect(none.header("X-Total-Count") == "0")
        }
    }

    @Test("_envelope=true: {data, meta {total, page, perPage, pages}, links}")
    func envelope() async throws {
        try await withAPI { api async throws in
            let result = try await api.get("/projects?_envelope=true&_per_page=2&_page=2&_sort=name")
            #expect(result.statusCode == 200, "\(result)")
            let envelope = try result.json()
            #expect(envelope.keys == ["data", "meta", "links"])
            #expect(envelope["data"]?.ids == Array(Seed.projectIDsByName[2..<4]))
            #expect(envelope["meta"] == .object(["total": .number(6), "page": .number(2), "perPage": .number(2), "pages": .number(3)]))
            let links = envelope["links"]?.object ?? [:]
            for (rel, page) in [("first", "1"), ("prev", "1"), ("next", "3"), ("last", "3")] {
                #expect(links[rel]?.string.map(queryParameters)
                        == ["_envelope": "true", "_per_page": "2", "_page": page, "_sort": "name"], "\(rel): \(links)")
            }
            let first = try await api.get("/projects?_envelope=true&_per_page=2").json()
            #expect(first["links"]?["prev"]?.isNull == true || first["links"]?["prev"] == nil, "\(first)")
        }
    }

    @Test("HEAD on a queried list: the headers alone")
    func headOnList() async throws {
        try await withAPI { api async throws in
            let path = "/projects?status=seeking-investment&_per_page=3"
            let result = try await Curl.run(["--head", api.url(path), "--next", api.url(path)])
            let head = result.transfers[0]
            let get = result.transfers[1]
            #expect(head.statusCode == 200, "\(result)")
            #expect(head.downloadSize == 0, "\(result)")
            #expect(head.header("X-Total-Count") == "4")
            #expect(head.header("Link") == get.header("Link"))
            #expect(head.header("ETag") == get.header("ETag"))
            #expect(head.header("Content-Length") == get.header("Content-Length"))
        }
    }

    // MARK: Shaping

    @Test("_fields keeps the listed fields and nested members, id always; on lists and items")
    func fields() async throws {
        try await withAPI { api async throws in
            let articles = try await api.get("/articles?_fields=id,title,source.name")
            #expect(articles.statusCode == 200, "\(articles)")
            #expect(try articles.json() == .array([.object([
                "id": .string(Seed.articleID), "title": .string(Seed.articleTitle), "source": .object(["name": .string("Sơn La")]),
            ])]))
            let names = try await api.get("/officials?_fields=name").json()
            #expect(names.array?.allSatisfy { $0.keys == ["id", "name"] } == true, "\(names)")
            let positions = try await api.get("/officials/dang-ngoc-hau?_fields=positions.title").json()
            #expect(positions == .object(["id": .string("dang-ngoc-hau"), "positions": .array([.object(["title": .string("Phó Chủ tịch")])])]))
        }
    }

    @Test("_embed puts related objects inline: officials and projects on articles, articles on officials and projects")
    func embed() async throws {
        try await withAPI { api async throws in
            let article = try await api.get("/articles/\(Seed.articleID)?_embed=officials").json()
            #expect(article["officials"]?.ids == Seed.officialIDs)
            #expect(article["officials"]?[0]?["name"]?.string == "Nguyễn Minh Vũ")
            #expect(article["title"]?.string == Seed.articleTitle, "the item stays whole")

            let officials = try await api.get("/officials?_embed=articles&_fields=id,name").json()
            for official in officials.array ?? [] {
                #expect(official["articles"]?.ids == [Seed.articleID], "\(official)")
                #expect(official["articles"]?[0]?["title"]?.string == Seed.articleTitle)
            }
            let project = try await api.get("/projects/\(Seed.wind)?_embed=articles").json()
            #expect(project["articles"]?.ids == [Seed.articleID])

            expectProblem(try await api.get("/officials?_embed=projects"), status: 400, parameter: "_embed")
        }
    }

    // MARK: Groups

    @Test("_group_by=status counts per status; filters and q apply first")
    func groupBy() async throws {
        try await withAPI { api async throws in
            let groups = try await api.get("/projects?_group_by=status")
            #expect(groups.statusCode == 200, "\(groups)")
            let counts = Dictionary(uniqueKeysWithValues: (try groups.json().array ?? []).compactMap { group in
                group["status"]?.string.map { ($0, group["count"]?.int ?? -1) }
            })
            #expect(counts == ["seeking-investment": 4, "planning": 1, "drafting": 1], "\(groups.bodyText)")
            #expect(try groups.json()[0]?.keys == ["status", "count"])

            #expect(try await api.get("/projects?category=agriculture&_group_by=status").json()
                    == .array([.object(["status": .string("seeking-investment"), "count": .number(2)])]))
            #expect(try await api.get("/projects?q=dien&_group_by=category").json()
                    == .array([.object(["category": .string("renewable-energy"), "count": .number(2)])]))
            #expect(try await api.get("/officials?_group_by=level").json().array?.first
                    == .object(["level": .string("provincial"), "count": .number(3)]))
        }
    }

    @Test("_group_by on dates: publishedOn:month and publishedOn:year")
    func groupByDate() async throws {
        try await withAPI { api async throws in
            #expect(try await api.get("/articles?_group_by=publishedOn:month").json()
                    == .array([.object(["publishedOn": .string("2025-03"), "count": .number(1)])]))
            #expect(try await api.get("/articles?_group_by=publishedOn:year").json()
                    == .array([.object(["publishedOn": .string("2025"), "count": .number(1)])]))
            expectProblem(try await api.get("/articles?_group_by=publishedOn:week"), status: 400, parameter: "_group_by")
            expectProblem(try await api.get("/projects?_group_by=status:month"), status: 400, parameter: "_group_by")
        }
    }

    @Test("_agg: aggregates nested by operation, per group or in one group; missing values skipped")
    func aggregates() async throws {
        try await withAPI { api async throws in
            let all = try await api.get("/projects?_agg=sum:areaHa,avg:areaHa,min:startYear,max:endYear")
            #expect(all.statusCode == 200, "\(all)")
            #expect(try all.json() == .array([.object([
                "count": .number(6),
                "sum": .object(["areaHa": .number(19.32)]),
                "avg": .object(["areaHa": .number(19.32)]),
                "min": .object(["startYear": .number(2026)]),
                "max": .object(["endYear": .number(2035)]),
            ])]), "\(all.bodyText)")

            let byCategory = try await api.get("/projects?_group_by=category&_agg=sum:areaHa,max:endYear").json().array ?? []
            let gate = byCategory.first { $0["category"]?.string == "border-gate" }
            #expect(gate?["count"]?.int == 1)
            #expect(gate?["sum"] == .object(["areaHa": .number(19.32)]), "\(byCategory)")
            let scheme = byCategory.first { $0["category"]?.string == "development-scheme" }
            #expect(scheme?["max"] == .object(["endYear": .number(2035)]), "\(byCategory)")

            // Filters first: only the border gate is planning.
            #expect(try await api.get("/projects?status=planning&_group_by=status&_agg=sum:areaHa").json()
                    == .array([.object(["status": .string("planning"), "count": .number(1), "sum": .object(["areaHa": .number(19.32)])])]))

            expectProblem(try await api.get("/projects?_agg=median:areaHa"), status: 400, parameter: "_agg")
            expectProblem(try await api.get("/projects?_agg=sum:name"), status: 400, parameter: "_agg")
            expectProblem(try await api.get("/projects?_agg=sum:colour"), status: 400, parameter: "_agg")
        }
    }

    // MARK: Errors

    /// Bad queries and the parameter their 400 must name.
    static let invalidQueries: [(path: String, parameter: String)] = [
        // unknown parameter
        ("/projects?_limit=5", "_limit"),
        ("/projects?_order=name", "_order"),
        // unknown field, plain and with an operator, and in _sort and _fields
        ("/projects?colour=red", "colour"),
        ("/projects?colour:eq=red", "colour:eq"),
        ("/officials?positions.rank=1", "positions.rank"),
        ("/projects?_sort=colour", "_sort"),
        ("/projects?_fields=id,colour", "_fields"),
        ("/projects?_group_by=colour", "_group_by"),
        // unknown operator
        ("/projects?areaHa:between=1", "areaHa:between"),
        ("/officials?name:like=hau", "name:like"),
        // wrong value types
        ("/projects?areaHa:gte=big", "areaHa:gte"),
        ("/projects?areaHa=19,32", "areaHa"),
        ("/projects?startYear=2026.5", "startYear"),
        ("/articles?publishedOn=March", "publishedOn"),
        ("/articles?publishedOn:gte=2025-02-30", "publishedOn:gte"),
        ("/projects?status=finished", "status"),
        ("/projects?status:in=planning,finished", "status:in"),
        ("/projects?areaHa:exists=maybe", "areaHa:exists"),
        ("/officials?name:gt=a", "name:gt"),
        ("/projects?_envelope=yes", "_envelope"),
        // paging
        ("/projects?_page=0", "_page"),
        ("/projects?_page=-1", "_page"),
        ("/projects?_page=two", "_page"),
        ("/projects?_per_page=0", "_per_page"),
        ("/projects?_per_page=101", "_per_page"),
        ("/articles/\(Seed.articleID)/officials?_per_page=101", "_per_page"),
    ]

    @Test("unknown parameters, fields and operators, wrong value types and bad paging are 400 problems naming the parameter")
    func invalidQuery() async throws {
        try await withAPI { api async throws in
            for (path, parameter) in Self.invalidQueries {
                let result = try await api.get(path)
                let problem = expectProblem(result, status: 400, parameter: parameter)
                #expect(problem?["errors"]?.array?.allSatisfy { $0["in"]?.string == "query" } == true, "\(path): \(problem ?? .null)")
            }
        }
    }

    @Test("several bad parameters are all named in one 400; an item takes only _fields and _embed")
    func severalErrors() async throws {
        try await withAPI { api async throws in
            let result = try await api.get("/projects?colour=red&_page=0&areaHa:gte=big&status=planning")
            let problem = expectProblem(result, status: 400)
            let names = Set((problem?["errors"]?.array ?? []).compactMap { $0["name"]?.string })
            #expect(names == ["colour", "_page", "areaHa:gte"], "\(problem ?? .null)")

            expectProblem(try await api.get("/officials/dang-ngoc-hau?_page=2"), status: 400, parameter: "_page")
            expectProblem(try await api.get("/officials/dang-ngoc-hau?level=central"), status: 400, parameter: "level")
        }
    }
}
