import Foundation
import GazetteHTTP

/// Reads the query parameters of a list or item request into a `ListQuery`, typed from the schema.
/// Every problem is collected, and any problem fails the whole request with 400: each error names
/// the parameter as written.
enum QueryParser {
    typealias FieldError = ProblemDetails.FieldError

    /// The parameters that are not field conditions.
    static let listParameters = ["q", "_sort", "_page", "_per_page", "_envelope", "_fields", "_embed", "_group_by", "_agg"]
    /// The parameters a single item takes.
    static let itemParameters = ["_fields", "_embed"]
    /// Parameters that have no meaning for groups, and so are refused beside `_group_by` or `_agg`.
    static let itemShapingParameters = ["_page", "_per_page", "_sort", "_fields", "_embed", "_envelope"]

    /// The resources that `_embed` can put inside items of `kind`.
    static func embeddable(in kind: ResourceKind) -> [ResourceKind] {
        kind == .articles ? [.officials, .projects] : [.articles]
    }

    /// A `_page` value: an integer from 1 to `Pagination.maxPage`. Larger pages are refused: the
    /// envelope's `meta.page` must stay exact in any JSON reader (2^53 − 1).
    static func pageNumber(_ text: String) -> Int? {
        guard QueryOperand.isInteger(text), !text.hasPrefix("-"), let page = Int(text) else { return nil }
        return (1...Pagination.maxPage).contains(page) ? page : nil
    }

    /// Parses the query of a list of `kind` (`GET /articles?…`, nested lists included).
    static func parseList(_ items: [HTTPQueryItem], kind: ResourceKind) throws(APIError) -> ListQuery {
        var parser = Parser(kind: kind)
        for item in items {
            if item.name == "q" || item.name.hasPrefix("_") {
                parser.parseReserved(item)
            } else {
                parser.parseCondition(item)
            }
        }
        parser.checkGrouping()
        guard parser.errors.isEmpty else { throw .invalidQuery(parser.errors) }
        return parser.query
    }

    /// Parses the query of a single item (`GET /articles/{id}?…`): only `_fields` and `_embed`.
    static func parseItem(_ items: [HTTPQueryItem], kind: ResourceKind) throws(APIError) -> ListQuery {
        var parser = Parser(kind: kind)
        for item in items {
            if itemParameters.contains(item.name) {
                parser.parseReserved(item)
            } else if listParameters.contains(item.name) {
                parser.fail(item.name, "\(item.name) applies to lists; a single item takes only _fields and _embed")
            } else {
                parser.fail(item.name, "unknown parameter \"\(item.name)\": a single item takes only _fields and _embed")
            }
        }
        guard parser.errors.isEmpty else { throw .invalidQuery(parser.errors) }
        return parser.query
    }

    private struct Parser {
        let kind: ResourceKind
        var query = ListQuery()
        var errors: [FieldError] = []
        /// Reserved parameters given so far.
        var given: Set<String> = []
        /// Position in `query.conditions` of the equality on each path, to merge repeats into `in`.
        var equalityIndex: [String: Int] = [:]
        var groupKeys: [Grouping.Key] = []
        var aggregates: [Grouping.Aggregate] = []

        var schema: ResourceSchema { kind.schema }

        init(kind: ResourceKind) {
            self.kind = kind
        }

        mutating func fail(_ parameter: String, _ detail: String) {
            errors.append(FieldError(in: "query", name: parameter, detail: detail))
        }

        // MARK: Conditions

