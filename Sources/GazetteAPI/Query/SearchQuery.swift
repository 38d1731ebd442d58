import Foundation
import GazetteHTTP

/// The parameters of `GET /search`: `q` (required), `type`, `_page`, `_per_page`, `_envelope`.
struct SearchQuery: Sendable {
    static let parameters = ["q", "type", "_page", "_per_page", "_envelope"]

    var fullText: FullTextQuery
    /// The resources searched, in `ResourceKind` order.
    var kinds: [ResourceKind] = ResourceKind.allCases
    var page = 1
    var perPage = Pagination.defaultPerPage
    var isEnveloped = false

    /// Reads `items`; every problem is collected into one `APIError.invalidQuery`.
    static func parse(_ items: [HTTPQueryItem]) throws(APIError) -> SearchQuery {
        var errors: [ProblemDetails.FieldError] = []
        func fail(_ name: String, _ detail: String) {
            errors.append(ProblemDetails.FieldError(in: "query", name: name, detail: detail))
        }
        var fullText: FullTextQuery?
        var kinds = ResourceKind.allCases
        var page = 1
        var perPage = Pagination.defaultPerPage
        var isEnveloped = false
        var given: Set<String> = []
        for item in items {
            let (name, value) = (item.name, item.value)
            guard parameters.contains(name) else {
                fail(name, "unknown parameter \"\(name)\"; /search takes \(parameters.joined(separator: ", "))")
                continue
            }
            guard given.insert(name).inserted else {
                fail(name, "\(name) is given more than once")
                continue
            }
            switch name {
            case "q":
                fullText = FullTextQuery(value)
            case "type":
                var chosen: Set<ResourceKind> = []
                for entry in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = entry.trimmingCharacters(in: .whitespaces)
                    guard let kind = ResourceKind.allCases.first(where: { $0.rawValue == text || $0.singular == text }) else {
                        fail(name, "type is a comma-separated list of articles, officials and projects; \"\(text)\" is not one")
                        continue
                    }
                    chosen.insert(kind)
                }
                kinds = ResourceKind.allCases.filter(chosen.contains)
            case "_page":
                if let number = QueryParser.pageNumber(value) { page = number } else {
                    fail(name, "_page is a page number from 1 to \(Pagination.maxPage), not \"\(value)\"")
                }
            case "_per_page":
                if let number = Int(value), (1...Pagination.maxPerPage).contains(number) { perPage = number } else {
                    fail(name, "_per_page is a number from 1 to \(Pagination.maxPerPage), not \"\(value)\"")
                }
            default:
                switch value {
                case "true": isEnveloped = true
                case "false": isEnveloped = false
                default: fail(name, "_envelope is true or false, not \"\(value)\"")
                }
            }
        }
        if fullText == nil {
            fail("q", given.contains("q") ? "q needs at least one word to search for" : "q is required: the words to search for")
        }
        guard errors.isEmpty, let fullText else { throw .invalidQuery(errors) }
        return SearchQuery(fullText: fullText, kinds: kinds, page: page, perPage: perPage, isEnveloped: isEnveloped)
    }
}
