/// A generated project of one of `ProjectSchema.categories`, in a province of `CorpusVocabulary`,
/// with the fields the seed's projects have: location, area, years and phases, components,
/// objectives, the partner gate across the border and the legal basis. Project N follows from the
/// seed and N alone (see `CorpusOfficial`).
struct CorpusProject: Sendable {
    let name: String
    let category: String
    /// An index into `CorpusVocabulary.provinces`.
    let province: Int
    private let members: [(String, JSONValue)]

    /// Categories by how often they come up, the same order as `ProjectSchema.categories`.
    private static let categoryWeights = [15, 15, 25, 15, 20, 10]

    init(seed: UInt64, index: Int) {
        var random = SeededRandom(seed: seed ^ 0x0050_2D1E_C750, stream: UInt64(index))
        var ticket = random.below(Self.categoryWeights.reduce(0, +))
        var categoryIndex = 0
        while ticket >= Self.categoryWeights[categoryIndex] {
            ticket -= Self.categoryWeights[categoryIndex]
            categoryIndex += 1
        }
        let category = ProjectSchema.categories[categoryIndex]
        let provinces = CorpusVocabulary.provinces
        let borderProvinces = provinces.indices.filter { !provinces[$0].gates.isEmpty }
        let needsBorder = category == "border-gate" || (category == "development-scheme" && random.chance(40))
        let provinceIndex = needsBorder ? random.pick(borderProvinces) : random.below(provinces.count)
        let province = provinces[provinceIndex]
        let district = random.pick(province.districts)

        var startYear: Int? = random.chance(70) ? random.within(2012...2030) : nil
        var endYear = startYear.map { $0 + random.within(1...8) }
        let name: String
        let nameEn: String
        var location: String? = random.chance(60) ? "huyện \(district), tỉnh \(province.name)" : nil
        var areaHa: Double?
        var phases: [JSONValue] = []
        var components: [String] = []
        var objectives: [String] = []
        var partners: [JSONValue] = []
        var legalBasis: [JSONValue] = []

        switch category {
        case "border-gate":
            let gate = random.pick(province.gates)
            let country = province.country ?? CorpusVocabulary.laos
            (name, nameEn) = random.pick([
                ("Khu vực \(gate.kind) \(gate.name)", "\(gate.name) \(gate.kindEn) area"),
                ("Khu kinh tế cửa khẩu \(gate.name)", "\(gate.name) border-gate economic zone"),
                ("Hạ tầng kỹ thuật \(gate.kind) \(gate.name)", "Technical infrastructure of the \(gate.name) \(gate.kindEn)"),
                ("Trạm kiểm soát liên hợp cửa khẩu \(gate.name)", "\(gate.name) border gate joint control station"),
                ("Bãi kiểm hóa tập trung cửa khẩu \(gate.name)", "\(gate.name) border gate central inspection yard"),
            ])
            location = "\(gate.kind) \(gate.name)"
            areaHa = Double(random.within(500...8000)) / 100
            components = CorpusVocabulary.gateComponents.filter { _ in random.chance(60) }
            if random.chance(50) {
                objectives = ["phát triển cửa khẩu \(gate.name) theo hướng đồng bộ, từng bước hiện đại, gắn với phát triển cặp cửa khẩu \(gate.name) (Việt Nam) - \(gate.partner) (\(country.name)), bảo đảm tính kết nối, đồng bộ giữa hai bên"]
            }
            partners = [.object(JSONObject([
                ("name", .text(gate.partner)), ("country", .text(country.name)), ("countryEn", .text(country.nameEn)),
                ("role", .text("cặp cửa khẩu")), ("roleEn", .text("paired border gate")),
            ]))]
        case "development-scheme":
            let start = random.pick([2016, 2021, 2026])
            let isLong = random.chance(50)
            let end = start + (isLong ? 9 : 4)
            startYear = start
            endYear = end
            if let country = province.country, needsBorder {
                (name, nameEn) = ("Đề án phát triển kinh tế khu vực biên giới tỉnh \(province.name) giai đoạn \(start) - \(end)",
                                  "Scheme for economic development of the border area of \(province.name) province, \(start)–\(end)")
                location = "khu vực biên giới tỉnh \(province.name)"
                objectives = CorpusVocabulary.schemeObjectives.filter { _ in random.chance(70) }.map {
                    CorpusVocabulary.fill($0) { $0 == "country" ? country.name : province.name }
                }
            } else {
                (name, nameEn) = random.pick([
                    ("Chương trình xây dựng nông thôn mới huyện \(district) giai đoạn \(start) - \(end)",
                     "New rural development programme of \(district) district, \(start)–\(end)"),
                    ("Đề án phát triển du lịch tỉnh \(province.name) giai đoạn \(start) - \(end)",
                     "Tourism development scheme of \(province.name) province, \(start)–\(end)"),
                    ("Đề án giảm nghèo bền vững huyện \(district) giai đoạn \(start) - \(end)",
                     "Sustainable poverty reduction scheme of \(district) district, \(start)–\(end)"),
                ])
                objectives = random.pick([["nâng cao đời sống vật chất, tinh thần của người dân"],
                                          ["giảm tỷ lệ hộ nghèo bình quân 3 - 4% mỗi năm", "100% xã có đường ô tô đến trung tâm"]])
            }
            if isLong {
                phases = [(start, start + 4), (start + 5, end)].map { phase in
                    .object(JSONObject([("name", .string("\(phase.0) - \(phase.1)")),
                                        ("startYear", .number(Double(phase.0))), ("endYear", .number(Double(phase.1)))]))
                }
            }
            // Only documents issued before the scheme starts.
            legalBasis = CorpusVocabulary.legalDocuments.filter { Int($0.issuedOn.prefix(4)) ?? 0 <= start && random.chance(60) }.map { document in
                .object(JSONObject([
                    ("document", .text(document.document)), ("issuedOn", .string(document.issuedOn)), ("issuer", .text(document.issuer)),
                    ("subject", .text(document.subject)), ("subjectEn", .text(document.subjectEn)),
                ]))
            }
        case "agriculture":
            let crop = random.pick(province.crops)
            let cropEn = CorpusVocabulary.crops.first { $0.name == crop }?.nameEn ?? crop
            let capitalizedEn = cropEn.prefix(1).uppercased() + cropEn.dropFirst()
            (name, nameEn) = random.pick([
                ("Vùng trồng \(crop) tập trung huyện \(district)", "\(capitalizedEn) growing area of \(district) district"),
                ("Chuỗi liên kết sản xuất, tiêu thụ \(crop) tỉnh \(province.name)", "\(capitalizedEn) production and sales chain of \(province.name) province"),
                ("Nhà máy chế biến \(crop) \(district)", "\(district) \(cropEn) processing plant"),
                ("Xuất khẩu \(crop) tỉnh \(province.name)", "\(capitalizedEn) exports of \(province.name) province"),
            ])
            if random.chance(60) { areaHa = Double(random.within(2000...300_000)) / 100 }
        case "renewable-energy":
            (name, nameEn) = random.pick([
                ("Dự án điện gió \(district)", "\(district) wind power project"),
                ("Dự án điện mặt trời \(district)", "\(district) solar power project"),
                ("Nhà máy thủy điện \(district)", "\(district) hydropower plant"),
            ])
            if random.chance(70) { areaHa = Double(random.within(1000...50_000)) / 100 }
        case "infrastructure":
            let road = random.pick(province.roads)
            var choices = [
                ("Cải tạo, nâng cấp quốc lộ \(road) đoạn qua tỉnh \(province.name)", "Upgrade of National Road \(road) through \(province.name) province"),
                ("Cầu dân sinh và đường giao thông nông thôn huyện \(district)", "Rural bridges and roads of \(district) district"),
                ("Hạ tầng giao thông kết nối khu du lịch \(district)", "Transport links to the \(district) tourist area"),
            ]
            if let gate = province.gates.first {
                choices.append(("Đường kết nối trung tâm huyện \(district) với cửa khẩu \(gate.name)",
                                "Road linking the \(district) district centre with the \(gate.name) border gate"))
            }
            (name, nameEn) = random.pick(choices)
            components = CorpusVocabulary.roadComponents.filter { _ in random.chance(50) }
        default:
            let ethnic = random.pick(province.ethnicGroups)
            (name, nameEn) = random.pick([
                ("Khu du lịch sinh thái \(district)", "\(district) eco-tourism area"),
                ("Trung tâm logistics tỉnh \(province.name)", "\(province.name) logistics centre"),
                ("Khu công nghiệp \(district)", "\(district) industrial park"),
                ("Bảo tồn bản văn hóa dân tộc \(ethnic) tại \(district)", "Conservation of a \(ethnic) cultural village in \(district)"),
            ])
            if random.chance(50) { areaHa = Double(random.within(1000...40_000)) / 100 }
        }

        let status = Self.status(startYear: startYear, random: &random)
        var members: [(String, JSONValue)] = [
            ("name", .text(name)), ("nameEn", .text(nameEn)), ("category", .string(category)), ("status", .string(status)),
            ("province", .text(province.name)),
        ]
        if let location { members.append(("location", .text(location))) }
        if let areaHa { members.append(("areaHa", .number(areaHa))) }
        if let startYear, let endYear {
            members.append(("startYear", .number(Double(startYear))))
            members.append(("endYear", .number(Double(endYear))))
        }
        if !phases.isEmpty { members.append(("phases", .array(phases))) }
        if !components.isEmpty { members.append(("components", .array(components.map(JSONValue.text)))) }
        if !objectives.isEmpty { members.append(("objectives", .array(objectives.map(JSONValue.text)))) }
        if !partners.isEmpty { members.append(("partners", .array(partners))) }
        if !legalBasis.isEmpty { members.append(("legalBasis", .array(legalBasis))) }
        self.name = name
        self.category = category
        self.province = provinceIndex
        self.members = members
    }

    /// Where a project stands follows from when it starts, as of the corpus's last year (2025).
    private static func status(startYear: Int?, random: inout SeededRandom) -> String {
        guard let startYear else { return random.pick(ProjectSchema.statuses) }
        if startYear > 2026 { return random.pick(["proposed", "planning", "drafting", "seeking-investment"]) }
        if startYear >= 2024 { return random.pick(["planning", "drafting", "seeking-investment", "approved", "in-progress"]) }
        return random.pick(["approved", "in-progress", "in-progress", "completed", "completed"])
    }

    /// The dataset item, members in schema order.
    func json(id: String) -> JSONValue {
        .object(JSONObject([("id", .string(id))] + members))
    }
}
