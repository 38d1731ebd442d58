import Foundation
import GazetteHTTP

/// GET on lists and items. (Placeholder: the query language replaces this.)
public enum ListResponder {
    public static func respond(to request: HTTPRequest, kind: ResourceKind, items: [StoredItem], snapshot: StoreSnapshot) throws(APIError) -> HTTPResponse {
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: item.json)
        }
        body.append(UInt8(ascii: "]"))
        return JSONResponse.make(body, etag: ETag.make(body), modifiedAt: snapshot.modifiedAt(kind), request: request,
                                 headers: [HTTPHeaderName("X-Total-Count"): String(items.count)])
    }

    public static func respond(to request: HTTPRequest, item: StoredItem, kind: ResourceKind, snapshot: StoreSnapshot) throws(APIError) -> HTTPResponse {
        JSONResponse.item(item, request: request)
    }
}
