import Foundation

/// A dataset that cannot be served: which file, where in it (a JSON pointer), and what is wrong.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var pointer: String
    public var message: String

    public var description: String {
        "\(source): \(pointer.isEmpty ? "(document)" : pointer): \(message)"
    }
}

/// Reads the `--data` shape, `{"articles": [...], "officials": [...], "projects": [...]}`, validating
/// every item against its schema, the ids' uniqueness and every reference, before anything is served.
/// The same shape is a data directory's snapshot and the body of `POST /admin/import`.
enum DatasetLoader {
    /// The dataset in `bytes` as a store; throws the first problem. Items without timestamps get `now`.
    static func load(_ bytes: [UInt8], source: String, now: Date) throws(DatasetError) -> StoreSnapshot {
        try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DatasetError) in try load(buffer, source: source, now: now) }
        }.get()
    }

    /// The dataset in `buffer` as a store, as `load(_:source:now:)`. `release` is told each range of
    /// `buffer` that loading no longer needs (a mapped file gives those pages back).
    static func load(_ buffer: UnsafeBufferPointer<UInt8>, source: String, now: Date,
                     release: (Range<Int>) -> Void = { _ in }) throws(DatasetError) -> StoreSnapshot {
        // Every way a dataset loads comes here: a file, a pipe, a data directory's seed or snapshot.
        Heap.growInLargeSteps()
        if let snapshot = try loadItemByItem(buffer, source: source, now: now, release: release) { return snapshot }
        let document: JSONValue
        do {
            document = try JSONParser.parse(UnsafeRawBufferPointer(buffer))
        } catch {
            throw DatasetError(source: source, pointer: "", message: "not valid JSON: \(error)")
        }
        let (snapshot, errors) = build(document, onto: StoreSnapshot(), previous: nil, now: now, errorLimit: 1)
        if let first = errors.first {
            throw DatasetError(source: source, pointer: first.pointer ?? "", message: first.detail)
        }
        return snapshot
    }

    /// `load` for a well-formed document, parsing one item at a time; `nil` when the document is
    /// not one the scanner walks (the whole-document parser then finds and reports the problem).
    private static func loadItemByItem(_ buffer: UnsafeBufferPointer<UInt8>, source: String, now: Date,
                                       release: (Range<Int>) -> Void) throws(DatasetError) -> StoreSnapshot? {
        var feed = BatchFeed(buffer)
        // Parsing and validating an item needs nothing but its bytes: each batch is prepared on
        // every core while the one before it is stored, in order, and the one after it found, on
        // this thread.
        nonisolated(unsafe) let bytes = buffer
        // Once every official and project is stored, the store as it is then checks the
        // articles' references on the other cores too (articles change nothing they read).
        var referenceState: StoreSnapshot?
        func prepareInBackground(_ batch: Batch) -> BackgroundResult<[PreparedPart]?> {
            let references = batch.kind == .articles ? referenceState : nil
            return BackgroundResult { prepare(batch.ranges, in: bytes, kind: batch.kind, now: now, references: references) }
        }
        // A scan that ran ahead touched every byte: only the batches being read need to stay.
        func nextBatch() -> Batch? {
            let batch = feed.next()
            if feed.hasReadAhead() { release(0..<buffer.count) }
            return batch
        }
        var current = nextBatch()
        var job = current.map(prepareInBackground)
        // The buffer must outlive every batch being read from it, on any path out of here.
        defer { _ = job?.wait() }
        var following = nextBatch()
        var snapshot = StoreSnapshot()
        var errors: [ProblemDetails.FieldError] = []
        var seen: Set<String> = []
        snapshot.beginBulkLoad(intoEmptyStore: true)
        while let batch = current {
            guard let prepared = job?.wait() else { return nil }
            // The first batch of articles starts once the officials and projects are all stored.
            let startsArticles = batch.kind != .articles && following?.kind == .articles
            job = startsArticles ? nil : following.map(prepareInBackground)
            if let first = batch.ranges.first, let last = batch.ranges.last { release(first.lowerBound..<last.upperBound) }
            if batch.start == 0 { seen = [] }
            var offset = 0
            for part in prepared {
                for item in part.items {
                    switch item {
                    case .transcoded(let item, let referenceCheck):
                        putItem(item, referenceCheck: referenceCheck, links: part.links, kind: batch.kind, index: batch.start + offset,
                                into: &snapshot, seen: seen, errors: &errors)
                    case .parsed(let raw, let validated):
                        putItem(raw, validated: validated, kind: batch.kind, index: batch.start + offset, into: &snapshot,
                                previous: nil, now: now, seen: &seen, errors: &errors, idsMustBeNew: true)
                    }
                    if let first = errors.first {
                        // A document the scanner cannot walk further is the parser's to report, as
                        // when the scan came first.
                        guard feed.isValidToEnd() else { return nil }
                        throw DatasetError(source: source, pointer: first.pointer ?? "", message: first.detail)
                    }
                    offset += 1
                }
            }
            // Released on another thread: a batch's parts hold thousands of references, and this
            // thread is the one the others wait for.
            DispatchQueue.global().async { withExtendedLifetime(prepared) {} }
            if startsArticles, let following {
                referenceState = snapshot
                job = prepareInBackground(following)
            }
            current = following
            following = nextBatch()
        }
        guard feed.isValidToEnd() else { return nil }
        snapshot.endBulkLoad()
        return snapshot
    }

    /// A run of up to `batchSize` items of one resource, from item `start` of its array.
    private struct Batch {
        let kind: ResourceKind
        let start: Int
        let ranges: [Range<Int>]
    }

    /// The batches of a document in the order they are stored: officials and projects before the
    /// articles that name them. While the document lists them in that order (as Gazette writes
    /// datasets), each batch is found as it is needed; an articles array met before both others
    /// ends makes the rest be scanned at once and reordered.
    private struct BatchFeed {
        private var cursor: DatasetScanner.Cursor
        private var queued: [Batch] = []
        private var isStreaming = true
        private var readAhead = false
        private var counts: [ResourceKind: Int] = [:]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            cursor = DatasetScanner.Cursor(bytes)
        }

        /// The next batch; `nil` at the end, or when the document is not one the scanner walks
        /// (`isValidToEnd()` then says so).
        mutating func next() -> Batch? {
            if !queued.isEmpty { return queued.removeFirst() }
            guard isStreaming else { return nil }
            switch cursor.next(limit: DatasetLoader.batchSize) {
            case .items(let kind, let ranges):
                if kind == .articles && !cursor.completed.isSuperset(of: [.officials, .projects]) {
                    // Officials or projects may follow: read everything, articles last.
                    isStreaming = false
                    readAhead = true
                    var rest: [(ResourceKind, [Range<Int>])] = [(kind, ranges)]
                    while case .items(let kind, let ranges) = cursor.next(limit: DatasetLoader.batchSize) {
                        rest.append((kind, ranges))
                    }
                    for (kind, ranges) in rest where kind != .articles { queued.append(batch(kind, ranges)) }
                    for (kind, ranges) in rest where kind == .articles { queued.append(batch(kind, ranges)) }
                    return queued.isEmpty ? nil : queued.removeFirst()
                }
                return batch(kind, ranges)
            case .end, .invalid:
                return nil
            }
        }

        /// Whether the last `next()` read the rest of the document ahead; `true` once.
        mutating func hasReadAhead() -> Bool {
            defer { readAhead = false }
            return readAhead
        }

        /// Reads whatever is left: whether the whole document is one the scanner walks.
        mutating func isValidToEnd() -> Bool {
            cursor.isValidToEnd()
        }

        private mutating func batch(_ kind: ResourceKind, _ ranges: [Range<Int>]) -> Batch {
            let start = counts[kind, default: 0]
            counts[kind] = start + ranges.count
            return Batch(kind: kind, start: start, ranges: ranges)
        }
    }

    /// Items parsed and validated per batch, across the cores.
    static let batchSize = 4_096

    /// The items of one part of a batch, ready to be stored in order.
    private struct PreparedPart: Sendable {
        var items: [PreparedItem] = []
        /// The links of the items whose references passed (`ReferenceCheck.passed`), one after
        /// another, as `StoreSnapshot.resolveReferences` writes them.
        var links: [UInt32] = []
    }

    /// An item of a batch, ready to be stored in order.
    private enum PreparedItem: Sendable {
        /// Read straight into its stored form, its references checked or not yet.
        case transcoded(StoredItem, ReferenceCheck)
        /// Parsed, and validated when valid (`nil` then: `putItem` validates again and reports where).
        case parsed(raw: JSONValue, validated: JSONObject?)
    }

    /// Whether a transcoded item's references were checked, against the store holding every
    /// official and project, and what was found. Checked, the references are item slots: the
    /// ids, a few Strings per article, die on the core that read them, and storing the article
    /// looks nothing up.
    private enum ReferenceCheck: Sendable {
        /// The ids of each of the schema's `referenceFields`, in order.
        case notChecked([[String]])
        /// Where the item's links are in its part's `links`.
        case passed(Range<Int>)
        case failed(APIError)
    }

    /// The items of `ranges` made ready to store, in order, in the parts the cores made (not
    /// joined: copying them into one array retained and released every item's fields); `nil`
    /// when one is not JSON. With `references`, transcoded items' references are checked against it.
    private static func prepare(_ ranges: [Range<Int>], in buffer: UnsafeBufferPointer<UInt8>, kind: ResourceKind,
                                now: Date, references: StoreSnapshot?) -> [PreparedPart]? {
        // The buffer outlives this call: every part finishes before `map` returns.
        nonisolated(unsafe) let bytes = buffer
        let parts = ParallelParts.map(count: ranges.count, parts: ranges.count >= 256 ? 4 * ParallelParts.perCore : 1) { run -> PreparedPart? in
            var part = PreparedPart()
            part.items.reserveCapacity(run.count)
            // Once: `kind.schema` copies a struct of arrays.
            let schema = kind.schema
            var transcoder = ItemTranscoder(schema: schema, now: now)
            for range in ranges[run] {
                let itemBytes = UnsafeBufferPointer(rebasing: bytes[range])
                if let item = transcoder.transcode(itemBytes) {
                    var check = ReferenceCheck.notChecked(item.references)
                    if let references {
                        let start = part.links.count
                        do throws(APIError) {
                            try references.resolveReferences(kind, item.references, into: &part.links)
                            check = .passed(start..<part.links.count)
                        } catch {
                            part.links.removeSubrange(start...)
                            check = .failed(error)
                        }
                    }
                    part.items.append(.transcoded(item.stored, check))
                    continue
                }
                guard let raw = try? JSONParser.parse(UnsafeRawBufferPointer(itemBytes)) else { return nil }
                part.items.append(.parsed(raw: raw, validated: try? SchemaValidator.validate(raw, schema: schema)))
            }
            return part
        }
        var result: [PreparedPart] = []
        result.reserveCapacity(parts.count)
        for part in parts {
            guard let part else { return nil }
            result.append(part)
        }
        return result
    }

    /// Puts every item of a `--data`-shaped `document` into `base` (officials and projects before
    /// the articles that name them) and returns the result with every problem found, up to
    /// `errorLimit`, each at the JSON pointer of its value. The result is only meaningful without
    /// problems.
    ///
    /// An item keeps the `createdAt` and `updatedAt` it carries (an export round-trips with its
    /// ETags). Without them, an item that `previous` holds keeps its creation time, and its update
    /// time too when its writable fields are unchanged; any other item is created and updated `now`.
    static func build(_ document: JSONValue, onto base: StoreSnapshot, previous: StoreSnapshot?, now: Date,
                      errorLimit: Int) -> (snapshot: StoreSnapshot, errors: [ProblemDetails.FieldError]) {
        var errors: [ProblemDetails.FieldError] = []
        func report(_ pointer: JSONPointer, _ detail: String) {
            errors.append(ProblemDetails.FieldError(in: "body", pointer: pointer.description, detail: detail))
        }
        guard case .object(let top) = document else {
            report(.root, "must be an object with articles, officials and projects")
            return (base, errors)
        }
        for key in top.keys where ResourceKind(rawValue: key) == nil {
            report(JSONPointer.root.appending(key), "unknown member; expected articles, officials, projects")
            if errors.count >= errorLimit { return (base, errors) }
        }
        var snapshot = base
        snapshot.beginBulkLoad()
        putItems(top, into: &snapshot, previous: previous, now: now, errors: &errors, errorLimit: errorLimit)
        snapshot.endBulkLoad()
        return (snapshot, Array(errors.prefix(errorLimit)))
    }

    private static func putItems(_ top: JSONObject, into snapshot: inout StoreSnapshot, previous: StoreSnapshot?, now: Date,
                                 errors: inout [ProblemDetails.FieldError], errorLimit: Int) {
        func report(_ pointer: JSONPointer, _ detail: String) {
            errors.append(ProblemDetails.FieldError(in: "body", pointer: pointer.description, detail: detail))
        }
        // Officials and projects first: articles refer to them.
        for kind in [ResourceKind.officials, .projects, .articles] {
            guard let list = top[kind.rawValue] else { continue }
            guard case .array(let items) = list else {
                report(JSONPointer.root.appending(kind.rawValue), "must be an array")
                if errors.count >= errorLimit { return }
                continue
            }
            var seen: Set<String> = []
            for (index, raw) in items.enumerated() {
                if errors.count >= errorLimit { return }
                putItem(raw, kind: kind, index: index, into: &snapshot, previous: previous, now: now, seen: &seen, errors: &errors)
            }
        }
    }

    /// Puts item `index` of `kind`, already read into its stored form, into `snapshot`, or appends
    /// its problems to `errors`, as the general `putItem` would. `links`: its part's.
    private static func putItem(_ item: StoredItem, referenceCheck: ReferenceCheck, links: [UInt32], kind: ResourceKind, index: Int,
                                into snapshot: inout StoreSnapshot, seen: Set<String>, errors: inout [ProblemDetails.FieldError]) {
        let pointer = JSONPointer.root.appending(kind.rawValue).appending(index)
        let id = item.id
        func reportDuplicate() {
            errors.append(ProblemDetails.FieldError(in: "body", pointer: pointer.appending("id").description,
                                                    detail: "duplicate id \"\(id)\""))
        }
        // `seen` holds the ids of the items that took the general path; the store, the others.
        guard seen.isEmpty || !seen.contains(id) else { return reportDuplicate() }
        var resolved: [UInt32] = []
        let itemLinks: ArraySlice<UInt32>
        do throws(APIError) {
            switch referenceCheck {
            case .notChecked(let references):
                try snapshot.resolveReferences(kind, references, into: &resolved)
                itemLinks = resolved[...]
            case .passed(let range): itemLinks = links[range]
            case .failed(let error): throw error
            }
        } catch {
            errors += fieldErrors(error, under: pointer)
            return
        }
        if !snapshot.putNew(kind, stored: item, links: itemLinks) { reportDuplicate() }
    }

    /// Validates item `index` of `kind` and puts it into `snapshot`, or appends its problems to `errors`.
    /// `validated`: `raw` as `SchemaValidator` returned it, when that is already known.
    /// `idsMustBeNew`: `snapshot` holds only items loaded before this one, so an id it has is a duplicate.
    private static func putItem(_ raw: JSONValue, validated: JSONObject? = nil, kind: ResourceKind, index: Int,
                                into snapshot: inout StoreSnapshot, previous: StoreSnapshot?, now: Date,
                                seen: inout Set<String>, errors: inout [ProblemDetails.FieldError], idsMustBeNew: Bool = false) {
        func report(_ pointer: JSONPointer, _ detail: String) {
            errors.append(ProblemDetails.FieldError(in: "body", pointer: pointer.description, detail: detail))
        }
        let pointer = JSONPointer.root.appending(kind.rawValue).appending(index)
        var object: JSONObject
        do throws(APIError) {
            if let validated {
                object = validated
            } else {
                object = try SchemaValidator.validate(raw, schema: kind.schema, pointer: pointer)
            }
        } catch {
            errors += fieldErrors(error, under: .root)
            // An invalid item still claims its id: a second item with it is a duplicate.
            if let id = raw["id"]?.stringValue { seen.insert(id) }
            return
        }
        let id = object["id"]?.stringValue
            ?? snapshot.freeID(kind, label: object[kind.schema.labelField]?.stringValue ?? kind.singular)
        guard seen.insert(id).inserted, !idsMustBeNew || snapshot.item(kind, id: id) == nil else {
            report(pointer.appending("id"), "duplicate id \"\(id)\"")
            return
        }
        object["id"] = .string(id)
        do {
            try snapshot.checkReferences(kind, object)
        } catch {
            errors += fieldErrors(error, under: pointer)
            return
        }
        var timestamps: [String: Date] = [:]
        var hasBadTimestamp = false
        for name in ["createdAt", "updatedAt"] {
            guard let value = raw[name], !value.isNull else { continue }
            guard let text = value.stringValue, let date = Timestamp.parse(text) else {
                report(pointer.appending(name), "must be an RFC 3339 timestamp such as 2025-03-21T08:00:00Z")
                hasBadTimestamp = true
                continue
            }
            timestamps[name] = date
        }
        if hasBadTimestamp { return }
        let existing = previous?.item(kind, id: id)
        let createdAt = timestamps["createdAt"] ?? existing?.createdAt ?? now
        let updatedAt: Date
        if let given = timestamps["updatedAt"] {
            updatedAt = given
        } else if let existing {
            let isUnchanged = existing.writableValue(schema: kind.schema) == object
            updatedAt = isUnchanged ? existing.updatedAt ?? now : now
        } else {
            updatedAt = createdAt
        }
        snapshot.put(kind, id: id, writable: object, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The field errors of a validation error, their pointers prefixed with `pointer` (the schema
    /// validator's pointers are whole already; reference errors are relative to their item).
    private static func fieldErrors(_ error: APIError, under pointer: JSONPointer) -> [ProblemDetails.FieldError] {
        guard case .validationFailed(let errors) = error else {
            return [ProblemDetails.FieldError(in: "body", pointer: pointer.description, detail: "\(error)")]
        }
        let prefix = pointer.description
        return errors.map { error in
            var error = error
            error.pointer = prefix + (error.pointer ?? "")
            return error
        }
    }
}
