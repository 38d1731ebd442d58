import Foundation

/// Reads one item of a loaded dataset from its JSON bytes straight into the bytes the store keeps,
/// checking it against its schema on the way. Parsing every item into a `JSONValue` tree,
/// validating the tree and writing it out again was most of a start-up's work.
///
/// Only the common item is taken: valid, names written without escapes, no `null` where the
/// schema wants a value, an id given. Anything else is declined (`nil`), and the item takes the general
/// path (`JSONParser`, `SchemaValidator`, `StoreSnapshot.put`), which either stores the same bytes
/// or says precisely what is wrong. So nothing here ever has to explain an error, and what it
/// accepts must be exactly what the general path accepts, stored byte for byte the same.
struct ItemTranscoder {
    /// An item read into its stored form, with what storing it still needs from the store.
    struct Item {
        let stored: StoredItem
        /// The ids of each of the schema's `referenceFields`, in order, as listed.
        let references: [[String]]
    }

    /// A reader for items of `schema`, one after another: its buffers are reused.
    init(schema: ResourceSchema, now: Date) {
        self.schema = schema
        self.plan = Plan.of(schema.kind)
        self.now = now
    }

    /// The item in `bytes` as the store would keep it when put into an empty store at this
    /// reader's `now` (derived lists empty); `nil` when it is declined (see the type's comment).
    mutating func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> Item? {
        input = bytes
        position = 0
        output.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        return try? readItem()
    }

    /// Why an item was declined does not matter: the general path finds out.
    struct Declined: Error {}

    private let schema: ResourceSchema
    private let plan: Plan
    private let now: Date
    /// The item being read; valid during `transcode`.
    private var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var position = 0
    private var output: [UInt8] = []
    /// The members written of the objects being read, innermost last: field and bytes in `output`.
    private var members: [(field: Int, start: Int, end: Int)] = []

    // MARK: The item

    private mutating func readItem() throws(Declined) -> Item {
        let root = plan.objects[0]
        var ranges = [UInt32](repeating: 0, count: 2 * root.count)
        var id: String?
        var references = [[String]](repeating: [], count: schema.referenceFields.count)
        var createdAt: Date?
        var updatedAt: Date?
        output.append(UInt8(ascii: "{"))
        var seenRequired = 0
        let written = try readMembers(of: root) { reader, field throws(Declined) in
            switch root.access[field] {
            case .writable:
                if reader.isNull() {
                    guard !root.isRequired[field] else { throw Declined() }
                    return
                }
                if root.isRequired[field] { seenRequired += 1 }
                reader.writeName(field, of: root)
                if let reference = root.referenceIndex[field] {
                    references[reference] = try reader.readSlugs()
                } else if field == root.idField {
                    id = try reader.readSlug()
                } else {
                    try reader.readValue(root.shapes[field], isRequired: root.isRequired[field])
                }
            case .serverManaged:
                // Kept when given, as an export carries them; `null` is as good as absent.
                if reader.isNull() { return }
                let text = try reader.readPlainString()
                guard let date = Self.timestamp(text) else { throw Declined() }
                if field == root.createdAtField { createdAt = date } else { updatedAt = date }
            case .derived:
                // Ignored in input (an export carries them), but the item must still be JSON.
                try reader.skipValue()
            }
        }
        guard let id, seenRequired == root.requiredCount else { throw Declined() }
        for member in members[written] {
            ranges[2 * member.field] = UInt32(member.start + root.quotedNameLength(member.field) + 1)
            ranges[2 * member.field + 1] = UInt32(member.end)
        }
        members.removeSubrange(written)
        let created = createdAt ?? now
        let updated = updatedAt ?? created
        let createdText = Timestamp.format(created)
        for field in 0..<root.count where root.access[field] != .writable {
            if output.count > 1 { output.append(UInt8(ascii: ",")) }
            writeName(field, of: root)
            ranges[2 * field] = UInt32(output.count)
            switch root.access[field] {
            case .serverManaged:
                let text = field == root.createdAtField || updated == created ? createdText : Timestamp.format(updated)
                JSONWriter.writeString(text, into: &output)
            case .derived, .writable:
                output.append(UInt8(ascii: "["))
                output.append(UInt8(ascii: "]"))
            }
            ranges[2 * field + 1] = UInt32(output.count)
        }
        output.append(UInt8(ascii: "}"))
        skipWhitespace()
        guard position == input.count else { throw Declined() }
        let stored = StoredItem(id: id, json: output, ranges: ranges, fieldNames: schema.fieldNames, modifiedAt: updated)
        return Item(stored: stored, references: references)
    }

