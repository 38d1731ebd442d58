/// The bytes a connection has yet to send, in order. Heads and small bodies are copied into one
/// open buffer; a large body is queued as the array the handler built, so a 30 KB page is not
/// copied once more before the kernel copies it (5 % of a first page's CPU). Sends take the first
/// two pieces in one `sendmsg`: a head and its body.
struct OutboundQueue {
    /// Bodies from this size on are queued by reference.
    static let sharedBodyThreshold = 4_096
    /// The open buffer keeps its capacity up to this size between responses.
    static let keptCapacity = 256 * 1024

    /// Sealed pieces, oldest first; `open` follows them.
    private var pieces: [[UInt8]] = []
    private var open: [UInt8] = []
    /// Bytes already sent of the first piece (of `open` when there is no piece).
    private var sent = 0
    /// Bytes not yet sent.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Appends what `write` adds to the open buffer.
    mutating func write(_ write: (inout [UInt8]) -> Void) {
        // A head after a sealed buffer starts a new one: room for a typical head at once.
        if open.capacity == 0 { open.reserveCapacity(1_024) }
        let before = open.count
        write(&open)
        count += open.count - before
    }

    /// Appends `response`, framed as `HTTPResponseWriter` frames it.
    mutating func append(_ response: HTTPResponse, omitBody: Bool, persistence: HTTPResponseWriter.Persistence, date: [UInt8]) {
        var hasBody = false
        write { buffer in
            hasBody = HTTPResponseWriter.writeHead(response, omitBody: omitBody, persistence: persistence, date: date, into: &buffer)
        }
        guard hasBody else { return }
        if response.body.count < Self.sharedBodyThreshold {
            write { buffer in response.body.withUnsafeBufferPointer { buffer.append(contentsOf: $0) } }
            return
        }
        pieces.append(open)
        open = []
        pieces.append(response.body)
        count += response.body.count
    }

    /// Sends from the front with `send` (given the first unsent bytes and, when there are any,
    /// the next piece's), which returns how many bytes went; returns that too.
    mutating func send(
        _ send: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?) throws(SocketError) -> Int
    ) throws(SocketError) -> Int {
        guard count > 0 else { return 0 }
        let first = pieces.first ?? open
        let second: [UInt8]? = pieces.count > 1 ? pieces[1] : pieces.count == 1 && !open.isEmpty ? open : nil
        let offset = sent
        // `withUnsafeBytes` rethrows untyped errors: the typed one travels as a Result.
        func attempt(_ head: UnsafeRawBufferPointer, _ tail: UnsafeRawBufferPointer?) -> Result<Int, SocketError> {
            do throws(SocketError) { return .success(try send(head, tail)) } catch { return .failure(error) }
        }
        let result: Result<Int, SocketError> = first.withUnsafeBytes { head in
            let head = UnsafeRawBufferPointer(rebasing: head[offset...])
            guard let second else { return attempt(head, nil) }
            return second.withUnsafeBytes { tail in attempt(head, tail) }
        }
        let done = try result.get()
        consume(done)
        return done
    }

    /// Drops `sentNow` bytes from the front.
    private mutating func consume(_ sentNow: Int) {
        count -= sentNow
        var rest = sentNow
        while rest > 0, let first = pieces.first {
            let unsent = first.count - sent
            guard rest >= unsent else { break }
            pieces.removeFirst()
            rest -= unsent
            sent = 0
        }
        sent += rest
        if count == 0 {
            pieces = []
            open.removeAll(keepingCapacity: open.capacity <= Self.keptCapacity)
            sent = 0
        }
    }
}
