import Foundation
import GazetteAPI
import GazetteHTTP
import Testing

@Suite("The synthetic corpus generator")
struct CorpusGeneratorTests {
    /// The parsed dataset and the store that loaded it.
    struct Loaded {
        let bytes: [UInt8]
        let document: JSONValue
        let store: GazetteStore

        var articles: [JSONValue] { document["articles"]?.arrayValue ?? [] }
        var officials: [JSONValue] { document["officials"]?.arrayValue ?? [] }
        var projects: [JSONValue] { document["projects"]?.arrayValue ?? [] }
    }

    static func load(articles: Int, officials: Int? = nil, projects: Int? = nil, seed: UInt64 = 1) throws -> Loaded {
        let generator = try CorpusGenerator(articles: articles, officials: officials, projects: projects, seed: seed)
        let bytes = generator.makeBytes()
        let store = try GazetteStore(dataset: bytes, source: "generated", clock: { APITestSupport.fixedDate })
        return Loaded(bytes: bytes, document: try JSONParser.parse(bytes), store: store)
    }

    @Test("the same arguments give the same bytes; another seed gives other bytes")
    func deterministic() throws {
        let first = try CorpusGenerator(articles: 300, officials: 20, projects: 15, seed: 42).makeBytes()
        let second = try CorpusGenerator(articles: 300, officials: 20, projects: 15, seed: 42).makeBytes()
        let other = try CorpusGenerator(articles: 300, officials: 20, projects: 15, seed: 43).makeBytes()
        #expect(first == second)
        #expect(first != other)
        // Article N depends on the seed and N only: a longer corpus starts with the same articles.
        let longer = try Self.load(articles: 400, officials: 20, projects: 15, seed: 42).articles
        let shorter = try JSONParser.parse(first)["articles"]?.arrayValue ?? []
        #expect(Array(longer.prefix(300)) == shorter)
    }

    @Test("write(to:) hands over chunks of about a MiB that add up to makeBytes()")
    func chunked() throws {
        let generator = try CorpusGenerator(articles: 2000, seed: 3)
        var chunks: [Int] = []
        var joined: [UInt8] = []
        generator.write { chunk in
            chunks.append(chunk.count)
            joined.append(contentsOf: chunk)
        }
        #expect(chunks.count >= 2, "\(chunks)")
        #expect(chunks.dropLast().allSatisfy { $0 >= 1 << 20 && $0 < (1 << 20) + 16_384 }, "\(chunks)")
        #expect(joined == generator.makeBytes())
        #expect(joined.last == UInt8(ascii: "\n"))
    }

    @Test("the store loads exactly the counts asked for, with the defaults when none are given")
    func loadsWithCounts() throws {
        let loaded = try Self.load(articles: 1000, officials: 30, projects: 12, seed: 9)
        let snapshot = loaded.store.snapshot()
        #expect(snapshot.count(.articles) == 1000)
        #expect(snapshot.count(.officials) == 30)
        #expect(snapshot.count(.projects) == 12)

        let defaults = try CorpusGenerator(articles: 1000)
        #expect((defaults.officialCount, defaults.projectCount, defaults.seed) == (10, 6, 1))
        let small = try CorpusGenerator(articles: 0)
        #expect((small.officialCount, small.projectCount) == (4, 6))
        #expect(CorpusGenerator.defaultOfficials(articles: 2_000_000) == 20_000)
        #expect(CorpusGenerator.defaultProjects(articles: 2_000_000) == 10_000)
    }

