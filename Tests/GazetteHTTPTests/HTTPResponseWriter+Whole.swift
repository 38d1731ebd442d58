@testable import GazetteHTTP

extension HTTPResponseWriter {
    /// The whole response in one buffer, head then body: the bytes `OutboundQueue` must send.
    static func write(_ response: HTTPResponse, omitBody: Bool, persistence: Persistence, date: [UInt8], into buffer: inout [UInt8]) {
        if writeHead(response, omitBody: omitBody, persistence: persistence, date: date, into: &buffer) {
            buffer.append(contentsOf: response.body)
        }
    }
}
