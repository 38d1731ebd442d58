import Foundation
import GazetteHTTP

/// Builders for the API's JSON responses and the conditional-request rules they share.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    /// 200 with `bytes`, a strong ETag and Last-Modified; 304 when `If-None-Match` already has it.
    static func make(_ bytes: [UInt8], etag: String, modifiedAt: Date?, request: HTTPRequest,
                     status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        make(bytes, etag: etag, lastModified: modifiedAt.map(HTTPDate.format), request: request, status: status, headers: headers)
    }

    static func make(_ bytes: [UInt8], etag: String, lastModified: String?, request: HTTPRequest,
                     status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var fields = headers
        if fields.isEmpty {
            // Nothing to replace: appending skips a search of the fields per header.
            fields.add(.contentType, contentType)
            fields.add(.eTag, etag)
            if let lastModified { fields.add(.lastModified, lastModified) }
        } else {
            fields[.contentType] = contentType
            fields[.eTag] = etag
            if let lastModified { fields[.lastModified] = lastModified }
        }
        let response = HTTPResponse(status: status, headers: fields, body: bytes)
        if status == .ok, let ifNoneMatch = request.headers[.ifNoneMatch], ETag.matches(ifNoneMatch, etag: etag, weak: true) {
            // RFC 9110 §15.4.5: a 304 repeats the validators, without a body.
            var notModified = HTTPResponse(status: .notModified, headers: response.headers)
            notModified.headers[.contentType] = nil
            return notModified
        }
        return response
    }

    /// An item as stored: the cached bytes, its ETag and Last-Modified.
    static func item(_ item: StoredItem, request: HTTPRequest, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        make(item.json, etag: item.etag, lastModified: item.lastModified, request: request, status: status, headers: headers)
    }

    /// Any JSON value, encoded now, with a content-derived ETag.
    static func value(_ value: JSONValue, request: HTTPRequest, modifiedAt: Date? = nil) -> HTTPResponse {
        let bytes = JSONWriter.encode(value)
        return make(bytes, etag: ETag.make(bytes), modifiedAt: modifiedAt, request: request)
    }
}

/// `Last-Modified` dates (IMF-fixdate, RFC 9110 §5.6.7), computed without a `DateFormatter`
/// (which is neither cheap to make nor safe to share between threads).
enum HTTPDate {
    private static let weekdays: [StaticString] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let civil = CivilDate(daysSinceEpoch: days)
        guard (0...9999).contains(civil.year) else {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(weekdays[((days % 7) + 7) % 7]), \(two(civil.day)) \(months[civil.month - 1]) \(civil.year) "
                + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
        }
        // Written into the string's own 29 bytes: interpolation cost about 5k instructions a
        // date, an array of bytes 3k; dates are formatted once per item loaded.
        return String(unsafeUninitializedCapacity: 29) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            func put(_ text: StaticString, at offset: Int) {
                for index in 0..<text.utf8CodeUnitCount { buffer[offset + index] = text.utf8Start[index] }
            }
            put(weekdays[((days % 7) + 7) % 7], at: 0)
            put(", ", at: 3)
            put(civil.day, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: " ")
            put(months[civil.month - 1], at: 8)
            buffer[11] = UInt8(ascii: " ")
            put(civil.year, digits: 4, at: 12)
            buffer[16] = UInt8(ascii: " ")
            put(secondOfDay / 3600, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, digits: 2, at: 20)
            buffer[22] = UInt8(ascii: ":")
            put(secondOfDay % 60, digits: 2, at: 23)
            put(" GMT", at: 25)
            return 29
        }
    }
}
