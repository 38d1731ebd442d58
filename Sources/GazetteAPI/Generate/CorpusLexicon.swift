/// `CorpusVocabulary` and `CorpusTopic` encoded once for a generator: every word as `CorpusText`,
/// every sentence as a parsed `CorpusTemplate`, and the lookups an article needs by index.
struct CorpusLexicon: Sendable {
    struct Gate: Sendable {
        let name: CorpusText
        let kind: CorpusText
        let partner: CorpusText
    }

    struct Province: Sendable {
        let name: CorpusText
        let newspaper: CorpusText
        let domain: [UInt8]
        let districts: [CorpusText]
        let gates: [Gate]
        let partners: [CorpusText]
        /// Empty for inland provinces, whose topics never name a country.
        let country: CorpusText
        let roads: [CorpusText]
        let crops: [CorpusText]
        let ethnicGroups: [CorpusText]
        /// The festivals of each of `ethnicGroups`, at the same index; never empty.
        let festivals: [[CorpusText]]
        /// What an article says for an official when it names none.
        let leadership: CorpusText
        let capitalizedLeadership: CorpusText
    }

    struct Topic: Sendable {
        let weight: Int
        let scope: CorpusTopic.Scope
        let section: [UInt8]
        let projectCategory: String
        let tags: [CorpusTemplate]
        let titles: [CorpusTemplate]
        let leads: [CorpusTemplate]
        let sentences: [CorpusTemplate]
        /// The topic's captions, then the common ones.
        let captions: [CorpusTemplate]
    }

    let provinces: [Province]
    /// Indices of the provinces with a border gate.
    let borderProvinces: [Int]
    let topics: [Topic]
    /// Running totals of the topics' weights, for a weighted draw.
    let topicWeightTotals: [Int]
    let closings: [CorpusTemplate]
    let ministries: [CorpusText]
    let bylines: [CorpusText]
    let nationalSources: [(name: CorpusText, domain: [UInt8])]
    let holidays: [CorpusText]
    let sectors: [CorpusText]

    init() {
        provinces = CorpusVocabulary.provinces.map { province in
            let festivals = province.ethnicGroups.map { group in
                let named = CorpusVocabulary.festivals.filter { $0.group == group }.map(\.festival)
                return CorpusText.all(named.isEmpty ? ["Lễ hội truyền thống của đồng bào \(group)"] : named)
            }
            return Province(
                name: CorpusText(province.name), newspaper: CorpusText(province.newspaper),
                domain: Array(province.domain.utf8), districts: CorpusText.all(province.districts),
                gates: province.gates.map { Gate(name: CorpusText($0.name), kind: CorpusText($0.kind), partner: CorpusText($0.partner)) },
                partners: CorpusText.all(province.partners), country: CorpusText(province.country?.name ?? ""),
                roads: CorpusText.all(province.roads), crops: CorpusText.all(province.crops),
                ethnicGroups: CorpusText.all(province.ethnicGroups), festivals: festivals,
                leadership: CorpusText("lãnh đạo UBND tỉnh \(province.name)"),
                capitalizedLeadership: CorpusText("Lãnh đạo UBND tỉnh \(province.name)"))
        }
        borderProvinces = CorpusVocabulary.provinces.indices.filter { !CorpusVocabulary.provinces[$0].gates.isEmpty }
        topics = CorpusTopic.all.map { topic in
            Topic(weight: topic.weight, scope: topic.scope, section: Array(topic.section.utf8),
                  projectCategory: topic.projectCategory, tags: CorpusTemplate.all(topic.tags),
                  titles: CorpusTemplate.all(topic.titles), leads: CorpusTemplate.all(topic.leads),
                  sentences: CorpusTemplate.all(topic.sentences),
                  captions: CorpusTemplate.all(topic.captions + CorpusTopic.commonCaptions))
        }
        var total = 0
        topicWeightTotals = topics.map { topic in
            total += topic.weight
            return total
        }
        closings = CorpusTemplate.all(CorpusTopic.closings)
        ministries = CorpusText.all(CorpusVocabulary.ministries.map(\.name))
        bylines = CorpusText.all(CorpusVocabulary.bylines)
        nationalSources = CorpusVocabulary.nationalSources.map { (CorpusText($0.name), Array($0.domain.utf8)) }
        holidays = CorpusText.all(CorpusVocabulary.holidays)
        sectors = CorpusText.all(CorpusVocabulary.sectors)
    }

    /// A topic index, drawn by weight.
    func drawTopic(_ random: inout SeededRandom) -> Int {
        let ticket = random.below(topicWeightTotals[topicWeightTotals.count - 1])
        return topicWeightTotals.firstIndex { ticket < $0 } ?? 0
    }
}
