import Foundation
@testable import GazetteAPI
import Testing

@Suite("QueryEngine on the embedded dataset")
struct QueryEngineTests {
    static let borderGate = "khu-vuc-cua-khau-chinh-chieng-khuong"

    // MARK: Full text

    @Test("q=dang ngoc hau finds Đặng Ngọc Hậu first")
    func findsOfficialByFoldedName() throws {
        #expect(try QueryFixture.run("q=dang+ngoc+hau", .officials).first == "dang-ngoc-hau")
    }

    @Test("q accepts NFC and NFD, any case, and word prefixes")
    func foldsQueries() throws {
        let nfd = try #require("ĐẶNG Ngọc".decomposedStringWithCanonicalMapping.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(try QueryFixture.run("q=" + nfd, .officials) == ["dang-ngoc-hau"])
        // "Đảng" in Nguyễn Minh Vũ's Party position also folds to "dang": he matches, below the name match.
        #expect(try QueryFixture.run("q=%C4%90%E1%BA%B7ng+ng", .officials) == ["dang-ngoc-hau", "nguyen-minh-vu"])
        #expect(try QueryFixture.run("q=nguy", .officials).count == 3)
    }

    @Test("q=chieng khuong finds the border-gate area first")
    func findsBorderGate() throws {
        let ids = try QueryFixture.run("q=chieng+khuong", .projects)
        #expect(ids.first == Self.borderGate)
    }

    @Test("every term must match: one unknown word leaves nothing")
    func requiresEveryTerm() throws {
        #expect(try QueryFixture.run("q=chieng+zzzz", .projects).isEmpty)
        #expect(try QueryFixture.run("q=hau+minh", .officials).isEmpty)
    }

    @Test("a term matches the start of a word, not its middle")
    func matchesPrefixesOnly() throws {
        #expect(try QueryFixture.run("q=khuong", .projects).contains(Self.borderGate))
        #expect(try QueryFixture.run("q=ieng", .projects).isEmpty)
        #expect(try QueryFixture.run("q=huong", .officials).isEmpty)
    }

    @Test("ranks a name match above body text, ties by id")
    func ranksByFieldWeight() throws {
        let snapshot = try QueryFixture.store().snapshot()
        let query = try QueryFixture.parse("q=chieng+khuong", .projects)
        let result = QueryEngine.run(query, on: snapshot.items(.projects), kind: .projects)
        let scores = try #require(result.scores)
        #expect(scores == scores.sorted(by: >))
        // The name (weight 3) matches both terms.
        #expect(scores.first == 6)
    }

    @Test("q with _sort is ordered by _sort")
    func sortBeatsRelevance() throws {
        #expect(try QueryFixture.run("q=nguyen&_sort=-name", .officials) == ["nguyen-thanh-cong", "nguyen-minh-vu", "nguyen-dinh-viet"])
    }

    // MARK: Conditions

    @Test("positions.organization:contains=ngoai giao finds Nguyễn Minh Vũ")
    func containsThroughArrays() throws {
        #expect(try QueryFixture.run("positions.organization:contains=ngoai+giao", .officials) == ["nguyen-minh-vu"])
        #expect(try QueryFixture.run("positions.organization:contains=NGO%E1%BA%A0I+GIAO", .officials) == ["nguyen-minh-vu"])
    }

    @Test("repeated equality is in: status=planning&status=drafting")
    func repeatedEquality() throws {
        let snapshot = try QueryFixture.store().snapshot()
        let ids = try QueryFixture.run("status=planning&status=drafting", .projects)
        #expect(ids.count == 2)
        let statuses = ids.compactMap { snapshot.item(.projects, id: $0)?.value["status"]?.stringValue }
        #expect(Set(statuses) == ["planning", "drafting"])
        #expect(try QueryFixture.run("status:in=planning,drafting", .projects) == ids)
    }

    @Test("numbers compare as numbers; a missing value matches no comparison")
    func numericComparisons() throws {
        #expect(try QueryFixture.run("areaHa:gte=10", .projects) == [Self.borderGate])
        #expect(try QueryFixture.run("areaHa:gt=19.32", .projects).isEmpty)
        #expect(try QueryFixture.run("areaHa:lte=19.32", .projects) == [Self.borderGate])
        #expect(try QueryFixture.run("areaHa:lt=10", .projects).isEmpty)
        #expect(try QueryFixture.run("areaHa=19.32", .projects) == [Self.borderGate])
        #expect(try QueryFixture.run("startYear:gte=2026&endYear:lte=2035", .projects).count == 1)
    }

    @Test("ne and nin hold when no value matches, missing values included")
    func negations() throws {
        let all = try QueryFixture.run("", .projects)
        #expect(try QueryFixture.run("areaHa:ne=19.32", .projects) == all.filter { $0 != Self.borderGate })
        #expect(try QueryFixture.run("level:ne=provincial", .officials) == ["nguyen-minh-vu"])
        #expect(try QueryFixture.run("tags:nin=S%C6%A1n+La,x", .articles).isEmpty)
        #expect(try QueryFixture.run("tags:ne=x", .articles).count == 1)
    }

