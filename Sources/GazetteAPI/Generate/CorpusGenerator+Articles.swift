/// Articles: one topic, one province and one date each, the officials and projects of that province
/// and topic, and text filled in from the topic's templates, written straight into the output bytes.
extension CorpusGenerator {
    /// Buffers reused from one article to the next.
    struct ArticleScratch {
        var title: [UInt8] = []
        var slug: [UInt8] = []
        var lead: [UInt8] = []
        var order: [Int] = []
        var officials: [Int] = []
        var projects: [Int] = []
    }

    /// What an article's templates are filled with: fixed once per article, so that a report speaks
    /// of the same district, gate and crop from its headline to its captions.
    struct ArticleContext {
        let province: CorpusLexicon.Province
        let district: CorpusText
        let gate: CorpusLexicon.Gate?
        let partnerProvince: CorpusText
        let crop: CorpusText
        let ethnicGroup: CorpusText
        let festival: CorpusText
        let road: CorpusText
        let ministry: CorpusText
        let holiday: CorpusText
        let year: Int
        let month: Int
        let day: Int
        let official: CorpusText
        let capitalizedOfficial: CorpusText
        let otherOfficial: CorpusText
    }

    /// A filled slot: text, or a number written in decimal.
    enum SlotValue {
        case text(CorpusText)
        case number(Int)
    }

    /// Publication dates run from 2015-01-01 through 2025-12-31: 11 years, three of them leap years.
    static let firstYear = 2015
    static let dayCount = 11 * 365 + 3