    @Test("ids are unique, valid slugs; an article's id is its title's slug and its number")
    func identifiers() throws {
        let loaded = try Self.load(articles: 1500, officials: 200, projects: 150, seed: 5)
        for (kind, items) in [("articles", loaded.articles), ("officials", loaded.officials), ("projects", loaded.projects)] {
            let ids = items.compactMap { $0["id"]?.stringValue }
            #expect(ids.count == items.count, "\(kind): every item has an id")
            #expect(Set(ids).count == ids.count, "\(kind): ids are unique")
            for id in ids { #expect(Slug.isValid(id), "\(kind): \(id)") }
        }
        for (index, article) in loaded.articles.enumerated() {
            let title = try #require(article["title"]?.stringValue)
            #expect(article["id"]?.stringValue == Slug.make(title) + "-\(index + 1)")
        }
        for official in loaded.officials {
            let id = try #require(official["id"]?.stringValue)
            let base = Slug.make(try #require(official["name"]?.stringValue))
            #expect(id == base || id.hasPrefix(base + "-"), "\(id)")
        }
    }

    @Test("every official and project an article names exists, and each has 0 to 3")
    func references() throws {
        let loaded = try Self.load(articles: 1000, officials: 40, projects: 30, seed: 11)
        let officialIDs = Set(loaded.officials.compactMap { $0["id"]?.stringValue })
        let projectIDs = Set(loaded.projects.compactMap { $0["id"]?.stringValue })
        var linked = 0
        for article in loaded.articles {
            let officials = article["officialIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let projects = article["projectIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(officials.count <= 3 && projects.count <= 3)
            #expect(Set(officials).count == officials.count && Set(projects).count == projects.count, "no id twice")
            #expect(officials.allSatisfy(officialIDs.contains) && projects.allSatisfy(projectIDs.contains))
            if !officials.isEmpty || !projects.isEmpty { linked += 1 }
        }
        #expect(linked > 700, "most articles link somewhere: \(linked)")
        // The store sees the links too: an official's derived articleIds.
        let snapshot = loaded.store.snapshot()
        let named = loaded.officials.compactMap { $0["id"]?.stringValue }.filter {
            !snapshot.articleIDs(referencing: .officials, id: $0).isEmpty
        }
        #expect(named.count > 30, "\(named.count) of 40 officials are named")
    }

    @Test("with no officials or projects articles link to none; no articles at all loads too")
    func emptyLists() throws {
        let unlinked = try Self.load(articles: 200, officials: 0, projects: 0)
        #expect(unlinked.officials.isEmpty && unlinked.projects.isEmpty)
        for article in unlinked.articles {
            #expect(article["officialIds"] == nil && article["projectIds"] == nil)
        }
        #expect(unlinked.store.snapshot().count(.articles) == 200)

        let empty = try Self.load(articles: 0, officials: 0, projects: 0)
        #expect(empty.articles.isEmpty)
        #expect(empty.store.snapshot().count(.articles) == 0)
        let onlyOthers = try Self.load(articles: 0)
        #expect(onlyOthers.store.snapshot().count(.officials) == 4)
        #expect(onlyOthers.store.snapshot().count(.projects) == 6)
    }

    @Test("counts out of range are refused with a message naming the flag")
    func invalidCounts() {
        for (articles, officials, projects, flag) in [(-1, nil, nil, "--articles"), (10_000_001, nil, nil, "--articles"),
                                                      (10, -1, nil, "--officials"), (10, nil, 1_000_001, "--projects")] {
            let error = #expect(throws: CorpusGenerator.Invalid.self) {
                _ = try CorpusGenerator(articles: articles, officials: officials, projects: projects)
            }
            #expect(error?.message.hasPrefix(flag + " must be from 0 to ") == true, "\(String(describing: error))")
        }
    }

    @Test("all text is NFC and keeps its diacritics; English only in the *En fields")
    func text() throws {
        let loaded = try Self.load(articles: 500, seed: 2)
        let raw = String(decoding: loaded.bytes, as: UTF8.self)
        #expect(raw == raw.precomposedStringWithCanonicalMapping)
        #expect(raw.contains("cửa khẩu") && raw.contains("Điện Biên") && raw.contains("Đồng chí"))
        let provinces = Set(loaded.articles.compactMap { $0["province"]?.stringValue })
        #expect(provinces.isSuperset(of: ["Sơn La", "Điện Biên", "Lai Châu", "Lào Cai", "Hà Giang"]), "\(provinces.sorted())")
        for official in loaded.officials {
            for position in official["positions"]?.arrayValue ?? [] {
                // Organizations keep their Vietnamese place names, as in the seed; titles are plain English.
                let english = try #require(position["titleEn"]?.stringValue)
                let isASCII = english.unicodeScalars.allSatisfy(\.isASCII)
                #expect(isASCII, "\(english)")
            }
        }
    }

    @Test("publication dates spread over 2015–2025; articles carry source, author, tags and sometimes photos")
    func spread() throws {
        let loaded = try Self.load(articles: 1000, seed: 4)
        let dates = loaded.articles.compactMap { $0["publishedOn"]?.stringValue }
        #expect(dates.count == 1000)
        let years = Set(dates.map { $0.prefix(4) })
        #expect(years == Set((2015...2025).map { Substring(String($0)) }), "\(years.sorted())")
        #expect(dates.allSatisfy { CalendarDate($0) != nil })
        let withImages = loaded.articles.filter { $0["images"] != nil }.count
        #expect((300...700).contains(withImages), "\(withImages) of 1000 have photos")
        for article in loaded.articles {
            #expect(article["source"]?["url"]?.stringValue?.hasPrefix("https://") == true)
            #expect((2...3).contains(article["tags"]?.arrayValue?.count ?? 0))
            let paragraphs = article["body"]?.arrayValue?.count ?? 0
            #expect((3...5).contains(paragraphs))
            #expect(article["summary"] == article["body"]?[0], "the summary is the lead, as in the seed")
        }
        let statuses = Set(loaded.projects.compactMap { $0["status"]?.stringValue })
        #expect(statuses.isSubset(of: ProjectSchema.statuses))
    }

    @Test("about 1–1.5 KB of JSON an article")
    func size() throws {
        let bytes = try CorpusGenerator(articles: 4000, officials: 0, projects: 0, seed: 6).makeBytes()
        let perArticle = Double(bytes.count) / 4000
        #expect((1000...1550).contains(perArticle), "\(perArticle) bytes an article")
    }

    @Test("searches find a realistic share: some articles, not all")
    func searchShares() throws {
        let loaded = try Self.load(articles: 1500, seed: 8)
        let titles = loaded.articles.compactMap { $0["title"]?.stringValue }
        let borderTitles = titles.filter { $0.contains("biên giới") || $0.contains("cửa khẩu") }.count
        #expect((30...450).contains(borderTitles), "\(borderTitles) of 1500 titles say biên giới or cửa khẩu")
        #expect(Set(titles).count > 600, "titles vary: \(Set(titles).count) distinct of 1500")

        // The real `q=`: every folded term must start some word of the article.
        let handler = APITestSupport.handler(loaded.store)
        for query in ["cua+khau", "bien+gioi", "kinh+te", "du+lich", "nong+thon+moi"] {
            let response = handler.handle(try APITestSupport.request(.get, "/articles?q=\(query)&_per_page=1"))
            let hits = Int(response.headers["X-Total-Count"] ?? "") ?? -1
            // 1% to 30%: a realistic share, neither nothing nor everything.
            #expect((15...450).contains(hits), "q=\(query): \(hits) of 1500")
        }
    }
}
