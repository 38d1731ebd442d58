import GazetteHTTP

/// One page of a result: which slice `_page` and `_per_page` select, and the `X-Total-Count`,
/// `Link` headers and envelope that describe it.
///
/// An empty result has one (empty) page; a page past the end is empty and keeps its links.
struct Pagination: Sendable, Equatable {
    static let defaultPerPage = 20
    static let maxPerPage = 100
    /// The largest `_page`: 2^53 − 1, the largest integer every JSON reader keeps exactly.
    static let maxPage = 9_007_199_254_740_991
    static let totalCountHeader: HTTPHeaderName = "X-Total-Count"

    /// From 1.
    let page: Int
    /// From 1 to ``maxPerPage``.
    let perPage: Int
    /// Items in the whole result.
    let total: Int

    /// Pages in the result, at least 1.
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    /// The positions of this page's items in the result (empty past the end).
    var range: Range<Int> {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !overflow, start < total else { return total..<total }
        return start..<min(total, start + perPage)
    }

    /// The previous page; past the end, the last page.
    var previousPage: Int? { page > 1 ? min(page - 1, pageCount) : nil }
    var nextPage: Int? { page < pageCount ? page + 1 : nil }

    /// `first`, `prev`, `next`, `last` with their URLs (`nil` when there is no such page).
    func links(path: String, rawQuery: String?) -> [(rel: String, url: String?)] {
        let template = PageURL(path: path, rawQuery: rawQuery)
        let pages: [(String, Int?)] = [("first", 1), ("prev", previousPage), ("next", nextPage), ("last", pageCount)]
        return pages.map { rel, page in (rel, page.map(template.url)) }
    }

    /// `X-Total-Count` and an RFC 8288 `Link` header: `</articles?_page=2>; rel="next", …`. The
    /// query is split and escaped once for the four links (it was 10 % of a first page's CPU).
    func headers(path: String, rawQuery: String?) -> HTTPHeaders {
        let template = PageURL(path: path, rawQuery: rawQuery)
        // Bytes, made a String once: appending to a String cost 17k instructions a first page,
        // a quarter of serving it.
        var link: [UInt8] = []
        link.reserveCapacity(4 * (template.head.utf8.count + template.tail.utf8.count + 32))
        for (rel, page) in [("first", 1), ("prev", previousPage), ("next", nextPage), ("last", pageCount)] {
            guard let page else { continue }
            if !link.isEmpty { link += ", ".utf8 }
            link.append(UInt8(ascii: "<"))
            link += template.head.utf8
            link += "_page=".utf8
            link += String(page).utf8
            link += template.tail.utf8
            link += ">; rel=\"".utf8
            link += rel.utf8
            link.append(UInt8(ascii: "\""))
        }
        return [Self.totalCountHeader: String(total), .link: String(decoding: link, as: UTF8.self)]
    }

    /// A page's URL around its `_page` parameter: the request's path and query escaped once.
    private struct PageURL {
        /// Up to `_page=` (the escaped path, `?`, and the parameters before it with their `&`).
        let head: String
        /// After the page number (`&` and the parameters after it), or empty.
        let tail: String

        init(path: String, rawQuery: String?) {
            var before: [String] = []
            var after: [String] = []
            var replaced = false
            for piece in (rawQuery ?? "").split(separator: "&") {
                let name = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if Pagination.percentDecoded(name) == "_page" {
                    // A repeated `_page` is refused before links are made; keep the first place anyway.
                    replaced = true
                } else if replaced {
                    after.append(Pagination.escapedForLink(piece))
                } else {
                    before.append(Pagination.escapedForLink(piece))
                }
            }
            head = Pagination.escapedForLink(Substring(path)) + "?" + before.map { $0 + "&" }.joined()
            tail = after.map { "&" + $0 }.joined()
        }

        func url(_ page: Int) -> String {
            head + "_page=" + String(page) + tail
        }
    }

    /// `{"data":<data>,"meta":{"total","page","perPage","pages"},"links":{"first","prev","next","last"}}`
    /// around `data`, the already encoded JSON array.
    func envelope(_ data: [UInt8], path: String, rawQuery: String?) -> [UInt8] {
        let meta: JSONValue = [
            "total": .number(Double(total)), "page": .number(Double(page)),
            "perPage": .number(Double(perPage)), "pages": .number(Double(pageCount)),
        ]
        let links = JSONObject(links(path: path, rawQuery: rawQuery).map { rel, url in (rel, url.map(JSONValue.string) ?? .null) })
        var body: [UInt8] = []
        body.reserveCapacity(data.count + 300)
        body.append(contentsOf: #"{"data":"#.utf8)
        body.append(contentsOf: data)
        body.append(contentsOf: #","meta":"#.utf8)
        JSONWriter.write(meta, into: &body)
        body.append(contentsOf: #","links":"#.utf8)
        JSONWriter.write(.object(links), into: &body)
        body.append(UInt8(ascii: "}"))
        return body
    }

    /// The request's path and query with `_page` set to `page` (in place, or appended): the other
    /// parameters stay as the client wrote them.
    static func url(path: String, rawQuery: String?, page: Int) -> String {
        PageURL(path: path, rawQuery: rawQuery).url(page)
    }

    /// The characters a request target may carry but a `<URI-reference>` in `Link` may not:
    /// `<>"\^`{|}` and space. A switch, not a `Set`: this runs on every byte of four links per page.
    private static func isUnsafeInLink(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: true
        default: false
        }
    }

    fileprivate static func escapedForLink(_ text: Substring) -> String {
        guard text.utf8.contains(where: isUnsafeInLink) else { return String(text) }
        var escaped = ""
        for byte in text.utf8 {
            if isUnsafeInLink(byte) {
                let hex = String(byte, radix: 16, uppercase: true)
                escaped += "%" + (hex.count < 2 ? "0" : "") + hex
            } else {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return escaped
    }

    /// `%5Fpage` → `_page`; `+` is a space. (The server has already checked the escapes.)
    fileprivate static func percentDecoded(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) || text.utf8.contains(UInt8(ascii: "+")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