    /// Reads an object's members, calling `body` with each one's field at its value; `body`
    /// writes the member, name and value, or nothing. Leaves the members written in schema order,
    /// with commas between them, whatever their order in the input, and returns where their
    /// entries are in `members` (the caller removes them).
    private mutating func readMembers(of object: Plan.Object,
                                      _ body: (inout ItemTranscoder, Int) throws(Declined) -> Void) throws(Declined) -> Range<Int> {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        let base = members.count
        if peek() == UInt8(ascii: "}") {
            position += 1
            return base..<base
        }
        let openedAt = output.count
        var seen: UInt64 = 0
        var nextField = 0
        var isInOrder = true
        while true {
            skipWhitespace()
            let field = try readName(in: object, from: nextField)
            // A name given twice: the parser refuses the document.
            guard seen & 1 << field == 0 else { throw Declined() }
            seen |= 1 << field
            if field < nextField { isInOrder = false }
            nextField = field + 1
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let before = output.count
            if before > openedAt { output.append(UInt8(ascii: ",")) }
            let start = output.count
            try body(&self, field)
            if output.count == start {
                output.removeLast(start - before)
            } else {
                members.append((field, start, output.count))
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                if !isInOrder { putInSchemaOrder(base, from: openedAt) }
                return base..<members.count
            default: throw Declined()
            }
        }
    }

    /// Rewrites the members written from `openedAt`, whose entries start at `base`, in schema order.
    private mutating func putInSchemaOrder(_ base: Int, from openedAt: Int) {
        let written = Array(output[openedAt...])
        let sorted = members[base...].sorted { $0.field < $1.field }
        output.removeSubrange(openedAt...)
        members.removeSubrange(base...)
        for member in sorted {
            if output.count > openedAt { output.append(UInt8(ascii: ",")) }
            let start = output.count
            output.append(contentsOf: written[(member.start - openedAt)..<(member.end - openedAt)])
            members.append((member.field, start, output.count))
        }
    }

