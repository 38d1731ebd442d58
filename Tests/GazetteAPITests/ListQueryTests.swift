import Foundation
@testable import GazetteAPI
import GazetteHTTP
import Testing

@Suite("QueryParser: conditions")
struct ListQueryConditionTests {
    /// A query, the resource, and the one condition it should make.
    static let conditions: [(query: String, kind: ResourceKind, path: String, op: QueryOperator, operands: [QueryOperand])] = [
        ("status=planning", .projects, "status", .eq, [.string("planning")]),
        ("status:eq=planning", .projects, "status", .eq, [.string("planning")]),
        ("status:ne=planning", .projects, "status", .ne, [.string("planning")]),
        ("areaHa:lt=10", .projects, "areaHa", .lt, [.number(10)]),
        ("areaHa:lte=19.32", .projects, "areaHa", .lte, [.number(19.32)]),
        ("startYear:gt=2025", .projects, "startYear", .gt, [.number(2025)]),
        ("endYear:gte=-5", .projects, "endYear", .gte, [.number(-5)]),
        ("areaHa:gte=1e1", .projects, "areaHa", .gte, [.number(10)]),
        ("status:in=planning,drafting", .projects, "status", .in, [.string("planning"), .string("drafting")]),
        ("status:nin=planning", .projects, "status", .nin, [.string("planning")]),
        ("name:contains=Chi%E1%BB%81ng", .projects, "name", .contains, [.folded("chieng")]),
        ("name:startsWith=KHU+V%E1%BB%B0C", .projects, "name", .startsWith, [.folded("khu vuc")]),
        ("name:endsWith=kh%C6%B0%C6%A1ng", .projects, "name", .endsWith, [.folded("khuong")]),
        ("name:eqi=%C4%90%E1%BA%B7ng+Ng%E1%BB%8Dc+H%E1%BA%ADu", .officials, "name", .eqi, [.folded("dang ngoc hau")]),
        ("areaHa:exists=true", .projects, "areaHa", .exists, [.boolean(true)]),
        ("partners:exists=false", .projects, "partners", .exists, [.boolean(false)]),
        ("source.name=S%C6%A1n+La", .articles, "source.name", .eq, [.string("Sơn La")]),
        ("positions.organization:contains=ngoai+giao", .officials, "positions.organization", .contains, [.folded("ngoai giao")]),
        ("publishedOn:gte=2025-03-01", .articles, "publishedOn", .gte, [.instant("2025-03-01")]),
        ("legalBasis.issuedOn=2025-01-24", .projects, "legalBasis.issuedOn", .eq, [.instant("2025-01-24")]),
        ("createdAt:lt=2025-03-21", .articles, "createdAt", .lt, [.instant("2025-03-21T00:00:00Z")]),
        ("createdAt:lt=2025-03-21T09:00:00%2B07:00", .articles, "createdAt", .lt, [.instant("2025-03-21T02:00:00Z")]),
        ("officialIds=dang-ngoc-hau", .articles, "officialIds", .eq, [.string("dang-ngoc-hau")]),
        ("publishedOn:startsWith=2025-03", .articles, "publishedOn", .startsWith, [.folded("2025-03")]),
    ]

    @Test("types each operator's value from the schema", arguments: conditions.indices)
    func typesValues(index: Int) throws {
        let (query, kind, path, op, operands) = Self.conditions[index]
        let parsed = try QueryFixture.parse(query, kind)
        let condition = try #require(parsed.conditions.first)
        #expect(parsed.conditions.count == 1)
        #expect(condition.path.name == path)
        #expect(condition.op == op)
        #expect(condition.operands == operands)
    }

    @Test("covers every operator")
    func coversEveryOperator() {
        #expect(Set(Self.conditions.map(\.op)) == Set(QueryOperator.allCases))
    }

    @Test("keeps the spaces inside an in list: they are part of the values")
    func inListValuesAreExact() throws {
        #expect(try QueryFixture.parseErrors("level:in=central,+provincial", .officials) == ["level:in"])
    }

    @Test("normalizes NFD input to NFC for exact equality")
    func normalizesNFD() throws {
        let nfd = "Sơn La".decomposedStringWithCanonicalMapping
        let escaped = try #require(nfd.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let parsed = try QueryFixture.parse("province=" + escaped, .officials)
        guard case .string(let value)? = parsed.conditions.first?.operands.first else {
            Issue.record("no string operand")
            return
        }
        #expect(Array(value.unicodeScalars) == Array("Sơn La".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("a repeated equality is one in condition")
    func mergesRepeatedEquality() throws {
        let parsed = try QueryFixture.parse("status=planning&areaHa:gte=1&status=drafting")
        #expect(parsed.conditions.count == 2)
        let status = try #require(parsed.conditions.first)
        #expect(status.op == .in)
        #expect(status.operands == [.string("planning"), .string("drafting")])
        #expect(status.parameter == "status")
    }

    @Test("other repeated conditions are all kept (ANDed)")
    func keepsRepeatedRanges() throws {
        let parsed = try QueryFixture.parse("areaHa:gte=1&areaHa:lte=30")
        #expect(parsed.conditions.map(\.op) == [.gte, .lte])
    }
}

@Suite("QueryParser: reserved parameters")
struct ListQueryReservedTests {
    @Test("defaults: page 1 of 20, no envelope, creation order")
    func defaults() throws {
        let parsed = try QueryFixture.parse("")
        #expect(parsed.page == 1)
        #expect(parsed.perPage == 20)
        #expect(!parsed.isEnveloped)
        #expect(parsed.sort.isEmpty)
        #expect(parsed.fullText == nil)
        #expect(parsed.grouping == nil)
        #expect(parsed.selection == nil)
        #expect(parsed.embeds.isEmpty)
    }

