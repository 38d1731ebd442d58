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
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        // Written as bytes: string interpolation cost about 5k instructions a date, once per item
        // loaded and once per list response.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        bytes += weekdays[((days % 7) + 7) % 7].utf8
        bytes += ", ".utf8
        appendTwoDigits(date.day, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes += months[date.month - 1].utf8
        bytes.append(UInt8(ascii: " "))
        bytes += String(date.year).utf8
        bytes.append(UInt8(ascii: " "))
        appendTwoDigits(secondOfDay / 3600, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay / 60 % 60, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60, to: &bytes)
        bytes += " GMT".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