    /// The field whose name is the string at `position`, compared as written, quotes included:
    /// any other name (escaped, unknown) is declined. The search starts at `first`, where the
    /// next member in schema order would be.
    private mutating func readName(in object: Plan.Object, from first: Int) throws(Declined) -> Int {
        guard peek() == UInt8(ascii: "\"") else { throw Declined() }
        let end = JSONStringScan.firstSpecial(in: input, from: position + 1)
        guard end < input.count, input[end] == UInt8(ascii: "\"") else { throw Declined() }
        let name = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[position...end]))
        let count = object.count
        for offset in 0..<count {
            let field = (first + offset) % count
            let start = object.quotedNameStarts[field]
            let length = object.quotedNameStarts[field + 1] - start
            let matches = length == name.count && object.quotedNames.withUnsafeBytes { quoted in
                memcmp(quoted.baseAddress! + start, name.baseAddress!, length) == 0
            }
            if matches {
                position = end + 1
                return field
            }
        }
        throw Declined()
    }

    private mutating func writeName(_ field: Int, of object: Plan.Object) {
        output.append(contentsOf: object.quotedNames[object.quotedNameStarts[field]..<object.quotedNameStarts[field + 1]])
        output.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    private mutating func readValue(_ shape: Plan.Shape, isRequired: Bool) throws(Declined) {
        switch shape {
        case .text:
            try readText(isRequired: isRequired)
        case .slug:
            _ = try copySlug()
        case .url:
            let text = try readPlainString()
            guard SchemaValidator.isPlainHTTPURL(text) || SchemaValidator.isAbsoluteHTTPURL(String(decoding: text, as: UTF8.self))
            else { throw Declined() }
            copyString(text)
        case .date:
            let text = try readPlainString()
            guard CalendarDate(utf8: text) != nil else { throw Declined() }
            copyString(text)
        case .dateTime:
            let text = try readPlainString()
            guard Self.timestamp(text) != nil else { throw Declined() }
            copyString(text)
        case .integer(let minimum, let maximum):
            let number = try readNumber()
            guard number.rounded() == number, abs(number) < 9_007_199_254_740_992 else { throw Declined() }
            if let minimum, number < Double(minimum) { throw Declined() }
            if let maximum, number > Double(maximum) { throw Declined() }
            JSONWriter.writeNumber(number, into: &output)
        case .number(let minimum):
            let number = try readNumber()
            if let minimum, number < minimum { throw Declined() }
            JSONWriter.writeNumber(number, into: &output)
        case .boolean:
            if readLiteral("true") {
                output.append(contentsOf: "true".utf8)
            } else if readLiteral("false") {
                output.append(contentsOf: "false".utf8)
            } else {
                throw Declined()
            }
        case .enumeration(let allowed):
            let text = try readPlainString()
            guard allowed.contains(where: { $0.utf8.elementsEqual(text) }) else { throw Declined() }
            copyString(text)
        case .array(let element):
            try readArray(of: element)
        case .object(let index):
            let object = plan.objects[index]
            output.append(UInt8(ascii: "{"))
            var seenRequired = 0
            let written = try readMembers(of: object) { reader, field throws(Declined) in
                if reader.isNull() {
                    guard !object.isRequired[field] else { throw Declined() }
                    return
                }
                if object.isRequired[field] { seenRequired += 1 }
                reader.writeName(field, of: object)
                try reader.readValue(object.shapes[field], isRequired: object.isRequired[field])
            }
            guard seenRequired == object.requiredCount else { throw Declined() }
            members.removeSubrange(written)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func readArray(of element: Plan.Shape) throws(Declined) {
        try readArray { reader throws(Declined) in try reader.readValue(element, isRequired: true) }
    }

    /// Reads and writes an array whose elements, none of them `null`, `readElement` reads and writes.
    private mutating func readArray(_ readElement: (inout ItemTranscoder) throws(Declined) -> Void) throws(Declined) {
        try expect(UInt8(ascii: "["))
        output.append(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            output.append(UInt8(ascii: "]"))
            return
        }
        while true {
            skipWhitespace()
            guard !isNull() else { throw Declined() }
            try readElement(&self)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                output.append(UInt8(ascii: ","))
            case UInt8(ascii: "]"):
                position += 1
                output.append(UInt8(ascii: "]"))
                return
            default: throw Declined()
            }
        }
    }

    /// Text as the validator leaves it: NFC, and not blank when required.
    private mutating func readText(isRequired: Bool) throws(Declined) {
        guard peek() == UInt8(ascii: "\"") else { throw Declined() }
        let start = position + 1
        let end = JSONStringScan.firstSpecial(in: input, from: start)
        if end < input.count, input[end] == UInt8(ascii: "\"") {
            let text = UnsafeBufferPointer(rebasing: input[start..<end])
            switch TextFolding.nfcStatus(ofUTF8: text) {
            case .invalidUTF8: throw Declined()
            case .knownNFC where !isRequired || Self.hasVisibleASCII(text):
                position = end + 1
                copyString(text)
            default:
                position = end + 1
                try writeText(String(decoding: text, as: UTF8.self), isRequired: isRequired)
            }
            return
        }
        // Escapes: decoded by the parser itself, so that they mean exactly what they mean there.
        guard let string = JSONStringScan.stringEnd(in: input, from: position),
              case .string(let text)? = try? JSONParser.parse(bytes(position..<string.end))
        else { throw Declined() }
        position = string.end
        try writeText(text, isRequired: isRequired)
    }

    private mutating func writeText(_ text: String, isRequired: Bool) throws(Declined) {
        let normalized = TextFolding.nfc(text)
        if isRequired && normalized.unicodeScalars.allSatisfy(\.properties.isWhitespace) { throw Declined() }
        JSONWriter.writeString(normalized, into: &output)
    }

    /// Whether `text` has a printable ASCII character other than a space, so is surely not blank.
    private static func hasVisibleASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.contains { $0 > 0x20 && $0 < 0x7F }
    }

    /// The bytes between the quotes of the string at `position`: valid UTF-8 without escapes or
    /// control characters, so they are also what `JSONWriter` writes for it.
    private mutating func readPlainString() throws(Declined) -> UnsafeBufferPointer<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw Declined() }
        let start = position + 1
        let end = JSONStringScan.firstSpecial(in: input, from: start)
        guard end < input.count, input[end] == UInt8(ascii: "\""), UTF8Check.isValid(UnsafeBufferPointer(rebasing: input[start..<end])) else {
            throw Declined()
        }
        position = end + 1
        return UnsafeBufferPointer(rebasing: input[start..<end])
    }

    private mutating func copyString(_ text: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: text)
        output.append(UInt8(ascii: "\""))
    }

    /// Reads and writes a slug; returns its bytes in the input.
    private mutating func copySlug() throws(Declined) -> UnsafeBufferPointer<UInt8> {
        let text = try readPlainString()
        guard Slug.isValid(text) else { throw Declined() }
        copyString(text)
        return text
    }

    /// A slug, written, and returned: the item's id.
    private mutating func readSlug() throws(Declined) -> String {
        String(decoding: try copySlug(), as: UTF8.self)
    }

    /// An array of slugs, written, and returned: the ids a reference field lists.
    private mutating func readSlugs() throws(Declined) -> [String] {
        var slugs: [String] = []
        try readArray { reader throws(Declined) in
            // Room for a typical list at the first id: growing 1, 2, 4 was three allocations an
            // article (and nothing is allocated for an empty list).
            if slugs.capacity == 0 { slugs.reserveCapacity(4) }
            slugs.append(try reader.readSlug())
        }
        return slugs
    }

    /// The moment `text` names, as `Timestamp.parse` reads it; the store's own form without
    /// making a String.
    private static func timestamp(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        Timestamp.parseCanonical(text) ?? Timestamp.parse(String(decoding: text, as: UTF8.self))
    }

    /// A JSON number as the parser reads it: the same grammar, and the same `Double`.
    private mutating func readNumber() throws(Declined) -> Double {
        let start = position
        var end = position
        while end < input.count {
            switch input[end] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                end += 1
                continue
            default: break
            }
            break
        }
        guard end > start, case .number(let number)? = try? JSONParser.parse(bytes(start..<end))
        else { throw Declined() }
        position = end
        return number
    }

    /// Moves past `literal` when it is next.
    private mutating func readLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= input.count,
              UnsafeBufferPointer(start: literal.utf8Start, count: count).elementsEqual(input[position..<(position + count)])
        else { return false }
        position += count
        return true
    }

    /// Whether the value at `position` is `null`; moves past it when it is.
    private mutating func isNull() -> Bool {
        readLiteral("null")
    }

    /// Moves past an ignored value, which must still be valid JSON where it stands (one level
    /// down, so no deeper than the parser allows a whole item).
    private mutating func skipValue() throws(Declined) {
        let end: Int
        switch peek() {
        case UInt8(ascii: "\""):
            guard let string = JSONStringScan.stringEnd(in: input, from: position) else { throw Declined() }
            end = string.end
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard let container = JSONStringScan.containerEnd(in: input, from: position) else { throw Declined() }
            end = container
        default:
            // A literal or a number: up to the next delimiter.
            end = input[position...].firstIndex { [UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09].contains($0) }
                ?? input.count
        }
        guard (try? JSONParser.parse(bytes(position..<end), maxDepth: 63)) != nil else {
            throw Declined()
        }
        position = end
    }

    /// `input[range]`, for the parser.
    private func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[range]))
    }

    private mutating func expect(_ byte: UInt8) throws(Declined) {
        guard peek() == byte else { throw Declined() }
        position += 1
    }

    private func peek() -> UInt8? {
        position < input.count ? input[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }
}