    @Test("reads paging, envelope, sort, q, fields and embed")
    func readsEverything() throws {
        let parsed = try QueryFixture.parse(
            "_page=3&_per_page=100&_envelope=true&_sort=-publishedOn,title&q=%C4%90%E1%BA%B7ng+ngoc&_fields=title,source.name&_embed=projects,officials",
            .articles)
        #expect(parsed.page == 3)
        #expect(parsed.perPage == 100)
        #expect(parsed.isEnveloped)
        #expect(parsed.sort.map(\.path.name) == ["publishedOn", "title"])
        #expect(parsed.sort.map(\.isDescending) == [true, false])
        #expect(parsed.fullText?.terms == ["dang", "ngoc"])
        #expect(parsed.selection == FieldSelection([
            try #require(FieldPath.resolve("title", in: ArticleSchema.schema)),
            try #require(FieldPath.resolve("source.name", in: ArticleSchema.schema)),
        ]))
        #expect(parsed.embeds == [.projects, .officials])
    }

    @Test("reads _group_by with date buckets and _agg")
    func readsGrouping() throws {
        let parsed = try QueryFixture.parse("_group_by=status,category&_agg=sum:areaHa,avg:areaHa,min:startYear,max:legalBasis.issuedOn")
        let grouping = try #require(parsed.grouping)
        #expect(grouping.keys.map(\.name) == ["status", "category"])
        #expect(grouping.aggregates.map(\.operation) == [.sum, .avg, .min, .max])
        #expect(grouping.aggregates.map(\.path.name) == ["areaHa", "areaHa", "startYear", "legalBasis.issuedOn"])
        let monthly = try #require(try QueryFixture.parse("_group_by=publishedOn:month", .articles).grouping)
        #expect(monthly.keys.first?.bucket == .month)
        #expect(try QueryFixture.parse("_agg=sum:areaHa").grouping?.keys.isEmpty == true)
    }

    @Test("accepts a page far past the end up to 2^53 - 1, and integers beyond Int in filters")
    func acceptsLargeNumbers() throws {
        #expect(try QueryFixture.parse("_page=9007199254740991").page == 9_007_199_254_740_991)
        #expect(try QueryFixture.parseErrors("_page=9007199254740992") == ["_page"])
        #expect(try QueryFixture.parseErrors("_page=99999999999999999999") == ["_page"])
        #expect(try QueryFixture.parse("_page=%2B2").page == 2)
        #expect(try QueryFixture.parse("startYear=99999999999999999999").conditions.first?.operands == [.number(1e20)])
    }
}