        mutating func parseCondition(_ item: HTTPQueryItem) {
            let name = item.name
            let fieldText: Substring
            var op = QueryOperator.eq
            if let colon = name.firstIndex(of: ":") {
                fieldText = name[..<colon]
                let opText = String(name[name.index(after: colon)...])
                guard let parsed = QueryOperator(rawValue: opText) else {
                    if FieldPath.resolve(fieldText, in: schema) == nil {
                        fail(name, unknownField(fieldText))
                    } else {
                        fail(name, "unknown operator \"\(opText)\"; operators are \(QueryOperator.names)")
                    }
                    return
                }
                op = parsed
            } else {
                fieldText = Substring(name)
            }
            guard let path = FieldPath.resolve(fieldText, in: schema) else {
                let hint = QueryParser.listParameters.contains("_" + name) ? " (did you mean _\(name)?)" : ""
                fail(name, unknownField(fieldText) + hint)
                return
            }
            var operands: [QueryOperand] = []
            do throws(QueryOperand.Invalid) {
                if op.takesList {
                    let pieces = item.value.split(separator: ",", omittingEmptySubsequences: false)
                    guard !pieces.contains(where: \.isEmpty) else {
                        fail(name, "\(op.rawValue) takes a comma-separated list of values, none of them empty")
                        return
                    }
                    for piece in pieces { operands.append(try QueryOperand.make(String(piece), for: path, op: op)) }
                } else {
                    operands.append(try QueryOperand.make(item.value, for: path, op: op))
                }
            } catch {
                fail(name, error.detail)
                return
            }
            if op == .eq, let index = equalityIndex[path.name] {
                // `status=a&status=b` means `status:in=a,b`.
                let first = query.conditions[index]
                query.conditions[index] = QueryCondition(
                    path: path, op: .in, operands: first.operands + operands, parameter: first.parameter)
                return
            }
            if op == .eq { equalityIndex[path.name] = query.conditions.count }
            query.conditions.append(QueryCondition(path: path, op: op, operands: operands, parameter: name))
        }

        func unknownField(_ text: some StringProtocol) -> String {
            "unknown field \"\(text)\"; \(kind.rawValue) have \(schema.leafPaths.joined(separator: ", "))"
        }

        // MARK: Reserved parameters

        mutating func parseReserved(_ item: HTTPQueryItem) {
            let name = item.name
            guard QueryParser.listParameters.contains(name) else {
                fail(name, "unknown parameter \"\(name)\"; parameters starting with _ are \(QueryParser.listParameters.dropFirst().joined(separator: ", "))")
                return
            }
            guard given.insert(name).inserted else {
                fail(name, "\(name) is given more than once")
                return
            }
            let value = item.value
            switch name {
            case "q":
                guard let fullText = FullTextQuery(value) else {
                    fail(name, "q needs at least one word to search for")
                    return
                }
                query.fullText = fullText
            case "_sort":
                parseSort(value, parameter: name)
            case "_page":
                guard let page = QueryParser.pageNumber(value) else {
                    fail(name, "_page is a page number from 1 to \(Pagination.maxPage), not \"\(value)\"")
                    return
                }
                query.page = page
            case "_per_page":
                guard let perPage = Int(value), (1...Pagination.maxPerPage).contains(perPage) else {
                    fail(name, "_per_page is a number from 1 to \(Pagination.maxPerPage), not \"\(value)\"")
                    return
                }
                query.perPage = perPage
            case "_envelope":
                switch value {
                case "true": query.isEnveloped = true
                case "false": query.isEnveloped = false
                default: fail(name, "_envelope is true or false, not \"\(value)\"")
                }
            case "_fields":
                parseFields(value, parameter: name)
            case "_embed":
                parseEmbeds(value, parameter: name)
            case "_group_by":
                parseGroupBy(value, parameter: name)
            default:
                parseAggregates(value, parameter: name)
            }
        }

        /// The comma-separated entries of `value`, trimmed; a failure when one is empty.
        mutating func list(_ value: String, parameter: String, what: String) -> [String]? {
            // Spaces around entries are allowed: `_fields=id, title` (and `+title` decodes to " title").
            let entries = value.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !entries.contains(where: \.isEmpty) else {
                fail(parameter, "\(parameter) takes a comma-separated list of \(what), none of them empty")
                return nil
            }
            return entries
        }

        mutating func parseSort(_ value: String, parameter: String) {
            guard let entries = list(value, parameter: parameter, what: "fields") else { return }
            for entry in entries {
                let isDescending = entry.hasPrefix("-")
                let fieldText = isDescending ? String(entry.dropFirst()) : entry
                guard let path = FieldPath.resolve(fieldText, in: schema) else {
                    fail(parameter, unknownField(fieldText))
                    continue
                }
                guard !path.isMultiValued, !path.endsAtObject else {
                    fail(parameter, "cannot sort by \(path.name): it holds \(path.endsAtObject ? "an object" : "several values"); sort by a single-valued field")
                    continue
                }
                query.sort.append(SortKey(path: path, isDescending: isDescending))
            }
        }