extension ItemTranscoder {
    /// A resource schema as the transcoder walks it, built once per kind: names already quoted,
    /// nested objects numbered, reference fields counted.
    final class Plan: Sendable {
        indirect enum Shape: Sendable {
            case text, slug, url, date, dateTime, boolean
            case integer(minimum: Int?, maximum: Int?)
            case number(minimum: Double?)
            case enumeration([String])
            case array(Shape)
            /// An object: its index in `objects`.
            case object(Int)
        }

        /// One object's fields, in schema order, as arrays of plain values: copying a struct of
        /// them per field read (a dozen retains) was a tenth of reading an item. A class, so that
        /// taking one is a single retain.
        final class Object: Sendable {
            let count: Int
            /// Every field's name as `JSONWriter` writes it, `"name"`, one after another;
            /// field `i`'s is `quotedNames[quotedNameStarts[i]..<quotedNameStarts[i + 1]]`.
            let quotedNames: [UInt8]
            let quotedNameStarts: [Int]
            let shapes: [Shape]
            let isRequired: [Bool]
            let access: [FieldSpec.Access]
            /// For a top-level field listing ids of another kind: its position in the schema's `referenceFields`.
            let referenceIndex: [Int?]
            let requiredCount: Int
            /// The positions of `id` and `createdAt` (top level only).
            let idField: Int?
            let createdAtField: Int?

