import Foundation
import GazetteAPI
import GazetteHTTP
import Testing
import Yams

/// `openapi.yaml` against the code: routes, schemas, enumerations and the query vocabulary, and the
/// two routes that serve it.
@Suite("openapi.yaml: the contract matches the router, the schemas and the query language")
struct OpenAPITests {
    /// The top-level `openapi.yaml` as written (the bundled resource is checked against it below).
    static let yamlBytes: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../openapi.yaml").standardizedFileURL
        return (try? Data(contentsOf: url)).map(Array.init) ?? []
    }()

    /// The document as Yams loads it on its own (not through the server's conversion), parsed once.
    static let document: JSONValue = {
        let text = String(decoding: yamlBytes, as: UTF8.self)
        return (try? Yams.load(yaml: text)).flatMap(jsonValue) ?? .null
    }()

    static func schema(_ name: String) throws -> JSONObject {
        try #require(document["components"]?["schemas"]?[name]?.objectValue, "no schema \(name) in openapi.yaml")
    }

    static func handler() -> any HTTPHandler {
        APIRouter.make(store: GazetteStore(), configuration: APIConfiguration(token: "t"))
    }

    static func get(_ target: String, headers: HTTPHeaders = [:]) throws -> HTTPResponse {
        var all = headers
        all[.host] = "localhost"
        return handler().handle(try HTTPRequest(method: .get, target: target, headers: all))
    }

    // MARK: Routes

    @Test("every route of the router is in the spec, and every operation of the spec is a route")
    func routesMatch() throws {
        let paths = try #require(Self.document["paths"]?.objectValue)
        let methods: Set<String> = ["get", "put", "post", "patch", "delete", "head", "options", "trace"]
        var documented: Set<String> = []
        for (path, item) in paths {
            let operations = try #require(item.objectValue)
            for key in operations.keys where methods.contains(key) {
                documented.insert("\(key.uppercased()) \(path)")
            }
        }
        // HEAD and OPTIONS are answered for every route by the router itself.
        let routed = Set(APIRouter.routeList(store: GazetteStore()))
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(routed).sorted() == [], "operations in openapi.yaml that no route serves")
        #expect(routed.count == 33)
    }

    // MARK: Serving

    @Test("GET /openapi.yaml serves the top-level file byte for byte, with an ETag and 304")
    func servesYAML() throws {
        #expect(!Self.yamlBytes.isEmpty)
        let response = try Self.get("/openapi.yaml")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
        #expect(response.body == Self.yamlBytes, "the bundled openapi.yaml differs from the top-level one")
        let etag = try #require(response.headers[.eTag])
        let revalidated = try Self.get("/openapi.yaml", headers: [.ifNoneMatch: etag])
        #expect(revalidated.status == .notModified)
        #expect(revalidated.body.isEmpty)
    }

    @Test("GET /openapi.json is the same document as the YAML")
    func servesJSON() throws {
        let response = try Self.get("/openapi.json")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let served = try JSONParser.parse(response.body)
        #expect(served == Self.document)
        #expect(served["openapi"]?.stringValue == "3.1.0")
        let etag = try #require(response.headers[.eTag])
        #expect(try Self.get("/openapi.json", headers: [.ifNoneMatch: etag]).status == .notModified)
        #expect(try Self.get("/openapi.json").headers[.eTag] == etag)
    }

    @Test("both forms refuse query parameters with a 400 naming them", arguments: ["/openapi.yaml", "/openapi.json"])
    func refusesParameters(path: String) throws {
        let response = try Self.get(path + "?v=2")
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentType] == "application/problem+json")
        let problem = try JSONParser.parse(response.body)
        #expect(problem["errors"]?[0]?["name"]?.stringValue == "v")
    }

    /// A value of `Yams.load` as a `JSONValue` (objects compare whatever their member order); `nil`
    /// for a value JSON cannot hold.
    static func jsonValue(_ value: Any) -> JSONValue? {
        switch value {
        case is NSNull: return .null
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .number(Double(int))
        case let double as Double: return .number(double)
        case let string as String: return .string(string)
        case let array as [Any]:
            let elements = array.compactMap(jsonValue)
            return elements.count == array.count ? .array(elements) : nil
        case let object as [String: Any]:
            let members = object.compactMap { key, value in jsonValue(value).map { (key, $0) } }
            return members.count == object.count ? .object(JSONObject(members)) : nil
        default:
            return nil
        }
    }

    // MARK: Schemas

    @Test("enumerations in the spec are the Swift schemas' enumerations")
    func enumerationsMatch() throws {
        let expected: [String: [String]] = [
            "category": ProjectSchema.categories, "status": ProjectSchema.statuses, "level": OfficialSchema.levels,
        ]
        var seen: [String: Int] = [:]
        // Every property named category, status or level, in every schema (input forms add null).
        func walk(_ node: JSONValue) {
            switch node {
            case .object(let object):
                for (name, property) in object["properties"]?.objectValue ?? [:] {
                    guard let values = expected[name], let enumeration = property["enum"]?.arrayValue else { continue }
                    #expect(enumeration.compactMap(\.stringValue) == values, "enum of \(name)")
                    seen[name, default: 0] += 1
                }
                object.values.forEach(walk)
            case .array(let elements):
                elements.forEach(walk)
            default:
                break
            }
        }
        walk(Self.document)
        // Project, ProjectView, ProjectInput, ProjectPatch; Official likewise.
        #expect(seen == ["category": 4, "status": 4, "level": 4])
        let stats = try Self.schema("Stats")["properties"]
        #expect(stats?["projectsByStatus"]?["required"]?.arrayValue?.compactMap(\.stringValue) == ProjectSchema.statuses)
        #expect(stats?["projectsByCategory"]?["required"]?.arrayValue?.compactMap(\.stringValue) == ProjectSchema.categories)
    }

    /// The spec's forms of a resource, by suffix: served, as GET shapes it, POST/PUT body, merge patch.
    static let forms = ["", "View", "Input", "Patch"]

    @Test("every schema's properties are the Swift schema's fields", arguments: ResourceKind.allCases)
    func propertiesMatch(kind: ResourceKind) throws {
        let name = kind.singular.prefix(1).uppercased() + kind.singular.dropFirst()
        for form in Self.forms {
            let schema = try Self.schema(name + form)
            let embeds = form == "View" ? (kind == .articles ? ["officials", "projects"] : ["articles"]) : []
            try Self.checkObject(schema, fields: kind.schema.fields, form: form, extra: embeds, at: name + form)
        }
    }

    /// Compares an object schema with `fields`: names, required members, read-only members, and
    /// the nested objects, recursively.
    static func checkObject(_ schema: JSONObject, fields: [FieldSpec], form: String, extra: [String] = [], at place: String) throws {
        #expect(schema["additionalProperties"] == false, "\(place) must refuse unknown members")
        let properties = try #require(schema["properties"]?.objectValue, "\(place) has no properties")
        #expect(Set(properties.keys) == Set(fields.map(\.name) + extra), "members of \(place)")
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let expectedRequired: Set<String> = switch form {
        case "": Set(fields.filter { $0.isRequired || !$0.isWritable || $0.name == "id" }.map(\.name))
        case "Input": Set(fields.filter(\.isRequired).map(\.name))
        case "View": place.hasSuffix("View") && fields.contains { $0.name == "id" } ? ["id"] : []
        default: []
        }
        #expect(required == expectedRequired, "required members of \(place)")
        for field in fields {
            let property = try #require(properties[field.name]?.objectValue)
            if !field.isWritable {
                #expect(property["readOnly"] == true, "\(place).\(field.name) is read-only")
                continue
            }
            guard case .object(let members) = field.type.scalar else { continue }
            let nested = try Self.schema(try Self.referencedName(property, at: "\(place).\(field.name)"))
            let isArray = if case .array = field.type { true } else { false }
            // Array elements are replaced whole by a merge patch, so they keep the input form.
            let nestedForm = form == "Patch" && isArray ? "Input" : form
            try checkObject(nested, fields: members, form: nestedForm, at: "\(place).\(field.name)")
        }
    }

    /// The schema name a property refers to, through `items`, `anyOf` and `oneOf`.
    static func referencedName(_ property: JSONObject, at place: String) throws -> String {
        if let reference = property["$ref"]?.stringValue { return String(reference.split(separator: "/").last ?? "") }
        if let items = property["items"]?.objectValue { return try referencedName(items, at: place) }
        for key in ["anyOf", "oneOf"] {
            for branch in property[key]?.arrayValue ?? [] where branch["type"] != "null" {
                if let branch = branch.objectValue { return try referencedName(branch, at: place) }
            }
        }
        Issue.record("\(place) refers to no schema")
        return ""
    }

    // MARK: Query vocabulary

    /// The alternatives of the first group of a pattern like `^-?(a|b\.c)(,-?(a|b\.c))*$`.
    static func alternatives(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "("), let close = pattern[open...].firstIndex(of: ")") else { return [] }
        return pattern[pattern.index(after: open)..<close].split(separator: "|").map { $0.replacingOccurrences(of: "\\.", with: ".") }
    }

    @Test("_fields, _sort, _group_by and _agg list exactly the paths the query language takes", arguments: ResourceKind.allCases)
    func queryVocabularyMatches(kind: ResourceKind) throws {
        let name = kind.singular.prefix(1).uppercased() + kind.singular.dropFirst()
        let items = try #require(try Self.schema(name + "ItemsQuery")["properties"]?.objectValue)
        let groups = try #require(try Self.schema(name + "GroupsQuery")["properties"]?.objectValue)
        func pattern(_ properties: JSONObject, _ key: String) throws -> String {
            try #require(properties[key]?["pattern"]?.stringValue, "no \(key) pattern in \(name)")
        }

        var all: [String] = []
        var single: [String] = []
        var numbers: [String] = []
        var dates: [String] = []
        func walk(_ fields: [FieldSpec], prefix: String, crossesArray: Bool) {
            for field in fields {
                let path = prefix + field.name
                all.append(path)
                let isArray = if case .array = field.type { true } else { false }
                switch field.type.scalar {
                case .object(let members):
                    walk(members, prefix: path + ".", crossesArray: crossesArray || isArray)
                case .integer, .number:
                    numbers.append(path)
                    if !crossesArray && !isArray { single.append(path) }
                case .date, .dateTime:
                    dates.append(path)
                    if !crossesArray && !isArray { single.append(path) }
                default:
                    if !crossesArray && !isArray { single.append(path) }
                }
            }
        }
        walk(kind.schema.fields, prefix: "", crossesArray: false)

        #expect(Set(Self.alternatives(try pattern(items, "_fields"))) == Set(all))
        #expect(Set(Self.alternatives(try pattern(items, "_sort"))) == Set(single))
        let singleDates = single.filter(dates.contains)
        let groupKeys = try #require(groups["_group_by"]?["enum"]?.arrayValue).compactMap(\.stringValue)
        #expect(Set(groupKeys) == Set(single + singleDates.flatMap { [$0 + ":month", $0 + ":year"] }))
        let aggregates = ["sum", "avg"].flatMap { op in numbers.map { "\(op):\($0)" } }
            + ["min", "max"].flatMap { op in (numbers + dates).map { "\(op):\($0)" } }
        #expect(Set(Self.alternatives(try pattern(groups, "_agg"))) == Set(aggregates))
    }

    // MARK: Search terms and examples

    /// The ranges of a character class like `[\u0030-\u0039\u00AA𐀀-𐀋]`: `\u` escapes or the characters themselves.
    static func classRanges(_ pattern: String) -> [ClosedRange<UInt32>] {
        var scalars = Array(pattern.unicodeScalars.dropFirst().dropLast())
        var values: [(value: UInt32, startsRange: Bool)] = []
        while !scalars.isEmpty {
            if scalars[0] == "-", !values.isEmpty {
                values[values.count - 1].startsRange = true
                scalars.removeFirst()
                continue
            }
            if scalars[0] == "\\", scalars.count >= 6, scalars[1] == "u",
               let value = UInt32(String(String.UnicodeScalarView(scalars[2..<6])), radix: 16) {
                values.append((value, false))
                scalars.removeFirst(6)
            } else {
                values.append((scalars[0].value, false))
                scalars.removeFirst()
            }
        }
        var ranges: [ClosedRange<UInt32>] = []
        var index = 0
        while index < values.count {
            let next = values[index].startsRange && index + 1 < values.count
                ? values[index].value...values[index + 1].value : values[index].value...values[index].value
            index += values[index].startsRange ? 2 : 1
            // `\u0376\u0377` is a range of two written without a hyphen.
            if let last = ranges.last, last.upperBound + 1 == next.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound...next.upperBound
            } else {
                ranges.append(next)
            }
        }
        return ranges
    }

    // When folding changes, rebuild the class from the scalars `s` with `!TextFolding.words(String(s)).isEmpty`,
    // merged into ranges: `\uXXXX` in the Basic Multilingual Plane, the characters themselves beyond it.
    @Test("q's pattern is the set of characters that make a word after folding, edge to edge")
    func searchTermsMatchFolding() throws {
        let pattern = try #require(try Self.schema("SearchTerms")["pattern"]?.stringValue)
        let ranges = Self.classRanges(pattern)
        #expect(ranges.count > 100)
        func isWord(_ value: UInt32) -> Bool {
            guard let scalar = Unicode.Scalar(value) else { return false }
            return !TextFolding.words(String(Character(scalar))).isEmpty
        }
        for range in ranges {
            #expect(isWord(range.lowerBound) && isWord(range.upperBound), "\(range) starts or ends outside the words")
            #expect(!isWord(range.lowerBound - 1) && !isWord(range.upperBound + 1), "\(range) stops short of a word character")
            // A sample inside each range, so that a hole cannot hide between the edges.
            let middle = range.lowerBound + (range.upperBound - range.lowerBound) / 2
            #expect(isWord(middle), "U+\(String(middle, radix: 16)) inside \(range)")
        }
        #expect(isWord(0x110) && isWord(0x1EAD) && !isWord(0x5F) && !isWord(0x301) && !isWord(0x20))
    }

    @Test("the ids in the spec's examples are ids of the embedded dataset")
    func examplesUseSeedIDs() throws {
        let store = try GazetteStore(dataset: try #require(EmbeddedDataset.bytes()), source: "embedded")
        let parameters = try #require(Self.document["components"]?["parameters"]?.objectValue)
        for kind in ResourceKind.allCases {
            let name = kind.singular.prefix(1).uppercased() + kind.singular.dropFirst() + "ID"
            let example = try #require(parameters[name]?["example"]?.stringValue, "no example for \(name)")
            #expect(store.snapshot().item(kind, id: example) != nil, "\(name) example \(example) is not in the dataset")
        }
    }
}
