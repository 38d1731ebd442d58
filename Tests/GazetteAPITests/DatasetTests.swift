import Foundation
import GazetteAPI
import Testing

@Suite("The embedded dataset against the seed report")
struct DatasetTests {
    let text: String
    let document: JSONValue

    init() throws {
        text = try APITestSupport.seedText()
        document = try JSONParser.parse(try #require(EmbeddedDataset.bytes()))
    }

    private var article: JSONValue { document["articles"]?.arrayValue?.first ?? .null }

    private var lines: [String] {
        text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    @Test("the fixture is the shared seed report, when the shared folder is there")
    func fixtureMatchesShared() throws {
        let shared = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/seed/000_1ee3168d6bf4c7c7.txt")
        guard let original = try? String(contentsOf: shared, encoding: .utf8) else { return }
        #expect(original == text)
    }

    @Test("every paragraph, the title and every caption appear verbatim in the report")
    func verbatim() throws {
        let body = try #require(article["body"]?.arrayValue?.compactMap { $0.stringValue })
        #expect(body.count == 10)
        for paragraph in body { #expect(text.contains(paragraph), "not in the report: \(paragraph)") }
        let title = try #require(article["title"]?.stringValue)
        #expect(lines.first == title)
        #expect(article["summary"]?.stringValue == body.first)
        let captions = try #require(article["images"]?.arrayValue?.compactMap { $0["caption"]?.stringValue })
        #expect(captions.count == 8)
        #expect(Set(captions).count == 8, "each caption once")
        for caption in captions {
            #expect(lines.filter { $0 == caption }.count == 2, "the report repeats every caption: \(caption)")
        }
        for image in article["images"]?.arrayValue ?? [] {
            #expect(image["captionEn"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("nothing of the report is missing: every line is the title, a paragraph, a caption, the byline or the source")
    func complete() throws {
        let body = Set(article["body"]?.arrayValue?.compactMap { $0.stringValue } ?? [])
        let captions = Set(article["images"]?.arrayValue?.compactMap { $0["caption"]?.stringValue } ?? [])
        let author = try #require(article["author"]?.stringValue)
        let sourceURL = try #require(article["source"]?["url"]?.stringValue)
        let title = article["title"]?.stringValue
        for line in lines {
            let accounted = line == title || body.contains(line) || captions.contains(line) || line == author
                || (line.hasPrefix("Nguồn") && line.hasSuffix(sourceURL))
            #expect(accounted, "not in the dataset: \(line)")
        }
        #expect(author == "Huy Thành")
        #expect(article["publishedOn"]?.stringValue == "2025-03-21")
        #expect(article["notes"]?.stringValue?.contains("59-NQ/TW") == true)
    }

    @Test("the text is NFC and the four officials are there with their positions")
    func officials() throws {
        let bytes = try #require(EmbeddedDataset.bytes())
        let raw = String(decoding: bytes, as: UTF8.self)
        #expect(raw == raw.precomposedStringWithCanonicalMapping)
        let officials = try #require(document["officials"]?.arrayValue)
        let names = officials.compactMap { $0["name"]?.stringValue }
        #expect(names == ["Nguyễn Minh Vũ", "Nguyễn Đình Việt", "Đặng Ngọc Hậu", "Nguyễn Thành Công"])
        #expect(officials.compactMap { $0["id"]?.stringValue } == ["nguyen-minh-vu", "nguyen-dinh-viet", "dang-ngoc-hau", "nguyen-thanh-cong"])
        for name in names { #expect(text.contains(name)) }
        let vu = try #require(officials.first)
        let titles = vu["positions"]?.arrayValue?.compactMap { position -> String? in
            guard let title = position["title"]?.stringValue, let organization = position["organization"]?.stringValue else { return nil }
            return title + " " + organization
        }
        #expect(titles == ["Ủy viên Ban Chấp hành Trung ương Đảng", "Thứ trưởng Thường trực Bộ Ngoại giao"])
        for title in titles ?? [] { #expect(text.contains(title)) }
        #expect(vu["level"]?.stringValue == "central")
    }

    @Test("the projects carry the report's facts")
    func projects() throws {
        let projects = try #require(document["projects"]?.arrayValue)
        #expect(projects.count >= 5)
        let gate = try #require(projects.first { $0["id"]?.stringValue == "khu-vuc-cua-khau-chinh-chieng-khuong" })
        #expect(gate["areaHa"]?.numberValue == 19.32)
        #expect(text.contains("19,32 ha"))
        let components = try #require(gate["components"]?.arrayValue?.compactMap { $0.stringValue })
        #expect(components.count == 7)
        for component in components { #expect(text.contains(component)) }
        #expect(gate["partners"]?.arrayValue?.first?["name"]?.stringValue == "Bản Đán")
        let scheme = try #require(projects.first { $0["category"]?.stringValue == "development-scheme" })
        #expect(scheme["phases"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["2026 - 2030", "2030 - 2035"])
        #expect(scheme["legalBasis"]?.arrayValue?.first?["issuedOn"]?.stringValue == "2025-01-24")
        let objectives = scheme["objectives"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        #expect(objectives.count == 6)
        for objective in objectives { #expect(text.contains(objective)) }
        let names = projects.compactMap { $0["nameEn"]?.stringValue }
        for expected in ["Agricultural exports", "Coffee production, processing and trade", "Wind power projects", "Solar power projects"] {
            #expect(names.contains(expected))
        }
    }

    @Test("ids are the slugs of the folded names and titles")
    func slugs() throws {
        for kind in ResourceKind.allCases {
            for item in document[kind.rawValue]?.arrayValue ?? [] {
                let label = try #require(item[kind.schema.labelField]?.stringValue)
                let id = try #require(item["id"]?.stringValue)
                #expect(id == Slug.make(label), "\(id) vs \(label)")
            }
        }
    }
}
