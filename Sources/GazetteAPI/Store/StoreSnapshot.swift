import Foundation

/// An immutable view of the whole store at one moment. It is a value: taking one costs a few
/// reference-count increments, and later writes never change it.
public struct StoreSnapshot: Sendable {
    struct Collection: Sendable {
        /// Items in creation order: the default order of lists.
        var slots = ItemSlots()
        var slotByID = ShardedDictionary<String, Int>()
        var modifiedAt = Date(timeIntervalSince1970: 0)
        /// Slots changed by recent writes, for indexes built before them.
        var changes = ChangeLog()
    }

    /// An official or project whose `articleIds` must be encoded again.
    private struct DerivedKey: Hashable {
        let kind: ResourceKind
        let id: String

        /// The id's cheap hash, not SipHash over its bytes: a bulk load sets one of these for
        /// every reference of every article, and only the store's own ids are hashed here.
        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(id.shardHash(seed: 0))
        }
    }

    private var articles = Collection()
    private var officials = Collection()
    private var projects = Collection()
    /// Official slot → slots of the articles that name it (creation order).
    private var articlesByOfficial = SlotLists()
    /// Project slot → slots of the articles that report on it.
    private var articlesByProject = SlotLists()
    /// Between `beginBulkLoad()` and `endBulkLoad()`; `nil` otherwise. One optional, so that a
    /// copy of the state (every request takes one) copies none of it.
    private var bulkLoad: BulkLoad?
    /// Grows with every write; lists use it in their ETags.
    public private(set) var version: UInt64 = 0
    /// The indexes of this store's states, shared by every copy of the state (a class).
    let indexes = IndexCache()

    init() {}

    private func collection(_ kind: ResourceKind) -> Collection {
        switch kind {
        case .articles: articles
        case .officials: officials
        case .projects: projects
        }
    }

    private mutating func modify<Result>(_ kind: ResourceKind, _ body: (inout Collection) -> Result) -> Result {
        switch kind {
        case .articles: body(&articles)
        case .officials: body(&officials)
        case .projects: body(&projects)
        }
    }

    // MARK: Reads

    public func item(_ kind: ResourceKind, id: String) -> StoredItem? {
        // Each collection passed as it is, not through `collection(_:)`: that copy retained and
        // released each of its arrays, for every item read and every reference checked.
        switch kind {
        case .articles: Self.item(in: articles, id: id)
        case .officials: Self.item(in: officials, id: id)
        case .projects: Self.item(in: projects, id: id)
        }
    }

    private static func item(in collection: Collection, id: String) -> StoredItem? {
        guard let slot = collection.slotByID[id] else { return nil }
        return collection.slots[slot]
    }

    /// Every item of `kind`, in creation order.
    public func items(_ kind: ResourceKind) -> [StoredItem] {
        collection(kind).slots.allItems()
    }

    /// Up to `limit` items of `kind` in creation order after the first `offset`: a page without
    /// visiting the items before it.
    public func items(_ kind: ResourceKind, skipping offset: Int, limit: Int) -> [StoredItem] {
        collection(kind).slots.items(skipping: offset, limit: limit)
    }

    public func count(_ kind: ResourceKind) -> Int {
        collection(kind).slots.liveCount
    }

    /// The items of `kind` by slot: creation order, with gaps where items were deleted.
    func slots(_ kind: ResourceKind) -> ItemSlots {
        collection(kind).slots
    }

    /// The slots of `kind` changed after `version`, or `nil` when that is too long ago to know.
    func slots(_ kind: ResourceKind, changedAfter version: UInt64) -> Set<Int>? {
        collection(kind).changes.slots(changedAfter: version)
    }

    /// The slot of item `id`, if it exists.
    func slot(_ kind: ResourceKind, id: String) -> Int? {
        // Each collection as it is, not through `collection(_:)`, which retained all its arrays.
        switch kind {
        case .articles: articles.slotByID[id]
        case .officials: officials.slotByID[id]
        case .projects: projects.slotByID[id]
        }
    }

    /// When anything of `kind` last changed (for `Last-Modified` on lists).
    public func modifiedAt(_ kind: ResourceKind) -> Date {
        collection(kind).modifiedAt
    }

    /// Ids of the articles that name official or project `id`, in creation order.
    public func articleIDs(referencing kind: ResourceKind, id: String) -> [String] {
        articleSlots(referencing: kind, id: id).compactMap { articles.slots[Int($0)]?.id }
    }

    /// Slots of the articles that name official or project `id`, ascending.
    private func articleSlots(referencing kind: ResourceKind, id: String) -> [UInt32] {
        switch kind {
        case .officials: officials.slotByID[id].map { articlesByOfficial[$0] } ?? []
        case .projects: projects.slotByID[id].map { articlesByProject[$0] } ?? []
        case .articles: []
        }
    }

    /// The items an item links to: an article's officials or projects, or the articles naming an
    /// official or project.
    public func related(_ kind: ResourceKind, id: String, target: ResourceKind) -> [StoredItem] {
        switch (kind, target) {
        case (.articles, .officials), (.articles, .projects):
            let field = target == .officials ? "officialIds" : "projectIds"
            let ids = item(.articles, id: id)?.member(field)?.arrayValue?.compactMap(\.stringValue) ?? []
            return ids.compactMap { item(target, id: $0) }
        case (.officials, .articles), (.projects, .articles):
            return articleSlots(referencing: kind, id: id).compactMap { articles.slots[Int($0)] }
        default:
            return []
        }
    }

    // MARK: Writes (only through GazetteStore, under its writer lock, and DatasetLoader)

    /// `label`'s slug, with `-2`, `-3`… when it is taken.
    func freeID(_ kind: ResourceKind, label: String) -> String {
        var base = Slug.make(label)
        if base.isEmpty { base = kind.singular }
        var candidate = base
        var suffix = 2
        while item(kind, id: candidate) != nil {
            // Trim the base so the suffixed id stays within the slug length limit.
            let tail = "-\(suffix)"
            var trimmed = String(base.prefix(Slug.maxLength - tail.count))
            while trimmed.hasSuffix("-") { trimmed.removeLast() }
            candidate = trimmed + tail
            suffix += 1
        }
        return candidate
    }

    /// Every `officialIds`/`projectIds` entry must name an existing item.
    func checkReferences(_ kind: ResourceKind, _ object: JSONObject) throws(APIError) {
        try checkReferences(kind, kind.schema.referenceFields.map { object[$0.name]?.arrayValue?.compactMap(\.stringValue) ?? [] })
    }

    /// `checkReferences` of the ids listed in each of the schema's `referenceFields`, in order.
    func checkReferences(_ kind: ResourceKind, _ references: [[String]]) throws(APIError) {
        guard references.contains(where: { !$0.isEmpty }) else { return }
        var links: [UInt32] = []
        try resolveReferences(kind, references, into: &links)
    }

    /// Checks `references` as `checkReferences` does, and appends to `links`, for each of the
    /// schema's `referenceFields` in order, the number of items found and then their slots: an
    /// article's links as `putNew` takes them. Items found are appended even when this throws.
    func resolveReferences(_ kind: ResourceKind, _ references: [[String]], into links: inout [UInt32]) throws(APIError) {
        // Articles' fields kept once: `kind.schema` copies a struct of arrays, for every item loaded.
        let fields = kind == .articles ? Self.linkFields : kind.schema.referenceFields
        var errors: [ProblemDetails.FieldError] = []
        for (field, (name, target)) in fields.enumerated() {
            let ids = field < references.count ? references[field] : []
            let countAt = links.count
            links.append(0)
            // A handful of ids is checked for repeats by looking back; a long list uses a set.
            var seen: Set<String> = []
            for (index, id) in ids.enumerated() {
                if let slot = slot(target, id: id) {
                    links.append(UInt32(slot))
                } else {
                    errors.append(ProblemDetails.FieldError(
                        in: "body", pointer: "/\(name)/\(index)", detail: "no \(target.singular) has the id \"\(id)\""))
                }
                let isRepeat = ids.count <= 16 ? ids[..<index].contains(id) : !seen.insert(id).inserted
                if isRepeat {
                    errors.append(ProblemDetails.FieldError(
                        in: "body", pointer: "/\(name)/\(index)", detail: "\"\(id)\" is listed twice"))
                }
            }
            links[countAt] = UInt32(links.count - countAt - 1)
        }
        if !errors.isEmpty { throw .validationFailed(errors) }
    }

    /// Applies one write: the single path of live writes and of journal replay, so both build the
    /// same items. Checks it first (`check(_:)`); on an error nothing has changed. Returns the
    /// stored item of a put.
    @discardableResult
    mutating func apply(_ record: JournalRecord) throws(APIError) -> StoredItem? {
        try check(record)
        return applyChecked(record)
    }

    /// Whether `record` can be applied: a put's references exist; a deleted item exists and no
    /// article names it.
    func check(_ record: JournalRecord) throws(APIError) {
        switch record {
        case .put(let kind, _, let writable, _, _):
            try checkReferences(kind, writable)
        case .delete(let kind, let id, _):
            guard item(kind, id: id) != nil else { throw .notFound(resource: kind, id: id) }
            let referrers = articleIDs(referencing: kind, id: id)
            if !referrers.isEmpty {
                throw .conflict(
                    detail: "\(kind.singular) \"\(id)\" is still named by \(referrers.count == 1 ? "article" : "articles") "
                        + referrers.map { "\"\($0)\"" }.joined(separator: ", ") + "; remove it from them first.",
                    errors: referrers.map { ProblemDetails.FieldError(in: "path", name: "id", detail: "referenced by article \($0)") })
            }
        }
    }

    /// Applies a record that passed `check(_:)`; cannot fail, so a write can be journaled between the two.
    @discardableResult
    mutating func applyChecked(_ record: JournalRecord) -> StoredItem? {
        switch record {
        case .put(let kind, let id, let writable, let createdAt, let updatedAt):
            return put(kind, id: id, writable: writable, createdAt: createdAt, updatedAt: updatedAt)
        case .delete(let kind, let id, let at):
            remove(kind, id: id, now: at)
            return nil
        }
    }

    /// Stores an item built from its validated writable fields, and refreshes the derived
    /// `articleIds` of every official and project whose set of articles changed.
    @discardableResult
    mutating func put(_ kind: ResourceKind, id: String, writable: JSONObject, createdAt: Date, updatedAt: Date) -> StoredItem {
        version += 1
        let previous = item(kind, id: id)
        let value = makeValue(kind, id: id, writable: writable, createdAt: createdAt, updatedAt: updatedAt)
        let stored = StoredItem(id: id, value: value, fieldNames: kind.schema.fieldNames, modifiedAt: updatedAt)
        let isBulk = isBulkLoading
        let version = version
        let slot = modify(kind) { collection in
            let slot: Int
            if let existing = collection.slotByID[id] {
                slot = existing
                collection.slots.replace(at: slot, with: stored)
            } else {
                slot = collection.slots.append(stored)
                collection.slotByID[id] = slot
            }
            if !isBulk { collection.changes.record(version: version, slot: slot) }
            collection.modifiedAt = updatedAt
            return slot
        }
        if kind == .articles {
            relink(articleSlot: slot, id: id, old: previous, new: value, now: updatedAt)
        }
        return stored
    }

    /// Stores a new item that a bulk load read straight into its stored form (`ItemTranscoder`)
    /// and whose references `resolveReferences` checked and gave as `links`; `false`, changing
    /// nothing, when the id is taken. The item was encoded with no articles naming it; should some
    /// do, or should this not be a bulk load, it is put the general way.
    mutating func putNew(_ kind: ResourceKind, stored: StoredItem, links: ArraySlice<UInt32>) -> Bool {
        let modifiedAt = stored.modifiedAt
        guard isBulkLoading, articleSlots(referencing: kind, id: stored.id).isEmpty else {
            guard item(kind, id: stored.id) == nil else { return false }
            put(kind, id: stored.id, writable: stored.writableValue(schema: kind.schema),
                createdAt: stored.createdAt ?? modifiedAt, updatedAt: modifiedAt)
            return true
        }
        let slot = modify(kind) { collection -> Int? in
            guard collection.slotByID.insertNew(stored.id, collection.slots.count) else { return nil }
            collection.modifiedAt = modifiedAt
            return collection.slots.append(stored)
        }
        guard let slot else { return false }
        version += 1
        if kind == .articles {
            linkNew(articleSlot: slot, id: stored.id, links: links, now: modifiedAt)
        }
        return true
    }

    mutating func remove(_ kind: ResourceKind, id: String, now: Date) {
        version += 1
        let previous = item(kind, id: id)
        let version = version
        let slot = modify(kind) { collection -> Int? in
            collection.modifiedAt = now
            guard let slot = collection.slotByID[id] else { return nil }
            collection.slots.remove(at: slot)
            collection.slotByID[id] = nil
            collection.changes.record(version: version, slot: slot)
            return slot
        }
        if kind == .articles, let slot {
            relink(articleSlot: slot, id: id, old: previous, new: nil, now: now)
        }
    }

    /// Starts a bulk load: `articleIds` of officials and projects are encoded once, by
    /// `endBulkLoad()`, instead of once per article that names them. `intoEmptyStore`: the store
    /// is empty and the load only adds items, so every list of articles was made by this load.
    mutating func beginBulkLoad(intoEmptyStore: Bool = false) {
        bulkLoad = BulkLoad(fillsEmptyStore: intoEmptyStore)
    }

    /// Encodes every official and project whose `articleIds` changed since `beginBulkLoad()`, with
    /// the same timestamps as item-by-item writes would have given them.
    mutating func endBulkLoad() {
        guard var bulk = bulkLoad else { return }
        if bulk.fillsEmptyStore {
            // Every listed official and project changed, last when the last article naming it
            // was stored: the one its list ends with (a new article goes last).
            for (kind, lists) in [(ResourceKind.officials, articlesByOfficial), (.projects, articlesByProject)] {
                let targets = slots(kind)
                let articleSlots = articles.slots
                lists.forEachList { slot, listed in
                    guard let last = listed.last, let target = targets[slot],
                          let date = articleSlots[Int(last)]?.modifiedAt else { return }
                    bulk.deferredItems[DerivedKey(kind: kind, id: target.id)] = date
                }
            }
        }
        // Each item is encoded on its own, so on every core: at a million articles the lists
        // hold millions of ids, and encoding them one item after another took two seconds.
        // (`bulkLoad` stays set meanwhile: the lists written while linking are read from it.)
        let encoded = { [self] in
            let pending = Array(bulk.deferredItems)
            return ParallelParts.map(count: pending.count, parts: pending.count >= 64 ? ParallelParts.perCore : 1) { run in
                pending[run].map { key, date in self.withDerivedRefreshed(key.kind, id: key.id, now: date).map { (key.kind, $0) } }
            }
        }()
        for item in encoded.joined() {
            guard let (kind, stored) = item else { continue }
            storeRefreshed(kind, stored)
        }
        for kind in ResourceKind.allCases {
            if let date = bulk.deferredResources[Self.position(kind)] { modify(kind) { $0.modifiedAt = date } }
        }
        bulkLoad = nil
        // Indexes are built after a load, never before: nothing loaded needs to be logged.
        let version = version
        for kind in ResourceKind.allCases { modify(kind) { $0.changes.reset(at: version) } }
    }

    /// The served value: schema order, timestamps, derived fields.
    private func makeValue(_ kind: ResourceKind, id: String, writable: JSONObject, createdAt: Date, updatedAt: Date) -> JSONObject {
        let schema = kind.schema
        let writableKeys = writable.keys
        let writableValues = writable.values
        var keys: [String] = []
        var values: [JSONValue] = []
        keys.reserveCapacity(schema.fieldNames.count)
        values.reserveCapacity(schema.fieldNames.count)
        var next = 0
        let created = Timestamp.format(createdAt)
        let updated = updatedAt == createdAt ? created : Timestamp.format(updatedAt)
        for (index, name) in schema.fieldNames.enumerated() {
            switch schema.fieldAccess[index] {
            case .writable:
                // Members usually arrive in schema order: the next one is taken without a search.
                if next < writableKeys.count, writableKeys[next] == name {
                    keys.append(name)
                    values.append(writableValues[next])
                    next += 1
                } else if let member = writable[name] {
                    keys.append(name)
                    values.append(member)
                }
            case .serverManaged:
                keys.append(name)
                values.append(.string(name == "createdAt" ? created : updated))
            case .derived:
                keys.append(name)
                values.append(.array(articleIDs(referencing: kind, id: id).map { .string($0) }))
            }
        }
        return JSONObject(uniqueKeys: keys, values: values)
    }

    /// What a bulk load keeps until `endBulkLoad()`.
    private struct BulkLoad {
        /// Into an empty store: links are not noted one by one (`endBulkLoad` finds them all in
        /// the lists).
        var fillsEmptyStore: Bool
        /// While filling an empty store: per official and project slot, its `articleIds` written
        /// so far, each id as its article is linked (while the id is in cache). Encoding the lists
        /// at the end read a million articles again, each a cache miss: a tenth of loading them.
        var writtenOfficialLinks: [WrittenLinks] = []
        var writtenProjectLinks: [WrittenLinks] = []
        /// The derived items to encode once at the end, each with the time of the last change to it.
        var deferredItems: [DerivedKey: Date] = [:]
        /// Each resource's last such time, by `position(_:)` of the kind: hashing a kind's name
        /// per link was a third of linking.
        var deferredResources: [Date?] = Array(repeating: nil, count: ResourceKind.allCases.count)
    }

    private var isBulkLoading: Bool { bulkLoad != nil }

    /// Article ids as an `articleIds` list holds them, without its brackets, and how many.
    private struct WrittenLinks {
        var bytes: [UInt8] = []
        var count = 0
    }

    /// A distinct index per kind, for `deferredResources`.
    private static func position(_ kind: ResourceKind) -> Int {
        switch kind {
        case .articles: 0
        case .officials: 1
        case .projects: 2
        }
    }

    /// The article fields that link to officials and projects, as the schema declares them.
    private static let linkFields = ArticleSchema.schema.referenceFields

    /// Links the new article `articleID`, in `articleSlot`, to the items in `links` (as
    /// `resolveReferences` gives them: per link field, a count and then the slots).
    private mutating func linkNew(articleSlot: Int, id articleID: String, links: ArraySlice<UInt32>, now: Date) {
        // A new article has the newest slot, so it goes last in every list: no sets, no
        // search (a load relinks every article this way; the general path was a tenth of it).
        var position = links.startIndex
        for (_, target) in Self.linkFields where position < links.endIndex {
            let count = Int(links[position])
            let targets = links[(position + 1)...].prefix(count)
            position = targets.endIndex
            for targetSlot in targets.lazy.map(Int.init) {
                modifyLinks(target) { $0.insert(UInt32(articleSlot), at: targetSlot) }
                if bulkLoad?.fillsEmptyStore == true {
                    // (`endBulkLoad` finds every change in the lists.)
                    writeLink(articleID, to: target, slot: targetSlot)
                } else if let id = slots(target)[targetSlot]?.id {
                    if isBulkLoading {
                        bulkLoad?.deferredItems[DerivedKey(kind: target, id: id)] = now
                    } else {
                        refreshDerived(target, id: id, now: now)
                    }
                }
            }
            if count > 0 { bulkLoad?.deferredResources[Self.position(target)] = now }
        }
    }

    /// Relinks article `articleID`, in `articleSlot`, from the references of `old` to those of `new`.
    private mutating func relink(articleSlot: Int, id articleID: String, old: StoredItem?, new: JSONObject?, now: Date) {
        if old == nil, let new {
            let references = Self.linkFields.map { new[$0.name]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            // Checked before the write (`check(_:)`); whatever is found is linked regardless.
            var links: [UInt32] = []
            try? resolveReferences(.articles, references, into: &links)
            linkNew(articleSlot: articleSlot, id: articleID, links: links[...], now: now)
            return
        }
        for (field, target) in Self.linkFields {
            let before = Set(old?.member(field)?.arrayValue?.compactMap(\.stringValue) ?? [])
            let after = Set(new?[field]?.arrayValue?.compactMap(\.stringValue) ?? [])
            guard before != after else { continue }
            for removed in before.subtracting(after) {
                if let targetSlot = slot(target, id: removed) {
                    modifyLinks(target) { $0.remove(UInt32(articleSlot), at: targetSlot) }
                }
                refreshDerived(target, id: removed, now: now)
            }
            // Lists stay in article creation order (slot order), so the derived list is stable:
            // an edited article goes where its slot says.
            for added in after.subtracting(before) {
                if let targetSlot = slot(target, id: added) {
                    modifyLinks(target) { $0.insert(UInt32(articleSlot), at: targetSlot) }
                }
                refreshDerived(target, id: added, now: now)
            }
        }
    }

    /// Appends `articleID` to the `articleIds` written for the official or project in `slot`.
    private mutating func writeLink(_ articleID: String, to kind: ResourceKind, slot: Int) {
        func write(into lists: inout [WrittenLinks]) {
            if lists.count <= slot { lists.append(contentsOf: repeatElement(WrittenLinks(), count: slot + 1 - lists.count)) }
            if lists[slot].count > 0 { lists[slot].bytes.append(UInt8(ascii: ",")) }
            // Ids are slugs: nothing to escape, so the general writer's checks are skipped.
            var id = articleID
            id.withUTF8 { bytes in
                guard JSONStringScan.firstSpecial(in: bytes, from: 0) == bytes.count else {
                    return JSONWriter.writeString(articleID, into: &lists[slot].bytes)
                }
                lists[slot].bytes.append(UInt8(ascii: "\""))
                lists[slot].bytes.append(contentsOf: bytes)
                lists[slot].bytes.append(UInt8(ascii: "\""))
            }
            lists[slot].count += 1
        }
        guard bulkLoad != nil else { return }
        switch kind {
        case .officials: write(into: &bulkLoad!.writtenOfficialLinks)
        case .projects: write(into: &bulkLoad!.writtenProjectLinks)
        case .articles: break
        }
    }

    private mutating func modifyLinks(_ kind: ResourceKind, _ body: (inout SlotLists) -> Void) {
        switch kind {
        case .officials: body(&articlesByOfficial)
        case .projects: body(&articlesByProject)
        case .articles: break
        }
    }

    /// Re-encodes an official or project whose `articleIds` changed: its ETag and Last-Modified move.
    private mutating func refreshDerived(_ kind: ResourceKind, id: String, now: Date) {
        if isBulkLoading {
            bulkLoad?.deferredItems[DerivedKey(kind: kind, id: id)] = now
            bulkLoad?.deferredResources[Self.position(kind)] = now
            return
        }
        guard let stored = withDerivedRefreshed(kind, id: id, now: now) else { return }
        storeRefreshed(kind, stored)
    }

    /// The `articleIds` written for official or project `id` while filling an empty store.
    private func writtenLinks(_ kind: ResourceKind, id: String) -> WrittenLinks? {
        guard let bulkLoad, kind != .articles, let slot = slot(kind, id: id) else { return nil }
        let lists = kind == .officials ? bulkLoad.writtenOfficialLinks : bulkLoad.writtenProjectLinks
        guard slot < lists.count else { return nil }
        return lists[slot]
    }

    /// Stores an item that `withDerivedRefreshed` encoded.
    private mutating func storeRefreshed(_ kind: ResourceKind, _ stored: StoredItem) {
        let version = version
        let now = stored.modifiedAt
        modify(kind) { collection in
            if let slot = collection.slotByID[stored.id] {
                collection.slots.replace(at: slot, with: stored)
                collection.changes.record(version: version, slot: slot)
            }
            collection.modifiedAt = now
        }
    }

    /// Item `id` of `kind` encoded with its current `articleIds`, changed at `now`; `nil` when
    /// there is no such item.
    private func withDerivedRefreshed(_ kind: ResourceKind, id: String, now: Date) -> StoredItem? {
        guard let current = item(kind, id: id) else { return nil }
        // The list is written into the item's bytes in place of the old one: parsing and writing
        // the whole item again was seconds at the end of a large load, for lists of 100k ids.
        let slots = articleSlots(referencing: kind, id: id)
        if let written = writtenLinks(kind, id: id), written.count == slots.count {
            // Written into the item's new bytes at once: a list of 100k ids copied twice more was
            // most of the end of a large load, in pages the kernel zeroed.
            let replaced = current.replacing("articleIds", valueCount: written.bytes.count + 2, modifiedAt: now) { output in
                output.append(UInt8(ascii: "["))
                output += written.bytes
                output.append(UInt8(ascii: "]"))
            }
            if let replaced { return replaced }
        } else {
            var list: [UInt8] = [UInt8(ascii: "[")]
            let stored = articles.slots
            for slot in slots {
                guard let article = stored[Int(slot)] else { continue }
                if list.count > 1 { list.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(article.id, into: &list)
            }
            list.append(UInt8(ascii: "]"))
            if let stored = current.replacing("articleIds", with: list, modifiedAt: now) { return stored }
        }
        // Every stored official and project has the member; this is only the safe way round.
        var value = current.value
        value["articleIds"] = .array(articleIDs(referencing: kind, id: id).map { .string($0) })
        return StoredItem(id: id, value: value, fieldNames: kind.schema.fieldNames, modifiedAt: now)
    }
}