@Suite("QueryParser: errors name the parameter as written")
struct ListQueryErrorTests {
    static let cases: [(query: String, kind: ResourceKind, blamed: [String])] = [
        ("colour=red", .projects, ["colour"]),
        ("source.colour=x", .articles, ["source.colour"]),
        ("source..name=x", .articles, ["source..name"]),
        ("status:like=plan", .projects, ["status:like"]),
        ("status:=plan", .projects, ["status:"]),
        ("colour:like=x", .projects, ["colour:like"]),
        ("status=unknown", .projects, ["status"]),
        ("status:in=planning,unknown", .projects, ["status:in"]),
        ("status:in=planning,,drafting", .projects, ["status:in"]),
        ("status:in=", .projects, ["status:in"]),
        ("areaHa:gte=ten", .projects, ["areaHa:gte"]),
        ("areaHa=nan", .projects, ["areaHa"]),
        ("areaHa=inf", .projects, ["areaHa"]),
        ("areaHa=0x10", .projects, ["areaHa"]),
        ("areaHa=", .projects, ["areaHa"]),
        ("startYear=2030.5", .projects, ["startYear"]),
        ("publishedOn=2025-02-30", .articles, ["publishedOn"]),
        ("publishedOn:gt=21/3/2025", .articles, ["publishedOn:gt"]),
        ("createdAt:gt=yesterday", .articles, ["createdAt:gt"]),
        ("name:lt=A", .projects, ["name:lt"]),
        ("status:gte=planning", .projects, ["status:gte"]),
        ("areaHa:contains=1", .projects, ["areaHa:contains"]),
        ("name:contains=", .projects, ["name:contains"]),
        ("areaHa:exists=yes", .projects, ["areaHa:exists"]),
        ("partners=Laos", .projects, ["partners"]),
        ("source=x", .articles, ["source"]),
        ("id=Not+A+Slug", .projects, ["id"]),
        ("q=", .projects, ["q"]),
        ("q=+%21%3F+", .projects, ["q"]),
        ("_page=0", .projects, ["_page"]),
        ("_page=-1", .projects, ["_page"]),
        ("_page=two", .projects, ["_page"]),
        ("_page=1.5", .projects, ["_page"]),
        ("_page=", .projects, ["_page"]),
        ("startYear=20e2", .projects, ["startYear"]),
        ("_per_page=0", .projects, ["_per_page"]),
        ("_per_page=101", .projects, ["_per_page"]),
        ("_envelope=yes", .projects, ["_envelope"]),
        ("_sort=colour", .projects, ["_sort"]),
        ("_sort=", .projects, ["_sort"]),
        ("_sort=name,", .projects, ["_sort"]),
        ("_sort=components", .projects, ["_sort"]),
        ("_sort=phases.startYear", .projects, ["_sort"]),
        ("_sort=source", .articles, ["_sort"]),
        ("_sort=name&_sort=id", .projects, ["_sort"]),
        ("_fields=id,colour", .projects, ["_fields"]),
        ("_fields=", .projects, ["_fields"]),
        ("_embed=officials", .projects, ["_embed"]),
        ("_embed=articles", .articles, ["_embed"]),
        ("_embed=authors", .articles, ["_embed"]),
        ("_group_by=components", .projects, ["_group_by"]),
        ("_group_by=status:week", .projects, ["_group_by"]),
        ("_group_by=status:month", .projects, ["_group_by"]),
        ("_group_by=publishedOn:month,publishedOn:year", .articles, ["_group_by"]),
        ("_agg=sum:name", .projects, ["_agg"]),
        ("_agg=min:status", .projects, ["_agg"]),
        ("_agg=avg:legalBasis.issuedOn", .projects, ["_agg"]),
        ("_agg=median:areaHa", .projects, ["_agg"]),
        ("_agg=sum", .projects, ["_agg"]),
        ("_agg=sum:colour", .projects, ["_agg"]),
        ("_group_by=status&_page=1", .projects, ["_page"]),
        ("_group_by=status&_per_page=5", .projects, ["_per_page"]),
        ("_agg=sum:areaHa&_sort=name", .projects, ["_sort"]),
        ("_group_by=status&_fields=name", .projects, ["_fields"]),
        ("_group_by=level&_embed=articles", .officials, ["_embed"]),
        ("_group_by=status&_envelope=true", .projects, ["_envelope"]),
        ("_foo=1", .projects, ["_foo"]),
        ("page=2", .projects, ["page"]),
        ("colour=1&_page=0&status=unknown&_per_page=101", .projects, ["colour", "_page", "status", "_per_page"]),
    ]

    @Test("refuses the query and blames the parameter", arguments: cases.indices)
    func blames(index: Int) throws {
        let (query, kind, blamed) = Self.cases[index]
        #expect(try QueryFixture.parseErrors(query, kind) == blamed, "\(query)")
    }

    @Test("says what is wrong")
    func explains() throws {
        let request = try HTTPRequest(method: .get, target: "/projects?status=unknown&page=2&_sort=components")
        #expect(throws: APIError.self) { try QueryParser.parseList(request.queryItems, kind: .projects) }
        do {
            _ = try QueryParser.parseList(request.queryItems, kind: .projects)
        } catch {
            guard case .invalidQuery(let errors) = error else { return }
            let details = errors.map(\.detail)
            #expect(details[0].contains("planning"))
            #expect(details[1].contains("did you mean _page?"))
            #expect(details[2].contains("cannot sort by components"))
        }
    }

    @Test("a single item takes only _fields and _embed")
    func itemParameters() throws {
        let good = try HTTPRequest(method: .get, target: "/officials/x?_fields=name&_embed=articles")
        let parsed = try QueryParser.parseItem(good.queryItems, kind: .officials)
        #expect(parsed.embeds == [.articles])
        let bad = try HTTPRequest(method: .get, target: "/officials/x?_page=1&level=central&_embed=projects")
        do {
            _ = try QueryParser.parseItem(bad.queryItems, kind: .officials)
            Issue.record("accepted list parameters on an item")
        } catch {
            #expect(error == .invalidQuery([
                .init(in: "query", name: "_page", detail: "_page applies to lists; a single item takes only _fields and _embed"),
                .init(in: "query", name: "level", detail: "unknown parameter \"level\": a single item takes only _fields and _embed"),
                .init(in: "query", name: "_embed", detail: "officials can embed articles, not \"projects\""),
            ]))
        }
    }
}
