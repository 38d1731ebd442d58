/// Writes a synthetic dataset in the `--data` shape: officials, projects and articles that link to
/// them, in Vietnamese built from the seed report's vocabulary (see `CorpusVocabulary`,
/// `CorpusTopic`). The bytes follow from the counts and the seed alone: the same arguments give the
/// same file on every machine.
///
/// Officials and projects are kept in memory (articles link to them by province and kind); articles
/// are written one at a time into a reused buffer handed to the sink every MiB, so memory does not
/// grow with the number of articles.
public struct CorpusGenerator: Sendable {
    /// Counts outside their ranges, with the message to show.
    public struct Invalid: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static let articleRange = 0...10_000_000
    public static let officialRange = 0...1_000_000
    public static let projectRange = 0...1_000_000

    /// Officials when not given: one per hundred articles, at least 4 (the seed has 4).
    public static func defaultOfficials(articles: Int) -> Int { max(4, articles / 100) }

    /// Projects when not given: one per two hundred articles, at least 6 (the seed has 6).
    public static func defaultProjects(articles: Int) -> Int { max(6, articles / 200) }

    /// What an article needs of an official: its id, how to name it, where it works.
    struct OfficialLink: Sendable {
        let id: [UInt8]
        let mention: CorpusText
        let capitalizedMention: CorpusText
        let province: Int?
        let ministry: Int?
    }

    /// What an article needs of a project.
    struct ProjectLink: Sendable {
        let id: [UInt8]
    }

    public let articleCount: Int
    public let officialCount: Int
    public let projectCount: Int
    public let seed: UInt64

    let lexicon: CorpusLexicon
    let officials: [OfficialLink]
    let projects: [ProjectLink]
    /// Provincial officials by province index.
    let officialsByProvince: [[Int]]
    let centralOfficials: [Int]
    /// Projects by `province * categories + category`, then by category alone.
    let projectsByProvinceAndCategory: [[Int]]
    let projectsByCategory: [[Int]]

    /// Flush threshold of `write(to:)`.
    static let chunkSize = 1 << 20

    /// A generator of `articles` articles, `officials` officials and `projects` projects (nil: the
    /// defaults above), drawn from `seed`. Throws when a count is out of its range.
    public init(articles: Int, officials: Int? = nil, projects: Int? = nil, seed: UInt64 = 1) throws(Invalid) {
        let officials = officials ?? Self.defaultOfficials(articles: max(0, articles))
        let projects = projects ?? Self.defaultProjects(articles: max(0, articles))
        for (name, value, range) in [("articles", articles, Self.articleRange), ("officials", officials, Self.officialRange),
                                     ("projects", projects, Self.projectRange)] where !range.contains(value) {
            throw Invalid(message: "--\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
        articleCount = articles
        officialCount = officials
        projectCount = projects
        self.seed = seed
        lexicon = CorpusLexicon()

        var officialIDs = CorpusIDAllocator()
        var officialLinks: [OfficialLink] = []
        officialLinks.reserveCapacity(officials)
        var byProvince = Array(repeating: [Int](), count: CorpusVocabulary.provinces.count)
        var central: [Int] = []
        for index in 0..<officials {
            let official = CorpusOfficial(seed: seed, index: index)
            let id = officialIDs.allocate(Slug.make(official.name))
            officialLinks.append(OfficialLink(
                id: Array(id.utf8), mention: CorpusText(official.mention(capitalized: false)),
                capitalizedMention: CorpusText(official.mention(capitalized: true)),
                province: official.province, ministry: official.ministry))
            if let province = official.province { byProvince[province].append(index) } else { central.append(index) }
        }
        self.officials = officialLinks
        officialsByProvince = byProvince
        centralOfficials = central

        var projectIDs = CorpusIDAllocator()
        var projectLinks: [ProjectLink] = []
        projectLinks.reserveCapacity(projects)
        let categories = ProjectSchema.categories.count
        var byProvinceAndCategory = Array(repeating: [Int](), count: CorpusVocabulary.provinces.count * categories)
        var byCategory = Array(repeating: [Int](), count: categories)
        for index in 0..<projects {
            let project = CorpusProject(seed: seed, index: index)
            let id = projectIDs.allocate(Slug.make(project.name))
            projectLinks.append(ProjectLink(id: Array(id.utf8)))
            let category = ProjectSchema.categories.firstIndex(of: project.category) ?? 0
            byProvinceAndCategory[project.province * categories + category].append(index)
            byCategory[category].append(index)
        }
        self.projects = projectLinks
        projectsByProvinceAndCategory = byProvinceAndCategory
        projectsByCategory = byCategory
    }

    /// Writes the whole dataset, handing `sink` chunks of about a MiB (the last one smaller). The
    /// bytes are UTF-8 JSON, one item per line, ending with a newline.
    public func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
        // Officials and projects first: a reader going front to back knows every id an article names.
        buffer.appendRaw(#"{"officials":["#)
        for index in 0..<officialCount {
            buffer.appendRaw(index == 0 ? "\n" : ",\n")
            let id = String(decoding: officials[index].id, as: UTF8.self)
            JSONWriter.write(CorpusOfficial(seed: seed, index: index).json(id: id), into: &buffer)
            try Self.flushIfFull(&buffer, to: sink)
        }
        buffer.appendRaw("\n],\n\"projects\":[")
        for index in 0..<projectCount {
            buffer.appendRaw(index == 0 ? "\n" : ",\n")
            let id = String(decoding: projects[index].id, as: UTF8.self)
            JSONWriter.write(CorpusProject(seed: seed, index: index).json(id: id), into: &buffer)
            try Self.flushIfFull(&buffer, to: sink)
        }
        buffer.appendRaw("\n],\n\"articles\":[")
        var scratch = ArticleScratch()
        for index in 0..<articleCount {
            buffer.appendRaw(index == 0 ? "\n" : ",\n")
            writeArticle(index, into: &buffer, scratch: &scratch)
            try Self.flushIfFull(&buffer, to: sink)
        }
        buffer.appendRaw("\n]}\n")
        try buffer.withUnsafeBytes(sink)
    }

    /// Hands `buffer` to `sink` and empties it once it holds a chunk.
    private static func flushIfFull(_ buffer: inout [UInt8], to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard buffer.count >= chunkSize else { return }
        try buffer.withUnsafeBytes(sink)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The whole dataset in memory: for tests and small corpora.
    public func makeBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes.append(contentsOf: $0) }
        return bytes
    }
}
