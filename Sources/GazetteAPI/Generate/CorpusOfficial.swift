/// A generated official: a plausible name, a level, and one or two positions in a ministry or a
/// province of `CorpusVocabulary`. Official N follows from the seed and N alone, so the generator
/// can keep only what articles need (`CorpusGenerator.OfficialLink`) and make it again to write it.
struct CorpusOfficial: Sendable {
    struct Position: Sendable {
        let title: String
        let organization: String
        let titleEn: String
        let organizationEn: String
    }

    let name: String
    /// An index into `CorpusVocabulary.provinces`; nil for central officials.
    let province: Int?
    /// An index into `CorpusVocabulary.ministries`, for central officials.
    let ministry: Int?
    /// The main position last, as the seed lists them.
    let positions: [Position]

    init(seed: UInt64, index: Int) {
        var random = SeededRandom(seed: seed ^ 0x0FF1_C1A1, stream: UInt64(index))
        let isFemale = random.chance(25)
        name = [
            random.pick(CorpusVocabulary.surnames),
            random.pick(isFemale ? CorpusVocabulary.femaleMiddleNames : CorpusVocabulary.middleNames),
            random.pick(isFemale ? CorpusVocabulary.femaleGivenNames : CorpusVocabulary.givenNames),
        ].joined(separator: " ")
        if random.chance(20) {
            let ministryIndex = random.below(CorpusVocabulary.ministries.count)
            let ministry = CorpusVocabulary.ministries[ministryIndex]
            let role = random.pick(CorpusVocabulary.ministryPositions)
            var positions: [Position] = []
            if random.chance(40) {
                positions.append(Position(title: "Ủy viên", organization: "Ban Chấp hành Trung ương Đảng", titleEn: "Member",
                                          organizationEn: "Central Committee of the Communist Party of Vietnam"))
            }
            positions.append(Position(title: role.title, organization: ministry.name, titleEn: role.titleEn, organizationEn: ministry.nameEn))
            self.province = nil
            self.ministry = ministryIndex
            self.positions = positions
        } else {
            let provinceIndex = random.below(CorpusVocabulary.provinces.count)
            let province = CorpusVocabulary.provinces[provinceIndex]
            let district = random.pick(province.districts)
            func fill(_ text: String) -> String {
                CorpusVocabulary.fill(text) { $0 == "district" ? district : province.name }
            }
            let role = random.pick(CorpusVocabulary.provincialPositions)
            var positions: [Position] = []
            // The seed's chairman is also deputy party secretary: a common pairing.
            if role.title == "Chủ tịch", role.organization.hasPrefix("UBND tỉnh"), random.chance(50) {
                positions.append(Position(title: "Phó Bí thư", organization: fill("Tỉnh ủy {province}"), titleEn: "Deputy Secretary",
                                          organizationEn: fill("{province} Provincial Party Committee")))
            }
            positions.append(Position(title: role.title, organization: fill(role.organization), titleEn: role.titleEn,
                                      organizationEn: fill(role.organizationEn)))
            self.province = provinceIndex
            self.ministry = nil
            self.positions = positions
        }
    }

    /// How an article names the official: "đồng chí NAME, TITLE ORGANIZATION" of the main position.
    func mention(capitalized: Bool) -> String {
        let main = positions[positions.count - 1]
        return "\(capitalized ? "Đồng chí" : "đồng chí") \(name), \(main.title) \(main.organization)"
    }

    /// The dataset item, members in schema order.
    func json(id: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("name", .text(name)), ("level", .string(province == nil ? "central" : "provincial")),
        ]
        if let province { members.append(("province", .text(CorpusVocabulary.provinces[province].name))) }
        members.append(("positions", .array(positions.map { position in
            .object(JSONObject([
                ("title", .text(position.title)), ("organization", .text(position.organization)),
                ("titleEn", .text(position.titleEn)), ("organizationEn", .text(position.organizationEn)),
            ]))
        })))
        return .object(JSONObject(members))
    }
}