    /// The calendar date `dayNumber` days after 2015-01-01.
    static func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        var rest = dayNumber
        var year = firstYear
        while true {
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let length = isLeap ? 366 : 365
            if rest < length {
                var month = 1
                for days in [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] {
                    if rest < days { return (year, month, rest + 1) }
                    rest -= days
                    month += 1
                }
            }
            rest -= length
            year += 1
        }
    }

    func writeArticle(_ index: Int, into out: inout [UInt8], scratch: inout ArticleScratch) {
        var random = SeededRandom(seed: seed ^ 0xA271_C1E5, stream: UInt64(index))
        let topic = lexicon.topics[lexicon.drawTopic(&random)]
        let provinceIndex = topic.scope == .borderGate ? random.pick(lexicon.borderProvinces) : random.below(lexicon.provinces.count)
        let province = lexicon.provinces[provinceIndex]
        pickOfficials(provinceIndex: provinceIndex, random: &random, into: &scratch.officials)
        pickProjects(provinceIndex: provinceIndex, category: topic.projectCategory, random: &random, into: &scratch.projects)
        let date = Self.date(dayNumber: random.below(Self.dayCount))
        let context = makeContext(province: province, date: date, officials: scratch.officials, random: &random)

        scratch.title.removeAll(keepingCapacity: true)
        scratch.slug.removeAll(keepingCapacity: true)
        appendTitle(random.pick(topic.titles), context, random: &random, into: &scratch.title, slug: &scratch.slug)
        if scratch.slug.count > 180, let cut = scratch.slug[..<180].lastIndex(of: UInt8(ascii: "-")) {
            scratch.slug.removeSubrange(cut...)
        }
        scratch.lead.removeAll(keepingCapacity: true)
        appendTemplate(random.pick(topic.leads), context, random: &random, into: &scratch.lead)

        // The title's slug and the article's number: unique, since the number alone follows the last "-".
        scratch.slug.append(UInt8(ascii: "-"))
        scratch.slug.appendDecimal(index + 1)
        out.appendRaw(#"{"id":""#)
        out.append(contentsOf: scratch.slug)
        out.appendRaw(#"","title":""#)
        out.append(contentsOf: scratch.title)
        out.appendRaw(#"","summary":""#)
        out.append(contentsOf: scratch.lead)
        out.appendRaw(#"","body":[""#)
        out.append(contentsOf: scratch.lead)
        out.append(UInt8(ascii: "\""))
        appendParagraphs(topic, context, random: &random, into: &out, order: &scratch.order)
        out.append(UInt8(ascii: "]"))

        appendImages(topic, context, random: &random, into: &out)
        if random.chance(95) {
            out.appendRaw(#","author":"#)
            out.appendQuoted(random.pick(lexicon.bylines))
        }
        out.appendRaw(#","source":{"name":"#)
        let national = random.chance(20) ? random.pick(lexicon.nationalSources) : nil
        out.appendQuoted(national?.name ?? province.newspaper)
        out.appendRaw(#","url":"https://"#)
        out.append(contentsOf: national?.domain ?? province.domain)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: topic.section)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: scratch.slug)
        out.appendRaw(#".html"},"publishedOn":""#)
        appendDate(date, into: &out)
        out.appendRaw(#"","province":"#)
        out.appendQuoted(province.name)
        appendTags(topic, context, random: &random, into: &out)
        Self.appendIDs(#","officialIds":["#, scratch.officials, id: { officials[$0].id }, into: &out)
        Self.appendIDs(#","projectIds":["#, scratch.projects, id: { projects[$0].id }, into: &out)
        // Stored timestamps keep ETags and Last-Modified stable across restarts (the loader keeps
        // them); 00–12 UTC is the working day in Vietnam (UTC+7).
        let hour = random.within(0...12)
        let minute = random.below(60)
        out.appendRaw(#","createdAt":""#)
        appendTimestamp(date, hour: hour, minute: minute, into: &out)
        // Without `updatedAt` the loader takes `createdAt`: most reports are never edited.
        if random.chance(30) {
            out.appendRaw(#"","updatedAt":""#)
            appendTimestamp(date, hour: random.within((hour + 1)...23), minute: minute, into: &out)
        }
        out.appendRaw(#""}"#)
    }

    // MARK: Links

    /// 0–3 distinct officials, most of them from the article's province, some from the ministries.
    private func pickOfficials(provinceIndex: Int, random: inout SeededRandom, into picked: inout [Int]) {
        picked.removeAll(keepingCapacity: true)
        guard !officials.isEmpty else { return }
        let wanted = Self.linkCount(&random)
        let local = officialsByProvince[provinceIndex]
        for _ in 0..<wanted {
            let pool = !local.isEmpty && (random.chance(75) || centralOfficials.isEmpty) ? local : centralOfficials
            let candidate = pool.isEmpty ? random.below(officials.count) : random.pick(pool)
            if !picked.contains(candidate) { picked.append(candidate) }
        }
    }

    /// 0–3 distinct projects: of the topic's kind in the province, else of the kind, else any.
    private func pickProjects(provinceIndex: Int, category: String, random: inout SeededRandom, into picked: inout [Int]) {
        picked.removeAll(keepingCapacity: true)
        guard !projects.isEmpty else { return }
        let wanted = Self.linkCount(&random)
        let categoryIndex = ProjectSchema.categories.firstIndex(of: category) ?? 0
        let local = projectsByProvinceAndCategory[provinceIndex * ProjectSchema.categories.count + categoryIndex]
        let sameKind = projectsByCategory[categoryIndex]
        for _ in 0..<wanted {
            let pool = !local.isEmpty && random.chance(80) ? local : sameKind
            let candidate = pool.isEmpty || random.chance(10) ? random.below(projects.count) : random.pick(pool)
            if !picked.contains(candidate) { picked.append(candidate) }
        }
    }

    /// How many officials or projects an article names: 0 (15%), 1 (35%), 2 (30%) or 3 (20%).
    private static func linkCount(_ random: inout SeededRandom) -> Int {
        let ticket = random.below(100)
        return ticket < 15 ? 0 : ticket < 50 ? 1 : ticket < 80 ? 2 : 3
    }

    private func makeContext(province: CorpusLexicon.Province, date: (year: Int, month: Int, day: Int), officials picked: [Int],
                             random: inout SeededRandom) -> ArticleContext {
        let ethnicIndex = random.below(province.ethnicGroups.count)
        let first = picked.first.map { officials[$0] }
        let second = picked.count > 1 ? officials[picked[1]] : nil
        // A central official speaks for their own ministry.
        let ministryIndex = picked.lazy.compactMap { self.officials[$0].ministry }.first ?? random.below(lexicon.ministries.count)
        return ArticleContext(
            province: province,
            district: random.pick(province.districts),
            gate: province.gates.isEmpty ? nil : random.pick(province.gates),
            partnerProvince: province.partners.isEmpty ? province.name : random.pick(province.partners),
            crop: random.pick(province.crops),
            ethnicGroup: province.ethnicGroups[ethnicIndex],
            festival: random.pick(province.festivals[ethnicIndex]),
            road: random.pick(province.roads),
            ministry: lexicon.ministries[ministryIndex],
            holiday: random.pick(lexicon.holidays),
            year: date.year, month: date.month, day: date.day,
            official: first?.mention ?? province.leadership,
            capitalizedOfficial: first?.capitalizedMention ?? province.capitalizedLeadership,
            otherOfficial: second?.mention ?? province.leadership)
    }

    // MARK: Text

    private func value(_ slot: CorpusTemplate.Slot, _ context: ArticleContext, random: inout SeededRandom) -> SlotValue {
        switch slot {
        case .province: .text(context.province.name)
        case .district: .text(context.district)
        case .gate: .text(context.gate?.name ?? context.province.name)
        case .gateKind: .text(context.gate?.kind ?? context.province.name)
        case .partnerGate: .text(context.gate?.partner ?? context.province.name)
        case .country: .text(context.province.country)
        case .partnerProvince: .text(context.partnerProvince)
        case .day: .number(context.day)
        case .month: .number(context.month)
        case .year: .number(context.year)
        case .nextYear: .number(context.year + 1)
        // The five-year plan under way the year after: 2016–2020, 2021–2025, 2026–2030.
        case .periodStart: .number(2016 + (context.year + 1 - 2016) / 5 * 5)
        case .periodEnd: .number(2020 + (context.year + 1 - 2016) / 5 * 5)
        case .official: .text(context.official)
        case .capitalizedOfficial: .text(context.capitalizedOfficial)
        case .otherOfficial: .text(context.otherOfficial)
        case .ministry: .text(context.ministry)
        case .crop: .text(context.crop)
        case .ethnic: .text(context.ethnicGroup)
        case .festival: .text(context.festival)
        case .road: .text(context.road)
        case .holiday: .text(context.holiday)
        case .sector: .text(random.pick(lexicon.sectors))
        }
    }

    private func fill(_ segment: CorpusTemplate.Segment, _ context: ArticleContext, random: inout SeededRandom) -> SlotValue {
        switch segment {
        case .text(let text): .text(text)
        case .number(let lower, let count): .number(lower + random.below(count))
        case .slot(let slot): value(slot, context, random: &random)
        }
    }

    /// Appends `template` filled in (escaped JSON text, no quotes) to `out`.
    private func appendTemplate(_ template: CorpusTemplate, _ context: ArticleContext, random: inout SeededRandom,
                                into out: inout [UInt8]) {
        for segment in template.segments {
            switch fill(segment, context, random: &random) {
            case .text(let text): out.append(contentsOf: text.json)
            case .number(let number): out.appendDecimal(number)
            }
        }
    }

    /// `appendTemplate`, and the slug of the result to `slug`: the slugs of the pieces joined by
    /// "-", because every slot is set off from its neighbours by a space or punctuation.
    private func appendTitle(_ template: CorpusTemplate, _ context: ArticleContext, random: inout SeededRandom,
                             into out: inout [UInt8], slug: inout [UInt8]) {
        for segment in template.segments {
            switch fill(segment, context, random: &random) {
            case .text(let text):
                out.append(contentsOf: text.json)
                if !text.slug.isEmpty {
                    if !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                    slug.append(contentsOf: text.slug)
                }
            case .number(let number):
                out.appendDecimal(number)
                if !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.appendDecimal(number)
            }
        }
    }

    /// Appends `template` as one more quoted string of a JSON array.
    private func appendQuotedTemplate(_ template: CorpusTemplate, _ context: ArticleContext, random: inout SeededRandom,
                                      into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendTemplate(template, context, random: &random, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The paragraphs after the lead (2, 3 or 4; 40, 40 and 20%): the topic's sentences in a random order, one or two
    /// a paragraph, each at most once; the last one is often a closing formula.
    private func appendParagraphs(_ topic: CorpusLexicon.Topic, _ context: ArticleContext, random: inout SeededRandom,
                                  into out: inout [UInt8], order: inout [Int]) {
        let ticket = random.below(100)
        let paragraphs = ticket < 40 ? 2 : ticket < 80 ? 3 : 4
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: topic.sentences.indices)
        var used = 0
        // Partial Fisher–Yates: the next unused sentence, uniformly.
        func nextSentence(_ random: inout SeededRandom) -> CorpusTemplate {
            let chosen = used + random.below(order.count - used)
            order.swapAt(used, chosen)
            used += 1
            return topic.sentences[order[used - 1]]
        }
        var closing = random.below(lexicon.closings.count)
        for paragraph in 0..<paragraphs {
            out.appendRaw(#",""#)
            let isLast = paragraph == paragraphs - 1
            if used == order.count || (isLast && random.chance(50)) {
                appendTemplate(lexicon.closings[closing], context, random: &random, into: &out)
                closing = (closing + 1) % lexicon.closings.count
            } else {
                appendTemplate(nextSentence(&random), context, random: &random, into: &out)
                if used < order.count && random.chance(20) {
                    out.append(UInt8(ascii: " "))
                    appendTemplate(nextSentence(&random), context, random: &random, into: &out)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// No photo (50%), one (35%) or two (15%) with different captions.
    private func appendImages(_ topic: CorpusLexicon.Topic, _ context: ArticleContext, random: inout SeededRandom,
                              into out: inout [UInt8]) {
        let ticket = random.below(100)
        let count = ticket < 50 ? 0 : ticket < 85 ? 1 : 2
        guard count > 0 else { return }
        let captions = topic.captions
        let first = random.below(captions.count)
        out.appendRaw(#","images":[{"caption":"#)
        appendQuotedTemplate(captions[first], context, random: &random, into: &out)
        if count == 2 {
            let second = (first + 1 + random.below(captions.count - 1)) % captions.count
            out.appendRaw(#"},{"caption":"#)
            appendQuotedTemplate(captions[second], context, random: &random, into: &out)
        }
        out.appendRaw("}]")
    }

    /// Two of the topic's tags, then the province most of the time (unless a tag already is it).
    private func appendTags(_ topic: CorpusLexicon.Topic, _ context: ArticleContext, random: inout SeededRandom,
                            into out: inout [UInt8]) {
        let tags = topic.tags
        let first = random.below(tags.count)
        let second = (first + 1 + random.below(tags.count - 1)) % tags.count
        out.appendRaw(#","tags":["#)
        var hasProvince = false
        for (position, tag) in [first, second].enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let start = out.endIndex + 1
            appendQuotedTemplate(tags[tag], context, random: &random, into: &out)
            hasProvince = hasProvince || out[start..<(out.endIndex - 1)].elementsEqual(context.province.name.json)
        }
        if !hasProvince && random.chance(70) {
            out.append(UInt8(ascii: ","))
            out.appendQuoted(context.province.name)
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendDate(_ date: (year: Int, month: Int, day: Int), into out: inout [UInt8]) {
        out.appendDecimal(date.year, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendDecimal(date.month, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendDecimal(date.day, width: 2)
    }

    /// `YYYY-MM-DDTHH:MM:00Z`, as the store writes timestamps.
    private func appendTimestamp(_ date: (year: Int, month: Int, day: Int), hour: Int, minute: Int, into out: inout [UInt8]) {
        appendDate(date, into: &out)
        out.append(UInt8(ascii: "T"))
        out.appendDecimal(hour, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(minute, width: 2)
        out.appendRaw(":00Z")
    }

    /// `member` (`,"officialIds":[`), the quoted ids of `indices`, `]`; nothing when there are none.
    private static func appendIDs(_ member: StaticString, _ indices: [Int], id: (Int) -> [UInt8], into out: inout [UInt8]) {
        guard !indices.isEmpty else { return }
        out.appendRaw(member)
        for (position, index) in indices.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: id(index))
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
    }
}