        mutating func parseFields(_ value: String, parameter: String) {
            guard let entries = list(value, parameter: parameter, what: "fields") else { return }
            var paths: [FieldPath] = []
            for entry in entries {
                guard let path = FieldPath.resolve(entry, in: schema) else {
                    fail(parameter, unknownField(entry))
                    continue
                }
                paths.append(path)
            }
            query.selection = FieldSelection(paths)
        }

        mutating func parseEmbeds(_ value: String, parameter: String) {
            guard let entries = list(value, parameter: parameter, what: "resources") else { return }
            let allowed = QueryParser.embeddable(in: kind)
            for entry in entries {
                guard let target = ResourceKind(rawValue: entry), allowed.contains(target) else {
                    fail(parameter, "\(kind.rawValue) can embed \(allowed.map(\.rawValue).joined(separator: " or ")), not \"\(entry)\"")
                    continue
                }
                if !query.embeds.contains(target) { query.embeds.append(target) }
            }
        }

        mutating func parseGroupBy(_ value: String, parameter: String) {
            guard let entries = list(value, parameter: parameter, what: "fields") else { return }
            for entry in entries {
                let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let path = FieldPath.resolve(parts[0], in: schema) else {
                    fail(parameter, unknownField(parts[0]))
                    continue
                }
                guard !path.isMultiValued, !path.endsAtObject else {
                    fail(parameter, "cannot group by \(path.name): it holds \(path.endsAtObject ? "an object" : "several values"); group by a single-valued field")
                    continue
                }
                var bucket: Grouping.Key.Bucket?
                if parts.count == 2 {
                    guard let parsed = Grouping.Key.Bucket(rawValue: String(parts[1])) else {
                        fail(parameter, "unknown date bucket \"\(parts[1])\" in \(entry); use :month or :year")
                        continue
                    }
                    switch path.valueType {
                    case .date, .dateTime: bucket = parsed
                    default:
                        fail(parameter, ":\(parsed.rawValue) buckets dates, and \(path.name) is \(QueryOperand.kindName(path.valueType))")
                        continue
                    }
                }
                guard !groupKeys.contains(where: { $0.name == path.name }) else {
                    fail(parameter, "\(path.name) is listed more than once")
                    continue
                }
                groupKeys.append(Grouping.Key(path: path, bucket: bucket))
            }
        }

        mutating func parseAggregates(_ value: String, parameter: String) {
            guard let entries = list(value, parameter: parameter, what: "operation:field pairs") else { return }
            let operations = Grouping.Aggregate.Operation.allCases.map(\.rawValue).joined(separator: ", ")
            for entry in entries {
                let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let operation = Grouping.Aggregate.Operation(rawValue: String(parts[0])) else {
                    fail(parameter, "\"\(entry)\" is not operation:field; operations are \(operations) (e.g. sum:areaHa)")
                    continue
                }
                guard let path = FieldPath.resolve(parts[1], in: schema) else {
                    fail(parameter, unknownField(parts[1]))
                    continue
                }
                switch path.valueType {
                case .integer, .number: break
                case .date where !operation.isArithmetic, .dateTime where !operation.isArithmetic: break
                default:
                    fail(parameter, "\(operation.rawValue) needs \(operation.isArithmetic ? "numbers" : "numbers or dates"), and \(path.name) is \(QueryOperand.kindName(path.valueType))")
                    continue
                }
                if !aggregates.contains(where: { $0.operation == operation && $0.path.name == path.name }) {
                    aggregates.append(Grouping.Aggregate(operation: operation, path: path))
                }
            }
        }

        /// Groups are not items: the parameters that shape items are refused beside them.
        mutating func checkGrouping() {
            guard given.contains("_group_by") || given.contains("_agg") else { return }
            for name in QueryParser.itemShapingParameters where given.contains(name) {
                fail(name, "\(name) does not apply to _group_by or _agg, which return every group at once")
            }
            query.grouping = Grouping(keys: groupKeys, aggregates: aggregates)
        }
    }
}