    @Test("exists looks for a non-null value")
    func exists() throws {
        #expect(try QueryFixture.run("province:exists=false", .officials) == ["nguyen-minh-vu"])
        #expect(try QueryFixture.run("province:exists=true", .officials).count == 3)
        #expect(try QueryFixture.run("areaHa:exists=true", .projects) == [Self.borderGate])
        #expect(try QueryFixture.run("partners.country:exists=true", .projects) == [Self.borderGate])
    }

    @Test("folded operators: eqi, startsWith, endsWith")
    func foldedOperators() throws {
        #expect(try QueryFixture.run("province:eqi=son+la", .officials).count == 3)
        #expect(try QueryFixture.run("name:startsWith=nguyen", .officials).count == 3)
        #expect(try QueryFixture.run("name:endsWith=H%C3%82U", .officials) == ["dang-ngoc-hau"])
        #expect(try QueryFixture.run("name:eqi=dang+ngoc", .officials).isEmpty)
    }

    @Test("equality on an array holds when any element is equal (exact after NFC)")
    func arrayEquality() throws {
        #expect(try QueryFixture.run("officialIds=dang-ngoc-hau", .articles).count == 1)
        #expect(try QueryFixture.run("tags=Chi%E1%BB%81ng+Kh%C6%B0%C6%A1ng", .articles).count == 1)
        #expect(try QueryFixture.run("tags=chieng+khuong", .articles).isEmpty)
        #expect(try QueryFixture.run("source.name=S%C6%A1n+La&publishedOn=2025-03-21", .articles).count == 1)
    }

    @Test("dates compare as dates, nested in arrays too")
    func dates() throws {
        #expect(try QueryFixture.run("publishedOn:gte=2025-03-01&publishedOn:lt=2025-04-01", .articles).count == 1)
        #expect(try QueryFixture.run("publishedOn:gt=2025-03-21", .articles).isEmpty)
        #expect(try QueryFixture.run("legalBasis.issuedOn:lt=2025-02-01", .projects).count == 1)
    }

    @Test("Hoà equals Hòa, and Ð (U+00D0) folds to d")
    func foldingEquivalences() throws {
        let eqi = try #require(try QueryFixture.parse("name:eqi=H%C3%B2a", .officials).conditions.first)
        #expect(eqi.matches(["name": "Hoà"] as JSONObject))
        #expect(eqi.matches(["name": .string("Hoa\u{300}")] as JSONObject))
        #expect(!eqi.matches(["name": "Hoan"] as JSONObject))
        let startsWith = try #require(try QueryFixture.parse("name:startsWith=doan", .officials).conditions.first)
        #expect(startsWith.matches(["name": "\u{D0}oàn Văn A"] as JSONObject))
        #expect(startsWith.matches(["name": "Đoàn Văn A"] as JSONObject))
    }

    // MARK: Order

    @Test("_sort=name is Vietnamese alphabetical order, not code-point order")
    func sortsVietnamese() throws {
        #expect(try QueryFixture.run("_sort=name", .officials) == ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-minh-vu", "nguyen-thanh-cong"])
        #expect(try QueryFixture.run("_sort=-name", .officials) == ["nguyen-thanh-cong", "nguyen-minh-vu", "nguyen-dinh-viet", "dang-ngoc-hau"])
        let projects = try QueryFixture.run("_sort=name", .projects)
        #expect(projects.prefix(2) == ["cac-du-an-dien-gio", "cac-du-an-dien-mat-troi"])
        // Đề án (Đ) sorts after C and before K: code-point order would put it last.
        #expect(projects[2].hasPrefix("de-an"))
        #expect(projects[3] == Self.borderGate)
    }

    @Test("missing values sort last in both directions; ties go by id")
    func missingLastTiesById() throws {
        let ascending = try QueryFixture.run("_sort=areaHa", .projects)
        let descending = try QueryFixture.run("_sort=-areaHa", .projects)
        #expect(ascending.first == Self.borderGate)
        #expect(descending.first == Self.borderGate)
        #expect(Array(ascending.dropFirst()) == ascending.dropFirst().sorted())
        #expect(Array(descending.dropFirst()) == descending.dropFirst().sorted())
    }

    @Test("several keys: the second breaks ties of the first")
    func severalKeys() throws {
        let ids = try QueryFixture.run("_sort=-level,name", .officials)
        #expect(ids == ["dang-ngoc-hau", "nguyen-dinh-viet", "nguyen-thanh-cong", "nguyen-minh-vu"])
    }

    @Test("without _sort or q, creation order")
    func creationOrder() throws {
        let snapshot = try QueryFixture.store().snapshot()
        #expect(try QueryFixture.run("", .projects) == snapshot.items(.projects).map(\.id))
        #expect(try QueryFixture.run("status=seeking-investment", .projects)
            == snapshot.items(.projects).filter { $0.value["status"] == "seeking-investment" }.map(\.id))
    }

    // MARK: Search documents

    @Test("search documents are folded once per item version")
    func cachesDocuments() throws {
        let cache = SearchDocumentCache(limit: 100)
        let snapshot = try QueryFixture.store().snapshot()
        let items = snapshot.items(.officials)
        let first = cache.documents(for: items, kind: .officials)
        let second = cache.documents(for: items, kind: .officials)
        #expect(first.map { $0.fields.map(\.words) } == second.map { $0.fields.map(\.words) })
        let query = try #require(FullTextQuery("dang ngoc hau"))
        #expect(first.compactMap { $0.score(query) } == [9])
    }
}