            init(count: Int, quotedNames: [UInt8], quotedNameStarts: [Int], shapes: [Shape], isRequired: [Bool],
                 access: [FieldSpec.Access], referenceIndex: [Int?], requiredCount: Int, idField: Int?, createdAtField: Int?) {
                self.count = count
                self.quotedNames = quotedNames
                self.quotedNameStarts = quotedNameStarts
                self.shapes = shapes
                self.isRequired = isRequired
                self.access = access
                self.referenceIndex = referenceIndex
                self.requiredCount = requiredCount
                self.idField = idField
                self.createdAtField = createdAtField
            }

            func quotedNameLength(_ field: Int) -> Int {
                quotedNameStarts[field + 1] - quotedNameStarts[field]
            }
        }

        /// The item's object first, then every nested object.
        let objects: [Object]

        init(_ schema: ResourceSchema) {
            var objects: [Object?] = []
            func object(_ specs: [FieldSpec], topLevel: Bool) -> Int {
                let index = objects.count
                objects.append(nil)
                var quotedNames: [UInt8] = []
                var quotedNameStarts: [Int] = []
                for spec in specs {
                    quotedNameStarts.append(quotedNames.count)
                    JSONWriter.writeString(spec.name, into: &quotedNames)
                }
                quotedNameStarts.append(quotedNames.count)
                objects[index] = Object(
                    count: specs.count, quotedNames: quotedNames, quotedNameStarts: quotedNameStarts,
                    shapes: specs.map { shape($0.type) }, isRequired: specs.map(\.isRequired), access: specs.map(\.access),
                    referenceIndex: specs.map { spec in topLevel ? schema.referenceFields.firstIndex { $0.name == spec.name } : nil },
                    requiredCount: specs.filter(\.isRequired).count,
                    idField: topLevel ? specs.firstIndex { $0.name == "id" } : nil,
                    createdAtField: topLevel ? specs.firstIndex { $0.name == "createdAt" } : nil)
                return index
            }
            func shape(_ type: FieldType) -> Shape {
                switch type {
                case .text: .text
                case .slug: .slug
                case .url: .url
                case .date: .date
                case .dateTime: .dateTime
                case .boolean: .boolean
                case .integer(let minimum, let maximum): .integer(minimum: minimum, maximum: maximum)
                case .number(let minimum): .number(minimum: minimum)
                case .enumeration(let values): .enumeration(values)
                case .array(let element): .array(shape(element))
                case .object(let members): .object(object(members, topLevel: false))
                }
            }
            _ = object(schema.fields, topLevel: true)
            let built = objects.compactMap { $0 }
            // Members seen are kept as bits of one word.
            precondition(built.allSatisfy { $0.count <= 64 }, "\(schema.kind): an object of more than 64 fields")
            // The stored bytes put server-managed and derived fields after every member read; a
            // schema that interleaved them could not be written in one pass.
            let access = schema.fieldAccess
            precondition(!zip(access, access.dropFirst()).contains { $0 != .writable && $1 == .writable },
                         "\(schema.kind): writable fields must come before server-managed and derived ones")
            // References are written as arrays of slugs: their ids are read back from those bytes.
            for (name, _) in schema.referenceFields {
                guard case .array(.slug)? = schema.field(named: name)?.type else {
                    preconditionFailure("\(schema.kind).\(name): a reference field must be an array of slugs")
                }
            }
            self.objects = built
        }

        private static let articles = Plan(ArticleSchema.schema)
        private static let officials = Plan(OfficialSchema.schema)
        private static let projects = Plan(ProjectSchema.schema)

        static func of(_ kind: ResourceKind) -> Plan {
            switch kind {
            case .articles: articles
            case .officials: officials
            case .projects: projects
            }
        }
    }
}
