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
        guard let time = CivilTime(date) else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        let weekday = weekdays[((time.daysSinceEpoch % 7) + 7) % 7]
        let month = months[time.date.month - 1]
        guard time.hasFourDigitYear else {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(weekday), \(two(time.date.day)) \(month) \(time.date.year) "
                + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) GMT"
        }
        // Written into the string's own 29 bytes: interpolation cost about 5k instructions a
        // date, an array of bytes 3k; dates are formatted once per item loaded.
        return String(unsafeUninitializedCapacity: 29) { buffer in
            func put(_ text: StaticString, at offset: Int) {
                for index in 0..<text.utf8CodeUnitCount { buffer[offset + index] = text.utf8Start[index] }
            }
            put(weekday, at: 0)
            put(", ", at: 3)
            CivilTime.write(time.date.day, digits: 2, at: 5, into: buffer)
            buffer[7] = UInt8(ascii: " ")
            put(month, at: 8)
            buffer[11] = UInt8(ascii: " ")
            CivilTime.write(time.date.year, digits: 4, at: 12, into: buffer)
            buffer[16] = UInt8(ascii: " ")
            time.writeClock(at: 17, into: buffer)
            put(" GMT", at: 25)
            return 29
        }
    }
}
